"""Build templates/appeal/appeal.docx, the Word template of the urgent-appeal letter.

    .venv/bin/python templates/appeal/build_docx.py

The .docx is what users open and edit in Word or LibreOffice; docxtpl renders it (see
advocacy/render/docx.py) in the sandboxed, autoescaping environment of advocacy/environment.py.
This script makes it from scratch with python-docx, so the template can be reviewed as code and
rebuilt after a change; a user may just as well edit the .docx itself.

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
* The footer of every page is ``Page X of Y`` with PAGE and NUMPAGES fields.

The output is the same bytes on every run: fixed document-property dates and zip entries written
with a fixed timestamp, in python-docx's order.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from advocacy.files import reproducible_zip

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "appeal.docx"

FONT = "Noto Sans"
ACCENT = "1F4E9A"
"""The one accent colour (dark blue), as in the PDF's appeal.css: the wordmark, the city
headings and labels of the letterhead, the rule under it, and links (advocacy/render/docx.py
draws links in narrative text in this colour)."""
LINK = ACCENT
LANGUAGE = "en-GB"

# Sizes in half-points.
BODY = 21  # 10.5 pt
SMALL = 17  # 8.5 pt: letterhead, boards
LEGAL = 15  # 7.5 pt
TITLE = 24  # 12 pt
WORDMARK = 36  # 18 pt
FOOTER = 16  # 8 pt
TAG = 14  # 7 pt: the template's own {%p …%} lines, which rendering removes

# Lengths in twentieths of a point (twips): 567 to the centimetre.
PAGE_WIDTH = 11906  # A4
PAGE_HEIGHT = 16838
MARGIN = 1134  # 2 cm
HEADER_FOOTER = 567  # 1 cm from the edge of the page
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
HANGING = 425  # 0.75 cm: room for "10." before the text of a demand
# Line spacing 1.15, in 240ths of a line. Word multiplies the font's own line height, which for
# Noto Sans is already 1.36 em: 1.15 gives about 1.57 em, a little airier than the PDF's 1.45.
LINE = 276

FIXED_DATE = dt.datetime(2025, 1, 1)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

W = nsdecls("w")


# Styles ----------------------------------------------------------------------------------------


def _fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _style(
    style_id: str,
    name: str,
    *,
    kind: str = "paragraph",
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
    default: bool = False,
    priority: int = 10,
    hidden: bool = False,
) -> str:
    """One w:style element; ``ppr`` and ``rpr`` hold children in schema order, without the
    font, which every style names."""
    head = f'<w:style w:type="{kind}" w:styleId="{style_id}"'
    head += ' w:default="1">' if default else ">"
    parts = [head, f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    parts.append(f'<w:uiPriority w:val="{priority}"/>')
    if hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    else:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    parts.append(f"<w:rPr>{_fonts()}{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


def styles_xml() -> str:
    """The whole styles part: document defaults and every style the template uses."""
    styles = [
        _style(
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            priority=0,
            ppr=(
                "<w:widowControl/><w:suppressAutoHyphens/>"
                f'<w:spacing w:before="0" w:after="120" w:line="{LINE}" w:lineRule="auto"/>'
                '<w:jc w:val="left"/>'
            ),
            rpr=f'<w:color w:val="000000"/>{_size(BODY)}<w:lang w:val="{LANGUAGE}"/>',
        ),
        _style(
            "DefaultParagraphFont",
            "Default Paragraph Font",
            kind="character",
            based_on=None,
            default=True,
            priority=1,
            hidden=True,
        ),
        _style(
            "TableNormal",
            "Normal Table",
            kind="table",
            based_on=None,
            default=True,
            priority=99,
            hidden=True,
            extra=(
                '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
                '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
                '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
                "</w:tblCellMar></w:tblPr>"
            ),
        ),
        _style(
            "Hyperlink",
            "Hyperlink",
            kind="character",
            based_on="DefaultParagraphFont",
            priority=99,
            rpr=f'<w:color w:val="{LINK}"/><w:u w:val="single"/>',
        ),
        _style(
            "LetterheadLabel",
            "Letterhead Label",
            kind="character",
            based_on="DefaultParagraphFont",
            rpr=f'<w:color w:val="{ACCENT}"/>',
        ),
        _style(
            "Wordmark",
            "Wordmark",
            next_style="Letterhead",
            ppr=(
                '<w:keepNext/><w:spacing w:before="0" w:after="160" w:line="240"'
                ' w:lineRule="auto"/>'
            ),
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/>{_size(WORDMARK)}',
        ),
        _style(
            "Letterhead",
            "Letterhead",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=_size(SMALL),
        ),
        _style(
            "LetterheadCity",
            "Letterhead City",
            based_on="Letterhead",
            next_style="Letterhead",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="20"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="{ACCENT}"/><w:spacing w:val="10"/>',
        ),
        _style(
            "LetterheadContact",
            "Letterhead Contact",
            based_on="Letterhead",
            ppr='<w:spacing w:before="100" w:after="0"/><w:contextualSpacing/>',
        ),
        _style(
            "LetterheadPhone",
            "Letterhead Phone",
            based_on="Letterhead",
            ppr='<w:spacing w:before="100" w:after="0"/><w:contextualSpacing/>',
        ),
        _style(
            "Date",
            "Date",
            next_style="AppealTitle",
            ppr='<w:keepNext/><w:spacing w:before="360" w:after="240"/>',
        ),
        _style(
            "AppealTitle",
            "Appeal Title",
            next_style="Normal",
            ppr=(
                '<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="200" w:line="240"'
                ' w:lineRule="auto"/><w:outlineLvl w:val="0"/>'
            ),
            rpr=f"<w:b/><w:bCs/>{_size(TITLE)}",
        ),
        _style(
            "DefenderName",
            "Defender Name",
            next_style="Normal",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="0"/>',
            rpr="<w:b/><w:bCs/>",
        ),
        _style(
            "DemandsIntro",
            "Demands Intro",
            next_style="Demand",
            ppr="<w:keepNext/>",
        ),
        _style(
            "Demand",
            "Demand",
            ppr=(
                f'<w:keepLines/><w:tabs><w:tab w:val="left" w:pos="{HANGING}"/></w:tabs>'
                f'<w:spacing w:after="80"/><w:ind w:left="{HANGING}" w:hanging="{HANGING}"/>'
            ),
        ),
        _style(
            "Signatory",
            "Signatory",
            next_style="SignatoryTitle",
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="0"/>',
        ),
        _style(
            "SignatoryTitle",
            "Signatory Title",
            ppr='<w:spacing w:before="0" w:after="0"/>',
        ),
        _style(
            "BoardTitle",
            "Board Title",
            next_style="BoardMembers",
            ppr=(
                '<w:keepNext/><w:spacing w:before="280" w:after="0" w:line="240"'
                ' w:lineRule="auto"/>'
            ),
            rpr=f"<w:b/><w:bCs/>{_size(SMALL)}",
        ),
        _style(
            "BoardMembers",
            "Board Members",
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=_size(SMALL),
        ),
        _style(
            "Legal",
            "Legal",
            ppr=(
                '<w:spacing w:before="280" w:after="40" w:line="240" w:lineRule="auto"/>'
                "<w:contextualSpacing/>"
            ),
            rpr=_size(LEGAL),
        ),
        _style(
            "Footer",
            "footer",
            priority=99,
            hidden=True,
            ppr=(
                '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                '<w:jc w:val="center"/>'
            ),
            rpr=_size(FOOTER),
        ),
        _style(
            "TemplateTag",
            "Template Tag",
            priority=99,
            ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
            rpr=f'<w:noProof/><w:color w:val="808080"/>{_size(TAG)}',
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{_fonts()}{_size(BODY)}"
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/></w:rPr>'
        f'</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="{LINE}"'
        ' w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )
    return f"<w:styles {W}>{defaults}{''.join(styles)}</w:styles>"


def settings_xml() -> str:
    """Document settings, children in schema order: no automatic hyphenation, Word 2013+."""
    compat = "".join(
        f'<w:compatSetting w:name="{name}" w:uri="http://schemas.microsoft.com/office/word"'
        f' w:val="{value}"/>'
        for name, value in (
            ("compatibilityMode", "15"),
            ("overrideTableStyleFontSizeAndJustification", "1"),
            ("enableOpenTypeFeatures", "1"),
            ("doNotFlipMirrorIndents", "1"),
        )
    )
    return (
        f"<w:settings {W}>"
        '<w:zoom w:percent="100"/>'
        '<w:defaultTabStop w:val="709"/>'
        '<w:autoHyphenation w:val="false"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        f"<w:compat>{compat}</w:compat>"
        f'<w:themeFontLang w:val="{LANGUAGE}"/>'
        '<w:clrSchemeMapping w:bg1="light1" w:t1="dark1" w:bg2="light2" w:t2="dark2"'
        ' w:accent1="accent1" w:accent2="accent2" w:accent3="accent3" w:accent4="accent4"'
        ' w:accent5="accent5" w:accent6="accent6" w:hyperlink="hyperlink"'
        ' w:followedHyperlink="followedHyperlink"/>'
        '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


def font_table_xml() -> bytes:
    """The font table: Noto Sans only (its PANOSE and ranges, from the shipped TTF)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:fonts {W}>"
        f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0502040504020204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
        '<w:sig w:usb0="E00002FF" w:usb1="4000201F" w:usb2="08000029" w:usb3="00000000"'
        ' w:csb0="0000019F" w:csb1="00000000"/></w:font>'
        "</w:fonts>"
    ).encode()


