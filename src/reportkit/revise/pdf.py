"""The 新旧対照表 as a PDF: A4 landscape, two columns 新 and 旧, changes underlined.

Built from the handout's parts: its fonts (:func:`~reportkit.writers.pdf.fonts.find_fonts`),
its Japanese paragraph :class:`~reportkit.writers.pdf.text.JText` (禁則 line breaking; a
span whose style has ``underline`` is underlined, which marks the changed characters), its
資料番号 box, page numbers and reproducible canvas. Emphasis is set in the gothic face
without an underline, since here an underline means a change.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
    TableStyle,
)

from reportkit import __version__
from reportkit.revise.compare import Comparison
from reportkit.revise.marks import Mark, Marked
from reportkit.revise.summary import headline
from reportkit.revise.table import NOTE, Cell, Order, TableRow, headers, table_rows
from reportkit.view import View
from reportkit.writers.pdf.document import _canvas_class
from reportkit.writers.pdf.fonts import FontSet, find_fonts
from reportkit.writers.pdf.styles import ACCENT, INK, MUTED, RULE, TINT
from reportkit.writers.pdf.text import JText, Span, TextStyle
from reportkit.writers.pdf.title_block import draw_number_box

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
SIZE = 10.5
LEADING = SIZE * 1.6
PAD_X, PAD_Y = 6.0, 4.0
#: Each column's text holds a whole number of body characters (34), so full-width lines
#: end flush without spreading.
TEXT_WIDTH = 34 * SIZE
COLUMN = TEXT_WIDTH + 2 * PAD_X
MARGIN_X = (PAGE_WIDTH - 2 * COLUMN) / 2
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 16 * mm
FOOTER_Y = 8 * mm
SECTION_FILL = HexColor("#f3f5f9")
GRID_WIDTH = 0.5
"""Width of the table's rules; an underline is drawn thicker and in the text's colour."""


@dataclass(frozen=True)
class Look:
    """Every text style of the table, from the fonts found."""

    fonts: FontSet

    def text(self, mark: Mark, tail: bool = False, size: float = SIZE) -> TextStyle:
        """The style of a stretch of a case or heading: underlined when changed."""
        face = (
            self.fonts.strong
            if mark.emphasis
            else (self.fonts.heading if tail else self.fonts.body)
        )
        return TextStyle(face.name, size, ACCENT if tail else INK, underline=mark.changed)

    def heading(self, mark: Mark, size: float) -> TextStyle:
        return TextStyle(self.fonts.strong.name, size, INK, underline=mark.changed)

    def small(self, color: Color = MUTED, size: float = 8.0) -> TextStyle:
        return TextStyle(self.fonts.heading.name, size, color)

    def plain(self, size: float = SIZE) -> TextStyle:
        return TextStyle(self.fonts.body.name, size, INK)


def _spans(marks: tuple[Mark, ...], style: TextStyle | None, look: Look, tail: bool) -> list[Span]:
    return [
        Span(mark.text, look.text(mark, tail) if style is None else _with(style, mark))
        for mark in marks
    ]


def _with(style: TextStyle, mark: Mark) -> TextStyle:
    return TextStyle(style.font, style.size, style.color, underline=mark.changed)


def _cell(cell: Cell, level: str, look: Look) -> list[Flowable]:
    """The flowables of one side: the text (or placeholder) and a note."""
    found: list[Flowable] = []
    if cell.marked is None:
        found.append(JText([Span(cell.placeholder, look.plain())], leading=LEADING, align="left"))
    elif level in ("section", "topic"):
        size = 11.0 if level == "section" else SIZE
        spans = [Span(m.text, look.heading(m, size)) for m in cell.marked.body]
        found.append(JText(spans, leading=LEADING, align="left"))
    else:
        found.append(_case_text(cell, cell.marked, look))
    if cell.note:
        found.append(JText([Span(cell.note, look.small(MUTED, 8.5))], leading=12.0, align="left"))
    return found


def _case_text(cell: Cell, marked: Marked, look: Look) -> JText:
    number = [Span(f"{cell.number}\u3000", look.small())] if cell.number else []
    return JText(
        [*number, *_spans(marked.body, None, look, tail=False)],
        leading=LEADING,
        tail=_spans(marked.tail, None, look, tail=True),
    )


def _table(rows: list[TableRow], order: Order, look: Look) -> Table:
    left, right = headers(order)
    head = [
        JText([Span(name, look.heading(Mark(name), SIZE))], leading=LEADING, align="center")
        for name in (left, right)
    ]
    data: list[list[JText] | list[list[Flowable]]] = [head]
    for row in rows:
        data.append([_cell(side, row.level, look) for side in row.sides(order)])
    style = [
        # the cells' canvas font, which each paragraph's text object starts from
        ("FONT", (0, 0), (-1, -1), look.fonts.body.name, SIZE),
        ("GRID", (0, 0), (-1, -1), GRID_WIDTH, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), TINT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_Y),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
    ]
    for index, row in enumerate(rows, start=1):
        if row.level == "section":
            style.append(("BACKGROUND", (0, index), (-1, index), SECTION_FILL))
    return Table(data, colWidths=[COLUMN, COLUMN], repeatRows=1, style=TableStyle(style))


class _Sheet(BaseDocTemplate):  # type: ignore[misc]
    """A4 landscape pages: page numbers at the foot, the 資料番号 box on the first page."""

    def __init__(self, buffer: io.BytesIO, view: View, look: Look) -> None:
        super().__init__(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=f"{view.document.title} 新旧対照表",
            subject=" ".join(filter(None, [view.meeting.name, view.meeting.number])),
            author=view.meeting.organisation or "",
            creator=f"reportkit {__version__}",
            lang="ja-JP",
            invariant=1,
            displayDocTitle=True,
            initialFontName=look.fonts.body.name,
            initialFontSize=SIZE,
        )
        self.view, self.look = view, look
        frame = Frame(
            MARGIN_X,
            MARGIN_BOTTOM,
            PAGE_WIDTH - 2 * MARGIN_X,
            PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates([PageTemplate("sheet", [frame], onPage=self._page)])

    def _page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        style = self.look.small(MUTED, 9.0)
        canvas.setFont(style.font, style.size)
        canvas.setFillColor(style.color)
        canvas.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"- {canvas.getPageNumber()} -")
        number = self.view.meeting.number
        if number and canvas.getPageNumber() == 1:
            box = TextStyle(self.look.fonts.strong.name, 12, INK)
            draw_number_box(canvas, number, box, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 8 * mm)
        canvas.restoreState()


def _front(comparison: Comparison, view: View, look: Look) -> list[Flowable]:
    """Title, date, the meeting, what was compared, the counts and the note."""
    fonts = look.fonts
    title = TextStyle(fonts.strong.name, 15, INK)
    found: list[Flowable] = [
        JText(
            [Span(f"「{view.document.title}」新旧対照表", title)],
            leading=22,
            align="center",
            space_after=2,
        ),
        JText([Span(view.date_text, look.plain())], leading=LEADING, align="right"),
    ]
    if view.meeting.name:
        found.append(JText([Span(view.meeting.name, look.plain())], leading=LEADING, align="right"))
    compared = f"旧：{comparison.old_name}　新：{comparison.new_name}"
    found.append(JText([Span(compared, look.small())], leading=12, align="left"))
    found.append(JText([Span(headline(comparison), look.plain())], leading=LEADING, align="left"))
    found.append(JText([Span(NOTE, look.plain())], leading=LEADING, align="right", space_after=2))
    return found


def render(comparison: Comparison, view: View, order: Order = "new-old") -> bytes:
    """The 新旧対照表 of ``comparison`` (byte-identical for the same inputs)."""
    look = Look(find_fonts(view.fonts))
    buffer = io.BytesIO()
    sheet = _Sheet(buffer, view, look)
    story = _front(comparison, view, look)
    rows = table_rows(comparison)
    if rows:
        story.append(_table(rows, order, look))
    else:
        story.append(JText([Span("変更はありません。", look.plain())], leading=LEADING))
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        sheet.build(story, canvasmaker=_canvas_class(view.timestamp))
    finally:
        rl_config.useA85 = saved
    return buffer.getvalue()
