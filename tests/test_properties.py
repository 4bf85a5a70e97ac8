"""Any text a user pastes into a fact either reaches both documents intact or is refused by name.

Hypothesis puts arbitrary text into one printed field of the tiny case at a time (a person's
name and profile, an event's text and place, the appeal's title, lead, concern and a demand, a
source's title), writes the case file, and loads it as ``advocacy validate`` would. Then one of two
things must happen: the case is refused, with every problem placed at that field
(``FILE:LINE:COL: where: what``, one line each), or the document that prints the field renders to
a PDF pypdf opens and a DOCX python-docx opens, with the text in both.

"Intact" is judged as a reader copies text, not byte for byte: without whitespace (lines wrap
anywhere, even inside a long word, and extraction puts a break there), without invisible
characters (a zero-width joiner or a bidi mark has no glyph to extract), in one Unicode
normal form, and, in narrative fields, as :func:`advocacy.facts.markup.plain` reads the emphasis and
escapes (``*x*`` prints x in italics). The DOCX keeps the text as the user wrote it and is
compared in order. The PDF is compared in order too, with two allowances for what WeasyPrint
writes: right-to-left runs stand in visual order, so text with Hebrew or Arabic is compared as
the letters it holds; and a glyph maps to one text only, so where the user put a combining mark
on a letter, that letter and the marks are left out of the comparison (see :func:`legible`).

The letters come from the fonts the templates ship (Noto Sans, Noto Sans Hebrew and Arabic):
a letter no font can draw prints as an empty box, and pypdf then cannot read the font's text
back at all, which would test pypdf rather than advocacy. Control characters, noncharacters and
lone surrogates (which YAML carries as escapes such as "\\uD800") must always be refused.

Examples are derandomised, with no example database, so every run tries the same texts.
"""

from __future__ import annotations

import copy
import re
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader
from ruamel.yaml import YAML

from advocacy.documents.document import document
from advocacy.documents.templates import DEFAULTS
from advocacy.errors import FactsError
from advocacy.facts.load import load_case
from advocacy.facts.markup import plain
from advocacy.facts.models import Case
from advocacy.facts.models.common import BIDI, INVISIBLE, Loc
from advocacy.formats.docx import render_docx
from advocacy.formats.pdf import render_pdf
from tests.conftest import TINY
from tests.extract import docx_text, pdf_text

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@dataclass(frozen=True)
class Field:
    """A text field of the tiny case and the document kind that prints it."""

    loc: Loc
    kind: str
    narrative: bool
    """Prose with emphasis and links (at most 100,000 characters) rather than one line of
    plain text (at most 1,000)."""

    @property
    def where(self) -> str:
        """The field as error messages name it: ``appeals[0].demands[0]``."""
        text = ""
        for key in self.loc:
            text += f"[{key}]" if isinstance(key, int) else f".{key}" if text else key
        return text

    @property
    def model_loc(self) -> Loc:
        """The field as pydantic places it: a demand written as a string is read as {text}."""
        return (*self.loc, "text") if "demands" in self.loc else self.loc

    def set(self, data: Any, value: str) -> None:
        node = data
        for key in self.loc[:-1]:
            node = node[key]
        node[self.loc[-1]] = value

    def get(self, case: Case) -> str:
        node: Any = case
        for key in self.loc:
            node = node[key] if isinstance(key, int) else getattr(node, key)
        # A demand is a paragraph: {text, sources, confidential}, written as a plain string.
        return node if isinstance(node, str) else str(node.text)


FIELDS = [
    Field(("people", 0, "name"), "appeal", narrative=False),
    Field(("people", 0, "profile"), "appeal", narrative=True),
    Field(("events", 0, "text"), "chronology", narrative=True),
    Field(("events", 0, "place"), "chronology", narrative=False),
    Field(("appeals", 0, "title"), "appeal", narrative=False),
    Field(("appeals", 0, "lead"), "appeal", narrative=True),
    Field(("appeals", 0, "concern"), "appeal", narrative=True),
    Field(("appeals", 0, "demands", 0), "appeal", narrative=True),
    Field(("sources", 0, "title"), "chronology", narrative=False),
]
NARRATIVES = [field for field in FIELDS if field.narrative]
ONE_LINERS = [field for field in FIELDS if not field.narrative]

