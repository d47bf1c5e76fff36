"""The tile grid of Japan that the PDF and the web page draw: one tile per prefecture.

Tiles keep each prefecture near its neighbours (north-east at the top right, Okinawa at
the bottom left); Hokkaidō is two tiles wide. Counts are shaded by quantile classes
(:func:`classes`), so the map differentiates as well for 61 cases as for 5,000. This
module holds the layout and the classes only; each writer chooses its own colours.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

#: prefecture -> (column, row, width in tiles); row 0 is the top (north). In the order of
#: the prefecture codes (JIS X 0401: 01 北海道 … 47 沖縄県), the order of official lists.
TILES: dict[str, tuple[int, int, int]] = {
    "北海道": (11, 0, 2),
    "青森県": (11, 1, 1),
    "岩手県": (11, 2, 1),
    "宮城県": (11, 3, 1),
    "秋田県": (10, 2, 1),
    "山形県": (10, 3, 1),
    "福島県": (10, 4, 1),
    "茨城県": (12, 5, 1),
    "栃木県": (11, 5, 1),
    "群馬県": (10, 5, 1),
    "埼玉県": (10, 6, 1),
    "千葉県": (12, 6, 1),
    "東京都": (11, 6, 1),
    "神奈川県": (10, 7, 1),
    "新潟県": (9, 4, 1),
    "富山県": (8, 4, 1),
    "石川県": (7, 4, 1),
    "福井県": (7, 5, 1),
    "山梨県": (9, 6, 1),
    "長野県": (9, 5, 1),
    "岐阜県": (8, 5, 1),
    "静岡県": (9, 7, 1),
    "愛知県": (8, 6, 1),
    "三重県": (7, 7, 1),
    "滋賀県": (7, 6, 1),
    "京都府": (6, 5, 1),
    "大阪府": (5, 6, 1),
    "兵庫県": (5, 5, 1),
    "奈良県": (6, 6, 1),
    "和歌山県": (6, 7, 1),
    "鳥取県": (4, 5, 1),
    "島根県": (3, 5, 1),
    "岡山県": (4, 6, 1),
    "広島県": (3, 6, 1),
    "山口県": (2, 6, 1),
    "徳島県": (4, 8, 1),
    "香川県": (4, 7, 1),
    "愛媛県": (3, 7, 1),
    "高知県": (3, 8, 1),
    "福岡県": (1, 6, 1),
    "佐賀県": (0, 6, 1),
    "長崎県": (0, 7, 1),
    "熊本県": (1, 7, 1),
    "大分県": (2, 7, 1),
    "宮崎県": (2, 8, 1),
    "鹿児島県": (1, 8, 1),
    "沖縄県": (0, 9, 1),
}
COLUMNS = 1 + max(c + w - 1 for c, _, w in TILES.values())
ROWS = 1 + max(r for _, r, _ in TILES.values())
LEVELS = 5
"""How many classes (shades) the non-zero counts are split into, at most."""


def short_name(prefecture: str) -> str:
    """東京都 -> 東京, 神奈川県 -> 神奈川; 北海道 stays."""
    if prefecture == "北海道":
        return prefecture
    return prefecture[:-1] if prefecture[-1] in "都府県" else prefecture


@dataclass(frozen=True)
class Class:
    """Counts ``low..high`` share the shade ``level`` (0 the lightest, ``LEVELS - 1`` the
    darkest)."""

    low: int
    high: int
    level: int

    @property
    def label(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}～{self.high}"


def classes(counts: Iterable[int]) -> list[Class]:
    """Up to :data:`LEVELS` classes by quantile of the non-zero counts, so that the shades
    split the prefectures evenly whether counts run 1..7 or 10..130 (0 has none)."""
    values = sorted(count for count in counts if count > 0)
    if not values:
        return []
    highs: list[int] = []
    for i in range(1, LEVELS + 1):
        high = values[math.ceil(i * len(values) / LEVELS) - 1]
        if not highs or high > highs[-1]:
            highs.append(high)
    lows = [1, *(high + 1 for high in highs[:-1])]
    top = LEVELS - 1
    steps = max(len(highs) - 1, 1)
    return [
        Class(low, high, round(i * top / steps))
        for i, (low, high) in enumerate(zip(lows, highs, strict=True))
    ]


def class_of(count: int, found: list[Class]) -> Class | None:
    """The class ``count`` falls in; None for 0."""
    return next((c for c in found if c.low <= count <= c.high), None)
