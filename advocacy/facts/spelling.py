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


_LOOK_ALIKES = str.maketrans(
    "аАвВеЕёЁкКмМнНоОрРсСтТуУхХіІјЈѕЅԁɑαΑβΒεΕηΗιΙκΚμΜνΝοΟρΡτΤυΥχΧζΖ",
    "aABBeEeEkKmMHHoOpPcCTTyYxXiIjJsSdaaABBeEHHiIkKMMvNoOpPTTuYxXzZ",
)
"""Cyrillic and Greek letters that look like Latin ones, mapped to them: 'Zhylanbаev' with a
Cyrillic 'а' reads the same as the Latin spelling and must be caught as it."""
_HIDDEN = re.compile(
    "[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_QUOTES = "\"'“”„‟‘’‚‛«»‹›"


def normalised(text: str) -> str:
    """``text`` as a reader sees it: compatibility forms folded (NFKC), invisible characters
    removed, look-alike letters made Latin, case folded."""
    return _reading(text)[0]


def _reading(text: str) -> tuple[str, list[int]]:
    """:func:`normalised` ``text``, and for each of its characters the index of the character
    of ``text`` it comes from (so a match is placed in the text as written)."""
    import unicodedata

    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(unicodedata.normalize("NFC", text)):
        if _HIDDEN.match(char):
            continue
        for folded in unicodedata.normalize("NFKC", char).translate(_LOOK_ALIKES).casefold():
            out.append(folded)
            where.append(index)
    return "".join(out), where


def alias_warnings(case: Case, root: Any, path: Path) -> Iterator[Problem]:
    """Warn where prose spells a person or organisation by another spelling of its name, or
    writes its name with look-alike or invisible characters (in every language it is given in).

    Texts are compared as a reader sees them (:func:`normalised`). Acronyms and former names
    are names in their own right; a spelling inside quotation marks is a source quoted.
    """
    import unicodedata

    from advocacy.facts.models.text import languages_of

    spellings: list[tuple[re.Pattern[str], str, str]] = []
    names: list[tuple[re.Pattern[str], str]] = []
    entities: list[Person | Organisation] = [*case.people, *case.organisations]
    for entity in entities:
        name = normalised(entity.name)
        names.append((_word(name), entity.name))
        for alias in entity.aliases:
            spelling = normalised(alias.name)
            if alias.kind in ("acronym", "former-name") or spelling in name:
                continue
            spellings.append((_word(spelling), alias.name, entity.name))
    for loc, value in texts(case):
        for lang, text in languages_of(value):
            place = loc if lang is None else (*loc, lang)
            text = unicodedata.normalize("NFC", text)
            seen, where = _reading(text)
            for pattern, spelling, name in spellings:
                if not any(not _quoted(seen, m) for m in pattern.finditer(seen)):
                    continue
                yield at(
                    path,
                    root,
                    place,
                    f"{spelling!r} is another spelling of {name}; write {name!r} so every "
                    "document spells the name one way",
                    warning=True,
                )
            for pattern, name in names:
                # Each character maps to one, so a match's span in the reader's text is its
                # span in the text as written.
                for match in pattern.finditer(seen):
                    written = text[where[match.start()] : where[match.end() - 1] + 1]
                    if written.casefold() == name.casefold():
                        continue
                    odd = [c for c in written if _odd(c, name)]
                    what = ", ".join(f"U+{ord(c):04X} {c!r}" for c in dict.fromkeys(odd))
                    yield at(
                        path,
                        root,
                        place,
                        f"{name} is written with look-alike or invisible characters"
                        + (f" ({what})" if what else "")
                        + f"; type the name again as {name!r}",
                        warning=True,
                    )
                    break


def _word(spelling: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)")


def _quoted(text: str, match: re.Match[str]) -> bool:
    """Whether ``match`` stands alone inside quotation marks: '“Toregojina”'."""
    before, after = text[match.start() - 1 : match.start()], text[match.end() : match.end() + 1]
    return bool(before) and before in _QUOTES and bool(after) and after in _QUOTES


def _odd(char: str, name: str) -> bool:
    """Whether ``char`` is not what it looks like in ``name``: hidden, or a look-alike."""
    return bool(_HIDDEN.match(char)) or (char.translate(_LOOK_ALIKES) != char and char not in name)