def theme_xml(theme: bytes) -> bytes:
    """The default theme with Noto Sans for every theme font and the letter's colours."""
    root = parse_xml(theme)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f".//{a}fontScheme")
    assert scheme is not None
    scheme.set("name", FONT)
    for group in (f"{a}majorFont", f"{a}minorFont"):
        fonts = scheme.find(group)
        assert fonts is not None
        for child in list(fonts):
            if child.tag == f"{a}font":  # script-specific fonts: Calibri's companions
                fonts.remove(child)
            else:  # latin, ea, cs
                child.set("typeface", FONT)
    colours = root.find(f".//{a}clrScheme")
    assert colours is not None
    colours.set("name", "Advocacy")
    for name, value in (("dk2", "1F1F1F"), ("accent1", ACCENT), ("hlink", LINK)):
        slot = colours.find(f"{a}{name}")
        assert slot is not None
        for child in list(slot):
            slot.remove(child)
        slot.append(parse_xml(f'<a:srgbClr xmlns:a="{a[1:-1]}" val="{value}"/>'))
    root.set("name", "Advocacy")
    return serialize_part_xml(root)


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    b' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><TotalTime>0</TotalTime><DocSecurity>0</DocSecurity>"
    b"<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


# The letter --------------------------------------------------------------------------------------