# Characters that reorder text on the page: strong right-to-left letters and the bidi controls.
RTL_CLASSES = {"R", "AL", "AN", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}


@cache
def _font_letters() -> tuple[frozenset[str], frozenset[str]]:
    """Printable characters of the shipped fonts: (left-to-right ones, right-to-left ones).

    Left to right: what every face of Noto Sans draws (a name may be set in bold italic).
    Right to left: Noto Sans Hebrew and Arabic. Without controls, the soft hyphen (a line break
    there prints a hyphen) and the dotted circle (what a lone combining mark is drawn on).
    """
    fonts = DEFAULTS / "fonts"

    def letters(name: str) -> set[str]:
        return {chr(code) for code in TTFont(fonts / name).getBestCmap()}

    latin = set.intersection(
        *(letters(f"NotoSans-{face}.ttf") for face in ("Regular", "Bold", "Italic", "BoldItalic"))
    )
    rtl = letters("NotoSansHebrew-Regular.ttf") | letters("NotoSansArabic-Regular.ttf")

    def printable(char: str) -> bool:
        return (
            unicodedata.category(char) not in ("Cc", "Cs", "Co", "Cn")
            and char not in "\u00ad\u25cc"
            and not INVISIBLE.match(char)  # refused in names and titles: tested below
        )

    ltr = {c for c in latin if printable(c) and unicodedata.bidirectional(c) not in RTL_CLASSES}
    rtl = {c for c in rtl if printable(c) and unicodedata.bidirectional(c) in ("R", "AL")}
    return frozenset(ltr), frozenset(rtl)


LTR, RTL = (sorted(letters) for letters in _font_letters())
SPACES = [" ", "  ", "\t", "\u00a0", "\u2009"]
MARKUP = list("*_\\[]()`<>&{}%#!|~")
COMBINING = [chr(code) for code in range(0x300, 0x370) if chr(code) in set(LTR)]
# A "](" that does not start an https:// target is refused as a link (tested in test_facts).
STRAY_LINK = re.compile(r"\]\((?!https://)")


def _word(letters: list[str]) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from(letters), min_size=1, max_size=12)


def _pasted(pieces: st.SearchStrategy[str], max_pieces: int) -> st.SearchStrategy[str]:
    """Pieces run together into one text, which holds something printable (blank text is
    refused for another reason) and no stray link target."""
    return (
        st.lists(pieces, min_size=1, max_size=max_pieces)
        .map("".join)
        .filter(lambda text: bool(text.strip()) and not STRAY_LINK.search(text))
    )


def ltr_text(newlines: bool, max_pieces: int = 16) -> st.SearchStrategy[str]:
    """Latin, Greek, Cyrillic... words with spaces, markup characters, emphasis, links and
    letters with combining marks."""
    word = _word(LTR)
    return _pasted(
        st.one_of(
            word,
            st.sampled_from([*SPACES, "\n"] if newlines else SPACES),
            st.sampled_from(MARKUP),
            st.builds(str.__add__, word, st.sampled_from(COMBINING)),
            st.builds(
                lambda mark, text: f"{mark}{text}{mark}", st.sampled_from(["*", "**", "_"]), word
            ),
            st.builds(lambda text: f"[{text}](https://example.org/?q=1&r=2)", word),
        ),
        max_pieces,
    )


def mixed_text(newlines: bool) -> st.SearchStrategy[str]:
    """Hebrew, Arabic and Latin words mixed (bidi marks and overrides are refused: below)."""
    return _pasted(
        st.one_of(
            _word(RTL),
            _word(LTR),
            st.sampled_from([*SPACES, "\n"] if newlines else SPACES),
        ),
        max_pieces=12,
    ).filter(lambda text: any(char in RTL_SET for char in text))


