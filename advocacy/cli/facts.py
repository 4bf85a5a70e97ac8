"""Commands on case files: ``validate``, ``schema`` and ``new``."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from advocacy.cli.app import app
from advocacy.cli.app import say as _err
from advocacy.errors import FactsError, count

if TYPE_CHECKING:
    from advocacy.facts.models import Case


@app.command()
def validate(
    files: Annotated[
        list[Path], typer.Argument(help="Case files to check.", show_default=False, readable=False)
    ],
) -> None:
    """Check case files: every problem with its file:line:col; a summary line per valid file."""
    from advocacy.facts.load import load_case  # the core: not loaded for --help

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
        for said in loaded.examples():
            _err(said)
    if failed:
        raise typer.Exit(1)


def summary(case: Case, recipients: int = 0) -> str:
    """One line on what a case holds (and how many ``recipients`` its appeal goes to)."""
    names = ", ".join(case.person(pid).name for pid in case.defenders)
    to = f", {count(recipients, 'recipient')}" if recipients else ""
    held = f", {count(len(case.custody), 'custody period')}" if case.custody else ""
    return (
        f"{case.id} ({names}): {count(len(case.defenders), 'defender')}, "
        f"{count(len(case.people), 'person', 'people')}, {count(len(case.events), 'event')}, "
        f"{count(len(case.charges), 'charge')}{held}, {count(len(case.sources), 'source')}, "
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
    from advocacy.facts.schema import json_schema  # the core: not loaded for --help

    print(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))


@app.command()
def new(
    case_id: Annotated[str, typer.Argument(help="Id of the new case, e.g. 'kz-name-2025'.")],
    folder: Annotated[
        Path, typer.Option("--dir", help="Where case files live.", file_okay=False)
    ] = Path("facts"),
    country: Annotated[
        str,
        typer.Option(
            "--country", metavar="XX", help="The case's country, ISO 3166-1 alpha-2 (e.g. AZ)."
        ),
    ] = "KZ",
) -> None:
    """Write a commented case file that validates, to fill in."""
    from advocacy.facts.scaffold import new_case  # the core: not loaded for --help

    path = new_case(case_id, folder, dt.date.today(), country)
    _err(f"wrote {path}: fill it in, then run `advocacy validate {path}`")
    print(path)
