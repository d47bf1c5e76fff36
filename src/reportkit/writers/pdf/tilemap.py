"""The tile-grid map of Japan drawn with reportlab: the layout and classes of
:mod:`reportkit.writers.tilegrid` in the handout's colours.

A regional edition's map outlines its region and mutes every other prefecture: their
counts (cases shared with the region's local governments) are set in greys.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from reportkit.writers.pdf.styles import ACCENT, INK, MUTED, RULE
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

#: The same classes for prefectures outside a regional edition's region.
GREYS: tuple[Color, ...] = (
    HexColor("#e6e6e6"),
    HexColor("#cccccc"),
    HexColor("#b0b0b0"),
    HexColor("#8c8c8c"),
    HexColor("#6b6b6b"),
)
OUTLINE_WIDTH = 1.8

DARK_FROM = 3  # shades from this index on take white labels


def japan_map(
    counts: Mapping[str, int],
    width: float,
    label: TextStyle,
    number: TextStyle,
    *,
    title: str,
    note: str,
    region: Collection[str] = (),
    region_name: str = "",
) -> Drawing:
    """The map, ``width`` points wide, with its legend in the empty sea at the top left.

    With a ``region`` (prefecture names), the region is outlined and the other
    prefectures are muted.
    """
    tile = width / COLUMNS
    gap = tile * 0.06
    height = tile * ROWS
    drawing = Drawing(width, height)
    found = classes(counts.get(p, 0) for p in TILES)
    for prefecture, (column, row, span) in TILES.items():
        count = counts.get(prefecture, 0)
        klass = class_of(count, found)
        palette = GREYS if region and prefecture not in region else SHADES
        fill = palette[klass.level] if klass else ZERO
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
    if region:
        _outline(drawing, region, tile)
    _legend(drawing, found, tile, label, number, title, note)
    if region:
        _region_legend(drawing, tile, label, region_name)
    return drawing


def _cells(prefectures: Collection[str]) -> set[tuple[int, int]]:
    """The grid cells (column, row) the tiles of ``prefectures`` cover."""
    return {
        (column + i, row)
        for prefecture, (column, row, span) in TILES.items()
        if prefecture in prefectures
        for i in range(span)
    }


def _outline(drawing: Drawing, region: Collection[str], tile: float) -> None:
    """A line around the region: every cell edge that does not face another region cell."""
    cells = _cells(region)
    top = drawing.height
    for column, row in sorted(cells):
        x0, x1 = column * tile, (column + 1) * tile
        y1 = top - row * tile
        y0 = y1 - tile
        edges = (
            ((column, row - 1), (x0, y1, x1, y1)),
            ((column, row + 1), (x0, y0, x1, y0)),
            ((column - 1, row), (x0, y0, x0, y1)),
            ((column + 1, row), (x1, y0, x1, y1)),
        )
        for neighbour, (ax, ay, bx, by) in edges:
            if neighbour not in cells:
                drawing.add(
                    Line(
                        ax,
                        ay,
                        bx,
                        by,
                        strokeColor=ACCENT,
                        strokeWidth=OUTLINE_WIDTH,
                        strokeLineCap=2,
                    )
                )


def _region_legend(drawing: Drawing, tile: float, label: TextStyle, region_name: str) -> None:
    """Two legend lines right of the count legend: the outline and the muted shade."""
    swatch = tile * 0.42
    x = tile * 4.2
    rows = (
        (None, f"太線内：{region_name or '本資料の対象地域'}（本資料の対象）"),
        (GREYS[2], "灰色：対象地域外（共同事例の団体の所在）"),
    )
    y = drawing.height - tile * 0.3 - label.size - 8 - (swatch + 3)
    for fill, text in rows:
        if fill is None:
            drawing.add(
                Rect(
                    x,
                    y,
                    swatch * 1.6,
                    swatch,
                    fillColor=None,
                    strokeColor=ACCENT,
                    strokeWidth=OUTLINE_WIDTH,
                )
            )
        else:
            drawing.add(
                Rect(x, y, swatch * 1.6, swatch, fillColor=fill, strokeColor=RULE, strokeWidth=0.3)
            )
        drawing.add(
            String(
                x + swatch * 1.6 + 5,
                y + swatch * 0.25,
                text,
                fontName=label.font,
                fontSize=label.size,
                fillColor=INK,
            )
        )
        y -= swatch + 4


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
