"""Where a line of a Word template's Jinja source comes from: the paragraph, as Word shows it.

docxtpl compiles a Word template as XML in which a line means nothing to its author
(``appeal.docx:1``). :class:`PlacedTemplate` marks where each paragraph, table row and table
cell begins before docxtpl patches the XML (which drops the paragraphs of ``{%p %}`` tags, the
rows of ``{%tr %}`` tags ...). After patching, each surviving mark becomes a Jinja comment that
holds the paragraph's number and a newline. A comment renders as nothing, so
the document comes out byte for byte as before; but each paragraph now starts a line, and the
last comment before a line says which paragraph the line belongs to.

Paragraphs, tables, rows and cells are numbered as docxtpl-lint numbers them (every paragraph of
a part in document order; tables per part, nested ones too), so the findings of the checker and
of docxtpl-lint read alike.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError as JinjaError
from jinja2 import TemplateSyntaxError
from lxml import etree

from advocacy.errors import TemplateError
from advocacy.formats.errors import template_error

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TEXT, _TAB, _BR = f"{_W}t", f"{_W}tab", f"{_W}br"
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# Each paragraph, row and cell start tag, in the order lxml walks the elements.
_ELEMENT = re.compile(r"<w:(p|tr|tc)(?=[\s>/])")
# A mark is shaped like an XML tag, so that docxtpl's regular expressions, which skip runs of
# tags inside split `{{`, treat it as one and behave exactly as they would without it.
_MARK = "\ue000"
_MARKER = re.compile(f"<{_MARK}(\\d+)>")
# What Jinja reads as code: a mark inside it must go (a comment there would be text or nest).
_CODE = (
    r"\{%[-+]?\s*raw\s*[-+]?%\}.*?(?:\{%[-+]?\s*endraw\s*[-+]?%\}|\Z)"
    r"|\{\{.*?(?:\}\}|\Z)|\{%.*?(?:%\}|\Z)|\{#.*?(?:#\}|\Z)"
)
_SCAN = re.compile(f"(?P<code>{_CODE})|<{_MARK}(?P<index>\\d+)>", re.DOTALL)
_COMMENT = re.compile(f"\\{{#{_MARK}(\\d+)")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # what Jinja counts as a new line
_PART = re.compile(r"(header|footer)(\d*)\.xml$|(footnotes)\.xml$")
# docxtpl tags that replace their whole row or cell: the place of a row or cell is theirs.
_OWNS = {
    "tr": re.compile(r"\{[{%#]tr "),
    "tc": re.compile(r"\{[{%#]tc |\{%-?\s*(?:cellbg|colspan|vm|hm)\b"),
}
QUOTE = 60
"""How much of a paragraph's text a place quotes."""


@dataclass(frozen=True)
class Place:
    """A paragraph of a Word template."""

    paragraph: int
    """Its number among all paragraphs of its part (table cells' too), from 1."""
    cells: tuple[tuple[int, int, int], ...]
    """The table, row and cell it is in, outermost table first; () outside tables."""
    cell_paragraph: int
    """Its number inside its cell, from 1; 0 outside tables."""
    text: str


def part_label(partname: str) -> str:
    """A part as docxtpl-lint names it: 'body', 'header1', 'footer2', 'footnotes'."""
    match = _PART.search(partname)
    if match is None:
        return "body"
    return match.group(3) or f"{match.group(1)}{match.group(2)}"


def where(part: str, place: Place) -> str:
    """The place as an author finds it in Word: 'table 2, row 3, cell 1, paragraph 1 ("…")'."""
    steps = []
    if part != "body":
        steps.append(re.sub(r"(\D)(\d+)$", r"\1 \2", part))  # 'header1' -> 'header 1'
    steps += [f"table {table}, row {row}, cell {cell}" for table, row, cell in place.cells]
    steps.append(f"paragraph {place.cell_paragraph if place.cells else place.paragraph}")
    text = " ".join(place.text.split())
    if len(text) > QUOTE:
        text = text[: QUOTE - 1].rstrip() + "…"
    return ", ".join(steps) + (f' ("{text}")' if text else "")


