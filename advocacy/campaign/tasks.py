"""The work a build shares out between processes: one document in every format, or the letters
to a batch of recipients, each written into the case's staging folder.

A task is a plain value (it crosses to a worker process) naming its case by its place in the
build; :func:`run` does it with the cases of the process it runs in
(:class:`advocacy.campaign.case.Case`) and gives back, for each file, its manifest entry or the
failure that stopped it; nothing here stops the others.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advocacy.campaign.manifest import Entry, Failure, entry, pages_of, unexpected
from advocacy.campaign.stages import document as make_document
from advocacy.campaign.stages import produced
from advocacy.errors import AdvocacyError, DiskError, FactsError
from advocacy.files import write_atomic
from advocacy.formats.compose import WindowError

if TYPE_CHECKING:
    from advocacy.campaign.case import Case
    from advocacy.campaign.letters import Composes, LetterGroup
    from advocacy.facts.models import Recipient


@dataclass(frozen=True)
class DocumentTask:
    """Every format of one document kind of a case."""

    case: int
    """The case's place among the build's."""
    name: str


@dataclass(frozen=True)
class LettersTask:
    """The appeal to a batch of a case's recipients who share a language."""

    case: int
    lang: str
    recipients: tuple[Recipient, ...]
    found: Composes
    """How the build found the letters in ``lang`` can be made: each process lays them out so."""


Task = DocumentTask | LettersTask


def run(cases: Sequence[Case], task: Task) -> list[Entry | Failure]:
    """Do ``task`` with ``cases`` (the build's, as this process holds them)."""
    case = cases[task.case]
    try:
        if isinstance(task, DocumentTask):
            return document(case, task.name)
        return letters(case, task.lang, list(task.recipients), task.found)
    except DiskError as err:  # the build stops short of putting its files in place
        return [Failure(where(case, task), str(err), disk=True)]
    except Exception as err:  # a bug: reported with the rest, never stopping the others
        return [Failure(where(case, task), unexpected(err))]


def where(case: Case, task: Task) -> str:
    """What a failure of the whole task is reported at."""
    return str(case.final(task.name) if isinstance(task, DocumentTask) else case.source.folder)


def document(case: Case, name: str) -> list[Entry | Failure]:
    """Every format of the document of kind ``name``."""
    try:
        kind = case.settings.templates.kind(name)
        doc = make_document(case.view, kind, case.settings.templates, case.settings.fallback)
    except AdvocacyError as err:
        return [Failure(str(case.final(name)), str(err))]
    try:
        made = produced(doc, case.source.case_file)
    except FactsError as err:  # texts the language lacks: none of its files is written
        return [Failure(str(case.final(doc.stem)), str(err))]
    results: list[Entry | Failure] = [
        Failure(str(case.final(f"{doc.stem}.{fmt}")), str(err)) for fmt, err in made.failures
    ]
    for output in made.outputs:
        pages = pages_of(output.data) if output.fmt == "pdf" else None
        written = entry(output.name, output.data, kind.name, output.fmt, doc.lang, None, pages)
        results.append(_write(case, output.data, written))
    return results + [Failure(p.file, str(p), warning=True) for p in made.warnings]


def letters(
    case: Case, key: str, recipients: list[Recipient], found: Composes
) -> list[Entry | Failure]:
    """The appeal to each of ``recipients`` (who share ``key``, their language), made as
    ``found`` says.

    A recipient whose PDF fails gets no Word letter and no draft either: the reason (an address
    too long for its window, say) is theirs, not the format's.
    """
    group = case.group(key, found)
    kind = group.kind
    folder = f"{kind.name}-{case.view.case.appeal().id}"
    appeal = group.loaded.case.appeal()
    results: list[Entry | Failure] = []
    pdfs: dict[str, bytes] = {}
    failed: set[str] = set()
    if "pdf" in kind.formats:
        for recipient, made in _each_pdf(group, recipients):
            relative = f"{folder}/{recipient.id}.pdf"
            if isinstance(made, Exception):
                failed.add(recipient.id)
                if isinstance(made, WindowError):
                    made = made.at(case.view.places.get(recipient.id, recipient.id))
                message = str(made) if isinstance(made, AdvocacyError) else unexpected(made)
                results.append(Failure(str(case.final(relative)), f"{message} (not written)"))
                continue
            pdfs[recipient.id] = made
            results.append(
                _write(
                    case,
                    made,
                    entry(relative, made, "appeal", "pdf", key, recipient.id, pages_of(made)),
                )
            )
    for recipient in recipients:
        if recipient.id in failed:
            continue
        relative = f"{folder}/{recipient.id}"
        try:
            if "docx" in kind.formats:
                data = group.docx(recipient)
                results.append(
                    _write(
                        case,
                        data,
                        entry(f"{relative}.docx", data, kind.name, "docx", key, recipient.id),
                    )
                )
            if case.settings.emails and recipient.email and recipient.id in pdfs:
                from advocacy.campaign.emails import draft

                letterhead = group.loaded.letterheads[appeal.sender]
                name = f"{kind.name}-{appeal.id}-{recipient.id}.pdf"
                # An update's title line ("Update – ...") is the document's, not the fact's.
                title = group.probe.title if appeal.updates else None
                data = draft(appeal, letterhead, recipient, pdfs[recipient.id], name, title)
                results.append(
                    _write(
                        case,
                        data,
                        entry(f"{relative}.eml", data, "email", "eml", key, recipient.id),
                    )
                )
        except Exception as err:
            message = str(err) if isinstance(err, AdvocacyError) else unexpected(err)
            disk = isinstance(err, DiskError)
            results.append(Failure(str(case.final(relative)), message, disk=disk))
    return results


def _each_pdf(
    group: LetterGroup, recipients: list[Recipient]
) -> Iterator[tuple[Recipient, bytes | Exception]]:
    """Each recipient's PDF or what stopped it; a failure of the whole batch is everyone's."""
    made: set[str] = set()
    try:
        for recipient, data in group.pdfs(recipients):
            made.add(recipient.id)
            yield recipient, data
    except Exception as err:
        for recipient in recipients:
            if recipient.id not in made:
                yield recipient, err


def _write(case: Case, data: bytes, written: Entry) -> Entry:
    """Write ``data`` where its manifest entry says, in the case's staging folder."""
    write_atomic(case.source.staging / written.path, data)
    return written
