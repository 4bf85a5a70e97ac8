"""Building blocks shared by every fact model: ids, text, narrative text and references.

References between facts (an event's sources, a person's organisations) are checked while the case
validates: :class:`advocacy.facts.models.case.Case` first collects every id the file defines, then
each reference field looks its id up, so an unknown id is reported at the exact place it is used,
together with every other problem in the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from advocacy.facts.markup import runs
from advocacy.facts.models.text import Translatable

IdKind = Literal["person", "organisation", "source", "event"]
Loc = tuple[str | int, ...]
"""A place in a case file, as pydantic gives it: ('events', 3, 'sources', 0)."""


class FactModel(BaseModel):
    """Base of every fact model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""What an id looks like: lower-case letters, digits and single hyphens."""
# C0 and C1 control characters other than tab and newline never belong in a fact.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Bidirectional marks and controls: they reorder what a reader sees (a name can read as
another), so a fact never holds one; right-to-left text needs none to print right."""
INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)
"""Characters that print as nothing (zero-width spaces, soft hyphens, word joiners, the BOM,
variation selectors, bidi controls): in a name, an id or a title they make two spellings that
look the same differ. The joiners U+200C and U+200D are allowed between two letters of a script
that needs them (Persian, Indic)."""
_NAMES = {
    0x00AD: "soft hyphen",
    0x061C: "Arabic letter mark",
    0x200B: "zero width space",
    0x200C: "zero width non-joiner",
    0x200D: "zero width joiner",
    0x200E: "left-to-right mark",
    0x200F: "right-to-left mark",
    0x2060: "word joiner",
    0xFEFF: "zero width no-break space (byte order mark)",
}
_SCHEMES = ("https://", "http://", "mailto:")
# Anything written like a link target, even one the parser refuses (it would print literally).
_LINK_TARGET = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]*)")


_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10)}
)
"""Names Windows keeps for devices: a file 'nul.pdf' cannot be written there, and ids name
files (a case's folder, a letter per recipient)."""


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an id: use lower-case letters, digits and single hyphens, "
            "e.g. 'marat-zhylanbayev'"
        )
    if value in _DEVICES:
        raise ValueError(
            f"{value!r} is a name Windows keeps for a device, and ids name files: choose "
            f"another, e.g. '{value}-1'"
        )
    return value


def _no_control(value: str) -> None:
    bad = _CONTROL.search(value)
    if bad:
        raise ValueError(
            f"contains the control character U+{ord(bad.group()):04X} at position "
            f"{bad.start() + 1}; remove it (it often comes from text pasted from a PDF)"
        )


def _invisible(value: str, pattern: re.Pattern[str]) -> None:
    for bad in pattern.finditer(value):
        char, at = bad.group(), bad.start()
        if char in "\u200c\u200d" and _joins(value, at):
            continue
        import unicodedata

        name = _NAMES.get(ord(char)) or unicodedata.name(char, "format character").lower()
        raise ValueError(
            f"contains the invisible character U+{ord(char):04X} ({name}) at position "
            f"{at + 1}; remove it (it is often pasted in with the text and makes a spelling "
            "that looks the same differ)"
        )


def _joins(value: str, at: int) -> bool:
    """Whether the joiner at ``at`` stands between two letters of a non-Latin script."""
    before, after = value[at - 1 : at], value[at + 1 : at + 2]
    return all(c.isalpha() and ord(c) >= 0x0370 for c in (before, after) if c) and bool(
        before and after
    )


def _text(value: str) -> str:
    _no_control(value)
    _invisible(value, INVISIBLE)
    if "\n" in value:
        raise ValueError("must be one line; use a narrative field for paragraphs")
    return value


def _narrative(value: str) -> str:
    _no_control(value)
    _invisible(value, BIDI)  # prose may hold soft hyphens and joiners, not reordering
    targets = [m["url"] for m in _LINK_TARGET.finditer(value)]
    if targets:  # a link is written [text](url): without '](' there is none to parse for
        targets += [run.link for run in runs(value) if run.link is not None]
    for url in targets:
        if not url.startswith(_SCHEMES):
            raise ValueError(
                f"a link points to {url!r}: links must point to an https://, http:// or "
                "mailto: address"
            )
    return " ".join(value.split())


def _email(value: str) -> str:
    """One addr-spec that a draft can address: an ASCII local part, a domain IDNA can encode."""
    from email.errors import HeaderParseError
    from email.headerregistry import Address

    def wrong(reason: str) -> ValueError:
        return ValueError(f"{value!r} is not one email address: {reason}; e.g. info@example.org")

    odd = next((c for c in value if c.isspace() or c in '"(),:;<>[\\]'), None)
    if odd is not None:  # in a To header it would make a list, a name or a comment
        what = "a space" if odd.isspace() else repr(odd)
        raise wrong(f"it contains {what}; write a single address, without a name")
    local, _, domain = value.rpartition("@")
    if not local or not domain or "@" in local:
        raise wrong("write it as name@domain, with exactly one '@'")
    if "" in local.split(".") or "" in domain.split("."):
        raise wrong("a dot stands at the start or the end of a part, or two dots are in a row")
    if not local.isascii():
        raise ValueError(
            f"{value!r} has non-ASCII characters before the '@', which mail servers need not "
            "accept (SMTPUTF8): ask the recipient for an ASCII address"
        )
    try:
        if Address(addr_spec=value).addr_spec != value:
            raise ValueError(value)
    except (ValueError, HeaderParseError) as err:  # HeaderParseError is no ValueError
        raise wrong("it contains a character that an address cannot hold") from err
    if "." not in domain:
        raise wrong(f"the domain {domain!r} has no dot; write the full domain")
    host = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", re.IGNORECASE)
    try:  # a draft writes a non-ASCII domain IDNA-encoded
        encoded = domain.encode("idna").decode("ascii")
        decoded = encoded.encode("ascii").decode("idna")
    except UnicodeError:
        encoded = decoded = ""
    if encoded and not domain.isascii() and decoded != domain.lower():
        # IDNA 2003, Python's codec, maps some letters: 'straße.de' would go to 'strasse.de'.
        raise wrong(
            f"the domain {domain!r} would be written as {decoded!r}; write it in its ASCII "
            "form (xn--...), as its owner gives it"
        )
    if not encoded or not all(
        part.strip("-") == part and host.fullmatch(label)
        for part, label in zip(domain.split("."), encoded.split("."), strict=True)
    ):
        raise wrong(
            f"the domain {domain!r} is not a host name: letters and digits, hyphens between "
            "them, at most 63 a part"
        )
    return value


