"""``advocacy build``: every document of a case at once, the appeal once per recipient.

For each case file, into ``<out>/<case-id>/``:

* every document kind in every format it has (``appeal-<id>.pdf``, ``summary.docx`` ...);
* the appeal to each recipient: ``appeal-<id>/<recipient-id>.pdf`` and ``.docx`` (and ``.eml``,
  an email draft with the PDF attached, with ``emails``), made by :mod:`advocacy.campaign.letters`;
* ``manifest.json``: each file with its kind, format, language, recipient, pages, bytes and
  sha256, and the sha256 of the case file it came from.

The files are written into a staging folder that then takes the place of ``<case-id>/`` whole
(:mod:`advocacy.campaign.staging`): an interrupted build leaves the previous build as it was, and no
file of an earlier build outlives this one. A document that fails does not stop the others: the
build goes on and reports each failure, and the manifest lists what was written. Work is shared out
between ``jobs`` processes, forked once the letters are prepared. An internal build (confidential
facts in) goes to ``<case-id>.internal/`` and never writes email drafts.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advocacy.campaign.manifest import (
    MANIFEST,
    Entry,
    Failure,
    Report,
    manifest,
    unexpected,
)
from advocacy.campaign.staging import Staging
from advocacy.campaign.tasks import translated
from advocacy.documents.options import Options
from advocacy.errors import AdvocacyError, FactsError, UsageError, count
from advocacy.files import write_atomic
from advocacy.views.audience import Audience

CHUNK = 50
"""Recipients in one task: small enough to share out evenly, large enough to amortise."""


@dataclass
class _Case:
    """A case being built: what every task of it needs (shared with forked workers)."""

    raw: Any
    """The case as loaded, every language in it, for letters in other languages."""
    audience: Audience
    lang: str
    fallback: bool
    templates: Any
    folder: Path
    """Where its files end up."""
    staging: Staging
    """Where they are written first."""
    case_file: Any
    case_sha256: str
    emails: bool
    groups: dict[str, Any] = field(default_factory=dict)
    notes: list[Failure] = field(default_factory=list)
    """Warnings of the letters' preparation (texts printed in the case's language)."""
    failures: list[Failure] = field(default_factory=list)
    """Groups of letters that could not be prepared, each said once."""
    loaded: Any = field(init=False)
    """The case as its documents see it: in ``lang``, for the build's audience."""

    def __post_init__(self) -> None:
        self.loaded = self.in_language(self.lang)

    def final(self, relative: str) -> Path:
        return self.folder / relative

    def in_language(self, lang: str) -> Any:
        """The case as a document in ``lang`` sees it (for the build's audience)."""
        from advocacy.views.view import view

        return view(self.raw, lang, self.audience)


_CASES: list[_Case] = []
"""The cases of the build in progress, set before workers fork so they inherit them."""

Task = tuple[int, str, Any]


def build(
    facts: list[Path],
    options: Options,
    *,
    out: Path | None = None,
    jobs: int | None = None,
    emails: bool = False,
    planned: Callable[[int], None] | None = None,
    done: Callable[[list[Path]], None] | None = None,
) -> Report:
    """Build every document of each case file in ``facts`` into ``out``/<case-id>/.

    ``planned`` is told how many files the build will write, once it knows; ``done`` is given
    the paths of each finished piece of work as it finishes. A case file that does not load is a
    failure of its own; the others are built. Documents are in the options' language (default:
    each case's), letters in their recipient's language if it is given; ``fallback`` lets the
    case's language stand in for texts a language lacks (each reported as a warning).
    """
    audience = options.audience
    if emails and audience != "public":
        raise UsageError(
            "--emails writes drafts ready to send, so only with the public audience: an "
            "internal build carries confidential facts"
        )
    found = options.templates
    report = Report()
    _CASES.clear()
    tasks: list[Task] = []
    try:
        for path in facts:
            try:
                case = _prepare(path, out, found, audience, emails, options.lang, options.fallback)
            except FactsError as err:
                report.failures.extend(Failure(str(p.file), str(p)) for p in err.problems)
                continue
            except AdvocacyError as err:
                report.failures.append(Failure(str(path), str(err)))
                continue
            _CASES.append(case)
            tasks.extend(_tasks(len(_CASES) - 1))
        _run_cases(tasks, jobs, report, planned, done)
    finally:
        for case in _CASES:
            case.staging.close()  # after a commit, only the lock is left to let go
        _CASES.clear()
    return report


