"""What templates receive: one typed model per context, the single list of template variables.

A document kind is made from one of three contexts: ``appeal`` (one letter of a case),
``summary`` or ``chronology`` (the whole case). Each context is a model whose fields are
exactly the variables its templates may use, each with a description: `advocacy templates
check` checks templates against these types, and TEMPLATES.md is generated from them, so the
three cannot drift apart.

The models hold validated facts and words already computed (dates in words, numbered sources); they
are built by :mod:`advocacy.documents.document` without validation (``model_construct``), since
everything in them has been validated once already.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from advocacy.facts.models import (
    Award,
    Case,
    Charge,
    Custody,
    Event,
    Letter,
    Letterhead,
    Person,
    Recipient,
    Source,
)


class View(BaseModel):
    """A read-only bundle of facts prepared for templates."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)


class Row(View):
    """One event as a chronology prints it."""

    event: Event = Field(description="The event itself: `text`, `place`, `date`, `people` ...")
    date: str = Field(description="Its date in words ('3 May 2025', 'around May 2025').")
    date_note: str | None = Field(description="The note that qualifies the date, if any.")
    status: str = Field(
        description="'' for a confirmed fact, else 'alleged' or 'disputed' (print it beside the "
        "event)."
    )
    people: tuple[Person, ...] = Field(description="The people the event concerns.")
    sources: tuple[int, ...] = Field(description="The numbers of its sources, as cited.")
    first_citations: tuple[int, ...] = Field(
        description="The source numbers first cited in this row (print their footnotes here)."
    )


class Context(View):
    """What every template receives."""

    lang: str = Field(description="The document's language, e.g. 'en'; the filters speak it.")
    audience: str = Field(
        description="'public' (confidential facts are left out) or 'internal' (they are in; "
        "every page must say 'CONFIDENTIAL — internal')."
    )
    meta_title: str = Field(description="The document's title, for its metadata.")
    meta_date: str = Field(description="The document's date, YYYY-MM-DD, for its metadata.")
    meta_author: str = Field(description="Who the document is by, for its metadata.")
    meta_subject: str = Field(description="A one-line subject, for its metadata.")
    meta_keywords: str = Field(description="Keywords separated by commas, for its metadata.")
    case: Case = Field(description="The whole case file, validated (see case.schema.json).")
    defender: Person = Field(description="The first defender of the case.")
    defenders: list[Person] = Field(description="Every defender of the case, in the file's order.")
    country: str = Field(description="The case's country, named in the document's language.")


class LetterProfile(View):
    """One defender as a letter introduces them."""

    person: Person = Field(description="The defender: `name`, `native_name`, `profile` ...")
    name: str = Field(description="Their name.")
    native_name: str | None = Field(description="Their name in its native script, if given.")
    text: str = Field(
        description="Their profile: the letter's (`profiles`, or `profile` for one defender), "
        "else their own (narrative: print it with `rich`)."
    )


class EarlierAppeal(View):
    """An appeal issued before, as a later document cites it."""

    appeal: Letter = Field(description="The appeal: `title`, `issued`, `reference` ...")
    date: str = Field(description="Its date of issue in words.")
    organisation: str = Field(description="Who issued it: its sender's organisation.")


class AppealContext(Context):
    """One urgent-appeal letter of the case, from its sender's letterhead."""

    appeal: Letter = Field(description="The letter: `title`, `issued`, `lead`, `demands` ...")
    title: str = Field(
        description="The title line: the letter's `title`, after 'Update – ' for an update."
    )
    profiles: list[LetterProfile] = Field(
        description="Each defender with a profile, in the order of the case's `defenders`."
    )
    urges: str = Field(
        description="Who urges the authorities in the line before the demands: the "
        "letterhead's `urges`, else its organisation."
    )
    update: EarlierAppeal | None = Field(
        description="The earlier appeal this letter updates (its `updates`), if any."
    )
    changes: list[Row] = Field(
        description="For an update: the case's events dated after the earlier appeal and up to "
        "this letter, in date order."
    )
    letterhead: Letterhead = Field(
        description="The sender: `organisation`, `offices`, `signatory`, `boards` ..."
    )
    profile: str | None = Field(
        description="The first defender's profile for this letter: the letter's own, else the "
        "defender's (narrative: print it with `rich`); see `profiles` for every defender."
    )
    authorities: str = Field(
        description="Whom the letter urges: the letter's `authorities`, else the country."
    )
    recipient: Recipient | None = Field(
        default=None,
        description="Whom this copy is addressed to, or none (the letter as published): "
        "`lines()` (the address block), `salutation`, `name`, `title`, `organisation`, "
        "`address`, `email`. A campaign lays the letter out once and puts each recipient's "
        "windows in: print `{{ line }}` of `{% for line in recipient.lines() %}` and "
        "`{{ recipient.salutation }}` as they are, inside elements of class `window` of fixed "
        "size, and test only `{% if recipient %}`; a template that does more gets every "
        "letter rendered whole (slower).",
    )


class CaseContext(Context):
    """The whole case, current to its `updated` date."""

    title: str = Field(description="The document's heading: '<label>: <defenders' names>'.")
    updated: dt.date = Field(description="The date the case file is current to.")
    figure: str = Field(
        description="The timeline of the case's events: SVG in HTML (print it as it is), a "
        "picture in Word."
    )
    sources: list[Source] = Field(
        description="The sources the document cites, in the order of their numbers."
    )


