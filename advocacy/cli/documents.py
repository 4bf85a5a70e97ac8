"""Commands that make documents: ``render`` one, ``build`` a whole campaign, ``preview`` one
as its templates change. Each checks its options into one value first, then calls the core
(:mod:`advocacy.api`, :mod:`advocacy.authoring.preview`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urljoin

import typer

from advocacy.cli.app import (
    AudienceOption,
    FallbackOption,
    LangOption,
    TemplatesOption,
    app,
    made,
    one_shot,
)
from advocacy.cli.app import say as _err
from advocacy.errors import count


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
    from advocacy.api import render_case  # the core: not loaded for --help
    from advocacy.facts.load import load_case  # the core: not loaded for --help

    chosen = made(
        templates=templates, audience=audience, lang=lang, fallback=fallback, formats=formats
    )
    one_shot()
    chosen.templates.kind(kind)  # before loading the case: wrong usage is said first
    loaded = load_case(facts)
    if loaded.warnings:  # said in full by `validate`, once; here only counted
        _err(loaded.warned())
    for said in loaded.examples(to, every=False):  # sample data is loud where a letter is made
        _err(said)
    written = render_case(loaded, kind, chosen, out=out, appeal=appeal, to=to)
    for said in (*map(str, written.warnings), *written.notes):
        _err(said)
    for path in written.paths:
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
    from advocacy.campaign.build import build as build_cases  # the core: not loaded for --help

    chosen = made(templates=templates, audience=audience, lang=lang, fallback=fallback)
    bar = _Progress()
    report = build_cases(
        facts, chosen, out=out, jobs=jobs, emails=emails, planned=bar.start, done=bar.advance
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
    from advocacy.authoring.preview import serve  # the core: not loaded for --help

    def ready(url: str) -> None:
        _err(f"previewing at {url} (its PDF: {urljoin(url, '/document.pdf')}); Ctrl-C stops")

    chosen = made(templates=templates, audience=audience, lang=lang)
    serve(
        kind,
        facts,
        chosen,
        appeal=appeal,
        port=port,
        ready=ready,
        log=_err,
    )
