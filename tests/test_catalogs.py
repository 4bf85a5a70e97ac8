"""The catalogs: every word a template or the code prints is translated in every shipped
language, and the message template is what the templates and the code hold today."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from advocacy.authoring.extract import POT, messages, pot_text
from advocacy.i18n.catalogs import DOMAIN, languages, po_path, translate

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def test_the_message_template_is_current() -> None:
    assert POT.read_text(encoding="utf-8") == pot_text(), (
        "a message was added, changed or removed: run `.venv/bin/python -m advocacy.authoring.extract` "
        "(make catalogs), then translate what is new in each advocacy/i18n/locales/*/.../advocacy.po"
    )


def test_messages_come_from_html_word_templates_kind_labels_and_python() -> None:
    found = {(name.rsplit(".", 1)[-1], message) for name, _line, message in messages()}
    assert ("html", "What is happening now") in found
    assert ("docx", "Law and article") in found
    assert ("toml", "Case summary") in found
    assert ("py", "around %(date)s") in found


def test_en_kk_and_ru_ship() -> None:
    assert set(languages()) >= {"en", "kk", "ru"}


@pytest.mark.parametrize("lang", languages())
def test_every_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    with POT.open("rb") as file:
        wanted = {message.id for message in read_po(file) if message.id}
    with po_path(lang).open("rb") as file:
        catalog = read_po(file, locale=lang, domain=DOMAIN)
    have = {message.id: message for message in catalog if message.id}
    assert sorted(wanted - set(have)) == [], f"{lang}: messages missing from the catalog"
    untranslated = [
        message_id
        for message_id in sorted(wanted, key=str)
        if not have[message_id].string or have[message_id].fuzzy
    ]
    assert untranslated == [], f"{lang}: no translation for these"
    for message_id in wanted:
        assert isinstance(message_id, str)
        string = have[message_id].string
        assert isinstance(string, str)
        assert sorted(PLACEHOLDER.findall(string)) == sorted(PLACEHOLDER.findall(message_id)), (
            lang,
            message_id,
        )


def test_a_translation_is_used_and_a_message_the_catalog_lacks_stays_as_written() -> None:
    assert translate("ru", "around %(date)s", date="мая 2025 г.") == "около мая 2025 г."
    assert translate("kk", "Date unknown") == "Күні белгісіз"
    assert translate("ru", "A message of a user's own template") == (
        "A message of a user's own template"
    )
