"""Check a Word template: docxtpl's own tag rules, Jinja syntax, and variables against types.

Two checks, one report. docxtpl-lint knows how docxtpl reads a .docx: a tag split over paragraphs,
``{%tr %}`` outside a table, text beside a ``{%p %}`` tag that docxtpl silently drops, an unclosed
block. The type walk of :mod:`advocacy.authoring.checks.walker` then runs on the Jinja source
docxtpl itself compiles, part by part, and each finding is put back at its paragraph or table cell,
numbered as docxtpl-lint numbers them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import docxtpl_lint
from docx.opc.exceptions import PackageNotFoundError
from jinja2 import Environment
from lxml import etree

from advocacy.authoring.checks.findings import Finding, unique
from advocacy.authoring.checks.walker import compile_source, walk
from advocacy.formats.places import FOOTNOTES, Place, PlacedTemplate, part_label, where
from advocacy.formats.word_package import problems

Order = tuple[int, int]
"""Where a finding sorts: its part's number (body first) and its paragraph's."""
IGNORED = ("DTL104", "DTL105", "DTL3", "DTL4")
"""docxtpl-lint rules left out. DTL104/105 (unknown filter or test) are Jinja's own compile
errors, which the checker reports in our words, with the name meant; DTL3xx check sample data
(the types are checked instead); DTL4xx render the template, which a static check does not."""
UNCOMPILABLE = {
    "DTL001", "DTL101", "DTL102", "DTL103", "DTL201", "DTL202", "DTL203", "DTL204", "DTL205",
    "DTL206", "DTL207", "DTL208", "DTL210",
}  # fmt: skip
"""docxtpl-lint rules whose finding keeps Jinja from compiling what docxtpl makes of the file:
Jinja's own syntax error would then say the same thing, less clearly."""


@dataclass(frozen=True)
class Part:
    """One part of a Word template (the body, a header ...) as docxtpl compiles it."""

    label: str
    source: str
    paragraphs: list[Place]


def check_docx(
    path: Path, variables: Mapping[str, Any], env: Environment, name: str | None = None
) -> list[Finding]:
    """Every mistake in the Word template at ``path``, each at its paragraph or table cell.

    ``variables`` and ``env`` are as for :func:`advocacy.authoring.checks.check_source`; ``name`` is
    how findings name the file (default: its file name). Findings come in document order.
    """
    name = name or path.name
    try:
        unsafe = problems(path)
    except OSError as err:
        return [Finding(name, None, f"cannot be read ({err.strerror})")]
    if unsafe:  # render refuses it too; nothing in it is read further
        return [Finding(name, None, said) for said in unsafe]
    try:
        template, parts = read_parts(path)
    except (OSError, KeyError, BadZipFile, PackageNotFoundError, etree.XMLSyntaxError) as err:
        return [Finding(name, None, f"cannot be read as a Word document ({err})")]
    found, leaks = _lint(path, name, env, parts)
    uncompilable = any(finding.rule in UNCOMPILABLE for _, finding in found)
    for number, part in enumerate(parts):
        ast, syntax = compile_source(part.source, name, env)
        if not uncompilable:
            found += [_placed(finding, template, part, number) for finding in syntax]
        if ast is None:
            continue
        for finding in walk(ast, name, variables, env):
            if finding.file != name:  # from an included template: at its own line, last
                found.append(((len(parts), 0), finding))
                continue
            order, placed = _placed(finding, template, part, number)
            # docxtpl-lint already says which name a loop leaks (DTL106): say it once.
            leaked = (leak for at, leak in leaks if at == placed.where)
            if not any(placed.message.startswith(f"{leak!r} ") for leak in leaked):
                found.append((order, placed))
    found.sort(key=lambda entry: entry[0])
    return unique(finding for _, finding in found)


def read_parts(path: Path) -> tuple[PlacedTemplate, list[Part]]:
    """The template and its parts as docxtpl renders them: body, headers, footers, footnotes."""
    template = PlacedTemplate(str(path))
    docx = template.get_docx()
    xml = [("body", template.get_xml())]
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        xml += sorted(
            (part_label(str(part.partname)), template.get_part_xml(part))
            for _, part in template.get_headers_footers(uri)
        )
    for part in docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            blob = part.blob
            xml.append(("footnotes", blob.decode("utf-8") if isinstance(blob, bytes) else blob))
    parts = []
    for label, part_xml in xml:
        source = template.patch_xml(part_xml)
        parts.append(Part(label, source, template.paragraphs))
    return template, parts


def _placed(
    finding: Finding, template: PlacedTemplate, part: Part, number: int
) -> tuple[Order, Finding]:
    place = template.place_at(part.source, finding.line)
    if place is None:
        return (number, 0), finding
    return (number, place.paragraph), replace(finding, line=None, where=where(part.label, place))


def _lint(
    path: Path, name: str, env: Environment, parts: list[Part]
) -> tuple[list[tuple[Order, Finding]], set[tuple[str, str]]]:
    """docxtpl-lint's findings, and the (place, name) of each loop variable used after its loop."""
    result = docxtpl_lint.lint(path, jinja_env=env, autoescape=True, ignore=IGNORED)
    found = [_lint_finding(issue, name, parts) for issue in result.issues]
    leaks = {
        (finding.where, str(issue.params.get("name")))
        for issue, (_, finding) in zip(result.issues, found, strict=True)
        if issue.rule == "DTL106"
    }
    return found, leaks


def _lint_finding(issue: Any, name: str, parts: list[Part]) -> tuple[Order, Finding]:
    location = issue.location
    index = location.paragraph
    number = next((n for n, part in enumerate(parts) if part.label == location.part), len(parts))
    known = parts[number].paragraphs if number < len(parts) else []
    if 0 < index <= len(known):
        place_text = where(location.part, known[index - 1])
    elif index > 0:
        cells = tuple((c.table, c.row, c.col) for c in location.cells)
        place_text = where(location.part, Place(index, cells, location.cell_paragraph, ""))
    else:
        place_text = "" if location.part == "body" else location.part
    warning = issue.severity == "warning"
    return (number, index), Finding(
        name, None, issue.message, where=place_text, warning=warning, rule=issue.rule
    )
