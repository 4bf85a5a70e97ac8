"""Build templates/chronology/chronology.docx, the Word template of the chronology.

    .venv/bin/python -m templates.chronology.build_docx

The .docx is what users open and edit in Word or LibreOffice; docxtpl renders it (see
advocacy/formats/docx.py) in the sandboxed, autoescaping environment of
advocacy/formats/environment.py. This script makes it from scratch with python-docx, so the template
can be reviewed as code and rebuilt after a change; a user may just as well edit the .docx itself.

It says the same words as chronology.html, in the same order, except the sources: the PDF
prints each as a footnote on the page of the row that first cites it, this template lists them
all at the end under "Sources", numbered as in the table.

How the template is made (the package, page, footer, shared styles and helpers come from
tools.docx_kit, as for every template, so the documents look and behave alike):

* Every look is a named Word style: Chronology Title, Current To (with the accent rule under
  it), Figure, Figure Caption, Table Heading, Cell, Cell Date, Date Note, People, Sources
  Heading, Source Entry, and the character styles Status, Label, Source Number and Note
  Number. Every style names the font "Noto Sans".
* The table has a header row that Word repeats on every page, then one row per event between
  ``{%tr for row in rows %}`` and ``{%tr endfor %}``, each tag alone in its row's first cell.
  No row may split across pages (cantSplit). Columns: Date | Place | What happened | Sources,
  the widths of chronology.css.
* Every Jinja tag is one whole run; ``{%p …%}`` tags sit alone in their own paragraphs, in
  the grey "Template Tag" style, and docxtpl removes those paragraphs when it renders. The
  event's text is ``{{r row.event.text|rich }}``, alone in its run.
* The source numbers in the table are superscript (Source Number), as in the PDF, where the
  first citation of each is its footnote call.
* A source's address is a live link: the template hands ``rich`` a link in its own markup,
  ``[address](<address>)``, with the characters that markup would read (``\\ [ ] * _``)
  escaped in the visible text.
* The source list is inside ``{%p if sources %}``: a case without events prints no empty
  "Sources" heading.
* The figure (a PNG that advocacy/formats/docx.py makes from the SVG) is ``{{ figure }}``
  alone in its paragraph, inside ``{%p if figure %}`` (a case without dated events has none).

The output is the same bytes on every run (tools.docx_kit: fixed dates and zip timestamps).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from tools import docx_kit as kit
from tools.docx_kit import ACCENT, TAB, TEXT_WIDTH, W

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "chronology.docx"


MUTED = "555555"
RULE = "B9C3D3"

# Sizes in half-points, as in chronology.css.
TITLE = 30  # 15 pt
CELL = 18  # 9 pt: the table, "Current to"
SMALL = 16  # 8 pt: table heading, people, caption
NOTE = 15  # 7.5 pt: date notes
SOURCES_TITLE = 24  # 12 pt
SOURCE = 17  # 8.5 pt
REFERENCE = 22  # 11 pt, which Word sets as superscript at about 7.5 pt, the PDF's size

# Column widths in twips (567 to the centimetre): 29, 23 and 17 mm as in chronology.css, and
# what is left of the 17 cm text width for "What happened".
DATE_WIDTH = 1644
PLACE_WIDTH = 1304
SOURCES_WIDTH = 964
EVENT_WIDTH = TEXT_WIDTH - DATE_WIDTH - PLACE_WIDTH - SOURCES_WIDTH
WIDTHS = (DATE_WIDTH, PLACE_WIDTH, EVENT_WIDTH, SOURCES_WIDTH)
CELL_SIDE = 113  # 2 mm of padding left and right, as in the PDF
CELL_TOP = 85  # 1.5 mm above and below
HANGING = 425  # 0.75 cm: room for "23." before a source

SINGLE = 'w:line="240" w:lineRule="auto"'
TIGHT = '<w:spacing w:before="0" w:after="0" w:line="252" w:lineRule="auto"/>'
"""Line spacing 1.05 in the table: Noto Sans's own line height makes that about 1.43 em, the
PDF's 1.4."""