_WEBSITE = re.compile(
    r"(?:https?://)?(?:[^\W_](?:[^\W_]|-)*\.)+[^\W\d_]{2,63}\.?(?::\d{1,5})?"
    r"(?:[/?#][^\s\"'<>\\`{}|^]*)?",
    re.IGNORECASE,
)


def _website(value: str) -> str:
    """A web address as a letterhead prints it: 'www.example.org', or with http(s)://."""
    _text(value)
    if not _WEBSITE.fullmatch(value):
        raise ValueError(
            f"{shown(value)} is not a web address: write it as printed, www.example.org or "
            "https://www.example.org/path (documents link it; only http and https are allowed)"
        )
    return value


def shown(value: str, most: int = 60) -> str:
    """``value`` quoted for a message, cut when long."""
    return (
        repr(value)
        if len(value) <= most
        else f"{value[: most - 20]!r}… ({len(value):,} characters)"
    )


Email = Annotated[str, AfterValidator(_email)]
"""An email address, kept exactly as written (it is printed, never sent to)."""

Website = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_website)]
"""A web address as printed, which documents make a link: no scheme but http(s)."""

Id = Annotated[
    str,
    Field(min_length=1, max_length=100, description="A short id: lower-case letters, digits, '-'."),
    AfterValidator(_slug),
]
Text = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_text)]
LocalText = Annotated[
    str, StringConstraints(min_length=1, max_length=1000), AfterValidator(_text), Translatable()
]
"""One line that a document prints in its language (a title, a place): a string in the file's
language, or the text per language ``{en: ..., ru: ...}``."""
Narrative = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100_000),
    AfterValidator(_narrative),
    Translatable(),
]
"""Prose with inline emphasis only: *italic*, **bold** and [links](https://...); a string in
the file's language, or the text per language ``{en: ..., ru: ...}``."""


@dataclass
class IdRegistry:
    """The ids a case file defines, by kind, collected before its fields validate."""

    ids: dict[IdKind, set[str]] = field(default_factory=dict)
    unreadable: set[IdKind] = field(default_factory=set)
    """Kinds whose list or ids could not be read: their references are not checked, so one
    broken list does not bury its own error under a false one at every use."""

    def known(self, kind: IdKind) -> set[str]:
        return self.ids.setdefault(kind, set())


_REGISTRY: ContextVar[IdRegistry | None] = ContextVar("advocacy_ids", default=None)


@contextmanager
def registry(ids: IdRegistry) -> Iterator[None]:
    """Make ``ids`` the set that reference fields check against while a case validates."""
    token = _REGISTRY.set(ids)
    try:
        yield
    finally:
        _REGISTRY.reset(token)


def _reference(kind: IdKind) -> AfterValidator:
    def check(value: str) -> str:
        ids = _REGISTRY.get()
        if ids is not None and kind not in ids.unreadable and value not in ids.known(kind):
            raise ValueError(f"no {kind} has the id {value!r}{suggest(value, ids.known(kind))}")
        return value

    return AfterValidator(check)


def suggest(
    value: str, known: Collection[str], none: str = "; none is defined in this file"
) -> str:
    """'; did you mean ...?' for an id close to one of ``known``; ``none`` when there are none."""
    close = difflib.get_close_matches(value, sorted(known), n=1)
    if close:
        return f"; did you mean {close[0]!r}?"
    return "" if known else none


PersonRef = Annotated[Id, _reference("person")]
OrganisationRef = Annotated[Id, _reference("organisation")]
SourceRef = Annotated[Id, _reference("source")]
EventRef = Annotated[Id, _reference("event")]

Confidential = Annotated[
    bool,
    Field(
        description="true: never in a public document (`--audience public`, the default); only "
        "in internal ones, whose every page says so."
    ),
]
"""Whether an item is left out of public documents."""

Sources = Annotated[
    tuple[SourceRef, ...],
    Field(description="Ids of the sources that say this (see `sources`)."),
]


class Translation(FactModel):
    """A language the case's texts are translated into, and how far to trust the translation."""

    reviewed: bool = Field(
        default=False,
        description="true once someone who reads both languages has checked every text.",
    )
    by: Text | None = Field(default=None, description="Who translated (or reviewed) it.")
    note: Text | None = Field(default=None, description="How it was made, what to check.")
