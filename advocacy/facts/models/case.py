"""The case: everything known about one human-rights case, in one file."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import Field, ValidationError, ValidatorFunctionWrapHandler, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from advocacy.facts.dates import Day, EdtfDate
from advocacy.facts.models.appeals import Letter, Paragraphs
from advocacy.facts.models.charges import Charge
from advocacy.facts.models.common import (
    FactModel,
    Id,
    IdKind,
    IdRegistry,
    Loc,
    PersonRef,
    Translation,
    registry,
)
from advocacy.facts.models.countries import CountryCode, LanguageTag
from advocacy.facts.models.custody import Custody
from advocacy.facts.models.events import Event
from advocacy.facts.models.people import Organisation, Person
from advocacy.facts.models.recipients import RecipientEntry
from advocacy.facts.models.sources import Source
from advocacy.facts.models.text import TAGS, without_own_language

# The lists whose items carry ids, and the kind of id each defines.
_ID_LISTS: dict[str, IdKind | None] = {
    "people": "person",
    "organisations": "organisation",
    "sources": "source",
    "events": "event",
    "appeals": None,
}


class Case(FactModel):
    """One case file: a defender (or several), what happened, and the letters issued."""

    id: Id = Field(description="The case's id; the file is facts/<id>.yaml.")
    title: str | None = Field(
        default=None, description="A short name for the case; defaults to the defenders' names."
    )
    country: CountryCode = Field(description="Where it happens (ISO 3166-1 alpha-2): 'KZ'.")
    language: LanguageTag = Field(description="The language the facts are written in: 'en'.")
    updated: Day = Field(
        description="The date the record is current to; nothing in it may be dated later."
    )
    defenders: tuple[PersonRef, ...] = Field(
        min_length=1, description="Ids of the people the case is about (see `people`)."
    )
    background: Paragraphs = Field(
        default=(),
        description="Paragraphs of context (the country, the law, earlier cases): each a string "
        "or {text, sources}.",
    )
    people: tuple[Person, ...] = Field(min_length=1, description="Everyone the case names.")
    organisations: tuple[Organisation, ...] = Field(
        default=(), description="Every organisation the case names."
    )
    events: tuple[Event, ...] = Field(default=(), description="What happened, each with sources.")
    charges: tuple[Charge, ...] = Field(default=(), description="Charges, penalties and appeals.")
    custody: tuple[Custody, ...] = Field(
        default=(),
        description="Periods of deprivation of liberty (arrest, pre-trial detention, prison, "
        "...), each of one person, with its place, term, next review and sources.",
    )
    appeals: tuple[Letter, ...] = Field(default=(), description="Letters issued on the case.")
    sources: tuple[Source, ...] = Field(min_length=1, description="Every source cited.")
    recipients: tuple[RecipientEntry, ...] = Field(
        default=(),
        description="Whom the appeal is sent to (`advocacy build` writes each a letter): each "
        "written out here, the id of one in facts/recipients/*.yaml, or {list: <id>} for "
        "everyone in facts/recipients/<id>.yaml.",
    )
    translations: dict[LanguageTag, Translation] = Field(
        default_factory=dict,
        description="The languages texts are translated into besides `language`, and whether "
        "each translation has been reviewed: {ru: {reviewed: false, note: ...}}.",
    )

    @model_validator(mode="wrap")
    @classmethod
    def _check_whole_case(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Case:
        """Validate fields and references in one pass, then the rules across facts.

        Every problem is collected, each at its own place, so a file is fixed in one round.
        """
        if isinstance(data, Case):
            return data
        ids, problems = _collect_ids(data)
        try:
            with registry(ids):
                case: Case = handler(data)
        except ValidationError as err:
            problems = [*map(_untagged, err.errors()), *problems]
        else:
            problems.extend(_error(loc, msg) for loc, msg in case.problems())
        if problems:
            raise ValidationError.from_exception_data(cls.__name__, problems)
        return case

    def problems(self) -> Iterator[tuple[Loc, str]]:
        """Rules that span several facts: dates against `updated` and against births."""
        updated = self.updated
        people = {p.id: p for p in self.people}
        for i, event in enumerate(self.events):
            if event.time is not None and (
                event.date is None or event.date.is_interval or event.date.start.precision != "day"
            ):
                yield (
                    ("events", i, "time"),
                    "a time of day needs a date of one day (2025-06-28); give the day or drop "
                    "the time",
                )
            if event.date is None:
                continue
            # The earliest day the date (or its end) can mean: "2025-05/2025-08" may end by then.
            last = event.date.end.lower if event.date.end else event.date.lower
            if last > updated and event.status != "scheduled":
                yield (
                    ("events", i, "date"),
                    (
                        f"{event.date} is after the date the record is current to "
                        f"(updated: {updated}); correct the date or move `updated` on"
                    ),
                )
            for pid in event.people:
                born = people[pid].born
                if born is not None and event.date.upper < born.lower:
                    yield (
                        ("events", i, "date"),
                        (f"{event.date} is before {people[pid].name} was born ({born})"),
                    )
        for i, letter in enumerate(self.appeals):
            if letter.issued > updated:
                yield (
                    ("appeals", i, "issued"),
                    (
                        f"{letter.issued} is after the date the record is current to "
                        f"(updated: {updated})"
                    ),
                )
            yield from self._letter_problems(i, letter)
        for i, person in enumerate(self.people):
            for j, award in enumerate(person.awards):
                if award.date and award.date.lower > updated:
                    yield (
                        ("people", i, "awards", j, "date"),
                        (f"{award.date} is after the date the record is current to ({updated})"),
                    )
        # A text given per language must give the case's own: documents fall back to it.
        yield from without_own_language(self, self.language)
        for i, charge in enumerate(self.charges):
            dates: list[tuple[Loc, EdtfDate | None]] = [(("charges", i, "decided"), charge.decided)]
            if charge.appeal:
                dates.append((("charges", i, "appeal", "decided"), charge.appeal.decided))
            dates += [
                (("charges", i, "appeals", j, "decided"), appeal.decided)
                for j, appeal in enumerate(charge.appeals)
            ]
            for loc, date in dates:
                if date and date.lower > updated:
                    yield loc, f"{date} is after the date the record is current to ({updated})"
            for where, message in charge.problems():
                yield ("charges", i, *where), message
        for i, period in enumerate(self.custody):
            if period.date.lower > updated:
                yield (
                    ("custody", i, "date"),
                    f"{period.date} starts after the date the record is current to ({updated})",
                )

    def _letter_problems(self, i: int, letter: Letter) -> Iterator[tuple[Loc, str]]:
        """What a letter needs: text unless it is history, an earlier appeal it updates, a
        profile for each defender at most once."""
        if not letter.history:
            if letter.concern is None:
                yield (
                    ("appeals", i, "concern"),
                    "a letter needs its statement of concern (or mark it `history: true` if it "
                    "is only recorded, never sent)",
                )
            if not letter.demands:
                yield (
                    ("appeals", i, "demands"),
                    "a letter needs at least one demand (or mark it `history: true` if it is "
                    "only recorded, never sent)",
                )
        if letter.updates is not None:
            earlier = next((a for a in self.appeals if a.id == letter.updates), None)
            if earlier is None or earlier is letter:
                others = ", ".join(a.id for a in self.appeals if a is not letter) or "none"
                yield (
                    ("appeals", i, "updates"),
                    f"{letter.updates!r} is not another appeal of the case; it has: {others}",
                )
            elif earlier.issued >= letter.issued:
                yield (
                    ("appeals", i, "updates"),
                    f"the appeal {earlier.id!r} was issued on {earlier.issued}, not before this "
                    f"one ({letter.issued}): an update follows the appeal it updates",
                )
        if letter.profile is not None and len(self.defenders) > 1:
            yield (
                ("appeals", i, "profile"),
                "the case has several defenders: give each one's profile under `profiles` "
                "({person, text}) instead",
            )
        seen: set[str] = set()
        for j, profile in enumerate(letter.profiles):
            if profile.person not in self.defenders:
                yield (
                    ("appeals", i, "profiles", j, "person"),
                    f"{profile.person!r} is not one of the case's defenders "
                    f"({', '.join(self.defenders)})",
                )
            elif profile.person in seen:
                yield (
                    ("appeals", i, "profiles", j, "person"),
                    f"{profile.person!r} already has a profile in this letter",
                )
            seen.add(profile.person)

    # Lookups templates use.

    @property
    def letters(self) -> tuple[Letter, ...]:
        """The appeals that are letters to render: every one not recorded only as history."""
        return tuple(letter for letter in self.appeals if not letter.history)

    def person(self, person_id: str) -> Person:
        """The person with this id."""
        return _by_id(self.people, person_id, "person")

    def organisation(self, organisation_id: str) -> Organisation:
        """The organisation with this id."""
        return _by_id(self.organisations, organisation_id, "organisation")

    def source(self, source_id: str) -> Source:
        """The source with this id."""
        return _by_id(self.sources, source_id, "source")

    def appeal(self, appeal_id: str | None = None, *, history: bool = False) -> Letter:
        """The letter with this id, or the latest issued; never one recorded only as history
        unless ``history`` (to cite it)."""
        letters = self.appeals if history else self.letters
        if appeal_id is None:
            return max(letters, key=lambda letter: letter.issued)
        return next(letter for letter in letters if letter.id == appeal_id)


T = TypeVar("T", Person, Organisation, Source)


def _by_id(items: tuple[T, ...], item_id: str, kind: str) -> T:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"no {kind} has the id {item_id!r}")


def _untagged(error: Any) -> Any:
    """An error without the steps a text per language adds inside its field (see TAGS)."""
    error["loc"] = tuple(k for k in error["loc"] if k not in TAGS and k != "[key]")
    return error


def _error(loc: Loc, message: str) -> InitErrorDetails:
    return InitErrorDetails(type=PydanticCustomError("case_rule", message), loc=loc, input=None)


def _collect_ids(data: Any) -> tuple[IdRegistry, list[InitErrorDetails]]:
    """The ids the raw file defines, and an error for each id defined twice."""
    ids = IdRegistry()
    problems: list[InitErrorDetails] = []
    if not isinstance(data, dict):
        return ids, problems
    for key, kind in _ID_LISTS.items():
        items = data.get(key)
        if key in data and not isinstance(items, list | tuple) and kind is not None:
            ids.unreadable.add(kind)  # `people: null` is one problem, not one at every use
        if not isinstance(items, list | tuple):
            continue
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = item.get("id") if isinstance(item, dict) else getattr(item, "id", None)
            if not isinstance(item_id, str):
                if kind is not None:
                    ids.unreadable.add(kind)
                continue
            if item_id in first:
                problems.append(
                    _error(
                        (key, index, "id"),
                        f"the id {item_id!r} is already used by {key}[{first[item_id]}]; "
                        "ids must be unique",
                    )
                )
            else:
                first[item_id] = index
            if kind is not None:
                ids.known(kind).add(item_id)
    return ids, problems