def styles_xml() -> str:
    """The styles part: the shared styles and defaults (tools.docx_kit), then its own."""
    style = kit.style
    size = kit.size
    own = [
        style(
            "ChronologyTitle",
            "Chronology Title",
            next_style="CurrentTo",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="40" w:line="240"'
                ' w:lineRule="auto"/><w:outlineLvl w:val="0"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(TITLE)}',
        ),
        style(
            "CurrentTo",
            "Current To",
            ppr=(
                f'<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="6"'
                f' w:color="{ACCENT}"/></w:pBdr><w:spacing w:before="0" w:after="280"/>'
            ),
            rpr=f'<w:color w:val="{MUTED}"/>{size(CELL)}',
        ),
        style(
            "Figure",
            "Figure",
            next_style="FigureCaption",
            ppr=f'<w:keepNext/><w:spacing w:before="0" w:after="60" {SINGLE}/>',
        ),
        style(
            "FigureCaption",
            "Figure Caption",
            ppr='<w:spacing w:before="0" w:after="280"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{MUTED}"/>{size(SMALL)}',
        ),
        style(
            "TableHeading",
            "Table Heading",
            ppr=f"<w:keepNext/>{TIGHT}",
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(SMALL)}',
        ),
        style("Cell", "Cell", ppr=TIGHT, rpr=size(CELL)),
        style("CellDate", "Cell Date", based_on="Cell", rpr="<w:b/><w:bCs/>"),
        style(
            "DateNote",
            "Date Note",
            based_on="Cell",
            ppr='<w:spacing w:before="40" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{MUTED}"/>{size(NOTE)}',
        ),
        style(
            "People",
            "People",
            based_on="Cell",
            ppr='<w:spacing w:before="60" w:after="0"/>',
            rpr=f'<w:color w:val="{MUTED}"/>{size(SMALL)}',
        ),
        style(
            "SourcesHeading",
            "Sources Heading",
            next_style="SourceEntry",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"'
                ' w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(SOURCES_TITLE)}',
        ),
        style(
            "CustodyHeading",
            "Custody Heading",
            next_style="Period",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"'
                ' w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="1"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(SOURCES_TITLE)}',
        ),
        style(
            "Period",
            "Period",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="20"/>',
            rpr=size(CELL),
        ),
        style(
            "PeriodDetail",
            "Period Detail",
            ppr=(
                f'<w:keepLines/><w:spacing w:before="0" w:after="20"/><w:ind w:left="{HANGING}"/>'
            ),
            rpr=size(SMALL),
        ),
        style(
            "SourceEntry",
            "Source Entry",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{HANGING}"/></w:tabs>'
                '<w:spacing w:before="0" w:after="60" w:line="240" w:lineRule="auto"/>'
                f'<w:ind w:left="{HANGING}" w:hanging="{HANGING}"/>'
            ),
            rpr=size(SOURCE),
        ),
        style(
            "Status",
            "Status",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:b/><w:bCs/><w:i/><w:iCs/><w:color w:val="{ACCENT}"/>',
        ),
        style(
            "Label",
            "Label",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr="<w:b/><w:bCs/>",
        ),
        style(
            "SourceNumber",
            "Source Number",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:color w:val="{ACCENT}"/>{size(REFERENCE)}<w:vertAlign w:val="superscript"/>',
        ),
        style(
            "NoteNumber",
            "Note Number",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>',
        ),
    ]
    return kit.styles_part([*kit.SHARED_STYLES.values(), *own])


# The chronology -----------------------------------------------------------------------------


