"""``advocacy templates``: list, export and check the templates documents are made from, and
print the guide for their authors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from advocacy.cli.app import TemplatesOption, app
from advocacy.cli.app import say as _err
from advocacy.errors import TemplateError, count

templates_app = typer.Typer(
    help="List, export and check the templates documents are made from.",
    no_args_is_help=True,
)
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list(templates: TemplatesOption = None) -> None:
    """Show each document kind, its formats, what it is made from and where its files are."""
    from advocacy.documents.templates import template_set  # the core: not loaded for --help

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
    from advocacy.documents.templates import export  # the core: not loaded for --help

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
    from advocacy.authoring.checks.kinds import check_kinds  # the core: not loaded for --help
    from advocacy.documents.templates import template_set  # the core: not loaded for --help

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
    from advocacy.authoring.guide import guide  # the core: not loaded for --help

    print(guide(), end="")
