"""Whether a case's attribution fits on the last line of its text: estimated from the text.

A right tab carries the attribution to the next line whole only when the last line is
full; when that line has room for part of it, Word and LibreOffice break it between
ideographs (【八王子 / 市】). The writer therefore decides itself, before the layout.

Japanese body text is set fixed-pitch, in JIS X 4051's 全角 and 半角 frames: a full-width
character advances one em, a half-width one (East Asian Width Na, H, N: ASCII, half-width
katakana) half an em. Word and LibreOffice add a quarter em between full-width text and
a Latin letter or digit (``w:autoSpaceDE``, ``w:autoSpaceDN``, on unless turned off), so
約6割 takes 3 em, not 2.5. Lines are broken as
:func:`reportkit.writers.pdf.kinsoku.break_lines` breaks them (禁則, ぶら下げ, words kept
whole), so the estimate knows where the last line starts. Widths are in one unit of the
caller's choice (twips in the writer).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportkit.writers.pdf.kinsoku import break_lines

HALF_WIDTH = frozenset({"Na", "H", "N"})
"""East Asian Width classes set in half an em (UAX #11); W, F and A take a whole em."""

AUTO_SPACE = 0.25
"""Ems added between full-width text and a Latin letter or digit."""

LATIN = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
"""Half-width characters set apart from full-width text by :data:`AUTO_SPACE`."""

IDEOGRAPHIC_SPACE = "\u3000"

UNPREDICTABLE = frozenset("\t\n")
"""Characters a layout places by its own rules (tab stops, new lines), not by width."""


@dataclass(frozen=True)
class Run:
    """Text set at one font size; an em is ``size`` wide."""

    text: str
    size: float


def advance(char: str) -> float:
    """The width of ``char`` in ems: 1 for full-width (漢, ○, 「), 0.5 for half-width (8, A)."""
    return 0.5 if unicodedata.east_asian_width(char) in HALF_WIDTH else 1.0


def full_width(char: str) -> bool:
    """True for a character set in a whole em, other than the ideographic space."""
    return advance(char) == 1.0 and char != IDEOGRAPHIC_SPACE


def auto_spaced(before: str, after: str) -> bool:
    """True when a layout puts :data:`AUTO_SPACE` between ``before`` and ``after``."""
    return (before in LATIN and full_width(after)) or (full_width(before) and after in LATIN)


@cache
def _metrics(char: str) -> tuple[float, bool, bool]:
    """``char``'s advance, whether it is full-width, whether it is Latin (looked up once)."""
    return advance(char), full_width(char), char in LATIN


def widths(runs: Sequence[Run]) -> list[float]:
    """Each character's width, run by run, in the unit of the sizes.

    The space a layout adds between full-width text and Latin (:func:`auto_spaced`) is
    counted with the character after it, at the larger of the two sizes.
    """
    found: list[float] = []
    full_before = latin_before = False
    size_before = 0.0
    for run in runs:
        for char in run.text:
            ems, full, latin = _metrics(char)
            width = ems * run.size
            if (latin_before and full) or (full_before and latin):
                width += AUTO_SPACE * max(size_before, run.size)
            found.append(width)
            full_before, latin_before, size_before = full, latin, run.size
    return found


def last_line_fill(runs: Sequence[Run], width: float) -> float | None:
    """How far the last line of ``runs`` reaches on lines ``width`` wide.

    None when the text holds a tab or a line break, whose place the estimate cannot know.
    """
    text = "".join(run.text for run in runs)
    if not text:
        return 0.0
    if UNPREDICTABLE.intersection(text):
        return None
    advances = widths(runs)
    last = break_lines(text, advances, width)[-1]
    return sum(advances[last.start : last.end])


def fits_after(runs: Sequence[Run], tail: Run, width: float, margin: float) -> bool:
    """True when ``tail`` fits on the last line of ``runs`` with ``margin`` to spare.

    ``margin`` absorbs what the estimate cannot see (a font's proportional Latin, a
    layout's own 禁則 choices); a text whose last line cannot be estimated never fits.
    """
    fill = last_line_fill(runs, width)
    return fill is not None and fill + sum(widths([tail])) + margin <= width