def heading(doc: Any) -> None:
    """Title, the date the record is current to, and the figure with its caption."""
    kit.keep_with_next(kit.paragraph(doc, "Chronology Title", "{{ title }}"))
    kit.paragraph(doc, "Current To", '{{ _("Current to %(date)s", date=updated|date_words) }}')
    kit.tag(doc, "{%p if figure %}")
    kit.paragraph(doc, "Figure", "{{ figure }}")
    kit.paragraph(doc, "Figure Caption", kit.message("Figure 1. Timeline of events"))
    kit.tag(doc, "{%p endif %}")


def _styled(par: Any, styles: dict[int, str]) -> None:
    """Put character styles on some of the runs of ``par`` (by index)."""
    for index, name in styles.items():
        par.runs[index].style = name


def _clear(cell: Any) -> None:
    """Drop the empty paragraph a new cell starts with (after others were added)."""
    first = cell.paragraphs[0]._p
    first.getparent().remove(first)


def _borders(cell: Any, bottom: str) -> None:
    """Give ``cell`` a bottom border (``bottom``: "size-in-eighths-of-a-point colour")."""
    tc_pr = cell._tc.get_or_add_tcPr()
    size, colour = bottom.split()
    tc_pr.append(
        parse_xml(
            f'<w:tcBorders {W}><w:bottom w:val="single" w:sz="{size}" w:space="0"'
            f' w:color="{colour}"/></w:tcBorders>'
        )
    )


def table(doc: Any) -> None:
    """The header row, then one row per event between the two ``{%tr %}`` rows."""
    grid = doc.add_table(rows=4, cols=4)
    tbl = grid._tbl
    tbl.replace(
        tbl.tblPr,
        parse_xml(
            f"<w:tblPr {W}>"
            f'<w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
            '<w:tblInd w:w="0" w:type="dxa"/>'
            "<w:tblBorders>"
            '<w:top w:val="nil"/><w:left w:val="nil"/>'
            f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            '<w:right w:val="nil"/>'
            f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
            '<w:insideV w:val="nil"/>'
            "</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/>'
            "<w:tblCellMar>"
            f'<w:top w:w="{CELL_TOP}" w:type="dxa"/><w:left w:w="{CELL_SIDE}" w:type="dxa"/>'
            f'<w:bottom w:w="{CELL_TOP}" w:type="dxa"/><w:right w:w="{CELL_SIDE}" w:type="dxa"/>'
            "</w:tblCellMar>"
            '<w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            "</w:tblPr>"
        ),
    )
    for column, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), WIDTHS, strict=True):
        column.set(qn("w:w"), str(width))
    for row in grid.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell._tc.get_or_add_tcPr().get_or_add_tcW().set(qn("w:w"), str(width))
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {W}/>"))
    header, start, event, end = grid.rows

    # The header row: repeated at the top of every page, over a rule in the accent colour.
    header._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))
    headings = ("Date", "Place", "What happened", "Sources")
    for cell, text in zip(header.cells, headings, strict=True):
        kit.paragraph(cell, "Table Heading", kit.message(text))
        _clear(cell)
        _borders(cell, f"8 {ACCENT}")

    kit.paragraph(start.cells[0], "Template Tag", "{%tr for row in rows %}")
    kit.paragraph(end.cells[0], "Template Tag", "{%tr endfor %}")
    for cell in (start.cells[0], end.cells[0]):
        _clear(cell)

    date, place, what, sources = event.cells
    kit.paragraph(date, "Cell Date", "{{ row.date }}")
    kit.tag(date, "{%p if row.date_note %}")
    kit.paragraph(date, "Date Note", "{{ row.date_note }}")
    kit.tag(date, "{%p endif %}")

    kit.paragraph(
        place, "Cell", "{%r if row.event.place %}", "{{ row.event.place }}", "{%r endif %}"
    )

    status = kit.paragraph(
        what,
        "Cell",
        "{%r if row.status %}",
        "{{ row.status|capitalize }}:",
        " ",
        "{%r endif %}",
        "{{r row.event.text|rich }}",
    )
    _styled(status, {1: "Status"})
    kit.tag(what, "{%p if row.people %}")
    people = kit.paragraph(
        what,
        "People",
        kit.message("People:"),
        " ",
        "{%r for person in row.people %}",
        "{{ person.name }}",
        "{%r if not loop.last %}",
        ", ",
        "{%r endif %}",
        "{%r endfor %}",
    )
    _styled(people, {0: "Label"})
    kit.tag(what, "{%p endif %}")

    numbers = kit.paragraph(
        sources,
        "Cell",
        "{%r for n in row.sources|sort %}",
        "{{ n }}",
        "{%r if not loop.last %}",
        ", ",
        "{%r endif %}",
        "{%r endfor %}",
    )
    _styled(numbers, {1: "Source Number", 3: "Source Number"})
    for index in (1, 3):  # superscript also in the run itself, whatever the style becomes
        numbers.runs[index].font.superscript = True
    for cell in event.cells:
        _clear(cell)


