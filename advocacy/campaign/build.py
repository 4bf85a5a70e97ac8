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
between ``jobs`` processes (:mod:`advocacy.campaign.workers`) once the letters are prepared here,
where their failures and warnings are said once. An internal build (confidential facts in) goes to
``<case-id>.internal/`` and never writes email drafts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from advocacy.campaign import stages
from advocacy.campaign.case import Case, Settings, Source
from advocacy.campaign.manifest import MANIFEST, Entry, Failure, Report, case_folder, manifest
from advocacy.campaign.staging import Staging
from advocacy.campaign.tasks import DocumentTask, LettersTask, Task
from advocacy.campaign.workers import Results, run_all
from advocacy.documents.options import Options
from advocacy.errors import AdvocacyError, FactsError, UsageError, count
from advocacy.files import write_atomic

if TYPE_CHECKING:
    from advocacy.campaign.letters import Composes
    from advocacy.facts.models import Recipient

CHUNK = 50
"""Recipients in one task: small enough to share out evenly, large enough to amortise."""


@dataclass
class _Building:
    """A case being built, as the build itself keeps it."""

    case: Case
    staging: Staging
    case_sha256: str
    notes: list[Failure] = field(default_factory=list)
    """Warnings of the letters' preparation (texts printed in the case's language)."""
    failures: list[Failure] = field(default_factory=list)
    """Groups of letters that could not be prepared, each said once."""
    entries: list[Entry] = field(default_factory=list)


def build(
    facts: list[Path],
    options: Options,
    *,
    out: Path | None = None,
    jobs: int | None = None,
    emails: bool = False,
    planned: Callable[[int], None] | None = None,
    done: Callable[[list[Path]], None] | None = None,
    start_method: str | None = None,
) -> Report:
    """Build every document of each case file in ``facts`` into ``out``/<case-id>/.

    ``planned`` is told how many files the build will write, once it knows; ``done`` is given
    the paths of each finished piece of work as it finishes. A case file that does not load is a
    failure of its own; the others are built. Documents are in the options' language (default: each
    case's), letters in their recipient's language if it is given; ``fallback`` lets the
    case's language stand in for texts a language lacks (each reported as a warning). Worker
    processes are started by ``start_method`` (default: the platform's); the files are the same.
    """
    audience = options.audience
    if emails and audience != "public":
        raise UsageError(
            "--emails writes drafts ready to send, so only with the public audience: an "
            "internal build carries confidential facts"
        )
    settings = Settings(options.templates, audience, options.fallback, emails)
    report = Report()
    building: list[_Building] = []
    tasks: list[Task] = []
    try:
        for path in facts:
            try:
                underway = _prepare(path, out, settings, options.lang, building)
            except FactsError as err:
                report.failures.extend(Failure(str(p.file), str(p)) for p in err.problems)
                continue
            except AdvocacyError as err:
                report.failures.append(Failure(str(path), str(err)))
                continue
            building.append(underway)
            tasks.extend(_tasks(underway, len(building) - 1))
        _run_cases(tasks, building, settings, jobs, start_method, report, planned, done)
    finally:
        for underway in building:
            underway.staging.close()  # after a commit, only the lock is left to let go
    return report


def _run_cases(
    tasks: list[Task],
    building: list[_Building],
    settings: Settings,
    jobs: int | None,
    start_method: str | None,
    report: Report,
    planned: Callable[[int], None] | None,
    done: Callable[[list[Path]], None] | None,
) -> None:
    """Run the tasks, then put each case's files in place with their manifest."""
    if planned:
        planned(sum(_files(task, settings) for task in tasks))

    def finished(task: Task, results: Results) -> None:
        underway = building[task.case]
        paths = []
        for result in results:
            if isinstance(result, Failure):
                if result.disk:  # said once, with the case: see below
                    underway.failures.append(result)
                    continue
                (report.warnings if result.warning else report.failures).append(result)
            else:
                underway.entries.append(result)
                paths.append(underway.case.final(result.path))
        if done:
            done(paths)

    run_all(tasks, [underway.case for underway in building], settings, jobs, start_method, finished)
    for underway in building:
        report.warnings += underway.notes
        case = underway.case
        disk = next((f for f in underway.failures if f.disk), None)
        if disk is not None:  # an incomplete build must not take the place of a whole one
            report.failures = [f for f in report.failures if not _within(f, case.source.folder)]
            kept = "the previous build is kept" if case.source.folder.exists() else "nothing kept"
            report.failures.append(
                Failure(
                    str(case.source.folder),
                    f"{disk.message}; {case.source.folder}: not built, {kept}",
                )
            )
            continue
        report.failures += underway.failures
        try:
            _manifest(underway)
            underway.staging.commit()
        except AdvocacyError as err:
            report.failures.append(Failure(str(case.source.folder), str(err)))
            continue
        report.written += sorted(case.final(entry.path) for entry in underway.entries)
        report.manifests.append(case.final(MANIFEST))


