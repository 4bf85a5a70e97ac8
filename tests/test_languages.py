"""Documents in several languages: the letter in Russian, Kazakh template words, fact texts per
language, and what happens when a text lacks the document's language."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from advocacy.documents.document import document
from advocacy.documents.options import options
from advocacy.facts.load import LoadedCase, load_case
from advocacy.facts.markup import plain
from advocacy.facts.models.text import translation
from advocacy.formats.pipeline import render
from tests.conftest import BUNDLED, TINY, Render, Result, Runner, tiny_case
from tests.extract import docx_text, in_order, normalise, pdf_text, sentences, without_figure

STEM = "appeal-fld-2025-08-05"
LETTERHEAD = "letterheads/front-line-defenders.yaml"
RU_FOOTER = re.compile(r"Страница \d+ из \d+")
KK_FOOTER = re.compile(r"Бет \d+ / \d+")


def _ru(text: str) -> str:
    found = translation(text, "ru", "en")
    assert found is not None
    return found


def _en(text: str) -> str:
    found = translation(text, "en", "en")
    assert found is not None
    return found


def _pdf(path: Path) -> str:
    """The PDF's text; a word with a hyphen at a line's end (онлайн-|платформ) read whole."""
    return re.sub(r"(?<=\w)-\n(?=\w)", "-", pdf_text(path))


@pytest.fixture(scope="module")
def russian(bundled_render: Render) -> Path:
    """The bundled appeal in Russian, both formats, rendered once by the real command."""
    return bundled_render("appeal", "--lang", "ru")


@pytest.fixture(scope="module")
def kazakh(bundled_render: Render) -> Path:
    """The bundled appeal with Kazakh template words and English facts (--fallback)."""
    return bundled_render("appeal", "--lang", "kk", "--fallback")


def test_the_russian_letter_reads_in_russian_in_the_letters_order(
    russian: Path, bundled: LoadedCase
) -> None:
    appeal = bundled.case.appeal()
    ru = {name: _ru(getattr(appeal, name)) for name in ("title", "lead", "concern")}
    demands = [_ru(demand.text) for demand in appeal.demands]
    parts = ["Front Line Defenders", "5 августа 2025 г.", ru["title"], plain(ru["lead"])]
    parts += ["Бақытжан Төреғожина — известная казахстанская правозащитница"]
    parts += [plain(_ru(appeal.paragraphs[0].text)), plain(ru["concern"])]
    parts += ["Front Line Defenders призывает власти страны Казахстан:"]
    for number, demand in enumerate(demands, 1):
        parts += [f"{number}.", plain(demand)]
    parts += ["Совет директоров Front Line Defenders", "Компания № 593190"]
    for path in (russian / f"{STEM}.pdf", russian / f"{STEM}.docx"):
        text = _pdf(path) if path.suffix == ".pdf" else docx_text(path)
        assert in_order(text, parts) == [], path.name
        # Not a word of the English letter's own is left.
        for english in ("urges the authorities", "Page ", "phone", "Board of Directors", "Company"):
            assert english not in text, (path.name, english)


def test_russian_pages_are_numbered_in_russian_and_the_metadata_too(russian: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(russian / f"{STEM}.pdf")
    count = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        assert f"Страница {number} из {count}" in (page.extract_text() or "")
    info = reader.metadata
    assert info is not None and info.subject is not None
    assert info.subject.startswith("Срочное обращение от 2025-08-05: Казахстан: правозащитница")
    assert "срочное обращение, правозащитники, Казахстан" in str(info.get("/Keywords"))


def test_russian_pdf_and_docx_say_the_same_sentences(russian: Path) -> None:
    pdf = RU_FOOTER.sub(" ", _pdf(russian / f"{STEM}.pdf"))
    assert sentences(pdf) == sentences(docx_text(russian / f"{STEM}.docx"))


def test_kazakh_template_words_and_dates_with_english_facts(
    kazakh: Path, bundled: LoadedCase
) -> None:
    appeal = bundled.case.appeal()
    parts = ["2025 ж. 5 тамыз", _en(appeal.title), plain(_en(appeal.lead))]
    parts += ["Front Line Defenders Қазақстан билігін мыналарға шақырады:"]
    pdf = _pdf(kazakh / f"{STEM}.pdf")
    assert in_order(pdf, parts) == []
    assert KK_FOOTER.search(pdf)
    docx = docx_text(kazakh / f"{STEM}.docx")
    assert in_order(docx, parts) == []
    assert sentences(KK_FOOTER.sub(" ", pdf)) == sentences(docx)


def test_a_language_the_facts_lack_fails_listing_every_field_with_its_place(
    tmp_path: Path, run: Runner
) -> None:
    result = run("render", "appeal", BUNDLED, "--lang", "kk", "-f", "docx", "-o", tmp_path)
    assert result.code == 1
    assert result.out == ""
    assert list(tmp_path.iterdir()) == []
    lines = result.err.splitlines()
    assert all("Traceback" not in line for line in lines)
    letterhead = BUNDLED.parent / "letterheads" / "front-line-defenders.yaml"
    places: dict[str, tuple[str, int]] = {}
    for line in lines:
        match = re.match(
            r"^(.+?):(\d+):(\d+): (\S+): no text in 'kk', the document's language", line
        )
        assert match, line
        places[match[4]] = (match[1], int(match[2]))
    printed = ["people[0].profile", "appeals[0].title", "appeals[0].lead", "appeals[0].concern"]
    printed += [f"appeals[0].paragraphs[{i}].text" for i in range(4)]
    printed += [f"appeals[0].demands[{i}]" for i in range(4)]
    printed += ["boards[0].title", "boards[1].title", "legal[0]", "legal[1]"]
    assert sorted(places) == sorted(printed)
    # Only what the letter prints: not the background, the events, nor the offices.
    case_lines = BUNDLED.read_text(encoding="utf-8").splitlines()
    for where, key in (("appeals[0].lead", "lead:"), ("people[0].profile", "profile:")):
        file, number = places[where]
        assert file == str(BUNDLED)
        assert case_lines[number - 1].strip() == key
    assert places["boards[0].title"][0] == str(letterhead)
    assert "give it as {en: ..., kk: ...}, or render with --fallback" in result.err


def test_fallback_says_on_stderr_which_texts_stand_in_the_case_language(
    tmp_path: Path, run: Runner
) -> None:
    result = run(
        "render", "appeal", BUNDLED, "--lang", "kk", "--fallback", "-f", "docx", "-o", tmp_path
    )
    assert result.code == 0, result.err
    assert result.out == f"{tmp_path / STEM}.docx\n"
    warnings = [line for line in result.err.splitlines() if "warning:" in line]
    assert len(warnings) == 16
    assert any(
        re.match(
            r".+\.yaml:\d+:\d+: appeals\[0\]\.lead: warning: no text in 'kk': printed in 'en'", w
        )
        for w in warnings
    )


def test_fallback_warnings_are_placed_from_the_files_as_loaded_never_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is read once, by load_case: the texts a document lacks are placed from that
    reading, though the files change or go away before it is rendered."""
    shutil.copytree(BUNDLED.parent, tmp_path / "facts", ignore=shutil.ignore_patterns("*.json"))
    case = tmp_path / "facts" / BUNDLED.name
    loaded = load_case(case)
    kazakh = options(lang="kk", fallback=True)
    first = render(document(loaded, "appeal", kazakh), tmp_path / "first", ["docx"]).warnings
    assert len(first) == 16
    assert {p.file for p in first} == {str(case), str(case.parent / LETTERHEAD)}

    case.write_text("\n\n\n" + case.read_text(encoding="utf-8"), encoding="utf-8")
    (case.parent / LETTERHEAD).unlink()

    def no_second_read(path: Path) -> bytes:
        raise AssertionError(f"{path} read again after loading")

    monkeypatch.setattr("advocacy.facts.reader._read_bytes", no_second_read)
    again = render(document(loaded, "appeal", kazakh), tmp_path / "again", ["docx"]).warnings
    assert again == first


