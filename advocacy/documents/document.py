"""Documents: a kind's templates, the facts they receive, and what the files are called.

A document is made for one case (and, for an appeal, one letter of it) by one document kind of a
template set (:mod:`advocacy.documents.templates`). The kind's context says which facts its
templates receive (:mod:`advocacy.documents.contexts`); no template reads a file or the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advocacy.documents.chronology import Citations, age, rows
from advocacy.documents.contexts import (
    AppealContext,
    AwardView,
    ChargeAppeal,
    ChargeView,
    ChronologyContext,
    Context,
    EarlierAppeal,
    LetterProfile,
    Now,
    Penalty,
    Profile,
    SummaryContext,
)
from advocacy.documents.custody import current, periods
from advocacy.documents.figure import timeline_svg
from advocacy.documents.options import Options
from advocacy.documents.options import options as default_options
from advocacy.documents.templates import Kind, TemplateSet
from advocacy.errors import RenderError, UsageError
from advocacy.facts.load import LoadedCase
from advocacy.i18n.catalogs import N_, catalog_language, translate
from advocacy.i18n.words import country_name, date_words, imprisonment_words, money_words
from advocacy.views.view import View, view

if TYPE_CHECKING:
    from advocacy.documents.contexts import Row
    from advocacy.facts.models import Case, Charge, Letter, Recipient


@dataclass(frozen=True)
class Document:
    """Everything a renderer needs to write one document in any format."""

    kind: Kind
    stem: str
    lang: str
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    context: Context = field(repr=False)
    templates: TemplateSet = field(repr=False)
    view: View = field(repr=False, compare=False)
    """The case as the document sees it (for its audience, in its language)."""
    date: dt.date = dt.date(2000, 1, 1)
    """The date the document carries (an appeal's issue, a case's `updated`): its files are
    dated by it, never by the clock, so the same facts give the same bytes."""
    fallback: bool = False
    """Whether fact texts that ``lang`` lacks may be printed in the case's language."""

    @property
    def template_context(self) -> dict[str, Any]:
        """What templates receive: the fields of the context, by name."""
        return {name: getattr(self.context, name) for name in type(self.context).model_fields}


def document(
    loaded: LoadedCase,
    kind: str,
    made: Options | None = None,
    *,
    appeal: str | None = None,
    to: str | None = None,
) -> Document:
    """The document of ``kind`` for a loaded case, made as the options say (default: the
    shipped templates, the public audience, the case's language).

    It is made from the case's view for the options' audience and language alone
    (:mod:`advocacy.views`), so a public document cannot reach a confidential fact. The
    language is the options' or, for a letter addressed ``to`` a recipient of the case, theirs,
    or else the case's. A letter is the case's latest appeal unless ``appeal`` names one.
    """
    options = made or default_options()
    found = options.templates.kind(kind)
    if appeal is not None and found.context != "appeal":
        raise UsageError(f"--appeal is for letters; the kind {kind!r} is about the whole case")
    if to is not None and found.context != "appeal":
        raise UsageError(f"--to is for letters; the kind {kind!r} is about the whole case")
    recipient = find_recipient(loaded, to) if to is not None else None
    lang = options.lang or (recipient.language if recipient else None)
    seen = view(loaded, lang or case_language(loaded), options.audience)
    if recipient is not None:
        doc = appeal_document(seen, found, options.templates, appeal, recipient)
    else:
        doc = BUILDERS[found.context](seen, found, options.templates, appeal)
    return dataclasses.replace(doc, fallback=options.fallback)


def case_language(loaded: LoadedCase) -> str:
    """The case's own language, which documents are written in unless told otherwise; a
    RenderError if the templates have no catalog for it."""
    lang = loaded.case.language
    try:
        catalog_language(lang)
    except UsageError as err:
        raise RenderError(
            f"{loaded.path}: the case's language {lang!r} has no catalog of the templates' "
            f"words; write the document in another with --lang (and --fallback): {err}"
        ) from err
    return lang


def find_recipient(loaded: LoadedCase, recipient_id: str) -> Recipient:
    """The case's recipient with this id; UsageError naming the ones there are."""
    for recipient in loaded.recipients:
        if recipient.id == recipient_id:
            return recipient
    ids = ", ".join(r.id for r in loaded.recipients) or "none (add them under `recipients`)"
    raise UsageError(f"no recipient {recipient_id!r} in {loaded.path}; it has: {ids}")


