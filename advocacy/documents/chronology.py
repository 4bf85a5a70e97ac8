"""The case's events in date order, each with its date in words, status and numbered sources.

Shared by the chronology and the summary. Sources are numbered in the order a document first
cites them, so the numbers a reader meets go 1, 2, 3 down the page, and every document lists
its sources under the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from advocacy.documents.contexts import Row
from advocacy.facts.models import Case, Event, Source
from advocacy.i18n.catalogs import N_, translate
from advocacy.i18n.words import date_words, scheduled_words

STATUS_WORDS = {
    "confirmed": "",
    "alleged": N_("alleged"),
    "disputed": N_("disputed"),
    "scheduled": "",
}
"""How a status reads beside an event (in the document's language); a confirmed fact is stated
plainly, a scheduled one by its date ("scheduled for 15 September 2025")."""


@dataclass
class Citations:
    """Sources numbered in the order they are first cited."""

    case: Case
    order: list[str] = field(default_factory=list)

    def cite(self, source_ids: tuple[str, ...] | list[str]) -> list[int]:
        """The numbers of these sources, numbering any not cited before."""
        numbers = []
        for source_id in source_ids:
            if source_id not in self.order:
                self.order.append(source_id)
            numbers.append(self.order.index(source_id) + 1)
        return numbers

    @property
    def sources(self) -> list[Source]:
        """The cited sources, in the order of their numbers."""
        return [self.case.source(source_id) for source_id in self.order]


def ordered(events: tuple[Event, ...] | list[Event]) -> list[Event]:
    """Events by date: a wider date before the narrower dates inside it, a single date before
    an interval that starts then, events of one day by their `time` (untimed ones first);
    undated ones last.

    Python's sort is stable, so events on the same date keep the order of the case file.
    """
    dated = sorted((e for e in events if e.date), key=_event_key)
    return dated + [e for e in events if e.date is None]


def _event_key(event: Event) -> tuple[object, ...]:
    assert event.date is not None
    return (*event.date.sort_key, event.time is not None, event.time or "")


def rows(case: Case, citations: Citations, lang: str = "en") -> list[Row]:
    """Every event of the case, in date order, as a chronology prints it."""
    out = []
    for event in ordered(case.events):
        known = len(citations.order)
        numbers = citations.cite(event.sources)
        out.append(
            Row(
                event=event,
                date=event_date(event, lang),
                date_note=event.date_note,
                status=_status(event.status, lang),
                people=tuple(case.person(pid) for pid in event.people),
                sources=tuple(numbers),
                first_citations=tuple(n for n in numbers if n > known),
            )
        )
    return out


def event_date(event: Event, lang: str) -> str:
    """The event's date in words, 'scheduled for ...' when it is announced, with its time."""
    if event.date is None:
        return date_words(None, lang)
    words = date_words(event.date, lang)
    if event.status == "scheduled":
        words = scheduled_words(event.date, lang)
    return f"{words}, {event.time}" if event.time else words


def _status(status: str, lang: str) -> str:
    return translate(lang, STATUS_WORDS[status]) if STATUS_WORDS[status] else ""


def age(born: dt.date, on: dt.date) -> int:
    """Whole years from ``born`` to ``on``."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
