"""What a reader sees in a PDF or a DOCX, as text to compare."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAGE_FOOTER = re.compile(r"Page \d+ of \d+")
FIGURE_CAPTION = re.compile(r"^.*, by (year|day)$", re.MULTILINE)
FIGURE_END = "a span of time"


_PDF_TEXTS: dict[bytes, str] = {}
"""Texts already extracted, by the sha256 of the file's bytes: tests read one rendered PDF many
times, and pypdf takes a good part of a second for a long one."""


def pdf_text(path: Path) -> str:
    """The text of every page, page footers removed."""
    data = path.read_bytes()
    key = hashlib.sha256(data).digest()
    if key not in _PDF_TEXTS:
        pages = [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]
        _PDF_TEXTS[key] = PAGE_FOOTER.sub(" ", "\n".join(pages))
    return _PDF_TEXTS[key]


def docx_paragraphs(path: Path, part: str = "word/document.xml") -> list[str]:
    """The text of each paragraph of the body (w:t runs joined, tabs as spaces), in order."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read(part))
    paragraphs = []
    for paragraph in root.iter(f"{W}p"):
        text = "".join(
            node.text or "" if node.tag == f"{W}t" else " "
            for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br")
        )
        paragraphs.append(text)
    return paragraphs


def docx_text(path: Path) -> str:
    """The body text of a DOCX, a paragraph a line."""
    return "\n".join(docx_paragraphs(path))


def normalise(text: str) -> str:
    """One space between words, NFC, no soft hyphens."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """The sentences of a text, normalised, in order."""
    return [s for s in re.split(r"(?<=[.;:!?])\s+", normalise(text)) if s]


def in_order(text: str, parts: list[str]) -> list[str]:
    """The parts that are missing or out of order in ``text`` (empty when all are in order)."""
    text = normalise(text)
    wrong, start = [], 0
    for part in parts:
        found = text.find(normalise(part), start)
        if found < 0:
            wrong.append(part)
        else:
            start = found + len(normalise(part))
    return wrong


def without_figure(
    text: str, first: re.Pattern[str] = FIGURE_CAPTION, last: str = FIGURE_END
) -> str:
    """The PDF's text without the figure's labels (the DOCX has the figure as a picture): from
    its first caption to the last word of its legend (other languages: other words)."""
    caption = first.search(text)
    end = text.find(last, caption.start()) if caption else -1
    return text if not caption or end < 0 else text[: caption.start()] + text[end + len(last) :]