def _within(failure: Failure, folder: Path) -> bool:
    """Whether ``failure`` is of a file in ``folder`` (or of the folder itself)."""
    return failure.path == str(folder) or Path(failure.path).is_relative_to(folder)


def _prepare(
    path: Path, out: Path | None, settings: Settings, lang: str | None, others: list[_Building]
) -> _Building:
    from advocacy.facts.load import load_case
    from advocacy.i18n.catalogs import catalog_language

    facts = load_case(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    lang = lang or facts.case.language
    catalog_language(lang)
    audience = settings.audience
    name = case_folder(facts.case.id, audience)
    folder = (out if out is not None else Path("output")) / name
    for other in others:
        if other.case.source.folder == folder:
            raise UsageError(
                f"{path}: has the id {facts.case.id!r}, as {other.case.source.facts.path} does; "
                "their documents would overwrite each other: build them into different --out "
                "folders"
            )
    case_file = stages.embedded(facts, audience)
    staging = Staging(folder)
    source = Source(facts, lang, folder, staging.folder, case_file)
    underway = _Building(Case(source, settings), staging, digest)
    if facts.warnings:  # said in full by `validate`, once; a build only counts them
        underway.notes.append(Failure(str(path), facts.warned(), warning=True))
    for said in facts.examples():  # sample data is loud wherever a letter is made
        underway.notes.append(Failure(str(path), said, warning=True))
    _note_translation(underway, lang)
    return underway


def _tasks(underway: _Building, index: int) -> Iterator[Task]:
    """The work of one case: each document kind, then the letters in chunks of recipients."""
    case = underway.case
    names = case.settings.templates.names()
    for name in names:
        yield DocumentTask(index, name)
    if "appeal" not in names or not case.view.case.letters:
        return
    groups: dict[str, list[Recipient]] = {}
    for recipient in case.view.recipients:
        groups.setdefault(recipient.language or case.source.lang, []).append(recipient)
    for key, recipients in groups.items():
        found = _prepare_letters(underway, key, recipients)
        if found is None:
            continue
        for start in range(0, len(recipients), CHUNK):
            yield LettersTask(index, key, tuple(recipients[start : start + CHUNK]), found)


def _prepare_letters(underway: _Building, key: str, recipients: list[Recipient]) -> Composes | None:
    """Lay out the letters of a group once, and check them, before the work is shared out; how
    they can be made, or None if they cannot (the case's failure, said once for the group)."""
    case = underway.case
    try:
        group = case.letters(key)
        with stages.translated(group.probe, case.settings.fallback) as notes:
            group.prepare(recipients)
        underway.notes += notes
    except AdvocacyError as err:
        folder = case.final(f"appeal-{case.view.case.appeal().id}")
        ids = ", ".join(r.id for r in recipients[:10]) + (", ..." if len(recipients) > 10 else "")
        underway.failures.append(
            Failure(
                "",
                f"{err.said()}\n{folder}: "
                f"{count(len(recipients), 'letter')} in {key!r} not written ({ids})",
            )
        )
        return None
    case.groups[key] = group  # the tasks done in this process use it as it is
    _note_translation(underway, key)
    return group.composes


def _note_translation(underway: _Building, lang: str) -> None:
    """Note once that documents in ``lang`` print an unreviewed translation."""
    note = stages.unreviewed(underway.case.source.facts, lang)
    if note is not None:
        underway.notes.append(note)


def _files(task: Task, settings: Settings) -> int:
    """How many files ``task`` writes, if all goes well."""
    if isinstance(task, DocumentTask):
        try:
            return len(settings.templates.kind(task.name).formats)
        except AdvocacyError:
            return 1
    formats = len(settings.templates.kind("appeal").formats)
    return sum(formats + (1 if settings.emails and r.email else 0) for r in task.recipients)


def _manifest(underway: _Building) -> None:
    """Write ``manifest.json`` of a case: what was built, from which facts."""
    loaded = underway.case.view
    text = manifest(
        loaded.case.id, loaded.path.name, underway.case_sha256, loaded.audience, underway.entries
    )
    write_atomic(underway.staging.folder / MANIFEST, text.encode("utf-8"))
