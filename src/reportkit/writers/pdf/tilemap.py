"""The tile-grid map of Japan drawn with reportlab: the layout and classes of
:mod:`reportkit.writers.tilegrid` in the handout's colours."""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from reportkit.writers.pdf.styles import INK, MUTED, RULE
from reportkit.writers.pdf.text import TextStyle
from reportkit.writers.tilegrid import (
    COLUMNS,
    ROWS,
    TILES,
    Class,
    class_of,
    classes,
    short_name,
)

ZERO = HexColor("#f1f2f4")
#: Light to dark, one per class level; the two darkest take white labels.
SHADES: tuple[Color, ...] = (
    HexColor("#d6e3f3"),
    HexColor("#a4c2e6"),
    HexColor("#6a9bd2"),
    HexColor("#3a6eb0"),
    HexColor("#1c447e"),
)


DARK_FROM = 3  # shades from this index on take white labels


def japan_map(
    counts: Mapping[str, int],
    width: float,
    label: TextStyle,
    number: TextStyle,
    *,
    title: str,
    note: str,
) -> Drawing:
    """The map, ``width`` points wide, with its legend in the empty sea at the top left."""
    tile = width / COLUMNS
    gap = tile * 0.06
    height = tile * ROWS
    drawing = Drawing(width, height)
    found = classes(counts.get(p, 0) for p in TILES)
    for prefecture, (column, row, span) in TILES.items():
        count = counts.get(prefecture, 0)
        klass = class_of(count, found)
        fill = SHADES[klass.level] if klass else ZERO
        dark = klass is not None and klass.level >= DARK_FROM
        text = white if dark else INK
        x = column * tile + gap / 2
        y = height - (row + 1) * tile + gap / 2
        w = span * tile - gap
        drawing.add(
            Rect(
                x,
                y,
                w,
                tile - gap,
                fillColor=fill,
                strokeColor=RULE if not klass else None,
                strokeWidth=0.3,
            )
        )
        cx = x + w / 2
        drawing.add(
            String(
                cx,
                y + tile * 0.56,
                short_name(prefecture),
                fontName=label.font,
                fontSize=label.size,
                fillColor=text if klass else MUTED,
                textAnchor="middle",
            )
        )
        if count:
            drawing.add(
                String(
                    cx,
                    y + tile * 0.16,
                    str(count),
                    fontName=number.font,
                    fontSize=number.size,
                    fillColor=text,
                    textAnchor="middle",
                )
            )
    _legend(drawing, found, tile, label, number, title, note)
    return drawing


def _legend(
    drawing: Drawing,
    found: list[Class],
    tile: float,
    label: TextStyle,
    number: TextStyle,
    title: str,
    note: str,
) -> None:
    top = drawing.height - tile * 0.3
    drawing.add(
        String(
            0, top - number.size, title, fontName=number.font, fontSize=number.size, fillColor=INK
        )
    )
    swatch = tile * 0.42
    y = top - number.size - 8
    for klass, text in [(None, "0"), *[(c, c.label) for c in found]]:
        y -= swatch + 3
        fill = SHADES[klass.level] if klass else ZERO
        drawing.add(
            Rect(0, y, swatch * 1.6, swatch, fillColor=fill, strokeColor=RULE, strokeWidth=0.3)
        )
        drawing.add(
            String(
                swatch * 1.6 + 5,
                y + swatch * 0.25,
                f"{text}件",
                fontName=label.font,
                fontSize=label.size,
                fillColor=INK,
            )
        )
    for i, line in enumerate(note.split("\n")):
        drawing.add(
            String(
                0,
                y - 14 - i * (label.size + 3),
                line,
                fontName=label.font,
                fontSize=label.size * 0.9,
                fillColor=MUTED,
            )
        )