class CustodyView(View):
    """A period of custody as documents say it."""

    custody: Custody = Field(
        description="The period: `kind`, `date`, `place`, `legal_basis`, `term`, "
        "`lawyer_access`, `health` (narratives: print them with `rich`) ..."
    )
    person: Person = Field(description="Who is held.")
    kind: str = Field(description="Its kind in words: 'Pre-trial detention'.")
    period: str = Field(description="Its dates in words: 'since 30 April 2024'.")
    words: str = Field(
        description="The whole state in one sentence: 'In pre-trial detention since 30 April "
        "2024 at ...; next review 28 August 2024.'"
    )
    authority: str | None = Field(description="The name of the authority that holds them.")
    next_review: str | None = Field(description="The date of the next review, in words.")
    sources: list[int] = Field(description="The numbers of its sources.")
    first_citations: list[int] = Field(
        description="The source numbers first cited here (print their footnotes here)."
    )


class ChronologyContext(CaseContext):
    """Every event of the case in date order, and every period of custody."""

    rows: list[Row] = Field(description="Every event in date order; undated ones last.")
    custody: list[CustodyView] = Field(
        description="Every period of custody, by its start (cited after the events)."
    )


class AwardView(View):
    """An award as a summary prints it."""

    award: Award = Field(description="The award: `name`, `by`, `date` ...")
    date: str | None = Field(description="Its date in words.")
    sources: list[int] = Field(description="The numbers of its sources.")


class Profile(View):
    """A defender as a summary introduces them."""

    person: Person = Field(description="The person: `name`, `native_name`, `profile` ...")
    age: int | None = Field(description="Their age on the case's `updated` date, if known.")
    born: str | None = Field(description="Their date of birth in words.")
    organisations: list[str] = Field(description="The names of their organisations.")
    awards: list[AwardView] = Field(description="Their awards.")
    sources: list[int] = Field(description="The numbers of the sources on them.")


class Now(View):
    """One of the latest events."""

    row: Row = Field(description="The event, as the chronology prints it.")
    sources: list[int] = Field(description="The numbers of its sources, in this document.")


class Penalty(View):
    """One account of a penalty, with the sources that give it."""

    words: str = Field(description="The amount in words, with its equivalents.")
    sources: list[int] = Field(description="The numbers of the sources of this account.")


class ChargeAppeal(View):
    """One level of appeal against a decision (or a plea for pardon or amnesty)."""

    level: str = Field(description="Its level in words: 'Appeal', 'Cassation', 'Pardon' ...")
    court: str | None = Field(description="The name of the court (or body) that decided it.")
    decided: str | None = Field(description="When it decided, in words.")
    outcome: str | None = Field(description="What it decided.")
    sources: list[int] = Field(description="The numbers of its sources.")


class ChargeView(View):
    """A charge as a summary tables it."""

    charge: Charge = Field(description="The charge: `law`, `text`, `outcome`, `sentence` ...")
    person: Person = Field(description="Whom it is against.")
    court: str | None = Field(description="The name of the court that decided it.")
    decided: str | None = Field(description="When it was decided, in words.")
    penalties: list[Penalty] = Field(description="Every account of the penalty.")
    imprisonment: str | None = Field(
        description="The sentence of imprisonment in words: '7 years of imprisonment'."
    )
    max_penalty: str | None = Field(
        description="'Maximum penalty: ...', the most the article provides, if given."
    )
    pending: bool = Field(description="True while no court has decided it: print 'Pending'.")
    appeals: list[ChargeAppeal] = Field(description="Every level of appeal, in order.")
    appeal: ChargeAppeal | None = Field(
        description="The first of `appeals`, if any (for templates written before `appeals`)."
    )
    sources: list[int] = Field(description="The numbers of its sources.")


class SummaryContext(CaseContext):
    """Who the defenders are, what is happening now, the charges and the demands."""

    profiles: list[Profile] = Field(description="Each defender, introduced.")
    custody: list[CustodyView] = Field(
        description="What is happening now, first: the defenders' custody that goes on at the "
        "record's date."
    )
    now: list[Now] = Field(
        description="What is happening now: the defenders' events of the last month of the "
        "record, else their latest three."
    )
    charges: list[ChargeView] = Field(description="Every charge of the case.")
    appeal: Letter | None = Field(description="The case's latest appeal letter, if any.")
    appeal_sources: list[int] = Field(description="The numbers of that letter's sources.")
    other_appeals: list[EarlierAppeal] = Field(
        description="Every other appeal of the case (history-only ones included), by date."
    )


CONTEXT_MODELS: dict[str, type[Context]] = {
    "appeal": AppealContext,
    "summary": SummaryContext,
    "chronology": ChronologyContext,
}
"""Each context by the name a kind's ``kind.toml`` gives it."""


def variables(context: str) -> dict[str, object]:
    """The variables of ``context`` and their types, as `templates check` reads them."""
    model = CONTEXT_MODELS[context]
    return {name: info.annotation for name, info in model.model_fields.items()}
