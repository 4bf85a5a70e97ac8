"""The ``advocacy`` Typer app, the options its commands share, and the one error handler.

This is the one place that catches :class:`AdvocacyError`: it prints the message on stderr and
exits 1 (2 for wrong usage). The commands live in :mod:`advocacy.cli.facts`,
:mod:`advocacy.cli.templates` and :mod:`advocacy.cli.documents`; each turns its options into one
:class:`advocacy.documents.options.Options` and makes one call of the core. The core is imported
inside each command, so that ``advocacy --help`` answers without loading it.
"""

from __future__ import annotations

import atexit
import gc
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


def one_shot() -> None:
    """For a command that makes one document and exits: Python's cycle collector ran some 330
    times in a cold render (two of them full passes over everything imported) for garbage that
    exit frees anyway. Collections become rare, as mypy makes them; not for a build, whose
    memory must stay flat over thousands of letters (its peak grew by a third)."""
    gc.set_threshold(200_000, 30, 30)


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
        say(err.said())
        sys.exit(2)
    except AdvocacyError as err:
        say(err.said())
        sys.exit(1)
    finally:
        gc.set_threshold(*collector)  # as it was, for a caller that goes on (see one_shot)
