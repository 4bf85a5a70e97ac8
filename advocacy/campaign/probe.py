"""The probe: a recipient whose every field is a marker, and the text made for it made for anyone.

:mod:`advocacy.campaign.letters` renders a letter once for the probe and finds where its markers
landed (in the HTML of the windows, in the Word document's XML); a :class:`Filler` then puts a real
recipient's values there, escaped as the format escapes them. Markers are private-use characters,
which no fact holds.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

from markupsafe import escape

from advocacy.facts.models import Recipient


def marker(number: int) -> str:
    """A marker that no fact holds (private-use characters), for the probe's fields."""
    return f"\ue000{number}\ue001"


NAME, TITLE, ORGANISATION, ADDRESS, EMAIL, ID, SALUTATION = (marker(n) for n in range(7))
LINES = (NAME, TITLE, ORGANISATION, ADDRESS)
MARKERS = (*LINES, EMAIL, ID, SALUTATION)


def probe(language: str | None) -> Recipient:
    """A recipient whose every field is a marker; its address has four lines."""
    return Recipient.model_construct(
        id=ID,
        name=NAME,
        title=TITLE,
        organisation=ORGANISATION,
        address=(ADDRESS,),
        email=EMAIL,
        salutation=SALUTATION,
        language=language,
        example=False,
    )


@dataclasses.dataclass(frozen=True)
class Filler:
    """A piece of text (HTML or WordML) made for the probe, ready to be made for anyone."""

    text: str
    element: str | None = None
    """The element that holds an address line, repeated per line (None: the innermost)."""

    def fill(self, recipient: Recipient) -> str:
        text = self.text
        quote = _xml_escape if self.element == "w:p" else _html_escape
        if LINES[0] in text:
            lines = cut_lines(text, self.element)
            assert lines is not None
            text = lines.fill(recipient.lines(), quote)
        values = {SALUTATION: recipient.salutation, EMAIL: recipient.email or "", ID: recipient.id}
        for mark, value in values.items():
            text = text.replace(mark, quote(value))
        return text


def _html_escape(text: str) -> str:
    """As Jinja escapes text in HTML."""
    return str(escape(text))


def _xml_escape(text: str) -> str:
    """As text stands in a Word document docxtpl wrote (lxml writes quotes as they are)."""
    from xml.sax.saxutils import escape as xml_escape

    return xml_escape(text)


def filler(text: str, element: str | None) -> Filler | None:
    """A filler for ``text``, or None when its markers are not where a filler can fill them."""
    if any(line in text for line in LINES) and cut_lines(text, element) is None:
        return None
    return Filler(text, element)


@dataclasses.dataclass(frozen=True)
class Lines:
    """A text with the probe's address lines cut out: put others in."""

    before: str
    unit: str
    between: str
    after: str

    def fill(self, lines: list[str], quote: Callable[[str], str]) -> str:
        units = [self.unit.replace(NAME, quote(line)) for line in lines]
        return self.before + self.between.join(units) + self.after


def cut_lines(text: str, element: str | None) -> Lines | None:
    """``text`` with the probe's four lines cut out, each the whole ``element`` around it (the
    innermost element when None); None unless they stand one after the other, alone."""
    spans = []
    for line in LINES:
        position = text.find(line)
        if position < 0 or text.find(line, position + 1) >= 0:
            return None
        span = _enclosing(text, position, element)
        if span is None:
            return None
        spans.append(span)
    between = text[spans[0][1] : spans[1][0]]
    for (_, end), (start, _) in itertools.pairwise(spans):
        if end > start or text[end:start] != between or between.strip():
            return None
    unit = text[spans[0][0] : spans[0][1]]
    if any(mark in unit.replace(NAME, "") for mark in MARKERS):
        return None
    return Lines(text[: spans[0][0]], unit, between, text[spans[-1][1] :])


def _enclosing(text: str, position: int, element: str | None) -> tuple[int, int] | None:
    start = position
    while True:
        start = text.rfind("<", 0, start)
        if start < 0:
            return None
        if text[start + 1] not in "/!?":
            name = text[start + 1 :].split(">", 1)[0].split(None, 1)[0].rstrip("/")
            if element is None or name == element:
                break
    end = text.find(f"</{name}>", position)
    return (start, end + len(f"</{name}>")) if end >= 0 else None
