"""One letter laid out once, each recipient's address put into it: PDFs by the thousand.

A letter's layout does not depend on whom it is addressed to: what differs per recipient (the
address, the salutation) stands in *windows* of fixed size (elements of class ``window`` in the
template; the address window as in a DIN 5008 letter). So a campaign lays the letter out once
(the *base*, windows left empty), lays out every recipient's windows each on a page of its own
(the *heads*, a hundred recipients to a document), and makes each recipient's PDF by drawing
their windows into a copy of the base, at the places the base left for them and at the points
of the base's content stream where their text belongs, so the text extracts in reading order.
The result is the page a whole render gives, still PDF/A-3b.

The base marks each window's place with a one-pixel box of a colour nothing else uses; the box
is taken out of the content stream and the window drawn there instead.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import Any

from advocacy.errors import RenderError

WINDOW = "window"
"""The class of the elements that hold what differs per recipient, each of a fixed size."""

MARKER_RGB = (1, 2, 3)
_MARKER_FILL = tuple(round(c / 255, 6) for c in MARKER_RGB)

BASE_CSS = (
    f".{WINDOW}, .{WINDOW} * {{ visibility: hidden !important }}"
    f'.{WINDOW}::before {{ content: ""; display: inline-block; width: 1px; height: 1px;'
    f" background: rgb{MARKER_RGB} !important; visibility: visible !important }}"
)
"""The base: each window hidden, its place kept and marked (its border and background, if
any, are drawn with its contents)."""

_MARGIN_BOXES = (
    "top-left-corner",
    "top-left",
    "top-center",
    "top-right",
    "top-right-corner",
    "right-top",
    "right-middle",
    "right-bottom",
    "bottom-right-corner",
    "bottom-right",
    "bottom-center",
    "bottom-left",
    "bottom-left-corner",
    "left-bottom",
    "left-middle",
    "left-top",
)

HEADS_CSS = (
    "@page { "
    + " ".join(f"@{box} {{ content: none !important }}" for box in _MARGIN_BOXES)
    + " } .advocacy-head + .advocacy-head { break-before: page }"
)
"""The heads: nothing but the windows' contents, one window a page."""

Matrix = tuple[float, float, float, float, float, float]
PX = 0.75
"""Points per CSS pixel."""


def window_boxes(page: Any) -> list[Any]:
    """The boxes of the window elements on a laid-out WeasyPrint page, in document order."""
    found, stack = [], [page._page_box]
    while stack:
        box = stack.pop()
        element = getattr(box, "element", None)
        if (
            element is not None
            and WINDOW in (element.get("class") or "").split()
            and getattr(box, "element_tag", None) == element.tag
            and type(box).__name__ == "BlockBox"
        ):
            found.append(box)
            continue
        stack.extend(reversed(getattr(box, "children", [])))
    return found


def box_geometry(box: Any) -> tuple[float, float, float, float]:
    """x, y, width, height of a box's border box, in CSS pixels from the page's top left."""
    return (box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height())


def overflowing(box: Any) -> bool:
    """Whether anything inside a window reaches past its edges (and is cut off)."""
    right = box.padding_box_x() + box.padding_width() + 0.5
    bottom = box.padding_box_y() + box.padding_height() + 0.5
    stack = list(getattr(box, "children", []))
    while stack:
        inner = stack.pop()
        if inner.position_x + inner.margin_width() > right:
            return True
        if inner.position_y + inner.margin_height() > bottom:
            return True
        stack.extend(getattr(inner, "children", []))
    return False


class WindowError(RenderError):
    """A recipient's address or salutation is too long for its window."""

    def __init__(self, template: str, field: str, problem: str) -> None:
        super().__init__(f"{template}: the recipient's {field} {problem}")
        self.field = field
        """What does not fit: 'address', 'salutation' (the window's other class)."""
        self.problem = problem

    def at(self, place: str) -> RenderError:
        """The error said at the recipient's place in its file (FILE:LINE:COL: where)."""
        return RenderError(f"{place}.{self.field}: {self.problem}")


def cut_off(box: Any, template: str) -> WindowError | None:
    """The error of a window whose text reaches past its edges, or None."""
    if not overflowing(box):
        return None
    width, height = (round(v / 96 * 25.4) for v in box_geometry(box)[2:])
    classes = [c for c in box.element.get("class", "").split() if c != WINDOW]
    problem = f"does not fit the letter's window ({width} x {height} mm): shorten it"
    return WindowError(template, classes[0] if classes else "address", problem)