RTL_SET = frozenset(RTL)

# What a fact may never hold: C0 and C1 controls, DEL, noncharacters, lone surrogates. NEL
# (U+0085) is left out of the YAML cases: YAML reads it as a line break, which is harmless.
HOSTILE = sorted(
    {chr(c) for c in range(0x20) if chr(c) not in "\t\n"}
    | {chr(c) for c in range(0x7F, 0xA0) if c != 0x85}
    | {chr(c) for c in range(0xFDD0, 0xFDF0)}
    | {chr(c) for c in (0xFFFE, 0xFFFF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF)}
)


@st.composite
def hostile_text(draw: st.DrawFn, newlines: bool) -> str:
    """Clean text with one character a fact may not hold put somewhere in it."""
    text = draw(ltr_text(newlines, max_pieces=6))
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]


@st.composite
def long_paragraph(draw: st.DrawFn) -> str:
    """A paragraph of 10,000 characters: a few random words, repeated.

    Words, not one unbroken string: a 10,000-letter "word" that mixes scripts takes WeasyPrint
    half a minute to break into lines (see the test of one long word below).
    """
    unit = draw(st.one_of(ltr_text(newlines=True), mixed_text(newlines=True))) + " "
    text = (unit * (10_000 // len(unit) + 1))[:10_000]
    return text if not STRAY_LINK.search(text) else "x " * 5_000


# The case file and its rendering.


@dataclass
class Workspace:
    """A folder with the tiny case's letterhead, where each example writes its case file."""

    folder: Path
    data: Any

    def write(self, field: Field, value: str) -> Path:
        data = copy.deepcopy(self.data)
        field.set(data, value)
        path = self.folder / "tiny.yaml"
        with path.open("w", encoding="utf-8") as handle:
            YAML().dump(data, handle)
        return path


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = tmp_path_factory.mktemp("properties")
    shutil.copytree(TINY.parent / "letterheads", folder / "letterheads")
    return Workspace(folder, YAML().load(TINY.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Rendered:
    """What a reader of each format sees, and the field's text as the case holds it."""

    value: str
    pdf: str
    docx: str


def render(workspace: Workspace, field: Field, value: str) -> Rendered | FactsError:
    """The field's document in both formats, or the error that refused the case."""
    path = workspace.write(field, value)
    try:
        loaded = load_case(path)
    except FactsError as err:
        return err
    doc = document(loaded, field.kind)
    pdf, docx = workspace.folder / "out.pdf", workspace.folder / "out.docx"
    pdf.write_bytes(render_pdf(doc))
    docx.write_bytes(render_docx(doc))
    assert len(PdfReader(pdf).pages) >= 1
    WordDocument(str(docx))  # opens: the XML is well formed and the package whole
    return Rendered(field.get(loaded.case), pdf_text(pdf), docx_text(docx))


def invisible(char: str) -> bool:
    """Whitespace, a format character (ZWJ, a bidi mark) or another default-ignorable one
    (the combining grapheme joiner, variation selectors): nothing a reader can copy."""
    return (
        char.isspace()
        or unicodedata.category(char) == "Cf"
        or char in "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
        or "\ufe00" <= char <= "\ufe0f"
        or "\u180b" <= char <= "\u180f"
    )


def flat(text: str) -> str:
    """Text as a reader copies it: nothing invisible, compatibility forms decomposed (the
    ligature 'ﬁ' typed by the user and the 'fi' the font draws as one glyph read the same)."""
    kept = "".join(c for c in text if not invisible(c))
    return unicodedata.normalize("NFKD", kept).replace("\u25cc", "")


def legible(text: str, given: str) -> str:
    """``text`` (flat) without what a PDF cannot give back when ``given`` puts combining marks
    on letters: those letters and every mark.

    WeasyPrint maps each glyph to one text: a glyph drawn both alone and under an added mark
    copies as one of the two everywhere ('Ĥ\u0316Ĥ' copies as 'Ĥ\u0316', in pypdf and poppler
    alike), and beside a right-to-left letter a mark's glyph gets no text at all.
    """
    nfc = unicodedata.normalize("NFC", given)
    marked = [i for i, char in enumerate(nfc) if unicodedata.category(char).startswith("M")]
    if not marked:
        return text
    letters = {unicodedata.normalize("NFKD", nfc[i - 1])[:1] for i in marked if i > 0}
    return "".join(
        c for c in text if c not in letters and not unicodedata.category(c).startswith("M")
    )


def printed(field: Field, value: str) -> str:
    """What the field's text prints as: its words, less the emphasis and escape marks."""
    return flat(plain(value) if field.narrative else value)


def in_order(needle: str, haystack: str) -> bool:
    """Whether every character of ``needle`` is in ``haystack``, in order, maybe with others
    between (a footnote or a repeated table header where a long paragraph crosses a page)."""
    rest = iter(haystack)
    return all(char in rest for char in needle)


def assert_intact(field: Field, given: str, rendered: Rendered, pages: bool = False) -> None:
    """The case holds the text as given, and both documents print it.

    ``pages``: the text may cross pages, so the PDF may put page furniture inside it.
    """
    assert flat(rendered.value) == flat(given), "validation changed more than whitespace"
    expected = printed(field, rendered.value)
    assert expected in flat(rendered.docx), (expected, rendered.docx)
    pdf = legible(flat(rendered.pdf), rendered.value)
    expected = legible(expected, rendered.value)
    if any(char in RTL_SET for char in rendered.value):
        # Laid out right to left: the same letters, in the order the eye reads them.
        missing = Counter(expected) - Counter(pdf)
        assert not missing, (missing, rendered.pdf)
    elif pages:
        assert in_order(expected, pdf), (expected, rendered.pdf)
    else:
        assert expected in pdf, (expected, rendered.pdf)


def assert_refused_at(field: Field, error: FactsError, path: Path) -> None:
    """Every problem is one line, placed at the field: FILE:LINE:COL: where: what."""
    assert error.problems
    for problem in error.problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line
        assert problem.where == field.where, line
        assert line.startswith(f"{path}:{problem.line}:{problem.column}: {field.where}: "), line
        assert problem.line > 1 and problem.column >= 1


def _ids(fields: list[Field]) -> list[str]:
    return [field.where for field in fields]


# The properties.


@pytest.mark.parametrize("field", FIELDS, ids=_ids(FIELDS))
@settings(SETTINGS, max_examples=8)
@given(data=st.data())
def test_pasted_text_prints_intact_in_both_formats(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    value = data.draw(ltr_text(newlines=field.narrative), label="value")
    rendered = render(workspace, field, value)
    assert not isinstance(rendered, FactsError), str(rendered)
    assert_intact(field, value, rendered)


@pytest.mark.parametrize("field", FIELDS, ids=_ids(FIELDS))
@settings(SETTINGS, max_examples=4)
@given(data=st.data())
def test_right_to_left_text_prints_intact(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    value = data.draw(mixed_text(newlines=field.narrative), label="value")
    rendered = render(workspace, field, value)
    assert not isinstance(rendered, FactsError), str(rendered)
    assert_intact(field, value, rendered)


@pytest.mark.parametrize("field", NARRATIVES, ids=_ids(NARRATIVES))
@settings(SETTINGS, max_examples=2)
@given(data=st.data())
def test_a_paragraph_of_ten_thousand_characters_prints_whole(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    value = data.draw(long_paragraph(), label="value")
    rendered = render(workspace, field, value)
    assert not isinstance(rendered, FactsError), str(rendered)
    assert_intact(field, value, rendered, pages=True)


def test_a_word_of_ten_thousand_letters_wraps_and_prints_whole(workspace: Workspace) -> None:
    field = Field(("appeals", 0, "lead"), "appeal", narrative=True)
    word = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 222
    rendered = render(workspace, field, word)
    assert not isinstance(rendered, FactsError), str(rendered)
    assert_intact(field, word, rendered, pages=True)


@pytest.mark.parametrize("field", ONE_LINERS, ids=_ids(ONE_LINERS))
def test_ten_thousand_characters_in_a_one_line_field_are_refused_by_name(
    workspace: Workspace, field: Field
) -> None:
    error = render(workspace, field, "A long title. " * 715)
    assert isinstance(error, FactsError)
    assert_refused_at(field, error, workspace.folder / "tiny.yaml")
    assert "at most 1000 characters" in str(error)


@pytest.mark.parametrize("field", FIELDS, ids=_ids(FIELDS))
@settings(SETTINGS, max_examples=12)
@given(data=st.data())
def test_a_control_character_or_lone_surrogate_is_refused_by_name(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    value = data.draw(hostile_text(newlines=field.narrative), label="value")
    [char] = [char for char in value if char in HOSTILE]
    result = render(workspace, field, value)
    if isinstance(result, FactsError):
        assert_refused_at(field, result, workspace.folder / "tiny.yaml")
        said = "a lone surrogate" if 0xD800 <= ord(char) <= 0xDFFF else f"U+{ord(char):04X}"
        assert said in str(result), str(result)
    else:
        # Only a control that is also whitespace (VT, FF, FS...) at either end passes: it is
        # stripped with the spaces there, and nothing of it reaches the case.
        assert value.strip() != value and not set(result.value) & set(HOSTILE), repr(value)
        assert_intact(field, value, result)


# What prints as nothing: refused in one-line fields (names, titles); in prose, only what
# reorders the text. The joiners U+200C and U+200D are let through between two non-Latin
# letters (Persian, Indic), so they are not drawn here.
UNSEEN = {
    narrative: sorted(
        chr(c)
        for c in range(0x10000)
        if (BIDI if narrative else INVISIBLE).match(chr(c)) and chr(c) not in "\u200c\u200d"
    )
    for narrative in (False, True)
}


@pytest.mark.parametrize("field", FIELDS, ids=_ids(FIELDS))
@settings(SETTINGS, max_examples=8)
@given(data=st.data())
def test_an_invisible_or_reordering_character_is_refused_by_name(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    text = data.draw(ltr_text(field.narrative, max_pieces=6), label="text")
    at = data.draw(st.integers(0, len(text)), label="at")
    char = data.draw(st.sampled_from(UNSEEN[field.narrative]), label="char")
    error = render(workspace, field, text[:at] + char + text[at:])
    assert isinstance(error, FactsError), repr(char)
    assert_refused_at(field, error, workspace.folder / "tiny.yaml")
    assert f"invisible character U+{ord(char):04X}" in str(error), str(error)


@pytest.mark.parametrize("field", FIELDS, ids=_ids(FIELDS))
@settings(SETTINGS, max_examples=12)
@given(data=st.data())
def test_the_model_refuses_what_python_code_passes_it_by_name(
    workspace: Workspace, field: Field, data: st.DataObject
) -> None:
    value = data.draw(
        st.one_of(hostile_text(newlines=field.narrative), st.sampled_from(["\x85", "a\x85b"])),
        label="value",
    )
    case = copy.deepcopy(workspace.data)
    field.set(case, value)
    try:
        validated = Case.model_validate(case)
    except ValidationError as err:
        places = {error["loc"] for error in err.errors()}
        # The field, and maybe the lists that hold it (a list of one failed person is "empty").
        assert field.model_loc in places, places
        assert all(field.model_loc[: len(place)] == place for place in places), places
    else:
        assert value.strip() != value, f"{value!r} was accepted"
        assert not set(field.get(validated)) & set(HOSTILE)


def test_the_fields_are_the_ones_the_documents_print(workspace: Workspace) -> None:
    """Guards the table above: each field, given a marker, shows it in its document."""
    for field in FIELDS:
        rendered = render(workspace, field, f"Zqmarker {field.where}")
        assert not isinstance(rendered, FactsError), str(rendered)
        assert_intact(field, f"Zqmarker {field.where}", rendered)
