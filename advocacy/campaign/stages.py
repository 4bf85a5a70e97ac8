"""The campaign's calls into the stages below it (views, documents, render), one small function
each: a change of those stages' interfaces is met here, not across the campaign.

:mod:`advocacy.campaign.letters` keeps its own calls into :mod:`advocacy.render.pdf` and
:mod:`advocacy.render.compose` (laying out windows, composing pages): they are what it is made of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from advocacy.campaign.manifest import Failure

if TYPE_CHECKING:
    from advocacy.documents.document import Document
    from advocacy.documents.templates import Kind, TemplateSet
    from advocacy.facts.load import LoadedCase
    from advocacy.facts.models import Recipient
    from advocacy.render.archive import CaseFile


def view(facts: LoadedCase, lang: str, audience: str) -> LoadedCase:
    """The case as a document in ``lang`` for ``audience`` sees it."""
    from advocacy.documents.document import seen_as

    return seen_as(facts, lang, audience)


def embedded(facts: LoadedCase, audience: str) -> CaseFile:
    """The case file the PDFs of a build for ``audience`` carry: every language of it, for it is
    the facts, not a document."""
    from advocacy.render.archive import embedded_case
    from advocacy.views.audience import for_audience

    public = for_audience(facts.case, audience, str(facts.path))
    return embedded_case(dataclasses.replace(facts, case=public, audience=audience))


def document(loaded: LoadedCase, kind: Kind, templates: TemplateSet) -> Document:
    """The document of ``kind`` about the case ``loaded`` (a view of it)."""
    from advocacy.documents.document import BUILDERS

    return BUILDERS[kind.context](loaded, kind, templates, None)


def letter(
    loaded: LoadedCase,
    kind: Kind,
    templates: TemplateSet,
    appeal_id: str | None,
    recipient: Recipient,
) -> Document:
    """The appeal ``appeal_id`` (default: the latest) of ``loaded`` to ``recipient``."""
    from advocacy.documents.document import appeal_document

    return appeal_document(loaded, kind, templates, appeal_id, recipient)


def rendered(doc: Document, fmt: str, case_file: CaseFile | None) -> bytes:
    """``doc`` in ``fmt``, in memory; a PDF carries ``case_file``."""
    from advocacy.render.pipeline import rendered as in_memory

    return in_memory(doc, fmt, case_file)


@contextmanager
def translated(doc: Document, fallback: bool) -> Iterator[list[Failure]]:
    """Render ``doc`` inside: then fail with every text its language lacks, or (falling back)
    give the warnings that say which texts were printed in the case's language."""
    from advocacy.views.language import checked

    notes: list[Failure] = []
    with checked(doc, fallback) as fallbacks:
        yield notes
    notes += [Failure(problem.file, str(problem), warning=True) for problem in fallbacks]


def unreviewed(facts: LoadedCase, lang: str) -> Failure | None:
    """The note that documents in ``lang`` print an unreviewed translation, if they do."""
    from advocacy.views.language import unreviewed as note

    said = note(facts, lang)
    return None if said is None else Failure("", said, warning=True)
