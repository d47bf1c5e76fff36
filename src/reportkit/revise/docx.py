"""The 新旧対照表 as a Word document: A4 landscape, a two-column table 新 / 旧.

Built on the briefing's parts (:mod:`reportkit.writers.docx`): its styles, header (meeting
and boxed 資料番号) and page-number footer, settings, properties and reproducible
package. Everything is formatted by named styles, so an editor restyles it in one place:
the table style 新旧対照表, the paragraph styles 対照表本文, 対照表見出し, 傍線注記 and
移動注記, and the character styles 傍線 (the underline of a change), 対照表強調 (emphasis,
bold without an underline, since an underline means a change here), 事例番号, and the
attribution's 出典 with its 傍線 / 太字 variants.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as WordDocument

from reportkit.revise.compare import Comparison
from reportkit.revise.marks import Mark, Marked
from reportkit.revise.summary import headline
from reportkit.revise.table import NOTE, Cell, Order, TableRow, headers, table_rows
from reportkit.view import Fonts, View
from reportkit.writers.docx import package, page, settings, styles
from reportkit.writers.docx.body import Flow
from reportkit.writers.docx.ooxml import element, fonts_xml, mm, paragraph_xml, run_xml
from reportkit.writers.docx.styles import _BOLD, _UNDERLINE, _rpr, _size, _style

PAGE_WIDTH, PAGE_HEIGHT = mm(297), mm(210)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE = mm(22), mm(18), mm(18)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE
LANDSCAPE = page.Paper(PAGE_WIDTH, PAGE_HEIGHT, MARGIN_TOP, MARGIN_BOTTOM, MARGIN_SIDE)
COLUMN = TEXT_WIDTH // 2
CELL_MARGIN = 100  # twips left and right inside a cell

# Style ids (stable; what tests refer to) and the names Word shows.
TABLE = "ShinkyuTable"
TABLE_NAME = "新旧対照表"
TEXT = "ShinkyuText"
TEXT_NAME = "対照表本文"
HEADING = "ShinkyuHeading"
HEADING_NAME = "対照表見出し"
SECTION_HEADING = "ShinkyuSectionHeading"
COLUMN_HEADING = "ShinkyuColumnHeading"
MARK_NOTE = "ShinkyuMarkNote"
MOVE_NOTE = "ShinkyuMoveNote"
CHANGED = "Changed"
CHANGED_NAME = "傍線"
EMPHASIS = "ShinkyuEmphasis"
EMPHASIS_NAME = "対照表強調"
CHANGED_EMPHASIS = "ChangedEmphasis"
NUMBER = styles.CASE_NUMBER  # the briefing's 事例番号
ATTRIBUTION_CHANGED = "AttributionChanged"
ATTRIBUTION_BOLD = "AttributionBold"
ATTRIBUTION_BOLD_CHANGED = "AttributionBoldChanged"

#: (changed, emphasis, attribution) -> character style id (None: the paragraph's own).
RUN_STYLES: dict[tuple[bool, bool, bool], str | None] = {
    (False, False, False): None,
    (True, False, False): CHANGED,
    (False, True, False): EMPHASIS,
    (True, True, False): CHANGED_EMPHASIS,
    (False, False, True): styles.ATTRIBUTION,
    (True, False, True): ATTRIBUTION_CHANGED,
    (False, True, True): ATTRIBUTION_BOLD,
    (True, True, True): ATTRIBUTION_BOLD_CHANGED,
}


def style_definitions(fonts: Fonts) -> list[str]:
    """The styles the 新旧対照表 adds to the briefing's, as ``w:style`` XML."""
    heading = fonts_xml(fonts.word_heading)
    para, char = "paragraph", "character"
    return [
        _style(
            para,
            TEXT,
            TEXT_NAME,
            based_on="Normal",
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:before="40" w:after="40" w:line="300" w:lineRule="auto"/>'
            '<w:jc w:val="both"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            HEADING,
            HEADING_NAME,
            based_on=TEXT,
            priority=99,
            custom=True,
            body='<w:pPr><w:keepNext/><w:jc w:val="left"/></w:pPr>' + _rpr(heading, _BOLD),
        ),
        _style(
            para,
            SECTION_HEADING,
            "対照表見出し（大項目）",
            based_on=HEADING,
            priority=99,
            custom=True,
            body=_rpr(_size(22)),
        ),
        _style(
            para,
            COLUMN_HEADING,
            "対照表列見出し",
            based_on=HEADING,
            priority=99,
            custom=True,
            body='<w:pPr><w:jc w:val="center"/></w:pPr>' + _rpr(),
        ),
        _style(
            para,
            MARK_NOTE,
            "傍線注記",
            based_on="Normal",
            priority=99,
            custom=True,
            body='<w:pPr><w:spacing w:before="60" w:after="60"/><w:jc w:val="right"/></w:pPr>'
            + _rpr(),
        ),
        _style(
            para,
            MOVE_NOTE,
            "移動注記",
            based_on=TEXT,
            priority=99,
            custom=True,
            body=_rpr(heading, _size(16), '<w:color w:val="595959"/>'),
        ),
        _style(
            char,
            CHANGED,
            CHANGED_NAME,
            based_on="DefaultParagraphFont",
            priority=19,
            custom=True,
            body=_rpr(_UNDERLINE, lang=False),
        ),
        _style(
            char,
            EMPHASIS,
            EMPHASIS_NAME,
            based_on="DefaultParagraphFont",
            priority=20,
            custom=True,
            body=_rpr(heading, _BOLD, lang=False),
        ),
        _style(
            char,
            CHANGED_EMPHASIS,
            "傍線（強調）",
            based_on=EMPHASIS,
            priority=20,
            custom=True,
            body=_rpr(_UNDERLINE, lang=False),
        ),
        _style(
            char,
            ATTRIBUTION_CHANGED,
            "出典（傍線）",
            based_on=styles.ATTRIBUTION,
            priority=21,
            custom=True,
            body=_rpr(_UNDERLINE, lang=False),
        ),
        _style(
            char,
            ATTRIBUTION_BOLD,
            "出典（太字）",
            based_on=styles.ATTRIBUTION,
            priority=21,
            custom=True,
            body=_rpr(_BOLD, lang=False),
        ),
        _style(
            char,
            ATTRIBUTION_BOLD_CHANGED,
            "出典（太字・傍線）",
            based_on=ATTRIBUTION_BOLD,
            priority=21,
            custom=True,
            body=_rpr(_UNDERLINE, lang=False),
        ),
        _style(
            "table",
            TABLE,
            TABLE_NAME,
            based_on="TableGrid",
            priority=59,
            custom=True,
            body=f'<w:tblPr><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
            f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
            '<w:tblStylePr w:type="firstRow"><w:pPr><w:jc w:val="center"/></w:pPr>'
            f"<w:rPr>{heading}<w:b/><w:bCs/></w:rPr>"
            '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr>'
            "</w:tblStylePr>",
        ),
    ]


