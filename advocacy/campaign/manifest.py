"""What a build reports: the files it wrote (its manifest), what failed, and why.

``manifest.json`` lists every file of a case's build with its kind, format, language,
recipient, pages, bytes and sha256, with the sha256 of the case file it came from, so that an
archive or a mail merge can check what it holds.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


def case_folder(case_id: str, audience: str) -> str:
    """The folder a case's documents of ``audience`` go to, under the output folder: the case's
    id for public ones, ``<id>.internal`` for internal ones, so the two never mix."""
    return case_id if audience == "public" else f"{case_id}.{audience}"


@dataclass(frozen=True)
class Entry:
    """One written file, as the manifest lists it."""

    path: str
    kind: str
    format: str
    language: str
    recipient: str | None
    pages: int | None
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Failure:
    """A document that could not be made, and why (or, as a warning, what it fell back on)."""

    path: str
    message: str
    warning: bool = False
    disk: bool = False
    """The disk failed (full, read-only): the build keeps its previous files whole."""


@dataclass
class Report:
    """What a build wrote and what failed."""

    written: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)
    """Texts printed in the case's language because the document's lacked them (fallback)."""
    manifests: list[Path] = field(default_factory=list)


def entry(
    path: str,
    data: bytes,
    kind: str,
    fmt: str,
    language: str,
    recipient: str | None,
    pages: int | None = None,
) -> Entry:
    """The manifest's line for ``data``, written at ``path`` (relative to the case's folder)."""
    return Entry(
        path=path,
        kind=kind,
        format=fmt,
        language=language,
        recipient=recipient,
        pages=pages,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )


def manifest(
    case: str, case_file: str, case_sha256: str, audience: str, entries: list[Entry]
) -> str:
    """The text of ``manifest.json``: the same entries give the same bytes, in path order."""
    content = {
        "case": case,
        "case_file": case_file,
        "case_sha256": case_sha256,
        "audience": audience,
        "files": [dataclasses.asdict(e) for e in sorted(entries, key=lambda e: e.path)],
    }
    return json.dumps(content, indent=2, ensure_ascii=False) + "\n"


def pages_of(pdf: bytes) -> int:
    """The page count of a PDF, read from its page tree."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        return len(document.pages)


def unexpected(err: Exception) -> str:
    """How an error that is no user's mistake is reported in a build that goes on."""
    return f"unexpected error (a bug; please report it): {type(err).__name__}: {err}"


@dataclass(frozen=True)
class Built:
    """The manifest of a build found in a folder: what a `render` into it must keep true."""

    folder: Path
    case: str
    case_file: str
    case_sha256: str
    audience: str
    entries: tuple[Entry, ...]

    def amended(self, entries: list[Entry]) -> str:
        """The manifest's text with ``entries`` in place of those at the same paths."""
        paths = {e.path for e in entries}
        kept = [e for e in self.entries if e.path not in paths]
        return manifest(self.case, self.case_file, self.case_sha256, self.audience, kept + entries)


def built(folder: Path) -> Built | None:
    """The build whose manifest ``folder`` holds, or None (no build there, or no manifest that
    this tool wrote: then nothing in the folder is promised)."""
    try:
        content = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return Built(
            folder,
            str(content["case"]),
            str(content["case_file"]),
            str(content["case_sha256"]),
            str(content["audience"]),
            tuple(Entry(**item) for item in content["files"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
