"""Finding every message documents print, and keeping the catalogs in step with them.

Messages are found where they are written, with Babel's extractors: Jinja's ``babel_extract`` for
HTML templates and for the Jinja inside Word templates (the text of each paragraph of each XML part,
so a tag split over runs reads whole), a kind's ``label`` in its ``kind.toml``, and
``translate(lang, "...")`` in the package's Python. ``python -m advocacy.authoring.extract`` writes
them to ``advocacy/i18n/locales/advocacy.pot`` and merges that into every catalog: a new message
appears untranslated in each (a test then fails until someone translates it), English gets its own
words.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tomllib
import zipfile
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from jinja2.ext import babel_extract

from advocacy.documents.templates import DEFAULTS
from advocacy.i18n.catalogs import DOMAIN, LOCALES, SOURCE, languages, po_path

PACKAGE = Path(__file__).resolve().parents[1]
POT = LOCALES / f"{DOMAIN}.pot"

PYTHON_KEYWORDS = {"translate": (2,), "N_": None}
"""Python's markers: ``translate(lang, message, ...)`` (the message is its 2nd argument) and
``N_(message)`` for a message translated later."""
JINJA_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true"}
_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_TEXT = re.compile(rb"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_DOCXTPL_TAG = re.compile(r"(\{[%{])(?:p|r|tr|tc)\s")

Message = tuple[str, int, str | tuple[str, ...]]
"""Where a message is (file, line) and its id (or its singular and plural)."""


def messages(templates: Path = DEFAULTS, package: Path = PACKAGE) -> Iterator[Message]:
    """Every message of the templates under ``templates`` and of the package's Python."""
    for path in sorted(templates.rglob("*")):
        name = path.relative_to(templates.parent).as_posix()
        if path.suffix == ".html":
            yield from _jinja(name, path.read_bytes())
        elif path.suffix == ".docx":
            yield from _jinja(name, docx_source(path))
        elif path.name == "kind.toml":
            label = tomllib.loads(path.read_text(encoding="utf-8")).get("label")
            if isinstance(label, str):
                yield name, 1, label
    for path in sorted(package.rglob("*.py")):
        yield from _python(path.relative_to(package.parent).as_posix(), path.read_bytes())


def docx_source(path: Path) -> bytes:
    """The Jinja of a Word template: the text of its paragraphs, one a line, part by part."""
    lines: list[bytes] = []
    with zipfile.ZipFile(path) as docx:
        for name in sorted(docx.namelist()):
            if name.startswith("word/") and name.endswith(".xml"):
                for paragraph in _PARAGRAPH.findall(docx.read(name)):
                    lines.append(b"".join(_TEXT.findall(paragraph)))
    source = unescape(b"\n".join(lines).decode("utf-8"))
    # docxtpl's own tags ({%p if %}, {{r x }}) are Jinja's once their letter is gone.
    return _DOCXTPL_TAG.sub(r"\1 ", source).encode("utf-8")


def _jinja(name: str, source: bytes) -> Iterator[Message]:
    for line, _function, message, _comments in babel_extract(
        io.BytesIO(source), list(JINJA_KEYWORDS), [], JINJA_OPTIONS
    ):
        yield name, line, _message_id(message)


def _python(name: str, source: bytes) -> Iterator[Message]:
    for line, message, _comments, _context in extract(
        "python", io.BytesIO(source), PYTHON_KEYWORDS
    ):
        yield name, line, _message_id(message)


def _message_id(message: Any) -> str | tuple[str, ...]:
    if isinstance(message, tuple):
        found = tuple(m for m in message if m)
        return found[0] if len(found) == 1 else found
    return str(message)


def template_catalog() -> Any:
    """A ``babel.messages.Catalog`` of every message: what ``advocacy.pot`` holds."""
    # A fixed date: the same messages make the same file.
    stamp = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    catalog = Catalog(
        domain=DOMAIN,
        project="advocacy",
        copyright_holder="the advocacy authors",
        version="",
        creation_date=stamp,
        revision_date=stamp,
        charset="utf-8",
    )
    for name, line, message in messages():
        flags = ("python-format",) if "%(" in str(message) else ()
        catalog.add(message, locations=[(name, line)], flags=flags)
    return catalog


def pot_text() -> str:
    """``advocacy.pot`` as :func:`update` writes it."""
    return _po_text(template_catalog())


def _po_text(catalog: Any) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True)
    # Babel names its own version in the header: the same messages must make the same file.
    text = buffer.getvalue().decode("utf-8")
    return re.sub(r'^"Generated-By: [^"]*"\n', "", text, flags=re.MULTILINE)


def update() -> list[Path]:
    """Write ``advocacy.pot`` and merge it into every catalog; the paths written."""
    template = template_catalog()
    POT.parent.mkdir(parents=True, exist_ok=True)
    POT.write_text(_po_text(template), encoding="utf-8")
    written = [POT]
    for lang in languages() or (SOURCE,):
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file, locale=lang, domain=DOMAIN)
        else:
            catalog = read_po(io.BytesIO(_po_text(template).encode()), locale=lang, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        if lang == SOURCE:
            for message in catalog:
                if message.id and not message.string:
                    message.string = message.id
        catalog.revision_date = template.revision_date
        path.write_text(_po_text(catalog), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in update():
        print(written_path)
