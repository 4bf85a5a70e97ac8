"""The Python API: what the command line does, callable from a script or a notebook.

``load_case`` reads and validates a case file, ``render`` writes one document of it and
``build`` a whole campaign. Each takes the same options as the command line (audience, lang,
fallback, templates, formats), checks them once into an :class:`Options`, and makes one call
of the core. Errors are :class:`advocacy.errors.AdvocacyError`; texts printed in the case's
language with ``fallback`` are said as :class:`advocacy.errors.AdvocacyWarning`. Nothing is kept
between calls: two builds in one process write the same files.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from advocacy.campaign.build import build as build_cases
from advocacy.campaign.manifest import (
    MANIFEST,
    Built,
    Report,
    built,
    case_folder,
    entry,
    pages_of,
)
from advocacy.documents.document import document
from advocacy.documents.options import Options, options
from advocacy.errors import AdvocacyWarning, UsageError
from advocacy.facts.load import LoadedCase, load_case
from advocacy.files import write_atomic
from advocacy.formats.compose import WindowError
from advocacy.formats.pipeline import Written, produce, write
from advocacy.views.language import unreviewed

__all__ = [
    "LoadedCase",
    "Options",
    "Report",
    "build",
    "load_case",
    "options",
    "render",
    "render_case",
]


def render_case(
    loaded: LoadedCase,
    kind: str,
    made: Options,
    *,
    out: Path | None = None,
    appeal: str | None = None,
    to: str | None = None,
) -> Written:
    """Write the document of ``kind`` into ``out`` (default: ``output/<case-id>/``, or
    ``output/<case-id>.internal/`` for the internal audience, where builds go); what was
    written, the warnings and notes to say.

    Into a folder that holds a build, a document of the build's audience and case file replaces
    the build's file and its line of the manifest; any other is refused before anything is
    written."""
    doc = document(loaded, kind, made, appeal=appeal, to=to)
    folder = out if out is not None else Path("output") / case_folder(loaded.case.id, made.audience)
    build = built(folder)
    if build is not None:
        _may_render_into(build, loaded, made.audience)
    try:
        rendered = produce(doc, made.formats)
    except WindowError as err:  # the recipient's to shorten: say where it is written
        raise err.at(loaded.places[to]) if to in loaded.places else err from None
    written = write(rendered, folder)
    if build is not None:  # the files it lists were replaced: it says what they are now
        fresh = [
            entry(
                output.name,
                output.data,
                kind,
                output.fmt,
                doc.lang,
                to,
                pages_of(output.data) if output.fmt == "pdf" else None,
            )
            for output in rendered.outputs
        ]
        write_atomic(folder / MANIFEST, build.amended(fresh).encode("utf-8"))
    note = unreviewed(loaded, doc.lang)
    return replace(written, notes=(note,)) if note else written


def _may_render_into(build: Built, loaded: LoadedCase, audience: str) -> None:
    """Refuse a render that would make the build in its folder say what is not so: a document
    of another audience among its files, or one of a case file other than the one it lists."""
    folder = build.folder
    if build.audience != audience:
        raise UsageError(
            f"{folder}: holds a {build.audience} build (its {MANIFEST}); a {audience} document "
            f"never goes among {build.audience} ones: leave out --out (it goes to "
            f"{folder.parent / case_folder(loaded.case.id, audience)}) or choose another folder"
        )
    digest = hashlib.sha256(loaded.path.read_bytes()).hexdigest()
    if build.case != loaded.case.id or build.case_sha256 != digest:
        other = "another version of " if build.case == loaded.case.id else ""
        raise UsageError(
            f"{folder}: holds a build of {other}the case file {build.case_file}; its "
            f"{MANIFEST} would no longer be true: run "
            "`advocacy build` again, or render into another folder with --out"
        )


def render(
    case: LoadedCase | Path | str,
    kind: str,
    formats: Sequence[str] | None = None,
    out: Path | str | None = None,
    *,
    appeal: str | None = None,
    to: str | None = None,
    audience: str = "public",
    lang: str | None = None,
    fallback: bool = False,
    templates: Path | str | None = None,
) -> list[Path]:
    """Render the document ``kind`` of ``case`` (loaded, or the path of its file) into ``out``
    (default: ``output/<case-id>/``) in ``formats`` (default: every one the kind has); the
    paths written."""
    made = options(
        templates=templates, audience=audience, lang=lang, fallback=fallback, formats=formats
    )
    made.templates.kind(kind)  # wrong usage is said before the case is read
    loaded = case if isinstance(case, LoadedCase) else load_case(case)
    written = render_case(
        loaded, kind, made, out=Path(out) if out is not None else None, appeal=appeal, to=to
    )
    for said in (*map(str, written.warnings), *written.notes):
        warnings.warn(said, AdvocacyWarning, stacklevel=2)
    return list(written.paths)


def build(
    case_files: Sequence[Path | str],
    out: Path | str | None = None,
    *,
    jobs: int | None = None,
    emails: bool = False,
    audience: str = "public",
    lang: str | None = None,
    fallback: bool = False,
    templates: Path | str | None = None,
    planned: Callable[[int], None] | None = None,
    done: Callable[[list[Path]], None] | None = None,
) -> Report:
    """Build every document of each case file into ``out`` (default: ``output/``), the appeal
    once per recipient, with a manifest (and email drafts with ``emails``); the report of what
    was written and what failed. ``planned`` is told how many files the build will write,
    ``done`` the paths of each piece of work as it finishes."""
    made = options(templates=templates, audience=audience, lang=lang, fallback=fallback)
    return build_cases(
        [Path(path) for path in case_files],
        made,
        out=Path(out) if out is not None else None,
        jobs=jobs,
        emails=emails,
        planned=planned,
        done=done,
    )
