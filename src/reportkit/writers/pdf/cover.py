"""The cover: title, subtitle, meeting name, 和暦 date, the source note and the organisation.

The 資料番号 box at the top right is drawn by the cover page template
(:func:`draw_number_box`), since it belongs to the page, not to the text flow.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from reportkit.view import View
from reportkit.writers.pdf.styles import ACCENT, INK, MUTED, RULE, Styles
from reportkit.writers.pdf.text import JText, Span, TextStyle


def draw_number_box(
    canvas: Canvas, number: str, style: TextStyle, right: float, top: float
) -> None:
    """``number`` (資料3) in a ruled box whose top right corner is at (right, top)."""
    pad_x, pad_y = style.size * 0.8, style.size * 0.45
    width = canvas.stringWidth(number, style.font, style.size) + 2 * pad_x
    height = style.size + 2 * pad_y
    canvas.saveState()
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(1.0)
    canvas.rect(right - width, top - height, width, height, stroke=1, fill=0)
    canvas.setFont(style.font, style.size)
    canvas.setFillColor(INK)
    canvas.drawCentredString(right - width / 2, top - height + pad_y + style.size * 0.12, number)
    canvas.restoreState()


class Cover(Flowable):
    """Fills the cover frame: the title block a third down, the note and organisation
    at the foot."""

    def __init__(self, view: View, styles: Styles) -> None:
        super().__init__()
        s = styles
        title = s.sized(s.section, 24, INK)
        self._top: list[JText] = [
            JText([Span(view.document.title, title)], leading=36, align="center", space_after=10)
        ]
        if view.document.subtitle:
            sub = s.sized(s.topic, 15, MUTED)
            self._top.append(JText([Span(view.document.subtitle, sub)], leading=22, align="center"))
        self._middle: list[JText] = []
        if view.meeting.name:
            meeting = s.sized(s.topic, 14, INK)
            self._middle.append(
                JText([Span(view.meeting.name, meeting)], leading=22, align="center")
            )
        date = s.sized(s.label, 13, INK)
        self._middle.append(JText([Span(view.date_text, date)], leading=22, align="center"))
        self._note = (
            JText([Span(view.document.note, s.sized(s.body, 9.5))], leading=16, align="justify")
            if view.document.note
            else None
        )
        self._organisation = (
            JText(
                [Span(view.meeting.organisation, s.sized(s.topic, 12, INK))],
                leading=18,
                align="center",
            )
            if view.meeting.organisation
            else None
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, availHeight - 1
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        width = self.width
        y = self.height * 0.70
        for block in self._top:
            _, h = block.wrap(width, self.height)
            block.drawOn(canvas, 0, y - h)
            y -= h + block.spaceAfter
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(width * 0.25, y - 8, width * 0.75, y - 8)
        canvas.restoreState()
        y -= 30
        for block in self._middle:
            _, h = block.wrap(width, self.height)
            block.drawOn(canvas, 0, y - h)
            y -= h + 4
        bottom = 0.0
        if self._organisation is not None:
            _, h = self._organisation.wrap(width, self.height)
            self._organisation.drawOn(canvas, 0, bottom)
            bottom += h + 24
        if self._note is not None:
            pad = 10.0
            _, h = self._note.wrap(width - 2 * pad, self.height)
            canvas.saveState()
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.rect(0, bottom, width, h + 2 * pad, stroke=1, fill=0)
            canvas.restoreState()
            self._note.drawOn(canvas, pad, bottom + pad)
