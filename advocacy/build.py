"""``advocacy build``: every document of a case at once, the appeal once per recipient.

For each case file, into ``<out>/<case-id>/``:

* every document kind in every format it has (``appeal-<id>.pdf``, ``summary.docx`` ...);
* the appeal to each recipient: ``appeal-<id>/<recipient-id>.pdf`` and ``.docx`` (and ``.eml``,
  an email draft with the PDF attached, with ``emails``), made by :mod:`advocacy.letters`;
* ``manifest.json``: each file with its kind, format, language, recipient, pages, bytes and
  sha256, and the sha256 of the case file it came from.

Every file is written under a temporary name and renamed into place, so an interrupted build
leaves no partial file under a final name. A document that fails does not stop the others: the
build goes on and reports each failure. Work is shared out between ``jobs`` processes, forked
once the letters are prepared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advocacy.errors import AdvocacyError, FactsError
from advocacy.files import write_atomic

CHUNK = 50
"""Recipients in one task: small enough to share out evenly, large enough to amortise."""

MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Entry:
    """One written file, as the manifest lists it."""

    path: str
    kind: str
    format: str
    language: str
    recipient: str | None
    pages: int | None
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Failure:
    """A document that could not be made, and why."""

    path: str
    message: str


@dataclass
class Report:
    """What a build wrote and what failed."""

    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)


@dataclass
class _Case:
    """A case being built: what every task of it needs (shared with forked workers)."""

    loaded: Any
    templates: Any
    folder: Path
    case_file: Any
    emails: bool
    groups: dict[str, Any] = field(default_factory=dict)


_CASES: list[_Case] = []
"""The cases of the build in progress, set before workers fork so they inherit them."""

Task = tuple[int, str, Any]


def build(
    facts: list[Path],
    out: Path | None = None,
    jobs: int | None = None,
    emails: bool = False,
    templates: Path | None = None,
    audience: str = "public",
    planned: Callable[[int], None] | None = None,
    done: Callable[[list[Path]], None] | None = None,
) -> Report:
    """Build every document of each case file in ``facts`` into ``out``/<case-id>/.

    ``planned`` is told how many files the build will write, once it knows; ``done`` is given
    the paths of each finished piece of work as it finishes. A case file that does not load is a
    failure of its own; the others are built.
    """
    from advocacy.audience import check_audience
    from advocacy.templates import template_set

    check_audience(audience)
    found = template_set(templates)
    report = Report()
    _CASES.clear()
    tasks: list[Task] = []
    for path in facts:
        try:
            case = _prepare(path, out, found, audience, emails)
        except FactsError as err:
            report.failures.extend(Failure(str(p.file), str(p)) for p in err.problems)
            continue
        except AdvocacyError as err:
            report.failures.append(Failure(str(path), str(err)))
            continue
        _CASES.append(case)
        tasks.extend(_tasks(len(_CASES) - 1))
    if planned:
        planned(sum(_files(task) for task in tasks))
    entries: dict[int, list[Entry]] = {index: [] for index in range(len(_CASES))}
    for index, results in _run_all(tasks, jobs):
        case = _CASES[index]
        paths = []
        for result in results:
            if isinstance(result, Failure):
                report.failures.append(result)
            else:
                entries[index].append(result)
                paths.append(case.folder / result.path)
        report.written.extend(paths)
        if done:
            done(paths)
    for index, case in enumerate(_CASES):
        report.manifests.append(_manifest(case, entries[index]))
    _CASES.clear()
    return report


def _prepare(path: Path, out: Path | None, templates: Any, audience: str, emails: bool) -> _Case:
    from advocacy.archive import embedded_case
    from advocacy.audience import for_audience
    from advocacy.facts import load_case

    loaded = load_case(path)
    public = for_audience(loaded.case, audience, str(loaded.path))
    loaded = dataclasses.replace(loaded, case=public, audience=audience)
    folder = (out if out is not None else Path("output")) / loaded.case.id
    _sweep(folder)
    return _Case(loaded, templates, folder, embedded_case(loaded), emails)


def _sweep(folder: Path) -> None:
    """Remove the temporary files an interrupted build left (never a finished file)."""
    if folder.is_dir():
        for leftover in folder.rglob(".*.part"):
            leftover.unlink(missing_ok=True)


def _tasks(index: int) -> Iterator[Task]:
    """The work of one case: each document kind, then the letters in chunks of recipients."""
    case = _CASES[index]
    for name in case.templates.names():
        yield index, "document", name
    if "appeal" not in case.templates.names() or not case.loaded.case.appeals:
        return
    groups: dict[str, list[Any]] = {}
    for recipient in case.loaded.recipients:
        language = recipient.language or case.loaded.case.language
        groups.setdefault(language, []).append(recipient)
    for key, recipients in groups.items():
        _prepare_letters(case, key, recipients[0])
        for start in range(0, len(recipients), CHUNK):
            yield index, "letters", (key, recipients[start : start + CHUNK])


def _prepare_letters(case: _Case, key: str, first: Any) -> None:
    """Lay out the letters of a group once, before workers fork and share it.

    A failure is left for the group's tasks to report, recipient by recipient.
    """
    from advocacy.letters import LetterGroup

    try:
        group = LetterGroup(
            case.loaded,
            case.templates.kind("appeal"),
            case.templates,
            None,
            key,
            case.case_file,
        )
        group.prepare(first)
    except AdvocacyError as err:
        case.groups[key] = err
    else:
        case.groups[key] = group


def _files(task: Task) -> int:
    index, what, subject = task
    case = _CASES[index]
    if what == "document":
        try:
            return len(case.templates.kind(subject).formats)
        except AdvocacyError:
            return 1
    formats = len(case.templates.kind("appeal").formats)
    _, recipients = subject
    return sum(formats + (1 if case.emails and r.email else 0) for r in recipients)


def _run_all(tasks: list[Task], jobs: int | None) -> Iterator[tuple[int, list[Entry | Failure]]]:
    """Each task's results as it finishes, in ``jobs`` processes (default: one per core)."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(tasks) < 2:
        for task in tasks:
            yield task[0], _run(task)
        return
    import multiprocessing

    # Forked, the workers share the prepared letters (read-only) instead of preparing them anew.
    context = multiprocessing.get_context("fork")
    with context.Pool(min(jobs, len(tasks))) as pool:
        yield from pool.imap_unordered(_run_indexed, tasks)


