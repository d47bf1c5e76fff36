"""Headings: a band (section), a ruled line (topic) or a tinted strip (index), each
optionally an outline entry (bookmark) where it is drawn.

A heading keeps with the next flowable, so it never sits alone at the foot of a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from reportkit.writers.pdf.styles import ACCENT, RULE, TINT
from reportkit.writers.pdf.text import JText, Span, TextStyle

Decoration = Literal["band", "rule", "strip"]


@dataclass(frozen=True)
class OutlineEntry:
    """A bookmark: its title in the outline, a unique key and its level (0 = top)."""

    title: str
    key: str
    level: int


class Heading(Flowable):
    """A one- or few-line heading with a decoration and an optional outline entry."""

    _PAD: ClassVar[dict[str, tuple[float, float]]] = {
        "band": (5.0, 8.0),
        "rule": (3.0, 0.0),
        "strip": (2.5, 5.0),
    }  # (vertical, left)

    def __init__(
        self,
        text: str,
        style: TextStyle,
        *,
        decoration: Decoration,
        outline: OutlineEntry | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        leading: float | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.decoration: Decoration = decoration
        self.outline = outline
        self._pad_y, self._pad_x = self._PAD[decoration]
        self._inner = JText([Span(text, style)], leading=leading or style.size * 1.45, align="left")
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.keepWithNext = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _, inner = self._inner.wrap(availWidth - 2 * self._pad_x, availHeight)
        self.width, self.height = availWidth, inner + 2 * self._pad_y
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        if self.decoration == "band":
            self._fill(ACCENT)
        elif self.decoration == "strip":
            self._fill(TINT)
        else:
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.6)
            canvas.line(0, 0.5, self.width, 0.5)
        canvas.restoreState()
        self._inner.drawOn(canvas, self._pad_x, self._pad_y)
        if self.outline is not None:
            canvas.bookmarkHorizontal(self.outline.key, 0, self.height)
            canvas.addOutlineEntry(
                self.outline.title, self.outline.key, self.outline.level, closed=False
            )

    def _fill(self, color: Color) -> None:
        self.canv.setFillColor(color)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
