"""Build templates/summary/summary.docx, the Word template of the case summary.

    .venv/bin/python -m templates.summary.build_docx

The summary is one or two pages a partner reads in a minute: who the defenders are, what is
happening now, the charges, the demands of the latest appeal, the timeline and the numbered sources.
docxtpl renders this template (see advocacy/formats/docx.py) in the sandboxed, autoescaping
environment of advocacy/formats/environment.py; summary.html says the same words for the PDF, in the
same order (a test compares them).

The package (theme, font table, settings, page set-up with its ``Page X of Y`` footer, the fixed
zip timestamps), the shared styles and the helpers that write paragraphs and tags come from
tools.docx_kit, as for every template; this script adds the summary's own styles and body.
How the template is made:

* Every look is a named Word style, and every style names the font "Noto Sans". The sizes and
  colours follow summary.css: 8.5 pt text, section headings in the accent colour over a thin
  rule, the charges in a ruled grid of 8 pt text, the sources in 7.5 pt.
* Every Jinja tag is one whole run. ``{%p …%}`` tags sit alone in their own paragraphs, in the
  grey "Template Tag" style, and ``{%tr …%}`` tags alone in the first cell of their own table
  row; docxtpl removes those paragraphs and rows when it renders. Narrative fields are
  ``{{r value|rich }}``, alone in their run.
* Source numbers are runs in the "Source Number" character style: ``[n]`` for each number,
  sorted, after what they support. A penalty the sources disagree on is printed once per
  account, each with its own numbers.
* Every table cell holds at least one paragraph whatever the facts (an "else" line such as
  "None recorded"), so that the rendered document is always valid Word.
* The addresses in the source list are links: the ``rich`` filter draws ``[text](<address>)``,
  with the characters markdown would read as emphasis or brackets escaped in the text.

The output is the same bytes on every run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from tools.docx_kit import (
    ACCENT,
    LANGUAGE,
    SHARED_STYLES,
    TAB,
    TEXT_WIDTH,
    W,
    fonts,
    keep_with_next,
    message,
    package,
    page_setup,
    paragraph,
    save,
    size,
    style,
    styles_part,
    tag,
)

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "summary.docx"

MUTED = "555555"
RULE = "B9C3D3"
TINT = "EEF2F8"

# Sizes in half-points, as in summary.css.
BODY = 17  # 8.5 pt
GRID = 16  # 8 pt: the charges
SOURCES = 15  # 7.5 pt
HEADING = 20  # 10 pt
NAME = 20  # 10 pt
TITLE = 30  # 15 pt
FOOTER = 15  # 7.5 pt
TAG = 14  # 7 pt

# Lengths in twips (567 to the centimetre).
LABEL = 1474  # 26 mm: the label column of the facts and the date column of the events
NUMBER = 340  # 6 mm: room for "10." before a demand or a source
CELL = 91  # 1.6 mm: the padding in the cells of the charges grid
GRID_WIDTHS = (32, 16, 13, 23, 16)
"""The columns of the charges in per cent of the text width, as in summary.css."""


# Styles ----------------------------------------------------------------------------------------


def _spacing(before: int = 0, after: int = 0, line: int = 240) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'


def _border(side: str, size_eighths: int, colour: str, space: int = 1) -> str:
    return f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="{space}" w:color="{colour}"/>'


def styles_xml() -> str:
    """The whole styles part: document defaults and every style the summary uses."""
    styles = [
        style(
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            priority=0,
            ppr=(
                f"<w:widowControl/><w:suppressAutoHyphens/>{_spacing(after=100)}"
                '<w:jc w:val="left"/>'
            ),
            rpr=f'<w:color w:val="1B1B1B"/>{size(BODY)}<w:lang w:val="{LANGUAGE}"/>',
        ),
        style(
            "Hyperlink",
            "Hyperlink",
            kind="character",
            based_on="DefaultParagraphFont",
            priority=99,
            rpr=f'<w:color w:val="{ACCENT}"/>',
        ),
        style(
            "SourceNumber",
            "Source Number",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:b w:val="0"/><w:i w:val="0"/><w:color w:val="{MUTED}"/>',
        ),
        style(
            "Status",
            "Status",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr="<w:b/><w:bCs/><w:i/><w:iCs/>",
        ),
        style(
            "Description",
            "Description",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr='<w:b w:val="0"/><w:bCs w:val="0"/>',
        ),
        style(
            "SummaryTitle",
            "Summary Title",
            next_style="Updated",
            ppr=f'<w:keepNext/><w:keepLines/>{_spacing(after=20)}<w:outlineLvl w:val="0"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(TITLE)}',
        ),
        style(
            "Updated",
            "Updated",
            next_style="Normal",
            ppr=(
                f"<w:keepNext/><w:pBdr>{_border('bottom', 12, ACCENT, 6)}</w:pBdr>"
                f"{_spacing(after=0)}"
            ),
            rpr=f'<w:color w:val="{MUTED}"/>',
        ),
        style(
            "SectionHeading",
            "Section Heading",
            next_style="Normal",
            ppr=(
                f"<w:keepNext/><w:keepLines/><w:pBdr>{_border('bottom', 6, RULE, 1)}</w:pBdr>"
                f'{_spacing(before=240, after=110)}<w:outlineLvl w:val="1"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(HEADING)}',
        ),
        style(
            "PersonName",
            "Person Name",
            next_style="Normal",
            ppr=f"<w:keepNext/><w:keepLines/>{_spacing(after=60)}",
            rpr=f"<w:b/><w:bCs/>{size(NAME)}",
        ),
        style(
            "NextPersonName",
            "Next Person Name",
            based_on="PersonName",
            next_style="Normal",
            ppr=_spacing(before=220, after=60),
        ),
        style(
            "FactLabel",
            "Fact Label",
            ppr=_spacing(after=20),
            rpr=f'<w:color w:val="{MUTED}"/>',
        ),
        style("Fact", "Fact", ppr=_spacing(after=20)),
        style("Profile", "Profile", ppr=_spacing(before=100, after=0)),
        style(
            "EventDate",
            "Event Date",
            ppr=_spacing(after=80),
            rpr="<w:b/><w:bCs/>",
        ),
        style("Event", "Event", ppr=_spacing(after=80)),
        style("Custody", "Custody", ppr=_spacing(after=80), rpr="<w:b/><w:bCs/>"),
        style(
            "GridHeading",
            "Grid Heading",
            ppr=f"<w:keepNext/>{_spacing()}",
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(GRID)}',
        ),
        style("GridText", "Grid Text", ppr=_spacing(after=45), rpr=size(GRID)),
        style(
            "GridLaw",
            "Grid Law",
            based_on="GridText",
            next_style="GridText",
            rpr="<w:b/><w:bCs/>",
        ),
        style(
            "GridNote",
            "Grid Note",
            based_on="GridText",
            next_style="GridText",
            rpr=f'<w:i/><w:iCs/><w:color w:val="{MUTED}"/>',
        ),
        style(
            "AppealTitle",
            "Appeal Title",
            next_style="Demand",
            ppr=f"<w:keepNext/>{_spacing(after=80)}",
            rpr="<w:i/><w:iCs/>",
        ),
        style(
            "Demand",
            "Demand",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{NUMBER}"/></w:tabs>'
                f'{_spacing(after=60)}<w:ind w:left="{NUMBER}" w:hanging="{NUMBER}"/>'
            ),
        ),
        style(
            "Figure",
            "Figure",
            ppr=f'<w:keepLines/>{_spacing()}<w:jc w:val="center"/>',
        ),
        style(
            "Source",
            "Source",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{NUMBER}"/></w:tabs>'
                f'{_spacing(after=30)}<w:ind w:left="{NUMBER}" w:hanging="{NUMBER}"/>'
            ),
            rpr=size(SOURCES),
        ),
        style(
            "Footer",
            "footer",
            priority=99,
            hidden=True,
            ppr=f'{_spacing()}<w:jc w:val="right"/>',
            rpr=f'<w:color w:val="{MUTED}"/>{size(FOOTER)}',
        ),
    ]
    styles += [SHARED_STYLES[s] for s in ("DefaultParagraphFont", "TableNormal", "TemplateTag")]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts()}{size(BODY)}"
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/></w:rPr>'
        f"</w:rPrDefault><w:pPrDefault><w:pPr>{_spacing(after=100)}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
    )
    return styles_part(styles, defaults)


# Tables ------------------------------------------------------------------------------------------


def table(
    doc: DocumentObject, widths: list[int], *, ruled: bool, cell_margins: tuple[int, int]
) -> Table:
    """A table of fixed ``widths`` (twips) and no rows yet: ruled (the charges) or borderless."""
    grid: Table = doc.add_table(rows=0, cols=len(widths))
    tbl = grid._tbl
    if ruled:
        borders = "".join(
            _border(side, 4, RULE, 0)
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
    else:
        borders = "".join(
            f'<w:{side} w:val="nil"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
    vertical, horizontal = cell_margins
    tbl.replace(
        tbl.tblPr,
        parse_xml(
            f"<w:tblPr {W}>"
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
            '<w:tblInd w:w="0" w:type="dxa"/>'
            f"<w:tblBorders>{borders}</w:tblBorders>"
            '<w:tblLayout w:type="fixed"/>'
            "<w:tblCellMar>"
            f'<w:top w:w="{vertical}" w:type="dxa"/><w:left w:w="{horizontal}" w:type="dxa"/>'
            f'<w:bottom w:w="{vertical}" w:type="dxa"/><w:right w:w="{horizontal}" w:type="dxa"/>'
            "</w:tblCellMar>"
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
            ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            "</w:tblPr>"
        ),
    )
    for column, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width))
    return grid


def row(grid: Table, *, header: bool = False, shade: str | None = None) -> list[_Cell]:
    """A new row that never splits across pages (a header row repeats on every page); its
    cells are empty, without the paragraph python-docx starts each cell with."""
    add_row: Callable[[], _Row] = grid.add_row  # python-docx leaves it untyped
    new = add_row()
    tr_pr = new._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:cantSplit {W}/>"))
    if header:
        tr_pr.append(parse_xml(f"<w:tblHeader {W}/>"))
    widths = [int(col.get(qn("w:w"))) for col in grid._tbl.tblGrid.findall(qn("w:gridCol"))]
    cells = list(new.cells)
    for cell, width in zip(cells, widths, strict=True):
        tc_pr = cell._tc.get_or_add_tcPr()
        for old in tc_pr.findall(qn("w:tcW")):
            tc_pr.remove(old)
        tc_pr.insert(0, parse_xml(f'<w:tcW {W} w:w="{width}" w:type="dxa"/>'))
        if shade:
            tc_pr.append(parse_xml(f'<w:shd {W} w:val="clear" w:color="auto" w:fill="{shade}"/>'))
        for empty in cell.paragraphs:
            empty._p.getparent().remove(empty._p)
    return cells


def tag_row(grid: Table, text: str) -> None:
    """A ``{%tr …%}`` tag alone in the first cell of its own row (docxtpl drops the row); the
    other cells hold an empty paragraph, as Word requires."""
    first, *others = row(grid)
    paragraph(first, "Template Tag", text)
    for cell in others:
        cell.add_paragraph(style="Template Tag")


# The summary -------------------------------------------------------------------------------------


def cite(numbers: str) -> list[str]:
    """The runs of ``[n] [m]``: a space, then each of ``numbers`` (an expression), sorted."""
    return [
        " ",
        f"{{%r for n in {numbers}|sort %}}",
        "[",
        "{{ n }}",
        "]",
        "{%r if not loop.last %}",
        " ",
        "{%r endif %}",
        "{%r endfor %}",
    ]


NUMBER_RUNS = {"[", "{{ n }}", "]"}


def styled(
    container: Any, style_name: str, *runs: str, character: dict[str, str] | None = None
) -> Paragraph:
    """A paragraph whose source-number runs (and any run named in ``character``) carry their
    character style."""
    par = paragraph(container, style_name, *runs)
    wanted = character or {}
    inside_cite = False
    for run in par.runs:
        text = run.text
        if text.startswith("{%r for n in "):
            inside_cite = True
        elif text == "{%r endfor %}":
            inside_cite = False
        if text in wanted:
            run.style = wanted[text]
        elif inside_cite and (text in NUMBER_RUNS or text == " "):
            run.style = "Source Number"
    return par


def heading(doc: DocumentObject, *runs: str) -> Paragraph:
    return paragraph(doc, "Section Heading", *runs)


def masthead(doc: DocumentObject) -> None:
    """The title and the line under it."""
    keep_with_next(paragraph(doc, "Summary Title", "{{ title }}"))
    paragraph(
        doc,
        "Updated",
        "{{ country }}",
        ". ",
        '{{ _("Current to %(date)s.", date=updated|date_words) }}',
    )


def who(doc: DocumentObject) -> None:
    """1. Each defender: name, facts (born, nationality, organisations, awards, sources),
    profile."""
    heading(doc, message("Who"))
    tag(doc, "{%p for p in profiles %}")
    # The second and later defenders stand apart from the one before: the same name line in a
    # style with space above it.
    name_line = (
        "{{ p.person.name }}",
        "{%r if p.person.native_name %}",
        " (",
        "{{ p.person.native_name }}",
        ")",
        "{%r endif %}",
        "{%r if p.person.description %}",
        ", ",
        "{{ p.person.description }}",
        "{%r endif %}",
    )
    plain = {", ": "Description", "{{ p.person.description }}": "Description"}
    tag(doc, "{%p if loop.first %}")
    styled(doc, "Person Name", *name_line, character=plain)
    tag(doc, "{%p else %}")
    styled(doc, "Next Person Name", *name_line, character=plain)
    tag(doc, "{%p endif %}")
    tag(
        doc,
        "{%p if p.born or p.person.nationality or p.organisations or p.awards or p.sources %}",
    )
    facts = table(doc, [LABEL, TEXT_WIDTH - LABEL], ruled=False, cell_margins=(11, 0))
    rows: list[tuple[str, str, list[list[str]]]] = [
        (
            "p.born",
            message("Born"),
            [
                [
                    "{{ p.born }}",
                    "{%r if p.age is not none %}",
                    " (",
                    '{{ _("%(age)s on %(date)s", age=p.age, date=updated|date_words) }}',
                    ")",
                    "{%r endif %}",
                ]
            ],
        ),
        ("p.person.nationality", message("Nationality"), [["{{ p.person.nationality|country }}"]]),
        ("p.organisations", message("Organisations"), [["{{ p.organisations|list_words }}"]]),
        (
            "p.awards",
            message("Awards"),
            [
                ["{%p for a in p.awards %}"],
                [
                    "{{ a.award.name }}",
                    "{%r if a.award.by %}",
                    ", ",
                    "{{ a.award.by }}",
                    "{%r endif %}",
                    "{%r if a.date %}",
                    ", ",
                    "{{ a.date }}",
                    "{%r endif %}",
                    *cite("a.sources"),
                ],
                ["{%p endfor %}"],
            ],
        ),
        ("p.sources", message("Sources"), [cite("p.sources")[1:]]),
    ]
    for condition, label, paragraphs in rows:
        tag_row(facts, f"{{%tr if {condition} %}}")
        name, value = row(facts)
        paragraph(name, "Fact Label", label)
        for runs in paragraphs:
            if runs[0].startswith("{%p"):
                tag(value, runs[0])
            else:
                styled(value, "Fact", *runs)
        tag_row(facts, "{%tr endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if p.person.profile %}")
    paragraph(doc, "Profile", "{{r p.person.profile|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")


def now(doc: DocumentObject) -> None:
    """2. What is happening now: date | status, text and sources."""
    tag(doc, "{%p if custody or now %}")
    heading(doc, message("What is happening now"))
    tag(doc, "{%p for k in custody %}")
    styled(
        doc,
        "Custody",
        "{%r if defenders|length > 1 %}",
        "{{ k.person.name }}:",
        " ",
        "{%r endif %}",
        "{{ k.words }}",
        *cite("k.sources"),
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if now %}")
    events = table(doc, [LABEL, TEXT_WIDTH - LABEL], ruled=False, cell_margins=(0, 0))
    tag_row(events, "{%tr for n in now %}")
    date, text = row(events)
    paragraph(date, "Event Date", "{{ n.row.date }}")
    styled(
        text,
        "Event",
        "{%r if n.row.status %}",
        "{{ n.row.status|capitalize }}:",
        " ",
        "{%r endif %}",
        "{{r n.row.event.text|rich }}",
        *cite("n.sources"),
        character={"{{ n.row.status|capitalize }}:": "Status"},
    )
    tag_row(events, "{%tr endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def charges(doc: DocumentObject) -> None:
    """3. The charges as a ruled grid: law | court | decision | penalty | appeal."""
    tag(doc, "{%p if charges %}")
    heading(doc, message("Charges"))
    widths = [TEXT_WIDTH * share // 100 for share in GRID_WIDTHS]
    widths[-1] = TEXT_WIDTH - sum(widths[:-1])
    grid = table(doc, widths, ruled=True, cell_margins=(57, CELL))
    for cell, title in zip(
        row(grid, header=True, shade=TINT),
        (
            message("Law and article"),
            message("Court"),
            message("Decision"),
            message("Penalty"),
            message("Appeal"),
        ),
        strict=True,
    ):
        paragraph(cell, "Grid Heading", title)
    tag_row(grid, "{%tr for c in charges %}")
    law, court, decision, penalty, appeal = row(grid)

    tag(law, "{%p if defenders|length > 1 %}")
    paragraph(law, "Grid Law", "{{ c.person.name }}")
    tag(law, "{%p endif %}")
    paragraph(law, "Grid Law", "{{ c.charge.law }}")
    styled(law, "Grid Text", "“", "{{r c.charge.text|rich }}", "”", *cite("c.sources"))

    # An unknown court or decision is a dash, without source numbers.
    styled(
        court,
        "Grid Text",
        "{%r if c.court %}",
        "{{ c.court }}",
        *cite("c.sources"),
        "{%r else %}",
        "—",
        "{%r endif %}",
    )

    styled(
        decision,
        "Grid Text",
        "{%r if c.pending %}",
        message("Pending"),
        *cite("c.sources"),
        "{%r elif c.decided or c.charge.outcome %}",
        "{{ c.decided or _('Date unknown') }}",
        "{%r if c.charge.outcome %}",
        ": ",
        "{{ c.charge.outcome }}",
        "{%r endif %}",
        *cite("c.sources"),
        "{%r else %}",
        "—",
        "{%r endif %}",
    )

    tag(penalty, "{%p if c.penalties|length > 1 %}")
    paragraph(penalty, "Grid Note", message("Sources differ:"))
    tag(penalty, "{%p endif %}")
    tag(penalty, "{%p for pen in c.penalties %}")
    styled(penalty, "Grid Text", "{{ pen.words }}", *cite("pen.sources"))
    tag(penalty, "{%p endfor %}")
    tag(penalty, "{%p if c.charge.sentence %}")
    styled(penalty, "Grid Text", "{{ c.charge.sentence }}", *cite("c.sources"))
    tag(penalty, "{%p endif %}")
    tag(penalty, "{%p if c.imprisonment %}")
    styled(penalty, "Grid Text", "{{ c.imprisonment }}", *cite("c.sources"))
    tag(penalty, "{%p endif %}")
    tag(penalty, "{%p if c.max_penalty %}")
    styled(penalty, "Grid Text", "{{ c.max_penalty }}", *cite("c.sources"))
    tag(penalty, "{%p endif %}")
    tag(
        penalty,
        "{%p if not c.penalties and not c.charge.sentence and not c.imprisonment "
        "and not c.max_penalty %}",
    )
    paragraph(penalty, "Grid Text", message("None recorded"))
    tag(penalty, "{%p endif %}")

    tag(appeal, "{%p for a in c.appeals %}")
    styled(
        appeal,
        "Grid Text",
        "{%r if c.appeals|length > 1 or a.court is none %}",
        "{{ a.level }}:",
        " ",
        "{%r endif %}",
        "{%r if a.court %}",
        "{{ a.court }}",
        "{%r endif %}",
        "{%r if a.decided %}",
        "{%r if a.court %}",
        ", ",
        "{%r endif %}",
        "{{ a.decided }}",
        "{%r endif %}",
        "{%r if a.outcome %}",
        ": ",
        "{{ a.outcome }}",
        "{%r endif %}",
        *cite("a.sources"),
    )
    tag(appeal, "{%p else %}")
    paragraph(appeal, "Grid Text", message("None recorded"))
    tag(appeal, "{%p endfor %}")
    tag_row(grid, "{%tr endfor %}")
    tag(doc, "{%p endif %}")


def demands(doc: DocumentObject) -> None:
    """4. The demands of the latest appeal, numbered by the loop."""
    tag(doc, "{%p if appeal %}")
    heading(doc, '{{ _("Demands of the appeal of %(date)s", date=appeal.issued|date_words) }}')
    styled(doc, "Appeal Title", "“", "{{ appeal.title|plain }}", "”", *cite("appeal_sources"))
    tag(doc, "{%p for demand in appeal.demands %}")
    number = paragraph(doc, "Demand", "{{ loop.index }}.", TAB, "{{r demand.text|rich }}")
    number.runs[0].bold = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def other_appeals(doc: DocumentObject) -> None:
    """4b. The other appeals of the case (earlier ones, history-only ones), by date: when, by
    whom, reference, title."""
    tag(doc, "{%p if other_appeals %}")
    heading(doc, message("Other appeals"))
    tag(doc, "{%p for e in other_appeals %}")
    paragraph(
        doc,
        "Normal",
        "{{ e.date }}",
        ", ",
        "{{ e.organisation }}",
        "{%r if e.appeal.reference %}",
        " (",
        '{{ _("ref. %(reference)s", reference=e.appeal.reference) }}',
        ")",
        "{%r endif %}",
        ": “",
        "{{ e.appeal.title|plain }}",
        "”",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


LINK_TEXT = (
    "source.url|string|replace('\\\\', '\\\\\\\\')|replace('*', '\\\\*')|replace('_', '\\\\_')"
    "|replace('[', '\\\\[')|replace(']', '\\\\]')"
)
"""The address as the text of a markdown link, with what markdown would read escaped."""


def timeline_and_sources(doc: DocumentObject) -> None:
    """5. The figure (a picture docxtpl makes from the SVG). 6. The numbered sources."""
    tag(doc, "{%p if figure %}")
    heading(doc, message("Timeline"))
    paragraph(doc, "Figure", "{{ figure }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if sources %}")
    heading(doc, message("Sources"))
    tag(doc, "{%p for source in sources %}")
    paragraph(
        doc,
        "Source",
        "{{ loop.index }}.",
        TAB,
        "{{ source|citation }}",
        "{%r if source.url %}",
        " ",
        f"{{{{r ('[' ~ {LINK_TEXT} ~ '](<' ~ source.url ~ '>)')|rich }}}}",
        "{%r endif %}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    package(doc, styles_xml(), "Case summary")
    page_setup(doc)
    masthead(doc)
    who(doc)
    now(doc)
    charges(doc)
    demands(doc)
    other_appeals(doc)
    timeline_and_sources(doc)
    return save(doc)


def main() -> None:
    """Write templates/summary/summary.docx."""
    OUTPUT.write_bytes(build())
    print(OUTPUT)


if __name__ == "__main__":
    main()
