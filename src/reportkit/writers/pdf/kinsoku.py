"""Japanese line breaking with 禁則処理 (JIS X 4051, strict level).

reportlab's CJK wrapping hangs at most one closing mark past the margin and never looks
at opening brackets, so ``。」`` can leave ``」`` at a line start and ``「`` can end a line.
:func:`break_lines` does it fully:

* no line starts with a closing bracket, 、。，．, ・：；, ？！, small kana, ー, 々 …;
* no line ends with an opening bracket 「（【『 …;
* runs of Latin letters and digits (``8050``, ``NPO``, ``1,000``) are not split;
* 、。 may hang into the right margin (ぶら下げ); anything else is pushed to the next
  line (追い出し), taking the characters it must stay with.

The function works on widths only, so it serves every font and size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Characters that must not start a line.
NO_START = frozenset(
    "、。，．,.)]}）］｝〕〉》」』】〙〗〟’”｠»"  # closing brackets, commas, full stops
    "・：；:;？！?!‼⁇⁈⁉"  # middle dots, dividing punctuation
    "‐゠–〜～"  # hyphens, wave dash
    "ヽヾゝゞ々〻ー"  # iteration marks, prolonged sound mark
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"  # small kana
    "%％‰℃°′″"  # postfix units
)
#: Characters that must not end a line.
NO_END = frozenset("([{（［｛〔〈《「『【〘〖〝‘“｟«＄$￥¥£€＃#")
#: Characters that may hang past the right margin instead of being pushed down.
HANGING = frozenset("、。，．,.")
#: Characters that belong together when adjacent (a word or number is not split).
_WORD = frozenset(
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ"
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ"
)
#: Joiners inside a word or number: 1-2-3, p.3, 1,000, 2026/11/26.
_JOINERS = frozenset("-.,/:")
#: Inseparable pairs: a line never breaks inside ……, ――.
_INSEPARABLE = frozenset("…‥―")
NBSP = "\u00a0"  # a space that never breaks
_FUZZ = 1e-6


@dataclass(frozen=True)
class Line:
    """One line: characters ``start:end``; ``hanging`` when the last one is past the margin."""

    start: int
    end: int
    hanging: bool = False


def can_break(text: str, at: int) -> bool:
    """True when a line may end before ``text[at]`` (0 < at < len(text))."""
    before, after = text[at - 1], text[at]
    if before == "\n":
        return True
    if before == NBSP or after == NBSP:
        return False
    if after in NO_START or before in NO_END:
        return False
    if before in _WORD and after in _WORD:
        return False
    if before in _INSEPARABLE and after == before:
        return False
    if after in _JOINERS and before in _WORD:  # 1-2-3, p.3, 1,000, 2026/11
        return False
    # a joiner inside a word or number: 1-|2, p.|3, 1,|000
    return not (before in _JOINERS and after in _WORD and at >= 2 and text[at - 2] in _WORD)


def break_lines(
    text: str,
    widths: Sequence[float],
    width: float,
    first_width: float | None = None,
    *,
    hang: bool = True,
) -> list[Line]:
    """Break ``text`` (one width per character) into lines no wider than ``width``.

    ``first_width`` is the width of the first line when it differs. A ``\\n`` in the text
    forces a break (it ends its line and takes no width). A character wider than the line,
    or a line with no allowed break, is broken where it overflows.
    """
    if len(widths) != len(text):
        raise ValueError("one width per character")
    lines: list[Line] = []
    n = len(text)
    start = 0
    while start < n:
        limit = first_width if (not lines and first_width is not None) else width
        used = 0.0
        end = start
        while end < n and text[end] != "\n":
            if used + widths[end] > limit + _FUZZ and end > start:
                break
            used += widths[end]
            end += 1
        if end >= n or text[end] == "\n":
            lines.append(Line(start, end))
            start = end + 1 if end < n else n
            if end < n and start == n:
                lines.append(Line(n, n))  # a trailing newline ends in an empty line
            continue
        lines.append(_fitted(text, start, end, hang))
        start = lines[-1].end
    return lines


def _fitted(text: str, start: int, end: int, hang: bool) -> Line:
    """The line ``start:end`` overflows at ``end``: hang, push back or force a break."""
    if (
        hang
        and text[end] in HANGING
        and (end + 1 >= len(text) or text[end + 1] == "\n" or can_break(text, end + 1))
    ):
        return Line(start, end + 1, hanging=True)
    for at in range(end, start, -1):
        if can_break(text, at):
            return Line(start, at)
    return Line(start, end)  # no allowed break in the whole line: break where it overflows


def violations(lines: list[str]) -> list[str]:
    """Lines that start or end with a forbidden character (for tests and diagnostics)."""
    bad = []
    for line in lines:
        stripped = line.strip()
        if stripped and (stripped[0] in NO_START or stripped[-1] in NO_END):
            bad.append(line)
    return bad
