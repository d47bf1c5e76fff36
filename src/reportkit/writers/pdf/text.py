"""A paragraph flowable for Japanese: 禁則 line breaking, justification, emphasis, a tail.

:class:`JText` replaces reportlab's Paragraph for every multi-line Japanese text. It
breaks lines with :mod:`.kinsoku`, justifies full lines by character spacing (``Tc``,
as Japanese typesetting spreads characters, not words), underlines emphasised spans, and
can set a *tail* (the attribution) flush right on the last line, or on a line of its own
when it does not fit. A *bullet* hangs in the indent of the first line and a *gutter*
label (the case id) sits left of the text. A span may be a *link* to a named
destination of the document (an internal link: the reader jumps there on a click).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.colors import Color, black
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from reportkit.writers.pdf.fonts import scaled_widths, widths
from reportkit.writers.pdf.kinsoku import break_lines

Align = Literal["left", "center", "right", "justify"]
#: Largest character spacing a justified line may get, as a fraction of the font size;
#: a line that would need more (a long unbreakable word pushed down) stays ragged.
MAX_SPREAD = 0.35
TAIL_GAP = 1.0  # em between the last line's text and a tail on the same line
GUTTER_GAP = 6.0  # points between a gutter label and the text


@dataclass(frozen=True)
class TextStyle:
    """How a span is set."""

    font: str
    size: float
    color: Color = black
    underline: bool = False


@dataclass(frozen=True)
class Span:
    """A stretch of text in one style; ``link`` names the destination it leads to."""

    text: str
    style: TextStyle
    link: str | None = None


@dataclass
class _Chars:
    """Characters with their style index and advance width in points."""

    text: str = ""
    style_ids: list[int] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, name)

    @classmethod
    def of(cls, spans: Sequence[Span], styles: list[TextStyle]) -> _Chars:
        chars = cls()
        parts = []
        for span in spans:
            if span.style not in styles:
                styles.append(span.style)
            sid = styles.index(span.style)
            width_of = scaled_widths(span.style.font, span.style.size).__getitem__
            if span.link:
                start = len(chars.style_ids)
                chars.links.append((start, start + len(span.text), span.link))
            parts.append(span.text)
            chars.style_ids.extend([sid] * len(span.text))
            chars.widths.extend(map(width_of, span.text))
        chars.text = "".join(parts)
        return chars

    def tail_from(self, start: int) -> _Chars:
        links = [(max(a, start) - start, b - start, name) for a, b, name in self.links if b > start]
        return _Chars(self.text[start:], self.style_ids[start:], self.widths[start:], links)

    def width(self, start: int = 0, end: int | None = None) -> float:
        return sum(self.widths[start:end])


_Underline = tuple[float, float, float, TextStyle]


@dataclass(frozen=True)
class _Segment:
    """Characters ``start:end`` of ``source`` (0 body, 1 tail) drawn from ``x``."""

    source: int
    start: int
    end: int
    x: float
    spacing: float = 0.0


class JText(Flowable):
    """A Japanese paragraph; see the module docstring."""

    def __init__(
        self,
        spans: Sequence[Span],
        *,
        leading: float,
        align: Align = "justify",
        indent: float = 0.0,
        first_indent: float | None = None,
        tail: Sequence[Span] = (),
        bullet: Span | None = None,
        gutter: Span | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_with_next: bool = False,
    ) -> None:
        super().__init__()
        self._styles: list[TextStyle] = []
        self._body = _Chars.of(spans, self._styles)
        self._tail = _Chars.of(tail, self._styles)
        self._bullet = bullet
        self._gutter = gutter
        self.leading = leading
        self.align: Align = align
        self.indent = indent
        self.first_indent = indent if first_indent is None else first_indent
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = keep_with_next
        self._laid_width: float | None = None
        self._rows: list[list[_Segment]] = []
        self._frozen = False  # a first part of a split: its rows are final

    # -- layout ------------------------------------------------------------------------

    def _layout(self, avail: float) -> list[list[_Segment]]:
        if self._frozen or self._laid_width == avail:
            return self._rows
        width = max(avail - self.indent, 1.0)
        first = max(avail - self.first_indent, 1.0)
        body, tail = self._body, self._tail
        rows: list[list[_Segment]] = []
        lines = break_lines(body.text, body.widths, width, first) if body.text else []
        for number, line in enumerate(lines):
            x, w = (self.first_indent, first) if number == 0 else (self.indent, width)
            last = number == len(lines) - 1
            rows.append([self._place(line.start, line.end, line.hanging, x, w, last)])
        if tail.text:
            self._place_tail(rows, avail)
        self._laid_width, self._rows = avail, rows
        return rows

    def _place_tail(self, rows: list[list[_Segment]], right: float) -> None:
        """The tail flush right on the last line when it fits, else on lines of its own."""
        body, tail = self._body, self._tail
        tail_width = tail.width()
        if rows:
            last = rows[-1][0]
            used = last.x + body.width(last.start, last.end)
            gap = TAIL_GAP * self._styles[tail.style_ids[0]].size
            if used + gap + tail_width <= right + 1e-6:
                rows[-1].append(_Segment(1, 0, len(tail.text), right - tail_width))
                return
        width = max(right - self.indent, 1.0)
        for line in break_lines(tail.text, tail.widths, width):
            used = tail.width(line.start, line.end)
            rows.append([_Segment(1, line.start, line.end, right - used)])

    def _place(
        self, start: int, end: int, hanging: bool, x: float, width: float, last: bool
    ) -> _Segment:
        used = self._body.width(start, end)
        if self.align == "center":
            return _Segment(0, start, end, x + (width - used) / 2)
        if self.align == "right":
            return _Segment(0, start, end, x + width - used)
        if self.align != "justify" or last:
            return _Segment(0, start, end, x)
        count = end - start
        if hanging:
            used -= self._body.widths[end - 1]
            count -= 1
        if count < 2:
            return _Segment(0, start, end, x)
        spacing = max(0.0, (width - used) / (count - 1))
        size = self._styles[self._body.style_ids[start]].size
        if spacing > MAX_SPREAD * size:
            spacing = 0.0
        return _Segment(0, start, end, x, spacing)

    # -- Flowable protocol ---------------------------------------------------------------

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        rows = self._layout(availWidth)
        self.width = availWidth
        self.height = len(rows) * self.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        rows = self._layout(availWidth)
        total = len(rows)
        fit = min(int((availHeight + 1e-6) // self.leading), total - 2)
        if fit < 2:  # leave no orphan (one line at a page foot) or widow (one line atop)
            return []
        first = self._clone()
        first._rows, first._frozen = rows[:fit], True
        first.keepWithNext, first.spaceAfter = False, 0.0
        rest = self._clone()
        cut = rows[fit][0]
        if cut.source == 0:
            rest._body = self._body.tail_from(cut.start)
        else:
            rest._body, rest._tail = _Chars(), self._tail.tail_from(cut.start)
        rest._bullet = rest._gutter = None
        rest.spaceBefore, rest.first_indent = 0.0, self.indent
        return [first, rest]

    def _clone(self) -> JText:
        part = object.__new__(type(self))
        part.__dict__.update(self.__dict__)
        part._laid_width, part._rows, part._frozen = None, [], False
        # reportlab marks a flowable it moved to the next frame and raises LayoutError
        # when a marked one does not fit again: a part is a new flowable, not yet moved.
        part.__dict__.pop("_postponed", None)
        return part

    def draw(self) -> None:
        canvas: Canvas = self.canv
        pen = _Pen(canvas.beginText())
        underlines: list[_Underline] = []
        top = self.height
        for number, row in enumerate(self._rows):
            size = max((self._row_size(seg) for seg in row), default=10.0)
            baseline = top - number * self.leading - self.leading / 2 - 0.38 * size
            if number == 0:
                self._draw_marks(pen, baseline)
            for seg in row:
                self._draw_segment(pen, seg, baseline, underlines)
        pen.spacing(0.0)  # Tc outlives the text object: leave it as found
        canvas.drawText(pen.text)
        if underlines:
            canvas.saveState()
            current: tuple[Color, float] | None = None
            for x0, x1, y, style in underlines:
                stroke = (style.color, max(0.5, style.size * 0.06))
                if stroke != current:
                    canvas.setStrokeColor(stroke[0])
                    canvas.setLineWidth(stroke[1])
                    current = stroke
                canvas.line(x0, y - style.size * 0.17, x1, y - style.size * 0.17)
            canvas.restoreState()

    def _row_size(self, seg: _Segment) -> float:
        chars = self._body if seg.source == 0 else self._tail
        ids = set(chars.style_ids[seg.start : seg.end])
        return max((self._styles[i].size for i in ids), default=10.0)

    def _draw_segment(
        self, pen: _Pen, seg: _Segment, baseline: float, underlines: list[_Underline]
    ) -> None:
        chars = self._body if seg.source == 0 else self._tail
        ids = chars.style_ids
        pen.move(seg.x, baseline)
        pen.spacing(seg.spacing)
        x = seg.x
        run_start = seg.start
        for i in range(seg.start + 1, seg.end + 1):
            if i < seg.end and ids[i] == ids[run_start]:
                continue
            style = self._styles[ids[run_start]]
            pen.write(chars.text[run_start:i], style)
            advance = chars.width(run_start, i) + seg.spacing * (i - run_start)
            if style.underline:
                underlines.append((x, x + advance - seg.spacing, baseline, style))
            x += advance
            run_start = i
        for start, end, name in chars.links:
            if start < seg.end and end > seg.start:
                self._link(seg, chars, max(start, seg.start), min(end, seg.end), name, baseline)

    def _link(
        self, seg: _Segment, chars: _Chars, start: int, end: int, name: str, baseline: float
    ) -> None:
        """A clickable area over characters ``start:end`` of ``seg`` leading to ``name``."""
        x0 = seg.x + chars.width(seg.start, start) + seg.spacing * (start - seg.start)
        x1 = x0 + chars.width(start, end) + seg.spacing * (end - start - 1)
        size = self._styles[chars.style_ids[start]].size
        area = (x0, baseline - 0.25 * size, x1, baseline + 0.9 * size)
        self.canv.linkRect("", name, area, relative=1, thickness=0)

    def _draw_marks(self, pen: _Pen, baseline: float) -> None:
        """The bullet at the left edge, the gutter label right-aligned left of it."""
        pen.spacing(0.0)
        if self._bullet is not None:
            pen.move(0.0, baseline)
            pen.write(self._bullet.text, self._bullet.style)
        if self._gutter is not None:
            style = self._gutter.style
            width = sum(widths(style.font)(ch) for ch in self._gutter.text) * style.size / 1000
            pen.move(-GUTTER_GAP - width, baseline)
            pen.write(self._gutter.text, style)


class _Pen:
    """A PDF text object that emits font, colour and spacing only when they change."""

    def __init__(self, text: PDFTextObject) -> None:
        self.text = text
        # Private reportlab API, as reportlab's own Paragraph uses it ("cheap textOut"):
        # ``_textOut`` emits exactly what ``textOut`` does but does not measure the string
        # to advance reportlab's cursor, which this pen never reads (every segment starts
        # at ``move``; the PDF viewer advances along a segment). Measuring was ~8 % of a
        # large handout. ``textOut`` stands in should a reportlab release drop it.
        self._show: Callable[[str], None] = getattr(text, "_textOut", text.textOut)
        self._font: tuple[str, float] | None = None
        self._color: Color | None = None
        self._spacing = 0.0

    def move(self, x: float, y: float) -> None:
        self.text.setTextOrigin(x, y)

    def spacing(self, value: float) -> None:
        if value != self._spacing:
            self.text.setCharSpace(value)
            self._spacing = value

    def write(self, piece: str, style: TextStyle) -> None:
        font = (style.font, style.size)
        if font != self._font:
            self.text.setFont(*font)
            self._font = font
        if style.color != self._color:
            self.text.setFillColor(style.color)
            self._color = style.color
        self._show(piece)