class PlacedTemplate(DocxTemplate):  # type: ignore[misc]
    """A DocxTemplate that knows which paragraph each line of its Jinja source comes from.

    It renders exactly as docxtpl does. When rendering fails, :meth:`error` names the paragraph
    or table cell of the failing tag, with its text.
    """

    def __init__(self, template_file: Any) -> None:
        super().__init__(template_file)
        self.places: list[Place] = []
        """Every marked paragraph, by the number its mark carries."""
        self.paragraphs: list[Place] = []
        """The paragraphs of the part patched last, in order."""
        self.failed_at: str | None = None
        """Where rendering failed, as :func:`where` says it."""

    def render_init(self) -> None:
        super().render_init()
        self.failed_at = None

    def patch_xml(self, src_xml: str) -> str:
        patched: str = super().patch_xml(self._mark(src_xml))
        return _SCAN.sub(_comment, patched)

    def render_xml_part(self, src_xml: str, part: Any, context: Any, jinja_env: Any = None) -> str:
        recorder = _Recorder(jinja_env) if jinja_env is not None else None
        try:
            rendered: str = super().render_xml_part(src_xml, part, context, recorder or jinja_env)
        except Exception as err:
            line = error_line(err)
            place = self.place_at(recorder.source, line) if recorder and recorder.source else None
            if place is not None:
                self.failed_at = where(part_label(str(part.partname)), place)
            raise
        return rendered

    def place_at(self, source: str, line: int | None) -> Place | None:
        """The paragraph that line ``line`` of ``source`` (a patched part) comes from."""
        if not line:
            return None
        start = 0
        for number, newline in enumerate(_NEWLINE.finditer(source), start=2):
            if number > line:
                break
            start = newline.end()
        found = source.rfind("{#" + _MARK, 0, start)
        comment = _COMMENT.match(source, found) if found >= 0 else None
        if comment is None:
            return None
        index = int(comment.group(1))
        return self.places[index] if index < len(self.places) else None

    def error(self, err: Exception, name: str) -> TemplateError:
        """A TemplateError naming the paragraph where rendering ``name`` failed, if known."""
        if self.failed_at is None:
            return template_error(err, name)
        message = err.message if isinstance(err, JinjaError) and err.message else str(err)
        return TemplateError(f"{name}: {self.failed_at}: {message}")

    def _mark(self, xml: str) -> str:
        """``xml`` with a mark before each paragraph, row and cell start tag."""
        self.paragraphs = []
        try:
            # As bytes: a part read from its blob keeps its XML declaration.
            root = etree.fromstring(xml.encode("utf-8"))
        except (etree.XMLSyntaxError, ValueError):
            return xml
        entries = _layout(root)
        matches = list(_ELEMENT.finditer(xml))
        if [match.group(1) for match in matches] != [kind for kind, _ in entries]:
            return xml  # an element we cannot line up with its tag: render without places
        pieces = []
        last = 0
        for match, (_, place) in zip(matches, entries, strict=True):
            if place is None:
                continue
            pieces += [xml[last : match.start()], f"<{_MARK}{len(self.places)}>"]
            self.places.append(place)
            last = match.start()
        pieces.append(xml[last:])
        self.paragraphs = [place for kind, place in entries if kind == "p" and place]
        return "".join(pieces)


def error_line(err: BaseException) -> int | None:
    """The template line an error happened at, as Jinja tells it."""
    if isinstance(err, TemplateSyntaxError):
        return err.lineno
    # Jinja rewrites tracebacks so that template frames carry the template's line.
    for frame in reversed(traceback.extract_tb(err.__traceback__)):
        if frame.filename == "<template>":
            return frame.lineno
    return None


def _comment(match: re.Match[str]) -> str:
    code = match.group("code")
    if code is not None:
        return _MARKER.sub("", code)
    return "{#" + _MARK + match.group("index") + "\n#}"


class _Recorder:
    """Stands for the Jinja environment in docxtpl, keeping the source it compiles."""

    def __init__(self, env: Any) -> None:
        self.env = env
        self.source: str | None = None

    def from_string(self, source: str) -> Any:
        self.source = source
        return self.env.from_string(source)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.env, name)


def _layout(root: Any) -> list[tuple[str, Place | None]]:
    """Every paragraph, row and cell under ``root`` in document order, each with its place.

    A row's or cell's place is its paragraph holding a docxtpl row or cell tag (patching puts
    the tag where the row or cell was), else its first paragraph.
    """
    entries: list[tuple[str, Place | None]] = []
    count = {"paragraphs": 0, "tables": 0}
    tables: list[list[int]] = []  # [table, row, cell, paragraph in cell], innermost last

    def visit(element: Any) -> list[Place]:
        tag = element.tag
        if tag == _TBL:
            count["tables"] += 1
            tables.append([count["tables"], 0, 0, 0])
            inner = children(element)
            tables.pop()
            return inner
        if tag in (_TR, _TC):
            kind = "tr" if tag == _TR else "tc"
            if tables and kind == "tr":
                tables[-1][1:] = [tables[-1][1] + 1, 0, 0]
            elif tables:
                tables[-1][2:] = [tables[-1][2] + 1, 0]
            slot = len(entries)
            entries.append((kind, None))
            inner = children(element)
            owner = next((p for p in inner if _OWNS[kind].search(p.text)), None)
            entries[slot] = (kind, owner or (inner[0] if inner else None))
            return inner
        if tag == _P:
            count["paragraphs"] += 1
            if tables:
                tables[-1][3] += 1
            place = Place(
                count["paragraphs"],
                tuple((t, r, c) for t, r, c, _ in tables),
                tables[-1][3] if tables else 0,
                _text(element),
            )
            entries.append(("p", place))
            return [place, *children(element)]
        return children(element)

    def children(element: Any) -> list[Place]:
        return [place for child in element if isinstance(child.tag, str) for place in visit(child)]

    visit(root)
    return entries


def _text(paragraph: Any) -> str:
    """A paragraph's own text (not that of a text box inside it); tabs and breaks as spaces."""
    out = []
    for element in paragraph.iter(_TEXT, _TAB, _BR):
        owner = element.getparent()
        while owner is not None and owner.tag != _P:
            owner = owner.getparent()
        if owner is paragraph:
            out.append(element.text or "" if element.tag == _TEXT else " ")
    return "".join(out)
