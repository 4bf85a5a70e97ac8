"""A case as the processes of a build share it: plain values that cross to workers, and what
each process makes of them.

A worker inherits nothing from the process that started it (under ``spawn`` it could not: letters
laid out by WeasyPrint and pikepdf do not cross processes). It is given a :class:`Source` per case
and the build's :class:`Settings`, and makes from them, when a task first needs it, the view of the
case its documents see and each group of letters (:class:`advocacy.campaign.letters.LetterGroup`)
laid out again as the build's own preparation found it could be.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from advocacy.campaign import stages

if TYPE_CHECKING:
    from advocacy.campaign.letters import Composes, LetterGroup
    from advocacy.documents.templates import TemplateSet
    from advocacy.facts.load import LoadedCase
    from advocacy.formats.archive import CaseFile
    from advocacy.views.audience import Audience
    from advocacy.views.view import View


@dataclass(frozen=True)
class Settings:
    """What every case of a build is built with."""

    templates: TemplateSet
    audience: Audience
    fallback: bool
    """Whether texts a language lacks may be printed in the case's language."""
    emails: bool


@dataclass(frozen=True)
class Source:
    """One case of a build, as every process of the build is given it."""

    facts: LoadedCase
    """The case as the build loaded it, every language in it: the facts it hashed for the
    manifest, whatever happens to the file meanwhile."""
    lang: str
    """The language of its documents (its letters are in their recipients')."""
    folder: Path
    """Where its files end up."""
    staging: Path
    """Where they are written first."""
    case_file: CaseFile
    """The case file its PDFs carry."""


class Case:
    """A case of the build in one process: views of it and its letters, each made once."""

    def __init__(self, source: Source, settings: Settings) -> None:
        self.source, self.settings = source, settings
        self.groups: dict[str, LetterGroup] = {}
        """The letters to recipients in each language, laid out (by the first task needing them,
        or by the build before it shares the work out)."""

    @cached_property
    def view(self) -> View:
        """The case as its documents see it: in its language, for the build's audience."""
        return self.in_language(self.source.lang)

    def in_language(self, lang: str) -> View:
        """The case as a document in ``lang`` sees it (for the build's audience)."""
        return stages.view(self.source.facts, lang, self.settings.audience)

    def final(self, relative: str) -> Path:
        """Where the file at ``relative`` in the case's folder ends up."""
        return self.source.folder / relative

    def letters(self, lang: str) -> LetterGroup:
        """The appeal to recipients in ``lang``, not yet laid out."""
        from advocacy.campaign.letters import LetterGroup

        templates = self.settings.templates
        view = self.in_language(lang)
        kind = templates.kind("appeal")
        return LetterGroup(view, kind, templates, None, lang, self.source.case_file)

    def group(self, lang: str, found: Composes) -> LetterGroup:
        """The letters in ``lang``, laid out as the build found they could be."""
        if lang not in self.groups:
            group = self.letters(lang)
            group.prepare([], found)
            self.groups[lang] = group
        return self.groups[lang]
