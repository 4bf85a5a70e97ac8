"""Document kinds: which templates make them, what they are told, what the files are called.

A document is made for one case (and, for an appeal, one letter of it). The templates receive
validated facts only, plus the language and the words that depend on it; no template reads a
file or the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advocacy.errors import RenderError, UsageError
from advocacy.facts import LoadedCase
from advocacy.markup import plain
from advocacy.words import country_name

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The default templates: one folder per document kind, and the shipped fonts."""

FORMATS = ("pdf", "docx")
KINDS = ("appeal",)


@dataclass(frozen=True)
class Document:
    """Everything a renderer needs to write one document in any format."""

    kind: str
    stem: str
    lang: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    context: dict[str, Any] = field(repr=False)
    folder: Path = TEMPLATES

    @property
    def template_dir(self) -> Path:
        """The folder holding this kind's templates."""
        return self.folder / self.kind


def document(loaded: LoadedCase, kind: str, appeal_id: str | None = None) -> Document:
    """The document of ``kind`` for a loaded case."""
    if kind not in KINDS:
        raise UsageError(f"no document kind {kind!r}; choose one of: {', '.join(KINDS)}")
    return appeal_document(loaded, appeal_id)


def appeal_document(loaded: LoadedCase, appeal_id: str | None = None) -> Document:
    """An urgent appeal: the latest letter of the case unless ``appeal_id`` names one."""
    case = loaded.case
    if not case.appeals:
        raise RenderError(
            f"{loaded.path}: the case has no appeals to render; add one under `appeals`"
        )
    ids = [letter.id for letter in case.appeals]
    if appeal_id is not None and appeal_id not in ids:
        raise UsageError(f"no appeal {appeal_id!r} in {loaded.path}; it has: {', '.join(ids)}")
    appeal = case.appeal(appeal_id)
    letterhead = loaded.letterheads[appeal.sender]
    lang = case.language
    defenders = [case.person(pid) for pid in case.defenders]
    country = country_name(case.country, lang)
    title = plain(appeal.title)
    return Document(
        kind="appeal",
        stem=f"appeal-{appeal.id}",
        lang=lang,
        title=title,
        author=letterhead.organisation,
        subject=f"Urgent appeal of {appeal.issued.isoformat()}: {title}",
        keywords=(
            "urgent appeal",
            "human rights defenders",
            country,
            *(person.name for person in defenders),
        ),
        context={
            "case": case,
            "appeal": appeal,
            "letterhead": letterhead,
            "defender": defenders[0],
            "defenders": defenders,
            "profile": appeal.profile or defenders[0].profile,
            "country": country,
            "authorities": appeal.authorities or country,
            "lang": lang,
        },
    )