def check_windows(laid_out: Any, template: str) -> None:
    """WindowError when text in a window of the laid-out document reaches past its edges."""
    for page in laid_out.pages:
        for box in window_boxes(page):
            problem = cut_off(box, template)
            if problem:
                raise problem


@dataclass(frozen=True)
class Base:
    """A letter laid out once with its windows empty, ready to take each recipient's."""

    pdf: bytes
    page: int
    segments: tuple[bytes, ...]
    """The page's content around the windows: one more segment than windows."""
    ctms: tuple[Matrix, ...]
    """The transformation matrix in force where each window is drawn."""
    windows: tuple[tuple[float, float, float, float], ...]


def base(pdf: bytes, laid_out: Any) -> Base | None:
    """The base of a letter from its PDF and its layout; None unless its windows are on one
    page and each is marked."""
    import pikepdf

    pages = [(n, window_boxes(page)) for n, page in enumerate(laid_out.pages)]
    pages = [(n, boxes) for n, boxes in pages if boxes]
    if len(pages) != 1:
        return None
    number, boxes = pages[0]
    with pikepdf.open(io.BytesIO(pdf)) as document:
        operations = pikepdf.parse_content_stream(document.pages[number])
    splits = _markers(operations)
    if len(splits) != len(boxes):
        return None
    segments, ctms, position = [], [], 0
    for start, end in splits:
        segments.append(pikepdf.unparse_content_stream(operations[position:start]))
        ctms.append(_ctm(operations[:start]))
        position = end
    segments.append(pikepdf.unparse_content_stream(operations[position:]))
    return Base(pdf, number, tuple(segments), tuple(ctms), tuple(map(box_geometry, boxes)))


def _markers(operations: list[Any]) -> list[tuple[int, int]]:
    """Each marker's operations, in order: where they start and end."""
    found, position = [], 0
    while (split := _marker(operations, position)) is not None:
        found.append(split)
        position = split[1]
    return found


def _marker(operations: list[Any], first: int) -> tuple[int, int] | None:
    """The operations that draw the next marker from ``first``: its fill, with the clip and the
    graphics states WeasyPrint wraps it in (balanced: as many `q` as `Q`)."""
    names = [str(operator) for _, operator in operations]
    for index in range(first, len(operations)):
        operands, name = operations[index][0], names[index]
        if name != "rg" or len(operands) != 3:
            continue
        if tuple(round(float(x), 6) for x in operands) != _MARKER_FILL:
            continue
        fill = next((i for i in range(index + 1, index + 8) if names[i] in ("f", "f*")), None)
        if fill is None:
            return None
        saves, before = [], index - 1
        while before >= first and names[before] in ("q", "re", "W", "W*", "n", "gs"):
            if names[before] == "q":
                saves.append(before)
            before -= 1
        restores = 0
        while fill + 1 + restores < len(names) and names[fill + 1 + restores] == "Q":
            restores += 1
        balanced = min(restores, len(saves))  # the Q that close the marker's own q
        if balanced == 0:
            return None
        return saves[balanced - 1], fill + 1 + balanced
    return None