def test_the_russian_letter_needs_no_fallback_and_says_it_is_unreviewed(
    tmp_path: Path, run: Runner
) -> None:
    result = run("render", "appeal", BUNDLED, "--lang", "ru", "-f", "docx", "-o", tmp_path)
    assert result.code == 0
    assert result.err == (f"note: the 'ru' texts of {BUNDLED} are an unreviewed translation\n")
    validated = run("validate", BUNDLED)
    assert validated.out.rstrip().endswith("; ru translation not reviewed")


def test_a_language_without_a_catalog_is_wrong_usage(tmp_path: Path, run: Runner) -> None:
    result = run("render", "appeal", BUNDLED, "--lang", "fr", "-o", tmp_path)
    assert result.code == 2
    assert result.err == (
        "error: no catalog for the language 'fr': documents can be written in en, kk, ru "
        "(README: 'Adding a language')\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_region_tag_uses_its_languages_catalog(tmp_path: Path, run: Runner) -> None:
    result = run("render", "appeal", BUNDLED, "--lang", "ru-KZ", "-f", "docx", "-o", tmp_path)
    assert result.code == 0, result.err
    assert "Front Line Defenders призывает власти страны Казахстан:" in docx_text(
        tmp_path / f"{STEM}.docx"
    )


def test_case_documents_in_russian_with_fallback(tmp_path: Path, run: Runner) -> None:
    for kind, fmt in (("summary", "pdf"), ("summary", "docx"), ("chronology", "docx")):
        result = run(
            "render", kind, BUNDLED, "--lang", "ru", "--fallback", "-f", fmt, "-o", tmp_path
        )
        assert result.code == 0, result.err
    summary = normalise(pdf_text(tmp_path / "summary.pdf"))
    for words in (
        "Справка по делу: Bakhytzhan Toregozhina",
        "Казахстан. По состоянию на 20 августа 2025 г.",
        "Дата рождения 23 марта 1962 г. (возраст на 20 августа 2025 г.: 63)",
        "Гражданство Казахстан",
        "Закон и статья Суд Решение Наказание Обжалование",
        "Источники расходятся:",
        "78 640 KZT",
        "около 78 000 KZT",
        "Требования обращения от 5 августа 2025 г.",
        "Немедленно и безоговорочно прекратить",
        "Дата обращения: 12 марта 2023 г. ",
    ):
        assert words in summary, words
    # The PDF and the DOCX say the same, the figure's labels apart.
    figure = re.compile(r"^.*, по (годам|дням)$", re.MULTILINE)
    pdf = RU_FOOTER.sub(" ", without_figure(_pdf(tmp_path / "summary.pdf"), figure, "период"))
    assert sentences(pdf) == sentences(docx_text(tmp_path / "summary.docx"))
    chronology = normalise(docx_text(tmp_path / "chronology.docx"))
    for words in (
        "Хронология: Bakhytzhan Toregozhina По состоянию на 20 августа 2025 г.",
        "Рисунок 1. Шкала событий Дата Место Что произошло Источники",
        "2005 (не подтверждено)",
        "Предположительно:",
    ):
        assert words in chronology, words
    assert "Date unknown" not in chronology and "Alleged" not in chronology


def test_a_text_per_language_keeps_confidential_items_out(tmp_path: Path, run: Runner) -> None:
    def change(data: dict[str, object]) -> None:
        appeal = data["appeals"][0]  # type: ignore[index]
        for key in ("title", "lead", "concern"):
            appeal[key] = {"en": appeal[key], "ru": f"{key} по-русски"}
        appeal["paragraphs"] = [{"text": {"en": "She will appeal.", "ru": "Она обжалует."}}]
        appeal["demands"] = [
            {"en": "Annul the fine;", "ru": "Отменить штраф;"},
            {"text": {"en": "Secret demand.", "ru": "Тайное требование."}, "confidential": True},
            "Stop the harassment.",
        ]
        data["people"][0]["profile"] = {"en": "Ana.", "ru": "Ана."}  # type: ignore[index]
        data["people"][0]["aliases"] = ["Anna Example"]  # type: ignore[index]

    case = tiny_case(tmp_path / "case", change)
    letterhead = case.parent / "letterheads" / "example-ngo.yaml"
    text = letterhead.read_text(encoding="utf-8").replace("\nid:", "\nlanguage: ru\nid:")
    letterhead.write_text(text, encoding="utf-8")
    # The demand without Russian is placed by the file's numbering, the confidential one counted.
    failed = run("render", "appeal", case, "--lang", "ru", "-f", "docx", "-o", tmp_path / "out")
    assert failed.code == 1
    line = case.read_text(encoding="utf-8").splitlines().index("  - Stop the harassment.") + 1
    assert failed.err.startswith(f"{case}:{line}:")
    assert failed.err.count("\n") == 1 and "appeals[0].demands[2]: no text in 'ru'" in failed.err
    result = run(
        "render", "appeal", case, "--lang", "ru", "--fallback", "-f", "docx", "-o", tmp_path / "out"
    )
    assert result.code == 0, result.err
    words = docx_text(tmp_path / "out" / "appeal-first.docx")
    assert "Отменить штраф;" in words and "lead по-русски" in words
    assert "Stop the harassment." in words
    assert "Тайное" not in words and "Secret" not in words
    internal = run(
        "render", "appeal", case, "--lang", "ru", "--audience", "internal", "--fallback", "-f", "docx",
        "-o", tmp_path / "internal",
    )  # fmt: skip
    assert "Тайное требование." in docx_text(tmp_path / "internal" / "appeal-first.docx")
    assert internal.code == 0


def test_an_alias_is_found_in_every_language_of_a_text(tmp_path: Path, run: Runner) -> None:
    def change(data: dict[str, object]) -> None:
        appeal = data["appeals"][0]  # type: ignore[index]
        appeal["concern"] = {"en": "We are concerned.", "ru": "Anna Example в опасности."}
        data["people"][0]["aliases"] = ["Anna Example"]  # type: ignore[index]

    case = tiny_case(tmp_path, change)
    result = run("validate", case)
    assert result.code == 0
    line = next(n for n, text in enumerate(case.read_text().splitlines(), 1) if "ru: Anna" in text)
    assert result.err.startswith(f"{case}:{line}:")
    assert "appeals[0].concern.ru: warning: 'Anna Example' is another spelling of Ana Example" in (
        result.err
    )


def _own_kind(run: Runner, folder: Path, name: str, html: str) -> Result:
    """Render the tiny case in Russian (with --fallback) by a kind of one's own made of ``html``."""
    kind = folder / "mine" / name
    kind.mkdir(parents=True)
    (kind / "kind.toml").write_text('context = "appeal"\n')
    (kind / f"{name}.html").write_text(html)
    return run(
        "render", name, TINY, "--templates", folder / "mine", "--lang", "ru", "--fallback",
        "-o", folder / "out",
    )  # fmt: skip


def test_a_user_template_with_its_own_words_renders_in_every_language(
    tmp_path: Path, run: Runner
) -> None:
    result = _own_kind(
        run,
        tmp_path,
        "note",
        "<html><body><p>{{ _('Demands') }} / {{ _('A message of my own') }} / "
        "{% trans %}Sources{% endtrans %} / {{ appeal.issued|date_words }}</p></body></html>",
    )
    assert result.code == 0, result.err
    text = normalise(pdf_text(tmp_path / "out" / "note-first.pdf"))
    assert "Требования / A message of my own / Источники / 5 августа 2025 г." in text
    checked = run("templates", "check", tmp_path / "mine")
    assert checked.code == 0, checked.err


def test_a_template_cannot_reach_the_file_behind_an_untranslated_text(
    tmp_path: Path, run: Runner
) -> None:
    result = _own_kind(run, tmp_path, "peek", "<p>{{ appeal.lead._path.read_text() }}</p>")
    assert result.code == 1
    assert "unsafe" in result.err and "_path" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "out").exists()