TAB = "\t"
Container = DocumentObject | _Cell


def paragraph(container: Container, style: str, *runs: str) -> Paragraph:
    """A paragraph of ``style`` whose runs are ``runs``, one run each (TAB: a tab run)."""
    par = container.add_paragraph(style=style)
    for text in runs:
        if text == TAB:
            par.add_run().add_tab()
        else:
            par.add_run(text)
    return par


def tag(container: Container, text: str) -> Paragraph:
    """A ``{%p …%}`` tag alone in its paragraph, which docxtpl removes when rendering."""
    return paragraph(container, "Template Tag", text)


def keep_with_next(par: Paragraph) -> None:
    """Keep ``par`` whole and on the page of the next paragraph, whatever its style says."""
    par.paragraph_format.keep_with_next = True
    par.paragraph_format.keep_together = True


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
        number = paragraph(office, "Letterhead Phone", f"{field} ", f"{{{{ office.{field} }}}}")
        number.runs[0].style = "Letterhead Label"
        tag(office, "{%p endif %}")
    paragraph(end, "Template Tag", "{%tc endfor %}")
    for cell in (start, office, end):  # the empty paragraph each new cell starts with
        first = cell.paragraphs[0]._p
        first.getparent().remove(first)


def body(doc: DocumentObject) -> None:
    """Date, title, narrative, demands, signature, boards and legal footer, in that order."""
    paragraph(doc, "Date", "{{ appeal.issued|date_words }}")
    keep_with_next(paragraph(doc, "Appeal Title", "{{ appeal.title }}"))
    paragraph(doc, "Normal", "{{r appeal.lead|rich }}")
    tag(doc, "{%p if profile %}")
    name = paragraph(
        doc,
        "Defender Name",
        "{{ defender.name }}",
        "{%r if defender.native_name %}",
        " (",
        "{{ defender.native_name }}",
        ")",
        "{%r endif %}",
    )
    keep_with_next(name)
    paragraph(doc, "Normal", "{{r profile|rich }}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for paragraph in appeal.paragraphs %}")
    paragraph(doc, "Normal", "{{r paragraph.text|rich }}")
    tag(doc, "{%p endfor %}")
    paragraph(doc, "Normal", "{{r appeal.concern|rich }}")
    intro = paragraph(
        doc,
        "Demands Intro",
        "{{ letterhead.organisation }}",
        " urges the authorities in ",
        "{{ authorities }}",
        " to:",
    )
    keep_with_next(intro)
    tag(doc, "{%p for demand in appeal.demands %}")
    demand = paragraph(doc, "Demand", "{{ loop.index }}.", TAB, "{{r demand|rich }}")
    demand.paragraph_format.keep_together = True
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if letterhead.signatory %}")
    paragraph(doc, "Signatory", "{{ letterhead.signatory.name }}")
    tag(doc, "{%p if letterhead.signatory.title %}")
    paragraph(doc, "Signatory Title", "{{ letterhead.signatory.title }}")
    tag(doc, "{%p endif %}")
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


