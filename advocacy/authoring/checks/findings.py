"""One thing the template checker found, at the place a template author looks for it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from jinja2 import nodes


@dataclass(frozen=True)
class Finding:
    """A mistake (or, with ``warning``, a likely one) at one place in one template.

    An HTML template's place is its ``line``; a Word template's is ``where``, the paragraph or
    table cell as Word shows it (``table 2, row 3, cell 1, paragraph 1 ("…")``), since its
    Jinja source is XML no author ever sees.
    """

    file: str
    line: int | None
    message: str
    where: str = ""
    warning: bool = False
    rule: str = ""
    """The docxtpl-lint rule that found it (``DTL209``), for its documentation; else ''."""

    def __str__(self) -> str:
        if self.where:
            place = f"{self.file}: {self.where}"
        elif self.line:
            place = f"{self.file}:{self.line}"
        else:
            place = self.file
        kind = "warning: " if self.warning else ""
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{place}: {kind}{self.message}{rule}"


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """'; did you mean 'name'?' when a candidate is close to ``word``, else ''."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def unique(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding once, in the order first found (a template included twice says it once)."""
    return list(dict.fromkeys(findings))


def written(node: nodes.Node | None) -> str:
    """An expression as its author wrote it, near enough: ``case.people[0].name``."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr | nodes.Getitem):
        base = written(node.node)
        if isinstance(node.node, nodes.Filter | nodes.Test):
            base = f"({base})"
        if isinstance(node, nodes.Getattr):
            return f"{base}.{node.attr}"
        return f"{base}[{repr(node.arg.value) if isinstance(node.arg, nodes.Const) else '…'}]"
    if isinstance(node, nodes.Filter):
        return f"{written(node.node)}|{node.name}{_arguments(node)}"
    if isinstance(node, nodes.Call):
        return f"{written(node.node)}({'…' if node.args or node.kwargs else ''})"
    if isinstance(node, nodes.Const):
        return repr(node.value)
    return "…"


def _arguments(node: nodes.Filter) -> str:
    if not node.args and not node.kwargs:
        return ""
    parts = [repr(a.value) if isinstance(a, nodes.Const) else "…" for a in node.args]
    parts += [
        f"{k.key}={k.value.value!r}" if isinstance(k.value, nodes.Const) else f"{k.key}=…"
        for k in node.kwargs
    ]
    return f"({', '.join(parts)})"
