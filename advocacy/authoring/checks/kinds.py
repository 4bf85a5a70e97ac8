"""`advocacy templates check`: every template of a template set, checked against its context.

Each kind's HTML and Word templates are checked with the variables of the context its ``kind.toml``
names (:mod:`advocacy.documents.contexts`), in the same environment they render in; an HTML
template's includes resolve through the set, a user's folder first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from advocacy.authoring.checks.findings import Finding
from advocacy.authoring.checks.walker import check_source
from advocacy.authoring.checks.word import check_docx
from advocacy.documents.contexts import variables
from advocacy.documents.templates import TemplateSet
from advocacy.errors import TemplateError
from advocacy.formats.environment import TemplateLoader, environment


@dataclass
class Report:
    """What a check of a template set found, and how much it looked at."""

    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    """Problems with the set itself (a kind's configuration, a folder's name), said as they are."""
    templates: int = 0
    kinds: int = 0

    @property
    def errors(self) -> int:
        """How many mistakes were found, warnings aside."""
        return len(self.problems) + sum(not finding.warning for finding in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are only likely mistakes."""
        return sum(finding.warning for finding in self.findings)


def check_kinds(templates: TemplateSet) -> Report:
    """Check every HTML and Word template of ``templates``, a user's folder over the defaults.

    Every kind is checked, not only those whose templates the user's folder holds: a changed
    partial or stylesheet is used by kinds whose own templates are the shipped ones.
    """
    report = Report()
    for folder in templates.misnamed():
        report.problems.append(
            f"{folder}: not a document kind: a kind's folder is named with lowercase letters, "
            "digits and '-'"
        )
    for name in templates.names():
        report.kinds += 1
        try:
            kind = templates.kind(name)
        except TemplateError as err:
            report.problems.append(str(err))
            continue
        known = variables(kind.context)
        for fmt in kind.formats:
            path = kind.template(fmt)
            report.templates += 1
            if fmt == "docx":
                report.findings += check_docx(path, known, environment(), name=str(path))
                continue
            env = environment(TemplateLoader(templates.folders(name)))
            try:
                source = path.read_text(encoding="utf-8")
                report.findings += check_source(source, str(path), known, env)
            except UnicodeDecodeError as err:
                report.problems.append(f"{path}: not UTF-8 text ({err.reason}); save it as UTF-8")
    return report