def _document(
    case_view: View,
    kind: Kind,
    templates: TemplateSet,
    model: type[Context],
    *,
    stem: str,
    date: dt.date,
    title: str,
    author: str,
    subject: str,
    keyword: str,
    fields: dict[str, Any],
    more_keywords: tuple[str, ...] = (),
) -> Document:
    """A document whose context holds what every context has, its metadata and ``fields``."""
    case = case_view.case
    lang = case_view.language
    defenders = [case.person(pid) for pid in case.defenders]
    country = country_name(case.country, lang)
    names = [person.name for person in defenders]
    keywords = (
        keyword,
        translate(lang, "human rights defenders"),
        country,
        *names,
        *more_keywords,
    )
    context = model.model_construct(
        meta_title=title,
        meta_author=author,
        meta_subject=subject,
        meta_keywords=", ".join(keywords),
        meta_date=date.isoformat(),
        lang=lang,
        audience=case_view.audience,
        case=case,
        defender=defenders[0],
        defenders=defenders,
        country=country,
        **fields,
    )
    return Document(
        kind=kind,
        stem=stem,
        date=date,
        lang=lang,
        title=title,
        author=author,
        subject=subject,
        keywords=keywords,
        context=context,
        templates=templates,
        view=case_view,
    )


def appeal_document(
    case_view: View,
    kind: Kind,
    templates: TemplateSet,
    appeal_id: str | None = None,
    recipient: Recipient | None = None,
) -> Document:
    """A letter: the latest of the case unless ``appeal_id`` names one, to ``recipient``."""
    case = case_view.case
    if not case.letters:
        raise RenderError(
            f"{case_view.path}: the case has no appeals to render (none, or only ones recorded "
            "as `history`); add one under `appeals`"
        )
    ids = [letter.id for letter in case.letters]
    if appeal_id is not None and appeal_id not in ids:
        history = " (recorded only as history, never rendered)" * any(
            a.id == appeal_id for a in case.appeals
        )
        raise UsageError(
            f"no appeal {appeal_id!r} to render in {case_view.path}{history}; it has: "
            f"{', '.join(ids)}"
        )
    appeal = case.appeal(appeal_id)
    defender = case.person(case.defenders[0])
    lang = case_view.language
    letterhead = case_view.letterheads[appeal.sender]
    earlier = case.appeal(appeal.updates, history=True) if appeal.updates else None
    title = translate(lang, "Update – %(title)s", title=appeal.title) if earlier else appeal.title
    changes = [
        row
        for row in rows(case, Citations(case), lang)
        if earlier and row.event.date and earlier.issued < row.event.date.lower <= appeal.issued
    ]
    return _document(
        case_view,
        kind,
        templates,
        AppealContext,
        stem=f"{kind.name}-{appeal.id}" + (f"/{recipient.id}" if recipient else ""),
        date=appeal.issued,
        title=title,
        author=letterhead.organisation,
        subject=translate(
            lang,
            "Urgent appeal of %(date)s: %(title)s",
            date=appeal.issued.isoformat(),
            title=title,
        ),
        keyword=translate(lang, "urgent appeal"),
        fields={
            "appeal": appeal,
            "title": title,
            "letterhead": letterhead,
            "profile": appeal.profile or defender.profile,
            "profiles": _letter_profiles(case, appeal),
            "urges": letterhead.urges or letterhead.organisation,
            "update": _earlier(case_view, earlier) if earlier else None,
            "changes": changes,
            "authorities": appeal.authorities or country_name(case.country, lang),
            "recipient": recipient,
        },
        more_keywords=(appeal.reference,) if appeal.reference else (),
    )


def _letter_profiles(case: Case, appeal: Letter) -> list[LetterProfile]:
    """Each defender with a profile, in the order of `defenders`: the letter's, else theirs."""
    own = {p.person: p.text for p in appeal.profiles}
    if appeal.profile is not None:
        own.setdefault(case.defenders[0], appeal.profile)
    found = []
    for pid in case.defenders:
        person = case.person(pid)
        text = own.get(pid) or person.profile
        if text:
            found.append(
                LetterProfile.model_construct(
                    person=person, name=person.name, native_name=person.native_name, text=text
                )
            )
    return found


def _earlier(case_view: View, appeal: Letter) -> EarlierAppeal:
    """An earlier appeal as a later document cites it."""
    return EarlierAppeal.model_construct(
        appeal=appeal,
        date=date_words(appeal.issued, case_view.language),
        organisation=case_view.letterheads[appeal.sender].organisation,
    )


def _case_document(
    case_view: View,
    kind: Kind,
    templates: TemplateSet,
    model: type[Context],
    table: list[Row],
    fields: dict[str, Any],
) -> Document:
    """A document about the whole case, dated by `updated`, with the timeline figure.

    The kind's label heads it ("Case summary: <names>").
    """
    case = case_view.case
    lang = case_view.language
    label = translate(lang, kind.label)
    names = ", ".join(case.person(pid).name for pid in case.defenders)
    title = translate(lang, "%(label)s: %(names)s", label=label, names=names)
    return _document(
        case_view,
        kind,
        templates,
        model,
        stem=kind.name,
        date=case.updated,
        title=title,
        author=_author(case_view),
        subject=translate(
            lang,
            "%(label)s: the case %(case)s, current to %(date)s",
            label=label,
            case=case.id,
            date=case.updated.isoformat(),
        ),
        keyword=label.lower(),
        fields={
            "title": title,
            "updated": case.updated,
            "figure": timeline_svg(case, table, lang),
            **fields,
        },
    )