def _ctm(operations: list[Any]) -> Matrix:
    """The current transformation matrix after ``operations``."""
    ctm: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    saved: list[Matrix] = []
    for operands, operator in operations:
        name = str(operator)
        if name == "q":
            saved.append(ctm)
        elif name == "Q" and saved:
            ctm = saved.pop()
        elif name == "cm":
            a, b, c, d, e, f = (float(x) for x in operands)
            ctm = _multiply((a, b, c, d, e, f), ctm)
    return ctm


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m × n, as PDF composes matrices (``m cm`` applied to a CTM of n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _inverse(m: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(e * ia + f * ic), -(e * ib + f * id_))


class Heads:
    """Recipients' windows laid out one a page, as a PDF to draw from."""

    def __init__(self, pdf: bytes, windows: list[tuple[float, float, float, float]]):
        import pikepdf

        self.document = pikepdf.open(io.BytesIO(pdf))
        self.windows = windows
        self.tag = "".join(chr(ord("A") + byte % 26) for byte in hashlib.sha256(pdf).digest()[:6])
        """A subset tag of their own for the heads' fonts: the base has subsets of the same
        fonts under the tag WeasyPrint derives from the font file."""

    def close(self) -> None:
        self.document.close()


def compose(letter: Base, heads: Heads, first: int, identifier: bytes) -> bytes:
    """The letter with its windows drawn from pages ``first``, ``first + 1`` ... of ``heads``,
    identified (the first half of the PDF's /ID) as ``identifier``.

    Each window's drawing goes into the page's own content stream, its resources renamed apart,
    rather than into a form: text extractors (pypdf's among them) then read it where it stands.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(letter.pdf)) as out:
        page = out.pages[letter.page]
        content = [letter.segments[0]]
        for k, (ctm, window) in enumerate(zip(letter.ctms, letter.windows, strict=True)):
            head = heads.windows[first + k]
            dx = (window[0] - head[0]) * PX
            dy = -(window[1] - head[1]) * PX
            place = _multiply((1.0, 0.0, 0.0, 1.0, dx, dy), _inverse(ctm))
            source = heads.document.pages[first + k]
            drawing = _adopt(out, page, heads.document, first + k, f"W{k + 1}", heads.tag)
            matrix = " ".join(_number(x) for x in place).encode()
            content += [b"q " + matrix + b" cm", drawing, b"Q", letter.segments[k + 1]]
            _copy_links(out, page, source, dx, dy)
        page.obj.Contents = out.make_stream(b"\n".join(content))
        # The base carries the probe's identifier; the second half is made from the contents.
        out.trailer.ID = pikepdf.Array([pikepdf.String(identifier), pikepdf.String(identifier)])
        buffer = io.BytesIO()
        out.save(buffer, deterministic_id=True, compress_streams=True)
    return buffer.getvalue()


_NAMED = {"Tf": 0, "gs": 0, "cs": 0, "CS": 0, "sh": 0, "Do": 0, "scn": -1, "SCN": -1}
"""Operators that name a resource (a font, a graphics state ...), and which operand does."""


def _adopt(out: Any, page: Any, heads: Any, number: int, prefix: str, tag: str) -> bytes:
    """The content of page ``number`` of ``heads``, its resources copied to ``page`` under names
    that start with ``prefix`` (the page's own are left alone)."""
    import pikepdf

    source = heads.pages[number]
    resources = page.obj.Resources
    theirs = source.obj.get("/Resources", pikepdf.Dictionary())
    for kind in theirs:
        mine = resources.get(kind)
        if mine is None:
            mine = resources[kind] = pikepdf.Dictionary()
        for name, value in theirs[kind].items():
            if not value.is_indirect:
                value = heads.make_indirect(value)
            copied = out.copy_foreign(value)
            if kind == "/Font":
                _retag_font(copied, tag)
            mine[f"/{prefix}{name[1:]}"] = copied
    operations = []
    for instruction in pikepdf.parse_content_stream(source):
        operands, operator = list(instruction.operands), instruction.operator
        at = _NAMED.get(str(operator))
        if at is not None and operands and isinstance(operands[at], pikepdf.Name):
            operands[at] = pikepdf.Name(f"/{prefix}{str(operands[at])[1:]}")
        operations.append((operands, operator))
    return bytes(pikepdf.unparse_content_stream(operations))


def _number(x: float) -> str:
    """A number as PDF writes one: fixed point (never 1e-05), precise enough that glyphs land on
    the very pixels a whole render puts them on."""
    return f"{x:.10f}".rstrip("0").rstrip(".") or "0"


def _copy_links(out: Any, page: Any, source: Any, dx: float, dy: float) -> None:
    """The links of a window, moved with it."""
    import pikepdf

    if "/Annots" not in source.obj:
        return
    annots = page.obj.get("/Annots", pikepdf.Array())
    for annot in source.obj.Annots:
        copied = out.copy_foreign(annot) if annot.is_indirect else annot
        x1, y1, x2, y2 = (float(v) for v in copied.Rect)
        copied.Rect = pikepdf.Array([x1 + dx, y1 + dy, x2 + dx, y2 + dy])
        copied.P = page.obj
        annots.append(copied)
    page.obj.Annots = annots


def _retag_font(font: Any, tag: str) -> None:
    """Name a heads font subset apart from the base's subset of the same font."""
    import pikepdf

    for target in (font, *font.get("/DescendantFonts", [])):
        for holder, field in ((target, "/BaseFont"), (target.get("/FontDescriptor"), "/FontName")):
            if holder is None or field not in holder:
                continue
            name = str(holder[field])[1:]
            if len(name) > 7 and name[6] == "+":
                holder[field] = pikepdf.Name("/" + tag + name[6:])
