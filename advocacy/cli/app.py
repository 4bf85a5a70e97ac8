"""The ``advocacy`` Typer app, the options its commands share, and the one error handler.

This is the one place that catches :class:`AdvocacyError`: it prints the message on stderr and
exits 1 (2 for wrong usage). The commands live in :mod:`advocacy.cli.facts`,
:mod:`advocacy.cli.templates` and :mod:`advocacy.cli.documents`; each turns its options into one
:class:`advocacy.documents.options.Options` and makes one call of the core. The core is imported
inside each command, so that ``advocacy --help`` answers without loading it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from advocacy.errors import AdvocacyError, UsageError

if TYPE_CHECKING:
    from advocacy.documents.options import Options

app = typer.Typer(
    name="advocacy",
    help="Turn verified facts about a human-rights case into appeals, summaries and chronologies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def say(message: str) -> None:
    """Say ``message`` on stderr: a warning, a note, an error."""
    print(message, file=sys.stderr)


AudienceOption = Annotated[
    str,
    typer.Option(
        "--audience",
        help="public (confidential facts left out) or internal (they are in, every page marked).",
    ),
]

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The document's language: en, ru, kk (default: the case's `language`).",
        show_default=False,
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


def made(
    *,
    templates: Path | None,
    audience: str = "public",
    lang: str | None = None,
    fallback: bool = False,
    formats: list[str] | None = None,
) -> Options:
    """The command's options as one value, checked before any case is read: wrong usage is
    said first."""
    from advocacy.documents.options import options  # the core: not loaded for --help

    return options(
        templates=templates, audience=audience, lang=lang, fallback=fallback, formats=formats
    )


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script; ``argv`` defaults to the command line."""
    try:
        app(args=argv, prog_name="advocacy")
    except UsageError as err:
        say(err.said())
        sys.exit(2)
    except AdvocacyError as err:
        say(err.said())
        sys.exit(1)