def chronology_document(
    case_view: View, kind: Kind, templates: TemplateSet, appeal_id: str | None = None
) -> Document:
    """Every event of the case in date order, with its status, people and sources."""
    case = case_view.case
    citations = Citations(case)
    table = rows(case, citations, case_view.language)
    custody = periods(case, citations, case_view.language)
    fields = {"rows": table, "custody": custody, "sources": citations.sources}
    return _case_document(case_view, kind, templates, ChronologyContext, table, fields)


def summary_document(
    case_view: View, kind: Kind, templates: TemplateSet, appeal_id: str | None = None
) -> Document:
    """One or two pages: who the defender is, what is happening now, charges, demands."""
    case = case_view.case
    lang = case_view.language
    citations = Citations(case)
    defenders = [case.person(pid) for pid in case.defenders]
    profiles = [
        Profile.model_construct(
            person=person,
            age=age(person.born.lower, case.updated)
            if person.born and person.born.start.precision == "day"
            else None,
            born=date_words(person.born, lang) if person.born else None,
            organisations=[case.organisation(o).name for o in person.organisations],
            awards=[
                AwardView.model_construct(
                    award=award,
                    date=date_words(award.date, lang) if award.date else None,
                    sources=citations.cite(award.sources),
                )
                for award in person.awards
            ],
            sources=citations.cite(person.sources),
        )
        for person in defenders
    ]
    table = rows(case, Citations(case), lang)
    own = [r for r in table if r.event.date and set(r.event.people) & set(case.defenders)]
    latest = [
        r for r in own if r.event.date and (case.updated - r.event.date.upper).days <= NOW_DAYS
    ]
    custody = current(case, citations, lang)
    now = [
        Now.model_construct(row=row, sources=citations.cite(row.event.sources))
        for row in latest or own[-LATEST_AT_LEAST:]
    ]
    charges = [_charge(case, charge, citations, lang) for charge in case.charges]
    appeal = case.appeal() if case.letters else None
    other_appeals = [
        _earlier(case_view, a)
        for a in sorted(case.appeals, key=lambda a: a.issued)
        if a is not appeal
    ]
    fields = {
        "other_appeals": other_appeals,
        "profiles": profiles,
        "custody": custody,
        "now": now,
        "charges": charges,
        "appeal": appeal,
        "appeal_sources": citations.cite(appeal.sources) if appeal else [],
        "sources": citations.sources,
    }
    return _case_document(case_view, kind, templates, SummaryContext, table, fields)


BUILDERS: dict[str, Callable[[View, Kind, TemplateSet, str | None], Document]] = {
    "appeal": appeal_document,
    "summary": summary_document,
    "chronology": chronology_document,
}
"""How each context is made from a view of the case."""

NOW_DAYS = 31
"""'What is happening now': the defenders' events of the month before the record's date..."""
LATEST_AT_LEAST = 3
"""...or, when there are none, their latest few events."""


def _charge(case: Case, charge: Charge, citations: Citations, lang: str) -> ChargeView:
    penalties = []
    for money in charge.penalty:
        words = money_words(money, lang)
        if money.equivalents:
            words += " (" + ", ".join(money_words(e, lang) for e in money.equivalents) + ")"
        penalties.append(
            Penalty.model_construct(words=words, sources=citations.cite(money.sources))
        )
    sources = citations.cite(charge.sources)
    appeals = [
        ChargeAppeal.model_construct(
            level=translate(lang, APPEAL_LEVELS[appeal.level]),
            court=case.organisation(appeal.court).name if appeal.court else None,
            decided=date_words(appeal.decided, lang) if appeal.decided else None,
            outcome=appeal.outcome,
            sources=citations.cite(appeal.sources),
        )
        for appeal in charge.all_appeals
    ]
    term = charge.imprisonment
    return ChargeView.model_construct(
        charge=charge,
        person=case.person(charge.person),
        court=case.organisation(charge.court).name if charge.court else None,
        decided=date_words(charge.decided, lang) if charge.decided else None,
        penalties=penalties,
        imprisonment=imprisonment_words(term.years, term.months, term.suspended, lang)
        if term
        else None,
        max_penalty=translate(lang, "Maximum penalty: %(penalty)s", penalty=charge.max_penalty)
        if charge.max_penalty
        else None,
        pending=charge.pending,
        appeals=appeals,
        appeal=appeals[0] if appeals else None,
        sources=sources,
    )


APPEAL_LEVELS = {
    "appeal": N_("Appeal"),
    "cassation": N_("Cassation"),
    "supervisory": N_("Supervisory review"),
    "pardon": N_("Pardon"),
    "amnesty": N_("Amnesty"),
}
"""Each level of appeal in words, as the charges table prints it."""


def _author(case_view: View) -> str:
    """Who a case document is by: the sender of the case's latest appeal, if any."""
    case = case_view.case
    if case.letters:
        return case_view.letterheads[case.appeal().sender].organisation
    return ""
