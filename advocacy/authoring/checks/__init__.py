"""Check templates without rendering them: syntax, docxtpl's tag rules, and every variable
and attribute against the type of what the template is given.

:func:`check_source` checks an HTML (or any Jinja) template, :func:`check_docx` a Word template;
both return :class:`Finding` objects, each at the place its author looks: a line of the HTML, a
paragraph or table cell of the Word document.
"""

from __future__ import annotations

from advocacy.authoring.checks.findings import Finding
from advocacy.authoring.checks.walker import check_source
from advocacy.authoring.checks.word import check_docx

__all__ = ["Finding", "check_docx", "check_source"]
