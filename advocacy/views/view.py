"""The view of a case: what one audience reading one language sees of it, made once.

A document is made from a view alone, never from the case as loaded: so a public document cannot
reach a confidential fact, and every text it prints is in its language or marked as not
(:class:`advocacy.views.language.Untranslated`, with its place in the file).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advocacy.errors import Problem
from advocacy.facts.load import LoadedCase
from advocacy.facts.models import Case, Letterhead, Recipient
from advocacy.views.audience import Audience, for_audience
from advocacy.views.language import in_language


@dataclass(frozen=True)
class View:
    """The case, its letterheads and recipients as ``audience`` reading ``language`` sees them."""

    loaded: LoadedCase
    """The case as loaded: every language, every fact (what an internal document embeds)."""
    case: Case
    letterheads: dict[str, Letterhead]
    audience: Audience
    language: str

    @property
    def path(self) -> Path:
        return self.loaded.path

    @property
    def recipients(self) -> tuple[Recipient, ...]:
        return self.loaded.recipients

    @property
    def places(self) -> dict[str, str]:
        """Where each recipient is written, by id: 'FILE:LINE:COL: recipients[3]'."""
        return self.loaded.places

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return self.loaded.warnings


def view(loaded: LoadedCase, language: str, audience: Audience) -> View:
    """The view of ``loaded`` for ``audience`` in ``language``."""
    # In the document's language first: a text it lacks is then placed by the file's own
    # numbering, before confidential items leave the lists.
    case, letterheads = in_language(loaded, language)
    return View(
        loaded, for_audience(case, audience, str(loaded.path)), letterheads, audience, language
    )
