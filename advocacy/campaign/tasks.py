"""The work a build shares out between processes: one document in every format, or the letters
to a batch of recipients, each written into the case's staging folder.

Every function here takes the build's record of a case (:class:`advocacy.campaign.build._Case`) and
gives back, for each file, its manifest entry or the failure that stopped it; nothing here
stops the others.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from advocacy.campaign.manifest import Entry, Failure, entry, pages_of, unexpected
from advocacy.errors import AdvocacyError, FactsError
from advocacy.files import write_atomic
from advocacy.formats.compose import WindowError
from advocacy.formats.pipeline import produce

if TYPE_CHECKING:
    from advocacy.campaign.build import _Case


@contextmanager
def translated(doc: Any, case: _Case) -> Iterator[list[Failure]]:
    """Render ``doc`` inside: then fail with every text its language lacks, or (falling back)
    give the warnings that say which texts were printed in the case's language."""
    from advocacy.views.language import checked

    notes: list[Failure] = []
    with checked(doc, case.fallback) as fallbacks:
        yield notes
    notes += [Failure(problem.file, str(problem), warning=True) for problem in fallbacks]


def document(case: _Case, name: str) -> list[Entry | Failure]:
    """Every format of the document of kind ``name``."""
    from advocacy.documents.document import BUILDERS

    try:
        kind = case.templates.kind(name)
        doc = BUILDERS[kind.context](case.loaded, kind, case.templates, None)
    except AdvocacyError as err:
        return [Failure(str(case.folder / name), str(err))]
    doc = dataclasses.replace(doc, fallback=case.fallback)
    try:
        made = produce(doc, kind.formats, case.case_file, keep_going=True)
    except FactsError as err:  # texts the language lacks: none of its files is written
        return [Failure(str(case.folder / doc.stem), str(err))]
    results: list[Entry | Failure] = [
        Failure(str(case.folder / f"{doc.stem}.{fmt}"), str(err)) for fmt, err in made.failures
    ]
    for output in made.outputs:
        pages = pages_of(output.data) if output.fmt == "pdf" else None
        written = entry(output.name, output.data, kind.name, output.fmt, doc.lang, None, pages)
        results.append(_write(case, output.data, written))
    return results + [Failure(p.file, str(p), warning=True) for p in made.warnings]


def letters(case: _Case, key: str, recipients: list[Any]) -> list[Entry | Failure]:
    """The appeal to each of ``recipients`` (who share ``key``, their language).

    A recipient whose PDF fails gets no Word letter and no draft either: the reason (an address
    too long for its window, say) is theirs, not the format's.
    """
    kind = case.templates.kind("appeal")
    folder = f"{kind.name}-{case.loaded.case.appeal().id}"
    group = case.groups[key]
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
                    made = made.at(case.loaded.places.get(recipient.id, recipient.id))
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
            if case.emails and recipient.email and recipient.id in pdfs:
                from advocacy.campaign.emails import draft

                letterhead = group.loaded.letterheads[appeal.sender]
                name = f"{kind.name}-{appeal.id}-{recipient.id}.pdf"
                data = draft(appeal, letterhead, recipient, pdfs[recipient.id], name)
                results.append(
                    _write(
                        case,
                        data,
                        entry(f"{relative}.eml", data, "email", "eml", key, recipient.id),
                    )
                )
        except Exception as err:
            message = str(err) if isinstance(err, AdvocacyError) else unexpected(err)
            results.append(Failure(str(case.final(relative)), message))
    return results


def _each_pdf(group: Any, recipients: list[Any]) -> Iterator[tuple[Any, bytes | Exception]]:
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


def _write(case: _Case, data: bytes, written: Entry) -> Entry:
    """Write ``data`` where its manifest entry says, in the case's staging folder."""
    write_atomic(case.staging.folder / written.path, data)
    return written
