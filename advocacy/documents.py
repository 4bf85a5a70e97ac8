"""Document kinds: which templates make them, what they are told, what the files are called.

A document is made for one case (and, for an appeal, one letter of it). The templates receive
validated facts only, plus the language and the words that depend on it; no template reads a
file or the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advocacy.errors import RenderError, UsageError
from advocacy.facts import LoadedCase
from advocacy.words import country_name, date_words, money_words

if TYPE_CHECKING:
    from advocacy.chronology import Citations, Row
    from advocacy.models import Case, Charge

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
"""The default templates: one folder per document kind, and the shipped fonts."""

FORMATS = ("pdf", "docx")
KINDS = ("appeal", "chronology", "summary")


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
    date: dt.date = dt.date(2000, 1, 1)
    """The date the document carries (an appeal's issue, a case's `updated`): its files are
    dated by it, never by the clock, so the same facts give the same bytes."""
    folder: Path = TEMPLATES

    @property
    def template_context(self) -> dict[str, Any]:
        """What templates receive: the context and the document's own metadata."""
        return {
            **self.context,
            "meta_title": self.title,
            "meta_date": self.date.isoformat(),
            "meta_author": self.author,
            "meta_subject": self.subject,
            "meta_keywords": ", ".join(self.keywords),
        }

    @property
    def template_dir(self) -> Path:
        """The folder holding this kind's templates."""
        return self.folder / self.kind


def check_kind(kind: str) -> None:
    """Wrong usage unless ``kind`` names a document kind."""
    if kind not in KINDS:
        raise UsageError(f"no document kind {kind!r}; choose one of: {', '.join(KINDS)}")


def document(loaded: LoadedCase, kind: str, appeal_id: str | None = None) -> Document:
    """The document of ``kind`` for a loaded case."""
    check_kind(kind)
    if kind == "chronology":
        return chronology_document(loaded)
    if kind == "summary":
        return summary_document(loaded)
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
    title = appeal.title
    return Document(
        kind="appeal",
        stem=f"appeal-{appeal.id}",
        date=appeal.issued,
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


def _names(loaded: LoadedCase) -> str:
    case = loaded.case
    return ", ".join(case.person(pid).name for pid in case.defenders)


def _common(loaded: LoadedCase) -> dict[str, Any]:
    case = loaded.case
    defenders = [case.person(pid) for pid in case.defenders]
    return {
        "case": case,
        "lang": case.language,
        "defender": defenders[0],
        "defenders": defenders,
        "country": country_name(case.country, case.language),
        "updated": case.updated,
    }


def _case_document(
    loaded: LoadedCase,
    kind: str,
    label: str,
    noun: str,
    table: list[Row],
    context: dict[str, Any],
) -> Document:
    """A document about the whole case, dated by `updated`, with the timeline figure.

    ``label`` heads it ("Case summary: <names>"); ``noun`` names it in the subject ("Summary of
    the case ...").
    """
    from advocacy.figure import timeline_svg

    case = loaded.case
    title = f"{label}: {_names(loaded)}"
    return Document(
        kind=kind,
        stem=kind,
        date=case.updated,
        lang=case.language,
        title=title,
        author=_author(loaded),
        subject=f"{noun} of the case {case.id}, current to {case.updated.isoformat()}",
        keywords=(label.lower(), "human rights defenders", *_keywords(loaded)),
        context={
            **_common(loaded),
            "title": title,
            **context,
            "figure": timeline_svg(case, table),
        },
    )


def chronology_document(loaded: LoadedCase) -> Document:
    """Every event of the case in date order, with its status, people and sources."""
    from advocacy.chronology import Citations, rows

    case = loaded.case
    citations = Citations(case)
    table = rows(case, citations, case.language)
    return _case_document(
        loaded,
        "chronology",
        "Chronology",
        "Chronology",
        table,
        {"rows": table, "sources": citations.sources},
    )


def summary_document(loaded: LoadedCase) -> Document:
    """One or two pages: who the defender is, what is happening now, charges, demands."""
    from advocacy.chronology import Citations, age, rows

    case = loaded.case
    lang = case.language
    citations = Citations(case)
    defenders = [case.person(pid) for pid in case.defenders]
    profiles = [
        {
            "person": person,
            "age": age(person.born.lower, case.updated)
            if person.born and person.born.start.precision == "day"
            else None,
            "born": date_words(person.born, lang) if person.born else None,
            "organisations": [case.organisation(o).name for o in person.organisations],
            "awards": [
                {
                    "award": award,
                    "date": date_words(award.date, lang) if award.date else None,
                    "sources": citations.cite(award.sources),
                }
                for award in person.awards
            ],
            "sources": citations.cite(person.sources),
        }
        for person in defenders
    ]
    table = rows(case, Citations(case), lang)
    own = [r for r in table if r.event.date and set(r.event.people) & set(case.defenders)]
    latest = [
        r for r in own if r.event.date and (case.updated - r.event.date.upper).days <= NOW_DAYS
    ]
    now = [
        {"row": row, "sources": citations.cite(row.event.sources)}
        for row in latest or own[-LATEST_AT_LEAST:]
    ]
    charges = [_charge(case, charge, citations, lang) for charge in case.charges]
    appeal = case.appeal() if case.appeals else None
    return _case_document(
        loaded,
        "summary",
        "Case summary",
        "Summary",
        table,
        {
            "profiles": profiles,
            "now": now,
            "charges": charges,
            "appeal": appeal,
            "appeal_sources": citations.cite(appeal.sources) if appeal else [],
            "sources": citations.sources,
        },
    )


NOW_DAYS = 31
"""'What is happening now': the defenders' events of the month before the record's date..."""
LATEST_AT_LEAST = 3
"""...or, when there are none, their latest few events."""


def _charge(case: Case, charge: Charge, citations: Citations, lang: str) -> dict[str, Any]:
    penalties = []
    for money in charge.penalty:
        words = money_words(money, lang)
        if money.equivalents:
            words += " (" + ", ".join(money_words(e, lang) for e in money.equivalents) + ")"
        penalties.append({"words": words, "sources": citations.cite(money.sources)})
    appeal = charge.appeal
    return {
        "charge": charge,
        "person": case.person(charge.person),
        "court": case.organisation(charge.court).name if charge.court else None,
        "decided": date_words(charge.decided, lang) if charge.decided else None,
        "penalties": penalties,
        "appeal": {
            "court": case.organisation(appeal.court).name,
            "decided": date_words(appeal.decided, lang) if appeal.decided else None,
            "outcome": appeal.outcome,
            "sources": citations.cite(appeal.sources),
        }
        if appeal
        else None,
        "sources": citations.cite(charge.sources),
    }


def _author(loaded: LoadedCase) -> str:
    """Who a case document is by: the sender of the case's latest appeal, if any."""
    case = loaded.case
    if case.appeals:
        return loaded.letterheads[case.appeal().sender].organisation
    return ""


def _keywords(loaded: LoadedCase) -> tuple[str, ...]:
    case = loaded.case
    country = country_name(case.country, case.language)
    return (country, *(case.person(pid).name for pid in case.defenders))
