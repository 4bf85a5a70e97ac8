"""The one exception hierarchy of advocacy.

Every error a user can cause (a bad case file, a missing template, an unwritable output folder)
is an :class:`AdvocacyError`. The CLI catches it in one place, prints it without a traceback and
exits 1. Anything else that escapes is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth a warning) at one place in one file."""

    file: str
    line: int
    column: int
    where: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        kind = "warning: " if self.warning else ""
        place = f"{self.file}:{self.line}:{self.column}"
        where = f" {self.where}:" if self.where else ""
        return f"{place}:{where} {kind}{self.message}"


def count(number: int, one: str, many: str | None = None) -> str:
    """How messages count things: '1 problem', '3 problems', '2 people'."""
    return f"{number} {one if number == 1 else many or one + 's'}"


class AdvocacyError(Exception):
    """Root of every error a user can cause and fix."""

    def said(self) -> str:
        """The error as a user is told it: ``error: what is wrong``."""
        return f"error: {self}"


class FactsError(AdvocacyError):
    """A case or letterhead file is missing, unreadable or invalid.

    Holds every problem found, so a user fixes the whole file in one round.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def said(self) -> str:
        """Each problem on a line of its own, already placed at FILE:LINE:COL."""
        return str(self)

    @classmethod
    def single(cls, path: Path | str, message: str, line: int = 1, column: int = 1) -> FactsError:
        """An error about a whole file (missing, not UTF-8, not YAML, ...)."""
        return cls([Problem(str(path), line, column, "", message)])


class UsageError(AdvocacyError):
    """The command was called wrongly (exit code 2)."""


class TemplateError(AdvocacyError):
    """A template is missing or broken."""


class RenderError(AdvocacyError):
    """A document could not be rendered or written."""


class DiskError(RenderError):
    """A file could not be written because of the disk: full, read-only, failing. A build
    that meets one keeps its previous files whole rather than put an incomplete one in place."""


class AdvocacyWarning(UserWarning):
    """Said to a Python caller where the command line prints a warning: a text printed in the
    case's language because the document's lacks it, an unreviewed translation."""
