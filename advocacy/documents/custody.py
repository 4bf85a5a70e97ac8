"""Custody periods as documents say them: one sentence each, in the document's language.

The summary's "what is happening now" starts with the defenders' current custody ("In pre-trial
detention since 30 April 2024 at ...; next review 28 August 2024."); the chronology lists every
period with its details. Both are made here, so they say it in the same words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from advocacy.documents.contexts import CustodyView
from advocacy.i18n.catalogs import N_, translate
from advocacy.i18n.words import date_words

if TYPE_CHECKING:
    from advocacy.documents.chronology import Citations
    from advocacy.facts.models import Case, Custody

STATES = {
    "arrest": N_("Under arrest %(period)s"),
    "pre-trial-detention": N_("In pre-trial detention %(period)s"),
    "administrative-detention": N_("In administrative detention %(period)s"),
    "prison": N_("In prison %(period)s"),
    "house-arrest": N_("Under house arrest %(period)s"),
}
"""How a period of each kind begins its sentence; ``period`` is its date in words."""

KINDS = {
    "arrest": N_("Arrest"),
    "pre-trial-detention": N_("Pre-trial detention"),
    "administrative-detention": N_("Administrative detention"),
    "prison": N_("Prison"),
    "house-arrest": N_("House arrest"),
}
"""Each kind of custody named alone, as a heading."""


def sentence(case: Case, period: Custody, lang: str) -> str:
    """'In pre-trial detention since 30 April 2024 at <place>; next review 28 August 2024.'"""
    words = translate(lang, STATES[period.kind], period=date_words(period.date, lang))
    if period.place:
        words = translate(lang, "%(state)s at %(place)s", state=words, place=period.place)
    if period.next_review:
        words = translate(
            lang,
            "%(state)s; next review %(date)s",
            state=words,
            date=date_words(period.next_review, lang),
        )
    return words + "."


def custody_view(case: Case, period: Custody, citations: Citations, lang: str) -> CustodyView:
    """One period, its words and its source numbers (numbering any not cited before)."""
    known = len(citations.order)
    numbers = citations.cite(period.sources)
    return CustodyView.model_construct(
        custody=period,
        person=case.person(period.person),
        kind=translate(lang, KINDS[period.kind]),
        period=date_words(period.date, lang),
        words=sentence(case, period, lang),
        authority=case.organisation(period.authority).name if period.authority else None,
        next_review=date_words(period.next_review, lang) if period.next_review else None,
        sources=numbers,
        first_citations=[n for n in numbers if n > known],
    )


def current(case: Case, citations: Citations, lang: str) -> list[CustodyView]:
    """The defenders' periods of custody that go on at the record's date, in the file's order."""
    return [
        custody_view(case, period, citations, lang)
        for period in case.custody
        if period.person in case.defenders and period.current(case.updated)
    ]


def periods(case: Case, citations: Citations, lang: str) -> list[CustodyView]:
    """Every period of custody, by its start (a person's in the order they happened)."""
    ordered = sorted(case.custody, key=lambda period: period.date.sort_key)
    return [custody_view(case, period, citations, lang) for period in ordered]
