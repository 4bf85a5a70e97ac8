"""The ``advocacy`` command: options in, one call of the core, paths and messages out.

This is the one place that catches :class:`AdvocacyError`: it prints the message on stderr and
exits 1 (2 for wrong usage). Heavy libraries are imported inside the commands that use them, so
``advocacy --help`` answers at once.
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from advocacy.errors import AdvocacyError, FactsError, TemplateError, UsageError, count

if TYPE_CHECKING:
    from advocacy.facts.models import Case

app = typer.Typer(
    name="advocacy",
    help="Turn verified facts about a human-rights case into appeals, summaries and chronologies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _one_shot() -> None:
    """For a command that makes one document and exits: Python's cycle collector ran some 330
    times in a cold render (two of them full passes over everything imported) for garbage that
    exit frees anyway. Collections become rare, as mypy makes them; not for a build, whose
    memory must stay flat over thousands of letters (its peak grew by a third)."""
    gc.set_threshold(200_000, 30, 30)


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Case files to check.", show_default=False, readable=False)
    ],
) -> None:
    """Check case files: every problem with its file:line:col; a summary line per valid file."""
    from advocacy.facts.load import load_case

    failed = False
    for path in files:
        try:
            loaded = load_case(path)
        except FactsError as err:
            _err(str(err))
            failed = True
            continue
        for warning in loaded.warnings:
            _err(str(warning))
        print(f"{path}: ok: {summary(loaded.case, len(loaded.recipients))}")
        examples = sum(1 for recipient in loaded.recipients if recipient.example)
        if examples:
            _err(
                f"{path}: note: {examples} of {count(len(loaded.recipients), 'recipient')} "
                "have example contact details (`example: true`): check them before sending"
            )
    if failed:
        raise typer.Exit(1)


def summary(case: Case, recipients: int = 0) -> str:
    """One line on what a case holds (and how many ``recipients`` its appeal goes to)."""
    names = ", ".join(case.person(pid).name for pid in case.defenders)
    to = f", {count(recipients, 'recipient')}" if recipients else ""
    return (
        f"{case.id} ({names}): {count(len(case.defenders), 'defender')}, "
        f"{count(len(case.people), 'person', 'people')}, {count(len(case.events), 'event')}, "
        f"{count(len(case.charges), 'charge')}, {count(len(case.sources), 'source')}, "
        f"{count(len(case.appeals), 'appeal')}{to}; current to {case.updated.isoformat()}"
        + "".join(
            f"; {lang} translation {'reviewed' if t.reviewed else 'not reviewed'}"
            for lang, t in case.translations.items()
        )
    )


@app.command()
def schema(
    kind: Annotated[
        str, typer.Argument(help="Which file's schema: 'case' or 'letterhead'.")
    ] = "case",
) -> None:
    """Print the JSON Schema of case files (or letterheads), for editor completion."""
    from advocacy.facts.schema import json_schema

    print(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


@app.command()
def new(
    case_id: Annotated[str, typer.Argument(help="Id of the new case, e.g. 'kz-name-2025'.")],
    folder: Annotated[
        Path, typer.Option("--dir", help="Where case files live.", file_okay=False)
    ] = Path("facts"),
) -> None:
    """Write a commented case file that validates, to fill in."""
    from advocacy.facts.scaffold import new_case

    path = new_case(case_id, folder, dt.date.today())
    _err(f"wrote {path}: fill it in, then run `advocacy validate {path}`")
    print(path)


templates_app = typer.Typer(
    help="List, export and check the templates documents are made from.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")

AudienceOption = Annotated[
    str,
    typer.Option(
        "--audience",
        help="public (confidential facts left out) or internal (they are in, every page marked).",
    ),
]


def _shipped_language(lang: str | None) -> str | None:
    """A --lang with no catalog is wrong usage, said before anything is loaded or written."""
    if lang is not None:
        from advocacy.i18n.catalogs import catalog_language

        catalog_language(lang)
    return lang


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The document's language: en, ru, kk (default: the case's `language`).",
        show_default=False,
        callback=_shipped_language,
    ),
]

FallbackOption = Annotated[
    bool,
    typer.Option(
        "--fallback",
        help="Print fact texts that --lang lacks in the case's language (said on stderr) "
        "instead of failing.",
    ),
]

TemplatesOption = Annotated[
    Path | None,
    typer.Option(
        "--templates",
        help="A folder of templates to use first; what it lacks comes from the shipped ones.",
        show_default=False,
    ),
]


@templates_app.command("list")
def templates_list(templates: TemplatesOption = None) -> None:
    """Show each document kind, its formats, what it is made from and where its files are."""
    from advocacy.documents.templates import template_set

    found = template_set(templates)
    if found.override:
        print(f"templates: {found.override}, then the shipped ones in {found.roots[-1]}")
    else:
        print(f"templates: the shipped ones in {found.roots[-1]}")
    for name in found.names():
        try:
            kind = found.kind(name)
        except TemplateError as err:
            print(f"{name}: cannot be used: {err}")
            continue
        print(f"{kind.name}: {', '.join(kind.formats)}; made from: {kind.context}")
        for name, path in kind.files.items():
            mine = found.override is not None and path.is_relative_to(found.override)
            print(f"  {name:<20} {path}{'  (yours)' if mine else ''}")


@templates_app.command("export")
def templates_export(
    folder: Annotated[Path, typer.Argument(help="Folder to copy the templates into.")],
    kinds: Annotated[
        list[str] | None,
        typer.Argument(
            help="Kinds to copy (default: all, with partials and fonts).", show_default=False
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already there.")] = False,
) -> None:
    """Copy the shipped templates into a folder, to edit and use with --templates."""
    from advocacy.documents.templates import export

    written = export(folder, kinds, force=force)
    _err(
        f"copied {len(written)} files into {folder}: edit them, check them with "
        f"`advocacy templates check {folder}`, use them with `--templates {folder}`"
    )
    print(folder)


@templates_app.command("check")
def templates_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="A folder of templates (default: the shipped ones).", show_default=False
        ),
    ] = None,
) -> None:
    """Check templates without rendering: syntax, docxtpl tags, variables the facts lack."""
    from advocacy.authoring.checks.kinds import check_kinds
    from advocacy.documents.templates import template_set

    found = template_set(folder)
    report = check_kinds(found)
    for problem in report.problems:
        _err(problem)
    for finding in report.findings:
        _err(str(finding))
    mine = found.override
    if mine and not any(
        found.find(path.relative_to(mine).as_posix()) == path
        for path in found.files()
        if path.is_relative_to(mine)
    ):
        _err(f"note: {folder} changes none of the templates; checked the shipped ones")
    counted = f"{count(report.templates, 'template')} of {count(report.kinds, 'kind')}"
    if report.errors:
        _err(f"{count(report.errors, 'problem')} in {counted}")
        raise typer.Exit(1)
    warned = f" ({count(report.warnings, 'warning')})" if report.warnings else ""
    print(f"checked {counted}: no problems{warned}")


@templates_app.command("guide")
def templates_guide() -> None:
    """Print the guide for template authors (TEMPLATES.md), written from the code."""
    from advocacy.authoring.guide import guide

    print(guide(), end="")


@app.command()
def render(
    kind: Annotated[
        str,
        typer.Argument(
            help="Document kind: appeal, summary, chronology, or a kind of your templates.",
            show_default=False,
        ),
    ],
    facts: Annotated[
        Path, typer.Argument(help="The case file.", show_default=False, readable=False)
    ],
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format", "-f", help="pdf or docx; repeat for both (default: every one the kind has)."
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Folder to write into.")] = None,
    appeal: Annotated[
        str | None, typer.Option(help="Id of the appeal to render (default: the latest).")
    ] = None,
    templates: TemplatesOption = None,
    audience: AudienceOption = "public",
    to: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Id of a recipient of the case: the letter addressed to them.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
    fallback: FallbackOption = False,
) -> None:
    """Render a document of a case; print each written path on stdout."""
    _one_shot()
    from advocacy.documents.document import document
    from advocacy.documents.templates import template_set
    from advocacy.facts.load import load_case
    from advocacy.render.pipeline import render as render_document
    from advocacy.views.audience import check_audience

    check_audience(audience)  # before loading the case: wrong usage is said first
    template_set_ = template_set(templates)
    template_set_.kind(kind)  # before loading the case: wrong usage is said first
    loaded = load_case(facts)
    for warning in loaded.warnings:
        _err(str(warning))
    doc = document(
        loaded, kind, appeal, template_set_, audience, recipient=to, lang=lang, fallback=fallback
    )
    folder = out if out is not None else Path("output") / loaded.case.id
    from advocacy.render.compose import WindowError

    try:
        paths = render_document(doc, formats, folder)
    except WindowError as err:  # the recipient's to shorten: say where it is written
        raise err.at(loaded.places[to]) if to in loaded.places else err from None
    for problem in doc.fallbacks:
        _err(str(problem))
    from advocacy.views.language import unreviewed

    note = unreviewed(loaded, doc.lang)
    if note is not None:
        _err(note)
    for path in paths:
        print(path)


@app.command()
def build(
    facts: Annotated[
        list[Path],
        typer.Argument(help="Case files to build.", show_default=False, readable=False),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Folder to build into (default: output/).", show_default=False
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Processes to share the work (default: one per core).",
            show_default=False,
        ),
    ] = None,
    emails: Annotated[
        bool, typer.Option("--emails", help="Also write an email draft (.eml) per recipient.")
    ] = False,
    templates: TemplatesOption = None,
    audience: AudienceOption = "public",
    lang: LangOption = None,
    fallback: FallbackOption = False,
) -> None:
    """Build every document of each case, the appeal once per recipient, with a manifest."""
    from advocacy.campaign.build import build as build_all
    from advocacy.views.audience import check_audience

    check_audience(audience)
    bar = _Progress()
    report = build_all(
        facts,
        out=out,
        jobs=jobs,
        emails=emails,
        templates=templates,
        audience=audience,
        planned=bar.start,
        done=bar.advance,
        lang=lang,
        fallback=fallback,
    )
    bar.finish()
    for said in dict.fromkeys(warning.message for warning in report.warnings):
        _err(said)
    for path in [*report.written, *report.manifests]:
        print(path)
    if report.failures:
        for failure in report.failures:
            said = failure.message
            placed = not failure.path or said.startswith(failure.path)
            _err(said if placed else f"{failure.path}: {said}")
        _err(
            f"{count(len(report.failures), 'failure')}; "
            f"{count(len(report.written), 'file')} written"
        )
        raise typer.Exit(1)
    _err(f"built {count(len(report.written), 'file')}")


class _Progress:
    """A progress bar on stderr when it is a terminal."""

    def __init__(self) -> None:
        self.bar: Any = None

    def start(self, total: int) -> None:
        if sys.stderr.isatty() and total:
            self.bar = typer.progressbar(length=total, label="building", file=sys.stderr)
            self.bar.__enter__()

    def advance(self, paths: list[Path]) -> None:
        if self.bar is not None:
            self.bar.update(len(paths))

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@app.command()
def preview(
    kind: Annotated[str, typer.Argument(help="Document kind, e.g. appeal.", show_default=False)],
    facts: Annotated[
        Path, typer.Argument(help="The case file.", show_default=False, readable=False)
    ],
    port: Annotated[
        int, typer.Option(help="Port on 127.0.0.1; 0 picks a free one.", min=0, max=65535)
    ] = 8000,
    templates: TemplatesOption = None,
    audience: AudienceOption = "public",
    appeal: Annotated[
        str | None, typer.Option(help="Id of the appeal to show (default: the latest).")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show a document's HTML in the browser, reloaded as its templates or facts change (fact
    texts that --lang lacks show in the case's language)."""
    from urllib.parse import urljoin

    from advocacy.authoring.preview import serve

    def ready(url: str) -> None:
        _err(f"previewing at {url} (its PDF: {urljoin(url, '/document.pdf')}); Ctrl-C stops")

    from advocacy.views.audience import check_audience

    check_audience(audience)  # before loading the case: wrong usage is said first
    serve(
        kind,
        facts,
        templates=templates,
        appeal=appeal,
        audience=audience,
        lang=lang,
        port=port,
        ready=ready,
        log=_err,
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; ``argv`` defaults to the command line."""
    # What is alive at exit is the operating system's to free: Python collecting it first
    # took a cold render 0.15 s. Frozen objects are left to the OS (atexit handlers still run).
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
    collector = gc.get_threshold()
    try:
        app(args=argv, prog_name="advocacy")
    except UsageError as err:
        _err(err.said())
        sys.exit(2)
    except AdvocacyError as err:
        _err(err.said())
        sys.exit(1)
    finally:
        gc.set_threshold(*collector)  # as it was, for a caller that goes on (see _one_shot)