LINK_TEXT = (
    "source.url|string|replace('\\\\', '\\\\\\\\')|replace('[', '\\\\[')|replace(']', '\\\\]')"
    "|replace('*', '\\\\*')|replace('_', '\\\\_')"
)
"""The address as the visible text of a link in `rich`'s markup, its special characters
escaped (Jinja string literals: each backslash doubled)."""


def custody(doc: Any) -> None:
    """Every period of custody after the events: the state in words, then its details."""
    kit.tag(doc, "{%p if custody %}")
    kit.keep_with_next(kit.paragraph(doc, "Custody Heading", kit.message("Custody")))
    kit.tag(doc, "{%p for k in custody %}")
    state = kit.paragraph(
        doc,
        "Period",
        "{{ k.person.name }}:",
        " ",
        "{{ k.words }}",
        "{%r for n in k.sources|sort %}",
        "{{ n }}",
        "{%r if not loop.last %}",
        ", ",
        "{%r endif %}",
        "{%r endfor %}",
    )
    _styled(state, {0: "Label", 4: "Source Number", 6: "Source Number"})
    for index in (4, 6):
        state.runs[index].font.superscript = True
    details = (
        ("k.authority", "Authority:", "{{ k.authority }}"),
        ("k.custody.legal_basis", "Legal basis:", "{{ k.custody.legal_basis }}"),
        ("k.custody.term", "Term:", "{{ k.custody.term }}"),
        ("k.custody.lawyer_access", "Lawyer access:", "{{r k.custody.lawyer_access|rich }}"),
        ("k.custody.health", "Health:", "{{r k.custody.health|rich }}"),
    )
    for condition, label, value in details:
        kit.tag(doc, f"{{%p if {condition} %}}")
        detail = kit.paragraph(doc, "Period Detail", kit.message(label), " ", value)
        _styled(detail, {0: "Label"})
        kit.tag(doc, "{%p endif %}")
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p endif %}")


def source_list(doc: Any) -> None:
    """The sources at the end, numbered as in the table: "n. citation address"."""
    kit.tag(doc, "{%p if sources %}")
    kit.keep_with_next(kit.paragraph(doc, "Sources Heading", "Sources"))
    kit.tag(doc, "{%p for source in sources %}")
    entry = kit.paragraph(
        doc,
        "Source Entry",
        "{{ loop.index }}.",
        TAB,
        "{{ source|citation }}",
        "{%r if source.url %}",
        " ",
        f"{{{{r ('[' ~ {LINK_TEXT} ~ '](<' ~ source.url ~ '>)')|rich }}}}",
        "{%r endif %}",
    )
    _styled(entry, {0: "Note Number"})
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p endif %}")


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    kit.package(doc, styles_xml(), "Chronology")
    kit.page_setup(doc)
    heading(doc)
    table(doc)
    custody(doc)
    source_list(doc)
    return kit.save(doc)


def main() -> None:
    """Write templates/chronology/chronology.docx."""
    OUTPUT.write_bytes(build())
    print(OUTPUT)


if __name__ == "__main__":
    main()
