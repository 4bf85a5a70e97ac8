"""An appeal to many recipients: the letter rendered once, each address put in.

Recipients who share a language get letters that differ only in the address block and the
salutation. :class:`LetterGroup` renders the letter once for them with a *probe* recipient, whose
fields are markers, and finds where the markers land:

* in the HTML, inside the windows (elements of class ``window``, of fixed size):
  :mod:`advocacy.formats.compose` lays out the letter once and each recipient's windows on pages
  of their own, then draws the one into the other;
* in the Word document, in the paragraphs of the address block (repeated per line) and the
  salutation.

Before a group is built this way, its first recipient's letter is also rendered whole and the two
are compared (text, order and pixels for the PDF, bytes for the DOCX); if a template prints
recipient fields anywhere else, or lays the windows out differently, the group's letters are
rendered whole, one by one: slower, never wrong.

What that check found (:class:`Composes`) is a value a build hands to its worker processes: each
prepares the same group from the same facts, and with the verdict given skips the check.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from advocacy.campaign.composable import docx_trees, html_trees, split_windows
from advocacy.campaign.probe import ID, MARKERS, Filler, filler, probe
from advocacy.campaign.stages import letter, rendered
from advocacy.facts.models import Recipient

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

    from advocacy.documents.document import Document
    from advocacy.documents.templates import Kind, TemplateSet
    from advocacy.formats.archive import CaseFile
    from advocacy.formats.compose import Base
    from advocacy.views.view import View

CHUNK = 100
"""Recipients whose windows are laid out in one document: enough to spread WeasyPrint's fixed
cost thin, few enough that memory stays flat however many recipients there are."""

TRIALS = 10
"""Recipients tried, in order, for one whose whole letter checks the composed ones."""


@dataclass(frozen=True)
class Composes:
    """Whether a group's PDFs and DOCX files are composed (else each is rendered whole)."""

    pdf: bool
    docx: bool


