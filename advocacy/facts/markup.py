"""Inline emphasis in narrative fields: *italic*, **bold** and [links](https://...).

Narrative text is parsed once into :class:`Run` s (markdown-it-py with every rule off but
emphasis, links and backslash escapes), and each output format draws the runs its own way: HTML
with escaped text, DOCX as Word runs. Anything else in the text (``<b>``, ``&amp;``, ``{{ }}``,
list markers) is literal text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of styles."""

    text: str
    italic: bool = False
    bold: bool = False
    link: str | None = None


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "link", "escape"])


@cache
def runs(text: str) -> tuple[Run, ...]:
    """The styled runs of a narrative text."""
    tokens = _parser().parseInline(text)
    italic = bold = 0
    link: str | None = None
    out: list[Run] = []
    for token in tokens[0].children or ():
        if token.type == "em_open":
            italic += 1
        elif token.type == "em_close":
            italic -= 1
        elif token.type == "strong_open":
            bold += 1
        elif token.type == "strong_close":
            bold -= 1
        elif token.type == "link_open":
            link = str(token.attrs.get("href", ""))
        elif token.type == "link_close":
            link = None
        elif token.content:
            run = Run(token.content, italic > 0, bold > 0, link)
            if out and (out[-1].italic, out[-1].bold, out[-1].link) == (run.italic, run.bold, link):
                run = Run(out.pop().text + run.text, run.italic, run.bold, link)
            out.append(run)
    return tuple(out)


def plain(text: str) -> str:
    """Narrative text without its emphasis marks, for metadata and sorting:
    `{{ appeal.title|plain }}`."""
    return "".join(run.text for run in runs(text))
