"""The briefing's Word styles: Japanese fonts and language in the styles themselves.

Every piece of the briefing is formatted by a named style, never by direct formatting,
so an editor restyles the whole document by changing one style. Built-in styles keep
their English names (Word shows them localised: 表題, 見出し 1, 箇条書き); the styles
reportkit adds have Japanese names.

python-docx's template names theme fonts (``w:eastAsiaTheme``), which take precedence
over explicit fonts; every style here names its fonts explicitly instead, from
:class:`~reportkit.view.Fonts`.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.styles.style import _TableStyle

from reportkit.view import Fonts
from reportkit.writers.docx.ooxml import LANG_XML, attr, element, fonts_xml, qn

# Style ids (stable; what body and tests refer to) and the names Word shows.
NORMAL = "Normal"
TITLE = "Title"
SUBTITLE = "Subtitle"
DATE = "Date"
ISSUER = "Issuer"
NOTE = "Note"
SMALL_NOTE = "SmallNote"
TOC_HEADING = "TOCHeading"
TOC_1 = "TOC1"
TOC_2 = "TOC2"
SUMMARY_HEADING = "SummaryHeading"
SUMMARY_TEXT = "SummaryText"
HEADING_1 = "Heading1"
HEADING_2 = "Heading2"
CASE = "ListBullet"
CASE_NUMBER = "CaseNumber"
CAPTION = "Caption"
TABLE_TEXT = "TableText"
TABLE_NUMBER = "TableNumber"
TABLE_HEADING = "TableHeading"
HEADER = "Header"
FOOTER = "Footer"
EMPHASIS = "CaseEmphasis"
ATTRIBUTION = "Attribution"
ATTRIBUTION_EMPHASIS = "AttributionEmphasis"
DOCUMENT_NUMBER = "DocumentNumber"
SUMMARY_TABLE = "SummaryTable"
LIST_TABLE = "SummaryListTable"

EMPHASIS_NAME = "強調"
ATTRIBUTION_NAME = "出典"
ATTRIBUTION_EMPHASIS_NAME = "出典（強調）"
CASE_NUMBER_NAME = "事例番号"

CASE_NUM_ID = 1
CASE_BULLET = "○"
CASE_INDENT = 315  # twips: the ○ at the margin, the case's lines one character in

# Sizes in half-points.
BODY_SIZE = 21  # 10.5 pt, the size of Japanese official documents
SMALL_SIZE = 18  # 9 pt
CASE_NUMBER_SIZE = 16  # 8 pt
MUTED = "595959"  # the grey of case numbers, as the PDF prints them


@dataclass(frozen=True)
class Layout:
    """Measures the styles depend on (twips)."""

    text_width: int


def _rpr(*parts: str, lang: bool = True) -> str:
    return "<w:rPr>" + "".join(parts) + (LANG_XML if lang else "") + "</w:rPr>"


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


_BOLD = "<w:b/><w:bCs/>"
_UNDERLINE = '<w:u w:val="single"/>'


def _style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    next_style: str | None = None,
    priority: int | None = None,
    custom: bool = False,
    default: bool = False,
    body: str = "",
) -> str:
    head = f'<w:style w:type="{kind}"'
    head += ' w:default="1"' if default else ""
    head += ' w:customStyle="1"' if custom else ""
    head += f' w:styleId="{style_id}">'
    parts = [head, f"<w:name w:val={attr(name)}/>"]
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if priority is not None:
        parts.append(f'<w:uiPriority w:val="{priority}"/>')
    parts.append("<w:qFormat/>")
    parts.append(body)
    parts.append("</w:style>")
    return "".join(parts)


def style_definitions(fonts: Fonts, layout: Layout) -> list[str]:
    """Every style the briefing uses, as ``w:style`` XML."""
    body, heading = fonts_xml(fonts.word_body), fonts_xml(fonts.word_heading)
    width = layout.text_width
    para, char = "paragraph", "character"
    return [
        _style(
            para,
            "Normal",
            "Normal",
            default=True,
            body='<w:pPr><w:widowControl/><w:spacing w:after="0" w:line="260" w:lineRule="auto"/>'
            '<w:jc w:val="both"/></w:pPr>' + _rpr(body, _size(BODY_SIZE)),
        ),
        _style(
            para,
            TITLE,
            "Title",
            based_on="Normal",
            next_style=SUBTITLE,
            priority=10,
            body='<w:pPr><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr>'
            + _rpr(heading, _BOLD, '<w:kern w:val="28"/>', _size(32)),
        ),
        _style(
            para,
            SUBTITLE,
            "Subtitle",
            based_on="Normal",
            next_style="Normal",
            priority=11,
            body='<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr>'
            + _rpr(heading, _size(24)),
        ),
        _style(
            para,
            DATE,
            "Date",
            based_on="Normal",
            next_style="Normal",
            priority=99,
            body='<w:pPr><w:jc w:val="right"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            ISSUER,
            "発信元",
            based_on=DATE,
            next_style="Normal",
            priority=99,
            custom=True,
            body=_rpr(),
        ),
        _style(
            para,
            NOTE,
            "注記",
            based_on="Normal",
            next_style="Normal",
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:before="240"/><w:ind w:left="200" w:hanging="200"/></w:pPr>'
            + _rpr(_size(19)),
        ),
        _style(
            para,
            SMALL_NOTE,
            "注記（小）",
            based_on=NOTE,
            next_style="Normal",
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:before="60"/><w:ind w:left="180" w:hanging="180"/></w:pPr>'
            + _rpr(_size(SMALL_SIZE)),
        ),
        _style(
            para,
            TOC_HEADING,
            "TOC Heading",
            based_on="Normal",
            next_style="Normal",
            priority=39,
            body='<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="360" w:after="120"/>'
            '<w:outlineLvl w:val="9"/></w:pPr>' + _rpr(heading, _BOLD, _size(24)),
        ),
        _style(
            para,
            TOC_1,
            "toc 1",
            based_on="Normal",
            next_style="Normal",
            priority=39,
            body=f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
            '<w:spacing w:before="60"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            TOC_2,
            "toc 2",
            based_on="Normal",
            next_style="Normal",
            priority=39,
            body=f'<w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{width}"/></w:tabs>'
            '<w:ind w:left="420"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            HEADING_1,
            "heading 1",
            based_on="Normal",
            next_style="Normal",
            priority=9,
            body="<w:pPr><w:keepNext/><w:keepLines/>"
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
            '<w:spacing w:before="360" w:after="120"/><w:jc w:val="left"/>'
            '<w:outlineLvl w:val="0"/></w:pPr>' + _rpr(heading, _BOLD, _size(28)),
        ),
        _style(
            para,
            SUMMARY_HEADING,
            "集計見出し",
            based_on=HEADING_1,
            next_style=SUMMARY_TEXT,
            priority=9,
            custom=True,
            body="<w:pPr><w:pageBreakBefore/></w:pPr>" + _rpr(),
        ),
        _style(
            para,
            SUMMARY_TEXT,
            "集計本文",
            based_on="Normal",
            next_style=SUMMARY_TEXT,
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:after="120"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            HEADING_2,
            "heading 2",
            based_on="Normal",
            next_style=CASE,
            priority=9,
            body='<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>'
            '<w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr>'
            + _rpr(heading, _BOLD, _size(22)),
        ),
        _style(
            para,
            CASE,
            "List Bullet",
            based_on="Normal",
            priority=99,
            body=f'<w:pPr><w:numPr><w:numId w:val="{CASE_NUM_ID}"/></w:numPr>'
            f'<w:tabs><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
            '<w:spacing w:after="80"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            CAPTION,
            "caption",
            based_on="Normal",
            next_style="Normal",
            priority=35,
            body='<w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/></w:pPr>'
            + _rpr(heading, _BOLD, _size(20)),
        ),
        _style(
            para,
            TABLE_TEXT,
            "表本文",
            based_on="Normal",
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr>'
            + _rpr(_size(SMALL_SIZE)),
        ),
        _style(
            para,
            TABLE_NUMBER,
            "表本文（数値）",
            based_on=TABLE_TEXT,
            priority=99,
            custom=True,
            body='<w:pPr><w:jc w:val="right"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            TABLE_HEADING,
            "表見出し",
            based_on=TABLE_TEXT,
            priority=99,
            custom=True,
            body='<w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr>' + _rpr(heading, _BOLD),
        ),
        _style(
            para,
            HEADER,
            "header",
            based_on="Normal",
            priority=99,
            body=f'<w:pPr><w:tabs><w:tab w:val="center" w:pos="{width // 2}"/>'
            f'<w:tab w:val="right" w:pos="{width}"/></w:tabs></w:pPr>' + _rpr(_size(SMALL_SIZE)),
        ),
        _style(
            para,
            FOOTER,
            "footer",
            based_on="Normal",
            priority=99,
            body='<w:pPr><w:jc w:val="center"/></w:pPr>' + _rpr(_size(SMALL_SIZE)),
        ),
        _style(
            char,
            EMPHASIS,
            EMPHASIS_NAME,
            based_on="DefaultParagraphFont",
            priority=20,
            custom=True,
            body=_rpr(_BOLD, _UNDERLINE, lang=False),
        ),
        _style(
            char,
            CASE_NUMBER,
            CASE_NUMBER_NAME,
            based_on="DefaultParagraphFont",
            priority=19,
            custom=True,
            body=_rpr(heading, f'<w:color w:val="{MUTED}"/>', _size(CASE_NUMBER_SIZE), lang=False),
        ),
        _style(
            char,
            ATTRIBUTION,
            ATTRIBUTION_NAME,
            based_on="DefaultParagraphFont",
            priority=21,
            custom=True,
            body=_rpr(heading, lang=False),
        ),
        _style(
            char,
            ATTRIBUTION_EMPHASIS,
            ATTRIBUTION_EMPHASIS_NAME,
            based_on=ATTRIBUTION,
            priority=21,
            custom=True,
            body=_rpr(_BOLD, _UNDERLINE, lang=False),
        ),
        _style(
            char,
            DOCUMENT_NUMBER,
            "資料番号",
            based_on="DefaultParagraphFont",
            priority=22,
            custom=True,
            body=_rpr(
                heading,
                _size(24),
                '<w:bdr w:val="single" w:sz="8" w:space="1" w:color="auto"/>',
                lang=False,
            ),
        ),
        _style(
            "table",
            SUMMARY_TABLE,
            "集計表",
            based_on="TableGrid",
            priority=59,
            custom=True,
            body='<w:tblPr><w:tblCellMar><w:top w:w="28" w:type="dxa"/>'
            '<w:left w:w="85" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
            '<w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow">'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr>'
            "</w:tblStylePr>"
            '<w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
            '<w:tcPr><w:tcBorders><w:top w:val="double" w:sz="4" w:space="0" w:color="auto"/>'
            "</w:tcBorders></w:tcPr></w:tblStylePr>",
        ),
        _style(
            "table",
            LIST_TABLE,
            "集計表（一覧）",
            based_on=SUMMARY_TABLE,
            priority=59,
            custom=True,
            body='<w:tblPr><w:tblStyleRowBandSize w:val="1"/></w:tblPr>'
            '<w:tblStylePr w:type="band1Horz">'
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>'
            "</w:tblStylePr>",
        ),
    ]


def _doc_defaults(fonts: Fonts) -> str:
    return (
        "<w:docDefaults><w:rPrDefault>"
        + _rpr(fonts_xml(fonts.word_body), _size(BODY_SIZE))
        + "</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>"
    )


def _case_numbering(fonts: Fonts) -> tuple[str, str]:
    """The bullet list of cases: ○ at the margin, text one character in."""
    abstract = (
        '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5245504B"/>'
        '<w:multiLevelType w:val="singleLevel"/><w:tmpl w:val="5245504B"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        f'<w:pStyle w:val="{CASE}"/><w:lvlText w:val="{CASE_BULLET}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{CASE_INDENT}" w:hanging="{CASE_INDENT}"/></w:pPr>'
        f"<w:rPr>{fonts_xml(fonts.word_body)}</w:rPr></w:lvl></w:abstractNum>"
    )
    num = f'<w:num w:numId="{CASE_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>'
    return abstract, num


def apply_styles(document: WordDocument, fonts: Fonts, layout: Layout) -> None:
    """Replace the template's styles, defaults and numbering with the briefing's."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    new_defaults = element(_doc_defaults(fonts))
    if defaults is None:
        styles.insert(0, new_defaults)
    else:
        defaults.getparent().replace(defaults, new_defaults)

    definitions = [element(xml) for xml in style_definitions(fonts, layout)]
    defined = {d.get(qn("w:styleId")) for d in definitions}
    for old in styles.findall(qn("w:style")):
        if old.get(qn("w:styleId")) in defined or old.get(qn("w:styleId")) not in _KEEP:
            styles.remove(old)
    for definition in definitions:
        styles.append(definition)

    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for xml in _case_numbering(fonts):
        numbering.append(element(xml))


# Template styles the briefing keeps: the defaults and what its own styles are based on.
_KEEP = frozenset({"DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"})


def table_style(document: WordDocument, style_id: str) -> _TableStyle:
    """The table style with ``style_id`` (looked up once per table, not per cell)."""
    found = document.styles.element.get_by_id(style_id)
    if found is None or found.type != WD_STYLE_TYPE.TABLE:
        raise KeyError(style_id)
    return _TableStyle(found)