class LetterGroup:
    """Letters of one appeal to recipients that share a language."""

    def __init__(
        self,
        loaded: View,
        kind: Kind,
        templates: TemplateSet,
        appeal_id: str | None,
        language: str | None,
        case_file: CaseFile | None,
    ) -> None:
        self.loaded, self.kind, self.templates = loaded, kind, templates
        self.appeal_id = appeal_id
        self.case_file = case_file
        self.probe_recipient = probe(language)
        self.probe = self.document(self.probe_recipient)
        self.fonts: FontConfiguration | None = None
        self.prepared = False
        self._base: Base | None = None
        self._windows: list[Filler] = []
        self._head_html = ""
        self._docx: tuple[list[tuple[str, bytes]], Filler] | None = None

    def document(self, recipient: Recipient) -> Document:
        return letter(self.loaded, self.kind, self.templates, self.appeal_id, recipient)

    def prepare(self, recipients: list[Recipient], found: Composes | None = None) -> None:
        """Render the letter once for the group, and check it against a whole letter to one of
        ``recipients`` (the first whose address fits its window).

        Done once, before the letters are made. A template that does more with the recipient than
        print it gets every letter rendered whole (:mod:`advocacy.campaign.composable`). Either
        way each format is rendered here at least once, so that what it prints is known before
        the letters are made (the texts its language lacks, say).

        With ``found`` (what preparing the same group found before, in another process), the
        group is prepared to compose as it says, without checking again.
        """
        from advocacy.campaign.composable import composable
        from advocacy.errors import AdvocacyError
        from advocacy.formats.compose import WindowError

        self.prepared = True
        if found is not None:
            self._prepare_as(found)
            return
        candidates = recipients[:TRIALS]
        # Preparing renders the probe's letter, which prints every text of the letter but the
        # recipient's; a template composing cannot use gets a rehearsal instead.
        if "pdf" in self.kind.formats and composable(html_trees(self.probe)):
            self._prepare_pdf(candidates)
        elif "pdf" in self.kind.formats:
            for candidate in candidates:
                try:
                    self.whole_pdf(candidate)
                    break
                except WindowError:
                    continue
                except AdvocacyError:
                    break  # that letter's own failure, reported when it is made
        if "docx" in self.kind.formats and composable(docx_trees(self.probe)):
            self._prepare_docx(candidates[0])
        elif "docx" in self.kind.formats:
            self.whole_docx(candidates[0])

    def _prepare_as(self, found: Composes) -> None:
        if found.pdf:
            self._prepare_pdf(None)
        if found.docx:
            self._prepare_docx(None)
        if self.composes != found:  # the same facts and templates must give the same
            raise AssertionError(f"letters prepared anew compose {self.composes}, not {found}")

    @property
    def composes(self) -> Composes:
        """Whether the PDFs and the DOCX files are composed (else rendered whole)."""
        return Composes(self._base is not None, self._docx is not None)

    # Whole letters: the reference, and the way when composing cannot be trusted.

    def whole_pdf(self, recipient: Recipient) -> bytes:
        return rendered(self.document(recipient), "pdf", self.case_file)

    def _whole_pdf_or_error(self, recipient: Recipient) -> bytes | Exception:
        from advocacy.errors import AdvocacyError

        try:
            return self.whole_pdf(recipient)
        except AdvocacyError as err:
            return err

    def whole_docx(self, recipient: Recipient) -> bytes:
        return rendered(self.document(recipient), "docx", None)

    # PDF

    def pdfs(self, recipients: list[Recipient]) -> Iterator[tuple[Recipient, bytes | Exception]]:
        """Each recipient's PDF (or the error that stopped it), composed where the template
        allows, else rendered whole."""

        if not self.prepared:
            self.prepare(recipients)
        if self._base is None:
            for recipient in recipients:
                yield recipient, self._whole_pdf_or_error(recipient)
            return
        for start in range(0, len(recipients), CHUNK):
            yield from self._composed(recipients[start : start + CHUNK])

    def _prepare_pdf(self, candidates: list[Recipient] | None) -> None:
        """Lay the letter out once for composing, if it can be; checked against the first of
        ``candidates`` that can be (None: trusted, as found before)."""
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        from advocacy.formats import compose
        from advocacy.formats.pdf import layout, render_html, write_pdf

        self.fonts = FontConfiguration()
        html = render_html(self.probe)
        parts = split_windows(html)
        if parts is None or any(mark in "".join(parts[0::2]) for mark in MARKERS):
            return  # recipient fields outside the windows: each letter is laid out whole
        windows = [filler(window, None) for window in parts[1::2]]
        if not windows or None in windows:
            return
        self._windows = [window for window in windows if window is not None]
        if "<body" not in parts[0]:
            return
        self._head_html = parts[0][: parts[0].find("<body")]
        laid_out = layout(self.probe, html, (CSS(string=compose.BASE_CSS),), self.fonts)
        pdf = write_pdf(laid_out, self.probe, self.case_file)
        self._base = compose.base(pdf, laid_out)
        if self._base is not None and candidates is not None and not self._trusted(candidates):
            self._base = None

    def _trusted(self, candidates: list[Recipient]) -> bool:
        """Whether composing gives what a whole render gives, for the first candidate whose
        windows hold their text: the same text in the same order, the same pixels."""
        from advocacy.formats.compose import WindowError

        assert self._base is not None
        for candidate in candidates:
            composed = next(self._composed([candidate]))[1]
            if isinstance(composed, WindowError):
                continue  # too long for its window: says nothing of the others
            if isinstance(composed, Exception):
                return False
            page = self._base.page
            return _seen(composed, page) == _seen(self.whole_pdf(candidate), page)
        return False

    def _composed(
        self, recipients: list[Recipient]
    ) -> Iterator[tuple[Recipient, bytes | Exception]]:
        from weasyprint import CSS

        from advocacy.formats import compose
        from advocacy.formats.pdf import layout, write_pdf

        assert self._base is not None
        heads = "".join(
            f'<div class="advocacy-head">{window.fill(recipient)}</div>'
            for recipient in recipients
            for window in self._windows
        )
        html = f"{self._head_html}<body>{heads}</body></html>"
        laid_out = layout(self.probe, html, (CSS(string=compose.HEADS_CSS),), self.fonts)
        boxes = [compose.window_boxes(page) for page in laid_out.pages]
        per = len(self._windows)
        if len(boxes) != per * len(recipients) or any(len(found) != 1 for found in boxes):
            # A window spread over pages, or not found: these letters are laid out whole.
            for recipient in recipients:
                yield recipient, self._whole_pdf_or_error(recipient)
            return
        geometry = [compose.box_geometry(found[0]) for found in boxes]
        pdf = compose.Heads(write_pdf(laid_out, self.probe, attach=False), geometry)
        try:
            for index, recipient in enumerate(recipients):
                mine = range(index * per, (index + 1) * per)
                template = f"{self.kind.name}.html"
                cut = (compose.cut_off(boxes[page][0], template) for page in mine)
                problem = next(filter(None, cut), None)
                if problem:
                    yield recipient, problem
                    continue
                sizes = [geometry[page] for page in mine]
                if all(map(_same_size, sizes, self._base.windows)):
                    stem = _stem(self.probe, recipient)
                    yield recipient, compose.compose(self._base, pdf, index * per, stem)
                else:
                    yield recipient, self._whole_pdf_or_error(recipient)
        finally:
            pdf.close()

    # DOCX

    def docx(self, recipient: Recipient) -> bytes:
        """The recipient's Word letter: the probe's with their lines put in, or rendered whole."""
        if not self.prepared:
            self.prepare([recipient])
        if self._docx is None:
            return self.whole_docx(recipient)
        return self._fill_docx(recipient)

    def _prepare_docx(self, first: Recipient | None) -> None:
        """Render the probe's Word letter, for composing, if it can be; checked against
        ``first``'s whole letter (None: trusted, as found before)."""
        with zipfile.ZipFile(io.BytesIO(self.whole_docx(self.probe_recipient))) as archive:
            entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
        body = ""
        for name, data in entries:
            if name == "word/document.xml":
                body = data.decode("utf-8")
            elif any(mark.encode() in data for mark in MARKERS):
                return  # in a header, a footer, a footnote: rendered whole
        found = filler(body, "w:p")
        if found is None:
            return
        self._docx = (entries, found)
        if first is not None and self._fill_docx(first) != self.whole_docx(first):
            self._docx = None

    def _fill_docx(self, recipient: Recipient) -> bytes:
        from advocacy.files import zip_entries

        assert self._docx is not None
        entries, body = self._docx
        filled = body.fill(recipient).encode("utf-8")
        return zip_entries(
            [(name, filled if name == "word/document.xml" else data) for name, data in entries],
            self.probe.date,
        )


def _stem(probe: Document, recipient: Recipient) -> bytes:
    """The identifier a whole render of ``recipient``'s letter would carry (its file's stem)."""
    return probe.stem.replace(ID, recipient.id).encode()


def _same_size(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return abs(a[2] - b[2]) < 0.01 and abs(a[3] - b[3]) < 0.01


def _seen(pdf: bytes, page: int) -> tuple[str, bytes]:
    """What a reader sees of a page of a PDF: its text in reading order, and its pixels."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        sheet = document[page]
        text = " ".join(sheet.get_textpage().get_text_bounded().split())
        pixels = bytes(sheet.render(scale=SCALE).buffer)
    finally:
        document.close()
    return text, pixels


SCALE = 100 / 72
"""Pages compared at 100 dpi: a misplaced line of text shows."""
