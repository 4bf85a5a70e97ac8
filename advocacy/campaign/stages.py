"""The campaign's calls into the stages below it (views, documents, render), one small function
each: a change of those stages' interfaces is met here, not across the campaign.

:mod:`advocacy.campaign.letters` keeps its own calls into :mod:`advocacy.formats.pdf` and
:mod:`advocacy.formats.compose` (laying out windows, composing pages): they are what it is made of.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from advocacy.campaign.manifest import Failure
from advocacy.documents.document import BUILDERS, Document, appeal_document
from advocacy.formats.archive import CaseFile, embedded_case
from advocacy.formats.pipeline import Rendered, produce
from advocacy.formats.pipeline import rendered as in_memory
from advocacy.views.language import checked
from advocacy.views.language import unreviewed as note
from advocacy.views.view import View
from advocacy.views.view import view as make_view

if TYPE_CHECKING:
    from advocacy.documents.templates import Kind, TemplateSet
    from advocacy.facts.load import LoadedCase
    from advocacy.facts.models import Recipient
    from advocacy.views.audience import Audience


def view(facts: LoadedCase, lang: str, audience: Audience) -> View:
    """The case as a document in ``lang`` for ``audience`` sees it."""
    return make_view(facts, lang, audience)


def embedded(facts: LoadedCase, audience: Audience) -> CaseFile:
    """The case file the PDFs of a build for ``audience`` carry: every language of it, for it is
    the facts, not a document."""
    return embedded_case(facts, audience)


def document(case_view: View, kind: Kind, templates: TemplateSet, fallback: bool) -> Document:
    """The document of ``kind`` about the case as ``case_view`` shows it."""
    return dataclasses.replace(
        BUILDERS[kind.context](case_view, kind, templates, None), fallback=fallback
    )


def produced(doc: Document, case_file: CaseFile) -> Rendered:
    """Every format of ``doc`` through the one pipeline, a format that fails reported with the
    others made."""
    return produce(doc, doc.kind.formats, case_file, keep_going=True)


def letter(
    case_view: View,
    kind: Kind,
    templates: TemplateSet,
    appeal_id: str | None,
    recipient: Recipient,
) -> Document:
    """The appeal ``appeal_id`` (default: the latest) of the case to ``recipient``."""
    return appeal_document(case_view, kind, templates, appeal_id, recipient)


def rendered(doc: Document, fmt: str, case_file: CaseFile | None) -> bytes:
    """``doc`` in ``fmt``, in memory; a PDF carries ``case_file``."""
    return in_memory(doc, fmt, case_file)


@contextmanager
def translated(doc: Document, fallback: bool) -> Iterator[list[Failure]]:
    """Render ``doc`` inside: then fail with every text its language lacks, or (falling back)
    give the warnings that say which texts were printed in the case's language."""
    notes: list[Failure] = []
    with checked(doc, fallback) as fallbacks:
        yield notes
    notes += [Failure(problem.file, str(problem), warning=True) for problem in fallbacks]


def unreviewed(facts: LoadedCase, lang: str) -> Failure | None:
    """The note that documents in ``lang`` print an unreviewed translation, if they do."""
    said = note(facts, lang)
    return None if said is None else Failure("", said, warning=True)
