"""The head of page 1, as a 会議資料 has it: meeting and date, title, issuer and the note.

The 資料番号 box at the top right is drawn by the first page's template
(:func:`draw_number_box`), since it belongs to the page, not to the text flow; the
overview follows the title block on the same page.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from reportkit.view import View
from reportkit.writers.pdf.styles import ACCENT, COLUMN, INK, MUTED, RULE, Styles
from reportkit.writers.pdf.text import Align, JText, Span, TextStyle

NOTE_PADDING = 6.0


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


def _line(text: str, style: TextStyle, align: Align, leading: float, after: float = 0.0) -> JText:
    return JText([Span(text, style)], leading=leading, align=align, space_after=after)


def title_block(view: View, styles: Styles) -> list[Flowable]:
    """Meeting and date (right), title and subtitle (centred), issuer (right), the note."""
    s = styles
    meeting = view.meeting
    story: list[Flowable] = []
    dated = s.sized(s.label, 10.5, INK)
    if meeting.name:
        story.append(_line(meeting.name, dated, "right", 16))
    story.append(_line(view.date_text, dated, "right", 16, after=8))
    story.append(_line(view.document.title, s.sized(s.section, 19, INK), "center", 28))
    if view.document.subtitle:
        story.append(_line(view.document.subtitle, s.sized(s.topic, 12.5, MUTED), "center", 20))
    story.append(_Rule())
    if meeting.organisation:
        story.append(_line(meeting.organisation, s.sized(s.label, 10, INK), "right", 15, after=6))
    if view.document.note:
        story.append(_note(view.document.note, s))
    story.append(Spacer(0, 8))
    return story


class _Rule(Flowable):
    """A short centred rule under the title."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width, self.height = availWidth, 14.0
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(self.width * 0.3, 7, self.width * 0.7, 7)
        canvas.restoreState()


def _note(note: str, styles: Styles) -> Table:
    """The ※ note on where the cases come from, in a thin box."""
    text = JText([Span(note, styles.sized(styles.body, 9))], leading=14, align="justify")
    box = Table([[text]], colWidths=[COLUMN])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("FONT", (0, 0), (-1, -1), styles.fonts.body.name, 9),  # not Helvetica
                ("LEFTPADDING", (0, 0), (-1, -1), NOTE_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), NOTE_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), NOTE_PADDING - 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), NOTE_PADDING - 2),
            ]
        )
    )
    return box
