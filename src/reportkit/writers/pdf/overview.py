"""The overview: cases per section and topic, a map of where they come from, and, for a
block handout, the national picture (cases per block).

Counts link to the cases they count. A regional edition names its region's local
governments apart from the co-actors from elsewhere, outlines its region on the map,
notes that shared cases count in every block they touch, and says once why its numbers
skip.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from reportkit.labels import (
    MAP_NOTE,
    MAP_TITLE,
    MULTIPLE_COUNTING_NOTE,
    NATIONAL_TITLE,
    NUMBERS_NOTE,
    OVERVIEW_TITLE,
    contents_parts,
    section_label,
    topic_label,
)
from reportkit.summary import (
    cases_by_prefecture,
    cases_by_topic,
    handout_blocks,
    region_name,
)
from reportkit.view import View
from reportkit.writers.pdf.body import section_destination
from reportkit.writers.pdf.headings import Heading, OutlineEntry
from reportkit.writers.pdf.styles import ACCENT, COLUMN, INK, RULE, TINT, Styles
from reportkit.writers.pdf.text import Align, JText, Span, TextStyle
from reportkit.writers.pdf.tilemap import SHADES, japan_map


def _cell(
    text: str,
    style: TextStyle,
    indent: float = 0.0,
    align: Align = "left",
    link: str | None = None,
) -> JText:
    return JText([Span(text, style, link)], leading=style.size * 1.35, indent=indent, align=align)


class Titled(Flowable):
    """A heading over a drawing and an optional caption under it; the drawing shrinks
    (down to ``min_scale``) to stay on the page with what precedes it, else the whole
    moves to the next page."""

    def __init__(
        self,
        title: str,
        drawing: Drawing,
        styles: Styles,
        min_scale: float = 0.7,
        caption: JText | None = None,
    ):
        super().__init__()
        self._heading = Heading(title, styles.topic, decoration="rule", space_after=6.0)
        drawing.initialFontName, drawing.initialFontSize = styles.fonts.body.name, 9
        self._drawing = drawing
        self._caption = caption
        self._min_scale = min_scale
        self.spaceBefore = 10.0
        self._scale = 1.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, head = self._heading.wrap(availWidth, availHeight)
        self._head = head + self._heading.spaceAfter
        self._foot = self._caption.wrap(availWidth, availHeight)[1] if self._caption else 0.0
        natural = self._drawing.height
        room = availHeight - self._head - self._foot
        self._scale = 1.0
        if natural > room >= natural * self._min_scale:
            self._scale = room / natural
        self.width = availWidth
        self.height = self._head + natural * self._scale + self._foot
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self._heading.drawOn(canvas, 0, self.height - self._heading.height)
        if self._caption is not None:
            self._caption.drawOn(canvas, 0, 0)
        canvas.translate(0, self._foot)
        width = self._drawing.width * self._scale
        canvas.saveState()
        canvas.translate((self.width - width) / 2, 0)
        canvas.scale(self._scale, self._scale)
        renderPDF.draw(self._drawing, canvas, 0, 0)
        canvas.restoreState()


def counts_table(view: View, styles: Styles) -> Table:
    """項目 | 事例数: a row per section (with its total) and per explicit topic."""
    label, strong = styles.label, styles.label_strong
    rows: list[list[Flowable]] = [[_cell("項目", strong), _cell("事例数", strong, align="right")]]
    tinted: list[int] = []
    total = 0
    current = None
    for section, topic, count in cases_by_topic(view.document):
        if section is not current:
            current = section
            total += len(section.cases)
            tinted.append(len(rows))
            link = section_destination(section.number)
            rows.append(
                [
                    _cell(section_label(section), strong, link=link),
                    _cell(f"{len(section.cases):,}件", strong, align="right", link=link),
                ]
            )
        if not topic.implicit:
            link = section_destination(section.number, topic.number)
            rows.append(
                [
                    _cell(topic_label(topic), label, indent=label.size, link=link),
                    _cell(f"{count:,}件", label, align="right", link=link),
                ]
            )
    first = section_destination(view.document.sections[0].number)
    rows.append([_cell("合計", strong), _cell(f"{total:,}件", strong, align="right", link=first)])
    table = Table(rows, colWidths=[COLUMN - 60, 60], repeatRows=1)
    commands = [
        ("LINEABOVE", (0, 0), (-1, 0), 1.0, ACCENT),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, ACCENT),
        ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
        ("LINEBELOW", (0, -1), (-1, -1), 1.0, ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONT", (0, 0), (-1, -1), styles.fonts.body.name, 9),
        ("TOPPADDING", (0, 0), (-1, -1), 1.0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.0),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), TINT) for r in tinted]
    table.setStyle(TableStyle(commands))
    return table


def national_chart(view: View, styles: Styles) -> Drawing | None:
    """Horizontal bars of cases per block nationwide; the handout's blocks are dark."""
    if view.national is None:
        return None
    order = [b for b in view.blocks if b in view.national] or list(view.national)
    selected = set(handout_blocks(view))
    peak = max(view.national.values(), default=0) or 1
    row, label_width, number_width = 13.0, 70.0, 40.0
    bar_space = COLUMN - label_width - number_width
    drawing = Drawing(COLUMN, row * len(order) + 2)
    for i, block in enumerate(order):
        count = view.national.get(block, 0)
        y = drawing.height - (i + 1) * row
        font = styles.label_strong if block in selected else styles.label
        width = bar_space * count / peak
        color = SHADES[4] if block in selected else SHADES[1]
        drawing.add(String(0, y + 4, block, fontName=font.font, fontSize=font.size, fillColor=INK))
        drawing.add(
            Rect(label_width, y + 2, max(width, 0.5), row - 3.5, fillColor=color, strokeColor=None)
        )
        drawing.add(
            String(
                label_width + width + 4,
                y + 4,
                f"{count:,}件",
                fontName=font.font,
                fontSize=font.size,
                fillColor=INK,
            )
        )
    return drawing


