"""`advocacy templates check`: every template of a template set, checked against its context.

Each kind's HTML and Word templates are checked with the variables of the context its
``kind.toml`` names (:mod:`advocacy.contexts`), in the same environment they render in; an HTML
template's includes resolve through the set, a user's folder first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advocacy.checks.findings import Finding
from advocacy.checks.walker import check_source
from advocacy.checks.word import check_docx
from advocacy.contexts import variables
from advocacy.environment import TemplateLoader, environment
from advocacy.errors import TemplateError
from advocacy.templates import TemplateSet


@dataclass
class Report:
    """What a check of a template set found, and how much it looked at."""

    findings: list[Finding] = field(default_factory=list)
    templates: int = 0
    kinds: int = 0

    @property
    def errors(self) -> list[Finding]:
        """The findings that are mistakes, not warnings."""
        return [finding for finding in self.findings if not finding.warning]


def check_kinds(templates: TemplateSet, *, only: Path | None = None) -> Report:
    """Check every HTML and Word template of ``templates`` (only those under ``only``, if given)."""
    report = Report()
    for name in templates.names():
        try:
            kind = templates.kind(name)
        except TemplateError as err:
            report.findings.append(Finding(file=f"{name}/kind.toml", line=None, message=str(err)))
            report.kinds += 1
            continue
        paths = [kind.template(fmt) for fmt in kind.formats]
        paths = [path for path in paths if only is None or path.is_relative_to(only)]
        if not paths:
            continue
        report.kinds += 1
        known = variables(kind.context)
        for path in paths:
            report.templates += 1
            if path.suffix == ".docx":
                report.findings += check_docx(path, known, environment(), name=str(path))
                continue
            roots = templates.roots
            env = environment(TemplateLoader([*(root / name for root in roots), *roots]))
            source = _read(path)
            if source is None:
                report.findings.append(Finding(str(path), None, "not UTF-8 text; save it as UTF-8"))
                continue
            report.findings += check_source(source, str(path), known, env)
    return report


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return None
