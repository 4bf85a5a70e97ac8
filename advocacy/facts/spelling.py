"""One spelling of every name: a narrative that spells a person or an organisation by one of
its aliases is warned about, at its place, in every language it is given in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from advocacy.errors import Problem
from advocacy.facts.models import Case, Organisation, Person
from advocacy.facts.models.common import Loc
from advocacy.facts.reader import at


def texts(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every text of the case a document prints in prose, with its place in the file."""
    yield from narratives(case)
    for i, event in enumerate(case.events):
        for key in ("place", "date_note"):
            value = getattr(event, key)
            if value:
                yield ("events", i, key), value
    for i, letter in enumerate(case.appeals):
        yield ("appeals", i, "title"), letter.title
        if letter.authorities:
            yield ("appeals", i, "authorities"), letter.authorities


def narratives(case: Case) -> Iterator[tuple[Loc, str]]:
    """Every narrative field of the case with its place in the file."""
    for i, paragraph in enumerate(case.background):
        yield ("background", i), paragraph.text
    for i, person in enumerate(case.people):
        if person.profile:
            yield ("people", i, "profile"), person.profile
    for i, event in enumerate(case.events):
        yield ("events", i, "text"), event.text
    for i, charge in enumerate(case.charges):
        yield ("charges", i, "text"), charge.text
    for i, letter in enumerate(case.appeals):
        yield ("appeals", i, "lead"), letter.lead
        if letter.profile:
            yield ("appeals", i, "profile"), letter.profile
        for j, paragraph in enumerate(letter.paragraphs):
            yield ("appeals", i, "paragraphs", j), paragraph.text
        for j, profile in enumerate(letter.profiles):
            yield ("appeals", i, "profiles", j, "text"), profile.text
        if letter.concern:
            yield ("appeals", i, "concern"), letter.concern
        for j, demand in enumerate(letter.demands):
            yield ("appeals", i, "demands", j), demand.text


def alias_warnings(case: Case, root: Any, path: Path) -> Iterator[Problem]:
    """Warn where a narrative spells a person or organisation by an alias instead of its name
    (in every language it is given in)."""
    from advocacy.facts.models.text import languages_of

    spellings: list[tuple[re.Pattern[str], str, str]] = []
    entities: list[Person | Organisation] = [*case.people, *case.organisations]
    for entity in entities:
        for alias in entity.aliases:
            if alias.name.casefold() in entity.name.casefold():
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(alias.name)}(?!\w)", re.IGNORECASE)
            spellings.append((pattern, alias.name, entity.name))
    for loc, value in texts(case):
        for lang, text in languages_of(value):
            place = loc if lang is None else (*loc, lang)
            for pattern, spelling, name in spellings:
                if not pattern.search(text):
                    continue
                yield at(
                    path,
                    root,
                    place,
                    f"{spelling!r} is another spelling of {name}; write {name!r} so every "
                    "document spells the name one way",
                    warning=True,
                )
