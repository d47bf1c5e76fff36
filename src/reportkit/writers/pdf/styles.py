"""Page geometry, colours and type styles of the handout, in one place."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from reportkit.writers.pdf.fonts import FontSet
from reportkit.writers.pdf.text import TextStyle

PAGE_WIDTH, PAGE_HEIGHT = A4
BODY_SIZE = 10.5
#: The text column holds a whole number of body characters (44), so lines of full-width
#: text end flush without spreading; the first character is a hanging bullet.
COLUMN = 44 * BODY_SIZE
MARGIN_X = (PAGE_WIDTH - COLUMN) / 2
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 22 * mm
FOOTER_Y = 11 * mm

INK = HexColor("#1a1a1a")
ACCENT = HexColor("#1f3a68")  # a deep navy, printable in grey
TINT = HexColor("#e8edf5")
RULE = HexColor("#8a96a8")
MUTED = HexColor("#5b6573")


@dataclass(frozen=True)
class Styles:
    """Every text style of the handout, derived from the fonts found."""

    fonts: FontSet
    body: TextStyle
    emphasis: TextStyle
    attribution: TextStyle
    attribution_emphasis: TextStyle
    case_id: TextStyle
    section: TextStyle
    topic: TextStyle
    small: TextStyle
    small_strong: TextStyle
    label: TextStyle
    label_strong: TextStyle
    on_accent: TextStyle

    @classmethod
    def of(cls, fonts: FontSet) -> Styles:
        body, heading, strong = fonts.body.name, fonts.heading.name, fonts.strong.name
        return cls(
            fonts=fonts,
            body=TextStyle(body, BODY_SIZE, INK),
            emphasis=TextStyle(strong, BODY_SIZE, INK, underline=True),
            attribution=TextStyle(heading, BODY_SIZE, ACCENT),
            attribution_emphasis=TextStyle(strong, BODY_SIZE, ACCENT, underline=True),
            case_id=TextStyle(heading, 7, MUTED),
            section=TextStyle(strong, 13.5, white),
            topic=TextStyle(strong, 11.5, ACCENT),
            small=TextStyle(body, 8.5, INK),
            small_strong=TextStyle(strong, 8.5, INK),
            label=TextStyle(heading, 9, INK),
            label_strong=TextStyle(strong, 9, INK),
            on_accent=TextStyle(strong, 9, white),
        )

    def sized(self, style: TextStyle, size: float, color: Color | None = None) -> TextStyle:
        """``style`` at another size (and colour)."""
        return TextStyle(style.font, size, color or style.color, style.underline)
