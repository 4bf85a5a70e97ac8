"""Building blocks shared by every fact model: ids, text, narrative text and references.

References between facts (an event's sources, a person's organisations) are checked while the
case validates: :class:`advocacy.models.case.Case` first collects every id the file defines, then
each reference field looks its id up, so an unknown id is reported at the exact place it is used,
together with every other problem in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from advocacy.models.text import Translatable

IdKind = Literal["person", "organisation", "source", "event"]
Loc = tuple[str | int, ...]
"""A place in a case file, as pydantic gives it: ('events', 3, 'sources', 0)."""


class FactModel(BaseModel):
    """Base of every fact model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What an id looks like: lower-case letters, digits and single hyphens."""
# C0 and C1 control characters other than tab and newline never belong in a fact.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_SCHEMES = ("https://", "http://", "mailto:")
# Anything written like a link target, even one the parser refuses (it would print literally).
_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]*)")


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(
            f"{value!r} is not an id: use lower-case letters, digits and single hyphens, "
            "e.g. 'marat-zhylanbayev'"
        )
    return value


def _no_control(value: str) -> None:
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}; remove it (it often comes from text pasted from a PDF)"
        )


def _text(value: str) -> str:
    _no_control(value)
    if "\n" in value:
        raise ValueError("must be one line; use a narrative field for paragraphs")
    return value


def _narrative(value: str) -> str:
    _no_control(value)
    from advocacy.markup import runs

    targets = [m["url"] for m in _LINK_TARGET.finditer(value)]
    targets += [run.link for run in runs(value) if run.link is not None]
    for url in targets:
        if not url.startswith(_SCHEMES):
            raise ValueError(
                f"a link points to {url!r}: links must point to an https://, http:// or "
                "mailto: address"
            )
    return " ".join(value.split())


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address, e.g. info@example.org")
    return value


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
Email = Annotated[str, AfterValidator(_email)]
"""An email address, kept exactly as written (it is printed, never sent to)."""

Id = Annotated[
    str,
    Field(min_length=1, max_length=100, description="A short id: lower-case letters, digits, '-'."),
    AfterValidator(_slug),
]
Text = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_text)]
LocalText = Annotated[
    str, StringConstraints(min_length=1, max_length=1000), AfterValidator(_text), Translatable()
]
"""One line that a document prints in its language (a title, a place): a string in the file's
language, or the text per language ``{en: ..., ru: ...}``."""
Narrative = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100_000),
    AfterValidator(_narrative),
    Translatable(),
]
"""Prose with inline emphasis only: *italic*, **bold** and [links](https://...); a string in
the file's language, or the text per language ``{en: ..., ru: ...}``."""


@dataclass
class IdRegistry:
    """The ids a case file defines, by kind, collected before its fields validate."""

    ids: dict[IdKind, set[str]] = field(default_factory=dict)
    unreadable: set[IdKind] = field(default_factory=set)
    """Kinds whose list or ids could not be read: their references are not checked, so one
    broken list does not bury its own error under a false one at every use."""

    def known(self, kind: IdKind) -> set[str]:
        return self.ids.setdefault(kind, set())


_REGISTRY: ContextVar[IdRegistry | None] = ContextVar("advocacy_ids", default=None)


@contextmanager
def registry(ids: IdRegistry) -> Iterator[None]:
    """Make ``ids`` the set that reference fields check against while a case validates."""
    token = _REGISTRY.set(ids)
    try:
        yield
    finally:
        _REGISTRY.reset(token)


def _reference(kind: IdKind) -> AfterValidator:
    def check(value: str) -> str:
        ids = _REGISTRY.get()
        if ids is not None and kind not in ids.unreadable and value not in ids.known(kind):
            raise ValueError(f"no {kind} has the id {value!r}{_suggest(value, ids.known(kind))}")
        return value

    return AfterValidator(check)


def _suggest(value: str, known: set[str]) -> str:
    close = difflib.get_close_matches(value, sorted(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    if not known:
        return "; none is defined in this file"
    return ""


PersonRef = Annotated[Id, _reference("person")]
OrganisationRef = Annotated[Id, _reference("organisation")]
SourceRef = Annotated[Id, _reference("source")]
EventRef = Annotated[Id, _reference("event")]

Confidential = Annotated[
    bool,
    Field(
        description="true: never in a public document (`--audience public`, the default); only "
        "in internal ones, whose every page says so."
    ),
]
"""Whether an item is left out of public documents."""

Sources = Annotated[
    tuple[SourceRef, ...],
    Field(description="Ids of the sources that say this (see `sources`)."),
]


class Translation(FactModel):
    """A language the case's texts are translated into, and how far to trust the translation."""

    reviewed: bool = Field(
        default=False,
        description="true once someone who reads both languages has checked every text.",
    )
    by: Text | None = Field(default=None, description="Who translated (or reviewed) it.")
    note: Text | None = Field(default=None, description="How it was made, what to check.")
