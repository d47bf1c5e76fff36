"""A tile-grid map of Japan: 47 equal tiles, one per prefecture, shaded by a count.

Tiles keep each prefecture near its neighbours (north-east at the top right, Okinawa at
the bottom left); Hokkaidō is two tiles wide. Shades are quantile classes
(:func:`classes`), so the map differentiates as well for 61 cases as for 5,000.

A regional edition's map outlines its region and mutes every other prefecture: their
counts (cases shared with the region's local governments) are set in greys.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white

from reportkit.writers.pdf.styles import ACCENT, INK, MUTED, RULE
from reportkit.writers.pdf.text import TextStyle

#: prefecture -> (column, row, width in tiles); row 0 is the top (north).
TILES: dict[str, tuple[int, int, int]] = {
    "北海道": (11, 0, 2),
    "青森県": (11, 1, 1),
    "秋田県": (10, 2, 1),
    "岩手県": (11, 2, 1),
    "山形県": (10, 3, 1),
    "宮城県": (11, 3, 1),
    "石川県": (7, 4, 1),
    "富山県": (8, 4, 1),
    "新潟県": (9, 4, 1),
    "福島県": (10, 4, 1),
    "島根県": (3, 5, 1),
    "鳥取県": (4, 5, 1),
    "兵庫県": (5, 5, 1),
    "京都府": (6, 5, 1),
    "福井県": (7, 5, 1),
    "岐阜県": (8, 5, 1),
    "長野県": (9, 5, 1),
    "群馬県": (10, 5, 1),
    "栃木県": (11, 5, 1),
    "茨城県": (12, 5, 1),
    "佐賀県": (0, 6, 1),
    "福岡県": (1, 6, 1),
    "山口県": (2, 6, 1),
    "広島県": (3, 6, 1),
    "岡山県": (4, 6, 1),
    "大阪府": (5, 6, 1),
    "奈良県": (6, 6, 1),
    "滋賀県": (7, 6, 1),
    "愛知県": (8, 6, 1),
    "山梨県": (9, 6, 1),
    "埼玉県": (10, 6, 1),
    "東京都": (11, 6, 1),
    "千葉県": (12, 6, 1),
    "長崎県": (0, 7, 1),
    "熊本県": (1, 7, 1),
    "大分県": (2, 7, 1),
    "愛媛県": (3, 7, 1),
    "香川県": (4, 7, 1),
    "和歌山県": (6, 7, 1),
    "三重県": (7, 7, 1),
    "静岡県": (9, 7, 1),
    "神奈川県": (10, 7, 1),
    "鹿児島県": (1, 8, 1),
    "宮崎県": (2, 8, 1),
    "高知県": (3, 8, 1),
    "徳島県": (4, 8, 1),
    "沖縄県": (0, 9, 1),
}
COLUMNS = 1 + max(c + w - 1 for c, _, w in TILES.values())
ROWS = 1 + max(r for _, r, _ in TILES.values())

ZERO = HexColor("#f1f2f4")
#: Light to dark; the two darkest take white labels.
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


def short_name(prefecture: str) -> str:
    """東京都 -> 東京, 神奈川県 -> 神奈川; 北海道 stays."""
    if prefecture == "北海道":
        return prefecture
    return prefecture[:-1] if prefecture[-1] in "都府県" else prefecture


@dataclass(frozen=True)
class Class:
    """Counts ``low..high`` share ``color``."""

    low: int
    high: int
    color: Color

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}～{self.high}"


def classes(counts: Iterable[int]) -> list[Class]:
    """Up to five classes by quantile of the non-zero counts, so that the shades split
    the prefectures evenly whether counts run 1..7 or 10..130 (0 has its own colour)."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    highs: list[int] = []
    for i in range(1, len(SHADES) + 1):
        high = values[math.ceil(i * len(values) / len(SHADES)) - 1]
        if not highs or high > highs[-1]:
            highs.append(high)
    lows = [1, *(high + 1 for high in highs[:-1])]
    top = len(SHADES) - 1
    steps = max(len(highs) - 1, 1)
    return [
        Class(low, high, SHADES[round(i * top / steps)])
        for i, (low, high) in enumerate(zip(lows, highs, strict=True))
    ]


def _class_of(count: int, found: list[Class]) -> Class | None:
    return next((c for c in found if c.low <= count <= c.high), None)


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
        klass = _class_of(count, found)
        shade = SHADES.index(klass.color) if klass else -1
        palette = GREYS if region and prefecture not in region else SHADES
        fill = palette[shade] if klass else ZERO
        dark = shade >= DARK_FROM
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
        fill = klass.color if klass else ZERO
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
