"""Building Word templates with python-docx: what every template's build script shares.

Each document kind's ``templates/<kind>/build_docx.py`` makes its ``.docx`` from scratch with
these pieces, so the template can be reviewed as code: Noto Sans in every style, the theme and
the font table; A4 with 2 cm margins and ``Page X of Y`` in the footer; the styles all templates
share; one run per Jinja tag; and the same bytes on every build (fixed dates, fixed zip times).
"""

from __future__ import annotations

import datetime as dt
import io

from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from advocacy.files import reproducible_zip

FONT = "Noto Sans"
ACCENT = "1F4E9A"
"""The one accent colour (dark blue), as in templates/partials/base.css; advocacy/formats/docx.py
draws links in narrative text in it."""
LINK = ACCENT
LANGUAGE = "en-GB"

# Sizes in half-points.
BODY = 21  # 10.5 pt
FOOTER = 16  # 8 pt
TAG = 14  # 7 pt: the template's own {%p …%} lines, which rendering removes

# Lengths in twentieths of a point (twips): 567 to the centimetre.
PAGE_WIDTH = 11906  # A4
PAGE_HEIGHT = 16838
MARGIN = 1134  # 2 cm
HEADER_FOOTER = 567  # 1 cm from the edge of the page
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
# Line spacing 1.15, in 240ths of a line. Word multiplies the font's own line height, which for
# Noto Sans is already 1.36 em: 1.15 gives about 1.57 em, a little airier than the PDF's 1.45.
LINE = 276

FIXED_DATE = dt.datetime(2025, 1, 1)
ZIP_DATE = dt.date(1980, 1, 1)  # the earliest date a zip entry can carry

W = nsdecls("w")


# Styles ----------------------------------------------------------------------------------------


def fonts() -> str:
    return f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def style(
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
    parts.append(f"<w:rPr>{fonts()}{rpr}</w:rPr>")
    parts.append(extra)
    parts.append("</w:style>")
    return "".join(parts)


SHARED_STYLES: dict[str, str] = {
    "Normal": style(
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
        rpr=f'<w:color w:val="000000"/>{size(BODY)}<w:lang w:val="{LANGUAGE}"/>',
    ),
    "DefaultParagraphFont": style(
        "DefaultParagraphFont",
        "Default Paragraph Font",
        kind="character",
        based_on=None,
        default=True,
        priority=1,
        hidden=True,
    ),
    "TableNormal": style(
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
    "Hyperlink": style(
        "Hyperlink",
        "Hyperlink",
        kind="character",
        based_on="DefaultParagraphFont",
        priority=99,
        rpr=f'<w:color w:val="{LINK}"/><w:u w:val="single"/>',
    ),
    "Footer": style(
        "Footer",
        "footer",
        priority=99,
        hidden=True,
        ppr=(
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="center"/>'
        ),
        rpr=size(FOOTER),
    ),
    "TemplateTag": style(
        "TemplateTag",
        "Template Tag",
        priority=99,
        ppr='<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>',
        rpr=f'<w:noProof/><w:color w:val="808080"/>{size(TAG)}',
    ),
}
"""The styles every template shares, as the appeal defines them: its Normal, the default
character and table styles, Hyperlink, the footer and the grey "Template Tag" of {%p %} lines."""


def doc_defaults(paragraph_spacing: str | None = None) -> str:
    """Document defaults: Noto Sans at body size in LANGUAGE, and paragraph spacing."""
    spacing = paragraph_spacing or (f'<w:spacing w:after="120" w:line="{LINE}" w:lineRule="auto"/>')
    return (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts()}{size(BODY)}"
        f'<w:lang w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/></w:rPr>'
        f"</w:rPrDefault><w:pPrDefault><w:pPr>{spacing}</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
    )


def styles_part(styles: list[str], defaults: str | None = None) -> str:
    """The whole styles part: document defaults, then ``styles`` in order."""
    return f"<w:styles {W}>{defaults or doc_defaults()}{''.join(styles)}</w:styles>"


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


# Paragraphs and tags -----------------------------------------------------------------------------

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


def field(code: str, result: str) -> list[str]:
    return [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r><w:t>{result}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]


def message(text: str) -> str:
    """A run that prints ``text`` in the document's language (from the catalogs)."""
    return f'{{{{ _("{text}") }}}}'


def page_setup(doc: DocumentObject) -> None:
    """A4, 2 cm margins, the footer ``Page X of Y`` (in the document's language: the words
    around the two fields) and the internal mark on every page."""
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
        '<w:r><w:t xml:space="preserve">{{ page_words()[0] }}</w:t></w:r>',
        *field("PAGE", "1"),
        '<w:r><w:t xml:space="preserve">{{ page_words()[1] }}</w:t></w:r>',
        *field("NUMPAGES", "1"),
        '<w:r><w:t xml:space="preserve">{{ page_words()[2] }}</w:t></w:r>',
    ]
    ftr.append(
        parse_xml(f'<w:p {W}><w:pPr><w:pStyle w:val="Footer"/></w:pPr>{"".join(runs)}</w:p>')
    )
    # Every page of an internal document says so; in a public one the header stays empty (a
    # header needs a paragraph, so the condition sits inside it).
    header = section.header
    header.is_linked_to_previous = False
    hdr = header._element
    for child in list(hdr):
        hdr.remove(child)
    hdr.append(
        parse_xml(
            f'<w:p {W}><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/>'
            '<w:color w:val="B00000"/><w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">'
            '{% if audience == "internal" %}' + message("CONFIDENTIAL — internal") + "{% endif %}"
            "</w:t></w:r></w:p>"
        )
    )


# The package -------------------------------------------------------------------------------------


def package(doc: DocumentObject, styles_xml: str, title: str) -> None:
    """Own styles (``styles_xml``), settings, theme and fonts, the template's ``title``; drop the
    parts python-docx's default document carries."""
    styles = doc.styles.element
    for child in list(styles):
        styles.remove(child)
    for child in parse_xml(styles_xml):
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
    properties.title = title
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


def save(doc: DocumentObject) -> bytes:
    """The document's bytes, the same on every build: zip entries dated 1 January 1980."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return reproducible_zip(buffer.getvalue(), ZIP_DATE)