def _field(code: str, result: str) -> list[str]:
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r><w:t>{result}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def page_setup(doc: DocumentObject) -> None:
    """A4, 2 cm margins, and the footer ``Page X of Y`` on every page."""
    section = doc.sections[0]
    section.page_width = Twips(PAGE_WIDTH)
    section.page_height = Twips(PAGE_HEIGHT)
    section.top_margin = section.bottom_margin = Twips(MARGIN)
    section.left_margin = section.right_margin = Twips(MARGIN)
    section.header_distance = section.footer_distance = Twips(HEADER_FOOTER)
    section.gutter = Twips(0)
    footer = section.footer
    footer.is_linked_to_previous = False
    ftr = footer._element
    for child in list(ftr):
        ftr.remove(child)
    runs = [
        '<w:r><w:t xml:space="preserve">Page </w:t></w:r>',
        *_field("PAGE", "1"),
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r>',
        *_field("NUMPAGES", "1"),
    ]
    ftr.append(
        parse_xml(f'<w:p {W}><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{"".join(runs)}</w:p>')
    )


# The package -------------------------------------------------------------------------------------


def package(doc: DocumentObject) -> None:
    """Own styles, settings, theme and fonts; drop the parts python-docx's default carries."""
    styles = doc.styles.element
    for child in list(styles):
        styles.remove(child)
    for child in parse_xml(styles_xml()):
        styles.append(child)
    settings = doc.settings.element
    for child in list(settings):
        settings.remove(child)
    for child in parse_xml(settings_xml()):
        settings.append(child)

    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.is_external:
            continue
        if rel.reltype in (RT.NUMBERING, RT.CUSTOM_XML) or rel.reltype.endswith(
            "/stylesWithEffects"
        ):
            part.drop_rel(rel_id)
        elif rel.reltype == RT.THEME:
            rel.target_part._blob = theme_xml(rel.target_part.blob)
        elif rel.reltype == RT.FONT_TABLE:
            rel.target_part._blob = font_table_xml()
    package_rels = part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML

    properties = doc.core_properties
    properties.title = "Urgent appeal"
    properties.subject = ""
    properties.author = ""
    properties.keywords = ""
    properties.comments = ""
    properties.category = ""
    properties.last_modified_by = ""
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = FIXED_DATE
    properties.modified = FIXED_DATE


def build() -> bytes:
    """The template's bytes."""
    doc = Document()
    package(doc)
    page_setup(doc)
    letterhead(doc)
    body(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic(buffer.getvalue())


def deterministic(data: bytes) -> bytes:
    """``data`` (a zip) rewritten with fixed timestamps and attributes, entries in order."""
    return reproducible_zip(data, dt.date(*ZIP_DATE[:3]))


def main() -> None:
    """Write templates/appeal/appeal.docx."""
    OUTPUT.write_bytes(build())
    print(OUTPUT)


if __name__ == "__main__":
    main()