def _note(text: str, styles: Styles) -> JText:
    return JText([Span(text, styles.small)], leading=12.5, align="left", space_after=2.0)


def overview_story(view: View, styles: Styles) -> list[Flowable]:
    """Heading, a one-line summary, the table, (block handouts) the chart, and the map."""
    document = view.document
    selection = view.meeting.select
    region = region_name(selection) if selection.regional else None
    before, counted, after = contents_parts(view)
    first = section_destination(document.sections[0].number)
    story: list[Flowable] = [
        Heading(
            OVERVIEW_TITLE,
            styles.section,
            decoration="band",
            outline=OutlineEntry(OVERVIEW_TITLE, "overview", 0),
            space_after=8.0,
        ),
        JText(
            [
                Span(before, styles.body),
                Span(counted, styles.body, first),
                Span(after, styles.body),
            ],
            leading=styles.body.size * 1.5,
            align="left",
        ),
    ]
    if not selection.everything:
        story.append(_note(f"※ {NUMBERS_NOTE}", styles))
    story += [Spacer(0, 6), counts_table(view, styles)]
    chart = national_chart(view, styles)
    if chart is not None:
        shown = "濃い色が本資料の対象ブロック。" if handout_blocks(view) else "全国の事例数。"
        caption = _note(f"{shown}※ {MULTIPLE_COUNTING_NOTE}", styles)
        story.append(Titled(NATIONAL_TITLE, chart, styles, min_scale=1.0, caption=caption))
    drawing = japan_map(
        cases_by_prefecture(document),
        COLUMN,
        styles.sized(styles.label, 7.5),
        styles.sized(styles.label_strong, 9),
        title="事例数",
        note=MAP_NOTE,
        region=view.region,
        region_name=region or "",
    )
    story.append(Titled(MAP_TITLE, drawing, styles, min_scale=0.6))
    return story
