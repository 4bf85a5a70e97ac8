"""Build templates/appeal/appeal.docx, the Word template of the urgent-appeal letter.

    .venv/bin/python -m templates.appeal.build_docx

The .docx is what users open and edit in Word or LibreOffice; docxtpl renders it (see
advocacy/formats/docx.py) in the sandboxed, autoescaping environment of
advocacy/formats/environment.py. This script makes it from scratch with python-docx, so the template
can be reviewed as code and rebuilt after a change; a user may just as well edit the .docx itself.

How the template is made:

* Every look is a named Word style (Normal, Wordmark, Letterhead…, Date, Appeal Title, Demands
  Intro, Demand, Signatory, Board Title, Board Members, Legal, footer): restyle in one place.
  Every style names the font "Noto Sans" (also for East Asian and complex scripts), and so does
  the theme.
* Every Jinja tag is one whole run, never split, so docxtpl sees it intact. ``{%p …%}`` tags
  (loops and conditions over paragraphs) sit alone in their own paragraphs, in the grey
  "Template Tag" style; docxtpl removes those paragraphs when it renders. Narrative fields are
  ``{{r value|rich }}``, alone in their run, so their italics, bold and links become Word runs.
* The offices of the letterhead stand side by side in a borderless table with one column per
  office: ``{%tc for office in letterhead.offices %}`` … ``{%tc endfor %}``. docxtpl shares the
  table's width out between the columns it renders, so one office takes the full width, two
  take half each, three a third (the cells carry no width of their own, which Word would
  prefer to the grid). A rule in the accent colour runs under the table.
* The demands are numbered by the loop, not by Word's list numbering: ``{{ loop.index }}.``,
  a tab, then the text, with a hanging indent (the Demand style's).
* A page break never strands the title, the "urges the authorities" line (keep with next) or a
  demand's number (keep lines together). Their styles say so, and so do the paragraphs
  themselves, so that restyling cannot undo what the letter's layout promises.
* An addressed letter (a ``recipient``) has the address block after the letterhead, a
  paragraph a line (Recipient style), and the salutation after the title.
* The footer of every page is ``Page X of Y`` with PAGE and NUMPAGES fields.

The output is the same bytes on every run: fixed document-property dates and zip entries written
with a fixed timestamp, in python-docx's order.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from tools.docx_kit import (
    ACCENT,
    SHARED_STYLES,
    TAB,
    TEXT_WIDTH,
    W,
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
OUTPUT = HERE / "appeal.docx"

# Sizes in half-points (the body, footer and tag sizes are the kit's).
SMALL = 17  # 8.5 pt: letterhead, boards
LEGAL = 15  # 7.5 pt
TITLE = 24  # 12 pt
WORDMARK = 36  # 18 pt

# Lengths in twips (twentieths of a point): 567 to the centimetre.
HANGING = 425  # 0.75 cm: room for "10." before the text of a demand


# Styles ----------------------------------------------------------------------------------------


def styles_xml() -> str:
    """The whole styles part: document defaults and every style the template uses."""
    styles = [
        *(SHARED_STYLES[s] for s in ("Normal", "DefaultParagraphFont", "TableNormal", "Hyperlink")),
        style(
            "LetterheadLabel",
            "Letterhead Label",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:color w:val="{ACCENT}"/>',
        ),
        style(
            "Wordmark",
            "Wordmark",
            next_style="Letterhead",
            ppr=(
                '<w:keepNext/><w:spacing w:before="0" w:after="160" w:line="240"'
                ' w:lineRule="auto"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{size(WORDMARK)}',
        ),
        style(
            "Letterhead",
            "Letterhead",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=size(SMALL),
        ),
        style(
            "LetterheadCity",
            "Letterhead City",
            based_on="Letterhead",
            next_style="Letterhead",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="20"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:spacing w:val="10"/>',
        ),
        style(
            "LetterheadContact",
            "Letterhead Contact",
            based_on="Letterhead",
            ppr='<w:spacing w:before="100" w:after="0"/><w:contextualSpacing/>',
        ),
        style(
            "LetterheadPhone",
            "Letterhead Phone",
            based_on="Letterhead",
            ppr='<w:spacing w:before="100" w:after="0"/><w:contextualSpacing/>',
        ),
        style(
            "Recipient",
            "Recipient",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        ),
        style(
            "Salutation",
            "Salutation",
            next_style="Normal",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="160"/>',
        ),
        style(
            "Date",
            "Date",
            next_style="AppealTitle",
            ppr='<w:keepNext/><w:spacing w:before="360" w:after="240"/>',
        ),
        style(
            "Reference",
            "Reference",
            next_style="AppealTitle",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="240"/>',
        ),
        style(
            "AppealTitle",
            "Appeal Title",
            next_style="Normal",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="200" w:line="240"'
                ' w:lineRule="auto"/><w:outlineLvl w:val="0"/>'
            ),
            rpr=f"<w:b/><w:bCs/>{size(TITLE)}",
        ),
        style(
            "DefenderName",
            "Defender Name",
            next_style="Normal",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        style(
            "DemandsIntro",
            "Demands Intro",
            next_style="Demand",
            ppr="<w:keepNext/>",
        ),
        style(
            "Demand",
            "Demand",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{HANGING}"/></w:tabs>'
                f'<w:spacing w:after="80"/><w:ind w:left="{HANGING}" w:hanging="{HANGING}"/>'
            ),
        ),
        style(
            "Change",
            "Change",
            ppr='<w:spacing w:after="60"/>',
        ),
        style(
            "SignatoriesIntro",
            "Signatories Intro",
            next_style="Signatory Organisation",
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="80"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        style(
            "SignatoryOrganisation",
            "Signatory Organisation",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{HANGING}"/></w:tabs>'
                f'<w:spacing w:after="40"/><w:ind w:left="{HANGING}" w:hanging="{HANGING}"/>'
            ),
        ),
        style(
            "Signatory",
            "Signatory",
            next_style="SignatoryTitle",
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="0"/>',
        ),
        style(
            "SignatoryTitle",
            "Signatory Title",
            ppr='<w:spacing w:before="0" w:after="0"/>',
        ),
        style(
            "BoardTitle",
            "Board Title",
            next_style="BoardMembers",
            ppr=(
                '<w:keepNext/><w:spacing w:before="280" w:after="0" w:line="240"'
                ' w:lineRule="auto"/>'
            ),
            rpr=f"<w:b/><w:bCs/>{size(SMALL)}",
        ),
        style(
            "BoardMembers",
            "Board Members",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=size(SMALL),
        ),
        style(
            "Legal",
            "Legal",
            ppr=(
                '<w:spacing w:before="280" w:after="40" w:line="240" w:lineRule="auto"/>'
                "<w:contextualSpacing/>"
            ),
            rpr=size(LEGAL),
        ),
        SHARED_STYLES["Footer"],
        SHARED_STYLES["TemplateTag"],
    ]
    return styles_part(styles)


# The letter --------------------------------------------------------------------------------------


def letterhead(doc: DocumentObject) -> None:
    """The wordmark, then the offices side by side: one table column per office."""
    paragraph(doc, "Wordmark", "{{ letterhead.organisation }}")
    table = doc.add_table(rows=1, cols=3)
    tbl = table._tbl
    tbl_pr = parse_xml(
        f"<w:tblPr {W}>"
        '<w:tblW w:w="5000" w:type="pct"/>'
        '<w:tblInd w:w="0" w:type="dxa"/>'
        "<w:tblBorders>"
        '<w:top w:val="nil"/><w:left w:val="nil"/>'
        f'<w:bottom w:val="single" w:sz="12" w:space="0" w:color="{ACCENT}"/>'
        '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/>'
        "</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        "<w:tblCellMar>"
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="170" w:type="dxa"/><w:right w:w="284" w:type="dxa"/>'
        "</w:tblCellMar>"
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0"'
        ' w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr>"
    )
    tbl.replace(tbl.tblPr, tbl_pr)
    # Equal thirds: docxtpl gives the width of the columns it drops to the ones it keeps, so the
    # rendered offices share the full width equally, whatever their number.
    for column in tbl.tblGrid.findall(qn("w:gridCol")):
        column.set(qn("w:w"), str(TEXT_WIDTH // 3))
    for width in list(tbl.iter(qn("w:tcW"))):
        width.getparent().remove(width)
    row = tbl.tr_lst[0]
    row.get_or_add_trPr().append(parse_xml(f"<w:cantSplit {W}/>"))

    start, office, end = table.rows[0].cells
    paragraph(start, "Template Tag", "{%tc for office in letterhead.offices %}")
    paragraph(office, "Letterhead City", "{{ office.city|upper }}")
    paragraph(office, "Letterhead", "{{ office.name }}")
    tag(office, "{%p for line in office.address %}")
    paragraph(office, "Letterhead", "{{ line }}")
    tag(office, "{%p endfor %}")
    for field in ("email", "website"):
        tag(office, f"{{%p if office.{field} %}}")
        paragraph(office, "Letterhead Contact", f"{{{{ office.{field} }}}}")
        tag(office, "{%p endif %}")
    for field in ("phone", "fax"):
        tag(office, f"{{%p if office.{field} %}}")
        number = paragraph(
            office, "Letterhead Phone", message(field), " ", f"{{{{ office.{field} }}}}"
        )
        number.runs[0].style = "Letterhead Label"
        tag(office, "{%p endif %}")
    paragraph(end, "Template Tag", "{%tc endfor %}")
    for cell in (start, office, end):  # the empty paragraph each new cell starts with
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)


def address(doc: DocumentObject) -> None:
    """The recipient's address block, a paragraph a line, when the letter is addressed.

    A campaign renders the letter once and puts each recipient's lines in (advocacy build):
    recipient fields other than the salutation belong in the Recipient paragraphs only.
    """
    tag(doc, "{%p if recipient %}")
    paragraph(doc, "Date", "")  # the space between the letterhead and the address
    tag(doc, "{%p for line in recipient.lines() %}")
    paragraph(doc, "Recipient", "{{ line }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")


def update(doc: DocumentObject) -> None:
    """For an update: the appeal it follows on, then each event since, after its date."""
    tag(doc, "{%p if update %}")
    paragraph(
        doc,
        "Normal",
        "{%r if update.appeal.reference %}",
        '{{ _("This update follows our appeal of %(date)s (ref. %(reference)s).", '
        "date=update.date, reference=update.appeal.reference) }}",
        "{%r else %}",
        '{{ _("This update follows our appeal of %(date)s.", date=update.date) }}',
        "{%r endif %}",
    )
    tag(doc, "{%p if changes %}")
    keep_with_next(paragraph(doc, "Normal", '{{ _("Since then:") }}'))
    tag(doc, "{%p for row in changes %}")
    paragraph(
        doc,
        "Change",
        "{{ row.date }}:",
        " ",
        "{%r if row.status %}",
        "{{ row.status|capitalize }}: ",
        "{%r endif %}",
        "{{r row.event.text|rich }}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")


def body(doc: DocumentObject) -> None:
    """Date, title, narrative, demands, signature, boards and legal footer, in that order."""
    paragraph(doc, "Date", "{{ appeal.issued|date_words }}")
    tag(doc, "{%p if appeal.reference %}")
    paragraph(doc, "Reference", '{{ _("Ref.: %(reference)s", reference=appeal.reference) }}')
    tag(doc, "{%p endif %}")
    keep_with_next(paragraph(doc, "Appeal Title", "{{ title }}"))
    tag(doc, "{%p if recipient %}")
    paragraph(doc, "Salutation", "{{ recipient.salutation }}")
    tag(doc, "{%p endif %}")
    paragraph(doc, "Normal", "{{r appeal.lead|rich }}")
    update(doc)
    tag(doc, "{%p for p in profiles %}")
    name = paragraph(
        doc,
        "Defender Name",
        "{{ p.name }}",
        "{%r if p.native_name %}",
        " (",
        "{{ p.native_name }}",
        ")",
        "{%r endif %}",
    )
    keep_with_next(name)
    paragraph(doc, "Normal", "{{r p.text|rich }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for paragraph in appeal.paragraphs %}")
    paragraph(doc, "Normal", "{{r paragraph.text|rich }}")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "Normal", "{{r appeal.concern|rich }}")
    intro = paragraph(
        doc,
        "Demands Intro",
        "{%r if appeal.signatories %}",
        '{{ _("The undersigned organisations urge the authorities in %(authorities)s to:", '
        "authorities=authorities) }}",
        "{%r else %}",
        '{{ _("%(organisation)s urges the authorities in %(authorities)s to:", '
        "organisation=urges, authorities=authorities) }}",
        "{%r endif %}",
    )
    keep_with_next(intro)
    tag(doc, "{%p for demand in appeal.demands %}")
    demand = paragraph(doc, "Demand", "{{ loop.index }}.", TAB, "{{r demand.text|rich }}")
    demand.paragraph_format.keep_together = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if letterhead.signatory %}")
    paragraph(doc, "Signatory", "{{ letterhead.signatory.name }}")
    tag(doc, "{%p if letterhead.signatory.title %}")
    paragraph(doc, "Signatory Title", "{{ letterhead.signatory.title }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if appeal.signatories %}")
    paragraph(doc, "Signatories Intro", '{{ _("Signed by:") }}')
    tag(doc, "{%p for org in appeal.signatories %}")
    paragraph(
        doc,
        "Signatory Organisation",
        "{{ loop.index }}.",
        TAB,
        "{{ org.name }}",
        "{%r if org.country %}",
        " (",
        "{{ org.country }}",
        ")",
        "{%r endif %}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for board in letterhead.boards %}")
    paragraph(doc, "Board Title", "{{ board.title }}")
    paragraph(
        doc,
        "Board Members",
        "{%r for member in board.members %}",
        "{{ member.name }}",
        "{%r if member.country %}",
        " (",
        "{{ member.country }}",
        ")",
        "{%r endif %}",
        "{%r if not loop.last %}",
        ", ",
        "{%r endif %}",
        "{%r endfor %}",
    )
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for note in letterhead.legal %}")
    paragraph(doc, "Legal", "{{r note|rich }}")
    tag(doc, "{%p endfor %}")


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    package(doc, styles_xml(), "Urgent appeal")
    page_setup(doc)
    letterhead(doc)
    address(doc)
    body(doc)
    return save(doc)


def main() -> None:
    """Write templates/appeal/appeal.docx."""
    OUTPUT.write_bytes(build())
    print(OUTPUT)


if __name__ == "__main__":
    main()