def _add_styles(document: WordDocument, fonts: Fonts) -> None:
    root = document.styles.element
    for xml in style_definitions(fonts):
        root.append(element(xml))


def _runs(marks: tuple[Mark, ...], attribution: bool) -> list[str]:
    return [run_xml(m.text, RUN_STYLES[m.changed, m.emphasis, attribution]) for m in marks]


def _paragraphs(cell: Cell, level: str) -> str:
    """The paragraphs of one side of a row."""
    if cell.marked is None:
        parts = [paragraph_xml(TEXT, run_xml(cell.placeholder))]
    elif level in ("section", "topic"):
        style = SECTION_HEADING if level == "section" else HEADING
        parts = [paragraph_xml(style, *_runs(cell.marked.body, False))]
    else:
        parts = [paragraph_xml(TEXT, *_case_runs(cell, cell.marked))]
    if cell.note:
        parts.append(paragraph_xml(MOVE_NOTE, run_xml(cell.note)))
    return "".join(parts)


def _case_runs(cell: Cell, marked: Marked) -> list[str]:
    number = [run_xml(cell.number, NUMBER), run_xml("\u3000")] if cell.number else []
    return [*number, *_runs(marked.body, False), *_runs(marked.tail, True)]


def _cell_xml(content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{COLUMN}" w:type="dxa"/></w:tcPr>{content}</w:tc>'


def table_xml(rows: list[TableRow], order: Order) -> str:
    """The 新旧対照表 as one ``w:tbl``: a header row repeated on every page, then the rows."""
    head = "".join(
        _cell_xml(paragraph_xml(COLUMN_HEADING, run_xml(name))) for name in headers(order)
    )
    body = []
    for row in rows:
        left, right = row.sides(order)
        cells = _cell_xml(_paragraphs(left, row.level)) + _cell_xml(_paragraphs(right, row.level))
        body.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{TABLE}"/><w:tblW w:w="{2 * COLUMN}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="0420" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid><w:gridCol w:w="{COLUMN}"/><w:gridCol w:w="{COLUMN}"/></w:tblGrid>'
        f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{''.join(body)}</w:tbl>"
    )


def _front(flow: Flow, comparison: Comparison, view: View) -> None:
    flow.text(styles.TITLE, f"「{view.document.title}」新旧対照表")
    flow.text(styles.DATE, view.date_text)
    flow.text(styles.NOTE, f"旧：{comparison.old_name}　新：{comparison.new_name}")
    flow.text("Normal", headline(comparison))
    flow.text(MARK_NOTE, NOTE)


def render(comparison: Comparison, view: View, order: Order = "new-old") -> bytes:
    """The 新旧対照表 of ``comparison`` as .docx bytes, identical for identical inputs."""
    document = docx.Document()
    page.set_up_pages(document, LANDSCAPE)
    styles.apply_styles(document, view.fonts, styles.Layout(text_width=TEXT_WIDTH))
    _add_styles(document, view.fonts)
    settings.configure(document)
    package.drop_template_leftovers(document)
    package.set_properties(document, view)
    document.core_properties.title = f"{view.document.title} 新旧対照表"
    page.add_header_and_footer(document, view)
    flow = Flow(document)
    _front(flow, comparison, view)
    rows = table_rows(comparison)
    if rows:
        flow.parts.append(table_xml(rows, order))
        flow.parts.append(paragraph_xml(TEXT))  # Word needs a paragraph after a table
    else:
        flow.text(TEXT, "変更はありません。")
    flow.flush()
    buffer = io.BytesIO()
    document.save(buffer)
    return package.finish(buffer.getvalue(), view)