def _run_indexed(task: Task) -> tuple[int, list[Entry | Failure]]:
    return task[0], _run(task)


def _run(task: Task) -> list[Entry | Failure]:
    index, what, subject = task
    case = _CASES[index]
    if what == "document":
        return _document(case, subject)
    key, recipients = subject
    return _letters(case, key, recipients)


def _document(case: _Case, name: str) -> list[Entry | Failure]:
    """Every format of the document of kind ``name``."""
    from advocacy.documents import BUILDERS

    results: list[Entry | Failure] = []
    try:
        kind = case.templates.kind(name)
        doc = BUILDERS[kind.context](case.loaded, kind, case.templates, None)
    except AdvocacyError as err:
        return [Failure(name, str(err))]
    for fmt in kind.formats:
        relative = f"{doc.stem}.{fmt}"
        try:
            data = _render(doc, fmt, case)
            pages = _pages(data) if fmt == "pdf" else None
            results.append(_write(case, relative, data, kind.name, fmt, doc.lang, None, pages))
        except AdvocacyError as err:
            results.append(Failure(str(case.folder / relative), str(err)))
    return results


def _render(doc: Any, fmt: str, case: _Case) -> bytes:
    if fmt == "pdf":
        from advocacy.render.pdf import render_pdf

        return render_pdf(doc, case.case_file)
    from advocacy.render.docx import render_docx

    return render_docx(doc)


def _letters(case: _Case, key: str, recipients: list[Any]) -> list[Entry | Failure]:
    """The appeal to each of ``recipients`` (who share ``key``, their language)."""
    kind = case.templates.kind("appeal")
    appeal = case.loaded.case.appeal()
    folder = f"{kind.name}-{appeal.id}"
    results: list[Entry | Failure] = []
    group = case.groups[key]
    if isinstance(group, AdvocacyError):
        return [Failure(f"{case.folder / folder}/{r.id}", str(group)) for r in recipients]
    language = key
    pdfs: dict[str, tuple[bytes, int]] = {}
    if "pdf" in kind.formats:
        results.extend(_each_pdf(case, group, recipients, folder, language, pdfs))
    for recipient in recipients:
        relative = f"{folder}/{recipient.id}"
        if "docx" in kind.formats:
            try:
                data = group.docx(recipient)
                results.append(
                    _write(
                        case, f"{relative}.docx", data, kind.name, "docx", language, recipient.id
                    )
                )
            except AdvocacyError as err:
                results.append(Failure(str(case.folder / f"{relative}.docx"), str(err)))
        if case.emails and recipient.email and recipient.id in pdfs:
            from advocacy.emails import draft

            letterhead = case.loaded.letterheads[appeal.sender]
            name = f"{kind.name}-{appeal.id}-{recipient.id}.pdf"
            data = draft(appeal, letterhead, recipient, pdfs[recipient.id][0], name)
            results.append(
                _write(case, f"{relative}.eml", data, "email", "eml", language, recipient.id)
            )
    return results


def _each_pdf(
    case: _Case,
    group: Any,
    recipients: list[Any],
    folder: str,
    language: str,
    pdfs: dict[str, tuple[bytes, int]],
) -> Iterator[Entry | Failure]:
    made: set[str] = set()
    try:
        for recipient, data in group.pdfs(recipients):
            made.add(recipient.id)
            relative = f"{folder}/{recipient.id}.pdf"
            if isinstance(data, Exception):
                yield Failure(str(case.folder / relative), str(data))
                continue
            pages = _pages(data)
            pdfs[recipient.id] = (data, pages)
            yield _write(case, relative, data, "appeal", "pdf", language, recipient.id, pages)
    except AdvocacyError as err:
        for recipient in recipients:
            if recipient.id not in made:
                yield Failure(str(case.folder / f"{folder}/{recipient.id}.pdf"), str(err))


def _pages(pdf: bytes) -> int:
    """The page count of a PDF, read from its page tree's root."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def _write(
    case: _Case,
    relative: str,
    data: bytes,
    kind: str,
    fmt: str,
    language: str,
    recipient: str | None,
    pages: int | None = None,
) -> Entry:
    write_atomic(case.folder / relative, data)
    return Entry(
        path=relative,
        kind=kind,
        format=fmt,
        language=language,
        recipient=recipient,
        pages=pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _manifest(case: _Case, entries: list[Entry]) -> Path:
    """Write ``manifest.json`` of a case: what was built, from which facts."""
    loaded = case.loaded
    manifest = {
        "case": loaded.case.id,
        "case_file": loaded.path.name,
        "case_sha256": hashlib.sha256(loaded.path.read_bytes()).hexdigest(),
        "audience": loaded.audience,
        "files": [dataclasses.asdict(entry) for entry in sorted(entries, key=lambda e: e.path)],
    }
    path = case.folder / MANIFEST
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"))
    return path
