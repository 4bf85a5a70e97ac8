"""What a Word template may not hold: anything that reaches outside the letter, and anything
that is not a Word document at all.

A .docx is a zip of XML parts tied by relationships. A relationship can point outside the file
(``TargetMode="External"``): an attached template on a server (remote-template injection: every
letter sent opens a connection, and may leak the reader's credentials), an image loaded from the
web, a ``file:`` link, an altChunk that pulls in another document; fields can do the same
(INCLUDEPICTURE, INCLUDETEXT, DDE, LINK). A letter that goes to a ministry must do none of it:
the only outside targets allowed are http(s) and mailto hyperlinks. The parts are read with a
parser that loads no DTD, expands no entity and reaches no network; a DOCTYPE is refused.
"""

from __future__ import annotations

import re
import zipfile
from functools import cache
from pathlib import Path

from lxml import etree

from advocacy.errors import TemplateError

MAX_PART = 50 * 1024 * 1024
"""The largest XML part read (uncompressed); a zip bomb stops here."""
_HYPERLINK = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/hyperlink",
)
_FIELDS = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|DDEAUTO|DDE|LINK|IMPORT)\b", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


def problems(path: Path) -> list[str]:
    """What is wrong with the Word template at ``path``, each as '<part>: what' (none: safe)."""
    stat = path.stat()
    return list(_problems(str(path), stat.st_mtime_ns, stat.st_size))


def check(path: Path, name: str) -> None:
    """Raise a TemplateError naming ``name`` and the first problem of the template, if any."""
    try:
        found = problems(path)
    except OSError as err:
        raise TemplateError(f"{name}: cannot be read: {err.strerror}") from None
    if found:
        more = f" (and {len(found) - 1} more: see `advocacy templates check`)" if found[1:] else ""
        raise TemplateError(f"{name}: {found[0]}{more}")


@cache
def _problems(path: str, mtime: int, size: int) -> tuple[str, ...]:
    """The problems of a template file, once per version of it (builds render it often)."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                return ("is not a Word document (no word/document.xml): save it as .docx",)
            for info in package.infolist():
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                if info.file_size > MAX_PART:
                    found.append(f"{info.filename}: larger than {MAX_PART // 2**20} MB unpacked")
                    continue
                data = package.read(info)
                found.extend(f"{info.filename}: {said}" for said in _part(info.filename, data))
    except zipfile.BadZipFile:
        return ("is not a Word document (not a zip file): save it as .docx",)
    return tuple(found)


def _part(name: str, data: bytes) -> list[str]:
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        return ["declares a DOCTYPE or entities, which a Word part never does; refused"]
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as err:
        return [f"is not well-formed XML: {err.msg}"]
    if name.endswith(".rels"):
        return list(_relationships(root))
    said = []
    instructions = [
        *(el.text or "" for el in root.iter(f"{_W}instrText")),
        *(el.get(f"{_W}instr") or "" for el in root.iter(f"{_W}fldSimple")),
    ]
    for field in _FIELDS.findall(" ".join(instructions)):
        said.append(f"holds a {field.upper()} field, which loads content from outside the letter")
    if any(True for _ in root.iter(f"{_W}altChunk")):
        said.append("holds an altChunk, which imports another document into the letter")
    return list(dict.fromkeys(said))


def _relationships(root: etree._Element) -> list[str]:
    said = []
    for rel in root:
        kind = str(rel.get("Type") or "")
        target = str(rel.get("Target") or "")
        short = kind.rsplit("/", 1)[-1]
        if short in ("attachedTemplate", "aFChunk", "subDocument", "frame"):
            said.append(f"has a relationship of type {short} to {target!r}; remove it")
        elif rel.get("TargetMode") == "External":
            linked = kind in _HYPERLINK and target.lower().startswith(
                ("https://", "http://", "mailto:")
            )
            if not linked:
                said.append(
                    f"reaches outside the document ({short} to {target!r}): only http(s) and "
                    "mailto hyperlinks may; remove it or embed what it loads"
                )
    return said
