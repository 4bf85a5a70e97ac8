"""Composed letters are the letters a whole render gives, whatever the recipient's text.

Property tests (hypothesis, derandomized): arbitrary names, titles, address lines and
salutations (scripts, combining marks, right-to-left text, markup characters, long words) go
into a letter composed by a campaign build and into the same letter rendered whole; both must
read and look the same, or both must refuse the recipient (a window too small for the text).
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from hypothesis import HealthCheck, assume, event, example, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from advocacy.campaign.letters import Composes, LetterGroup
from advocacy.documents.templates import template_set
from advocacy.facts.load import load_case
from advocacy.facts.models import Recipient
from advocacy.formats.compose import WindowError
from advocacy.views.view import view
from tests.conftest import TINY

SETTINGS = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Letters, marks and punctuation of several scripts, markup characters and spaces; no control
# characters (a recipient refuses them).
ALPHABET = st.one_of(
    st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Zs"]),
    st.sampled_from("<>&\"'{}%* Ω Ñ ß Қ Ә ة ש 👍"),
)
TEXT = st.text(alphabet=ALPHABET, min_size=1, max_size=40)
LINE = st.text(alphabet=ALPHABET, min_size=1, max_size=120)
"""An address line: long enough, now and then, for the window to refuse it."""


@pytest.fixture(scope="module")
def group() -> LetterGroup:
    loaded = load_case(TINY)
    templates = template_set()
    made = LetterGroup(
        view(loaded, "en", "public"), templates.kind("appeal"), templates, None, "en", None
    )
    made.prepare([Recipient(id="first", name="First Example", address=("1 Example Street",))])
    assert made.composes == Composes(pdf=True, docx=True)
    return made


def _seen(pdf: bytes) -> list[tuple[str, bytes]]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            (" ".join(page.get_textpage().get_text_bounded().split()), bytes(page.render().buffer))
            for page in document
        ]
    finally:
        document.close()


@SETTINGS
@given(
    name=TEXT,
    title=st.none() | TEXT,
    address=st.lists(LINE, max_size=6),
    salutation=TEXT,
)
@example(  # too long for the window, both ways
    name="Example",
    title="Minister",
    address=["Line of a long example address, " * 3] * 6,
    salutation="Dear Minister,",
)
@example(  # right to left, markup characters, combining marks, a long word
    name="שרה כהן <b>&amp;</b>",
    title="وزير العدل",
    address=["e\u0301\u0301 " + "x" * 70],
    salutation="{{ recipient }} {% raw %}",
)
def test_a_composed_letter_is_the_letter_rendered_whole(
    group: LetterGroup, name: str, title: str | None, address: list[str], salutation: str
) -> None:
    try:
        recipient = Recipient(
            id="someone", name=name, title=title, address=tuple(address), salutation=salutation
        )
    except ValidationError:
        assume(False)  # a text the case file would refuse: not this test's business
        raise
    ((_, composed),) = list(group.pdfs([recipient]))
    try:
        whole = group.whole_pdf(recipient)
    except WindowError as err:
        event("too long for its window: refused both ways")
        assert isinstance(composed, WindowError), composed
        assert str(composed) == str(err)
        return
    event("composed")
    assert isinstance(composed, bytes), composed
    assert _seen(composed) == _seen(whole)
    assert group.docx(recipient) == group.whole_docx(recipient)


def test_the_property_can_fail(group: LetterGroup, tmp_path: Path) -> None:
    """The comparison sees a difference: another recipient's letter is not this one's."""
    one = Recipient(id="one", name="One Example")
    other = Recipient(id="other", name="Other Example")
    ((_, composed),) = list(group.pdfs([one]))
    assert isinstance(composed, bytes)
    assert _seen(composed) != _seen(group.whole_pdf(other))
    assert group.docx(one) != group.whole_docx(other)