def _run_cases(
    tasks: list[Task],
    jobs: int | None,
    report: Report,
    planned: Callable[[int], None] | None,
    done: Callable[[list[Path]], None] | None,
) -> None:
    """Run the tasks, then put each case's files in place with their manifest."""
    if planned:
        planned(sum(_files(task) for task in tasks))
    entries: dict[int, list[Entry]] = {index: [] for index in range(len(_CASES))}
    for index, results in _run_all(tasks, jobs):
        case = _CASES[index]
        paths = []
        for result in results:
            if isinstance(result, Failure):
                (report.warnings if result.warning else report.failures).append(result)
            else:
                entries[index].append(result)
                paths.append(case.final(result.path))
        if done:
            done(paths)
    for index, case in enumerate(_CASES):
        report.warnings += case.notes
        report.failures += case.failures
        try:
            _manifest(case, entries[index])
            case.staging.commit()
        except AdvocacyError as err:
            report.failures.append(Failure(str(case.folder), str(err)))
            continue
        report.written += sorted(case.final(entry.path) for entry in entries[index])
        report.manifests.append(case.final(MANIFEST))


def _prepare(
    path: Path,
    out: Path | None,
    templates: Any,
    audience: Audience,
    emails: bool,
    lang: str | None,
    fallback: bool,
) -> _Case:
    from advocacy.facts.load import load_case
    from advocacy.formats.archive import embedded_case
    from advocacy.i18n.catalogs import catalog_language

    raw = load_case(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    lang = lang or raw.case.language
    catalog_language(lang)
    # The file embedded in the PDFs keeps every language: it is the facts, not the document.
    case_file = embedded_case(raw, audience)
    name = raw.case.id if audience == "public" else f"{raw.case.id}.{audience}"
    folder = (out if out is not None else Path("output")) / name
    for other in _CASES:
        if other.folder == folder:
            raise UsageError(
                f"{path}: has the id {raw.case.id!r}, as {other.raw.path} does; their "
                "documents would overwrite each other: build them into different --out folders"
            )
    staging = Staging(folder)
    case = _Case(
        raw, audience, lang, fallback, templates, folder, staging, case_file, digest, emails
    )
    _note_translation(case, lang)
    return case


def _tasks(index: int) -> Iterator[Task]:
    """The work of one case: each document kind, then the letters in chunks of recipients."""
    case = _CASES[index]
    for name in case.templates.names():
        yield index, "document", name
    if "appeal" not in case.templates.names() or not case.loaded.case.appeals:
        return
    groups: dict[str, list[Any]] = {}
    for recipient in case.loaded.recipients:
        groups.setdefault(recipient.language or case.lang, []).append(recipient)
    for key, recipients in groups.items():
        if not _prepare_letters(case, key, recipients):
            continue
        for start in range(0, len(recipients), CHUNK):
            yield index, "letters", (key, recipients[start : start + CHUNK])


def _prepare_letters(case: _Case, key: str, recipients: list[Any]) -> bool:
    """Lay out the letters of a group once, before workers fork and share it; whether it can
    be built (else its failure is the case's, said once for the whole group)."""
    from advocacy.campaign.letters import LetterGroup

    try:
        group = LetterGroup(
            case.in_language(key),
            case.templates.kind("appeal"),
            case.templates,
            None,
            key,
            case.case_file,
        )
        with translated(group.probe, case) as notes:
            group.prepare(recipients)
        case.notes += notes
    except AdvocacyError as err:
        folder = case.folder / f"appeal-{case.loaded.case.appeal().id}"
        ids = ", ".join(r.id for r in recipients[:10]) + (", ..." if len(recipients) > 10 else "")
        case.failures.append(
            Failure(
                "",
                f"{err.said()}\n{folder}: "
                f"{count(len(recipients), 'letter')} in {key!r} not written ({ids})",
            )
        )
        return False
    case.groups[key] = group
    _note_translation(case, key)
    return True


def _note_translation(case: _Case, lang: str) -> None:
    """Note once that documents in ``lang`` print an unreviewed translation."""
    from advocacy.views.language import unreviewed

    note = unreviewed(case.raw, lang)
    if note is not None:
        case.notes.append(Failure("", note, warning=True))


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
    from advocacy.campaign import tasks as work

    try:
        if what == "document":
            return work.document(case, subject)
        key, recipients = subject
        return work.letters(case, key, recipients)
    except Exception as err:  # a bug: reported with the rest, never stopping the others
        where = str(case.folder / subject) if what == "document" else str(case.folder)
        return [Failure(where, unexpected(err))]


def _manifest(case: _Case, entries: list[Entry]) -> None:
    """Write ``manifest.json`` of a case: what was built, from which facts."""
    loaded = case.loaded
    text = manifest(loaded.case.id, loaded.path.name, case.case_sha256, loaded.audience, entries)
    write_atomic(case.staging.folder / MANIFEST, text.encode("utf-8"))