def test_word_checks_the_spelling_of_a_russian_document_in_russian(russian: Path) -> None:
    import zipfile

    styles = zipfile.ZipFile(russian / f"{STEM}.docx").read("word/styles.xml").decode()
    assert set(re.findall(r'<w:lang w:val="([^"]+)"', styles)) == {"ru-RU"}


def test_a_case_in_a_language_without_a_catalog_asks_for_lang(tmp_path: Path, run: Runner) -> None:
    def change(data: dict[str, object]) -> None:
        data["language"] = "fr"

    case = tiny_case(tmp_path, change)
    result = run("render", "appeal", case, "-o", tmp_path / "out")
    assert result.code == 1
    assert result.err.startswith(
        f"error: {case}: the case's language 'fr' has no catalog of the templates' words; write "
        "the document in another with --lang (and --fallback): no catalog for the language 'fr'"
    )
    fallback = run("render", "appeal", case, "--lang", "en", "--fallback", "-o", tmp_path / "out")
    assert fallback.code == 0, fallback.err
    assert "appeals[0].lead: warning: no text in 'en': printed in 'fr'" in fallback.err


def test_a_letterhead_text_per_language_must_give_its_own_language(
    tmp_path: Path, run: Runner
) -> None:
    case = tiny_case(tmp_path, lambda data: None)
    letterhead = case.parent / "letterheads" / "example-ngo.yaml"
    text = letterhead.read_text(encoding="utf-8")
    text = text.replace("  - title: Example Rights Watch Board", "  - title: {ru: Правление}")
    letterhead.write_text(text, encoding="utf-8")
    line = text.splitlines().index("  - title: {ru: Правление}") + 1
    result = run("validate", case)
    assert result.code == 1
    assert result.err == (
        f"{letterhead}:{line}:5: boards[0].title: gives no text in the file's language 'en' "
        "(only in ru); add 'en: ...'\n"
    )
