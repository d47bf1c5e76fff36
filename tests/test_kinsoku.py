"""Japanese line breaking (禁則): reportlab's own CJK wrapping, and ours that completes it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.writers.pdf.kinsoku import (
    HANGING,
    NBSP,
    NO_END,
    NO_START,
    break_lines,
    can_break,
    violations,
)

# Text where closing marks pile up (。」) and opening brackets fall at every column.
PILED = "".join(f"{'あ' * k}「いう」。{'漢' * (k % 3)}、（注）" for k in range(1, 14))


def _lines(text: str, width: float, widths: list[float] | None = None) -> list[str]:
    widths = widths or [1.0] * len(text)
    return [text[line.start : line.end] for line in break_lines(text, widths, width)]


def _reportlab_lines(text: str, width: float) -> list[str]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph

    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    style = ParagraphStyle("cjk", fontName="HeiseiMin-W3", fontSize=10, leading=14, wordWrap="CJK")
    paragraph = Paragraph(text, style)
    paragraph.wrap(width, 10_000)
    para = paragraph.blPara
    if para.kind == 0:
        return ["".join(words) for _, words in para.lines]
    return ["".join(frag.text for frag in line.words) for line in para.lines]


def test_reportlab_cjk_wrapping_falls_short() -> None:
    """Why kinsoku.py exists: reportlab leaves 。 at line starts and 「 at line ends.

    If this starts failing, reportlab has learnt 禁則 and kinsoku.py could go.
    """
    bad = [
        line
        for width in (50, 60, 70, 80, 90, 100)
        for line in violations(_reportlab_lines(PILED, width))
    ]
    assert any(line[0] in NO_START for line in bad)
    assert any(line[-1] in NO_END for line in bad)


@pytest.mark.parametrize("width", range(3, 40))
def test_no_forbidden_line_start_or_end(width: int) -> None:
    lines = _lines(PILED, width)
    assert "".join(lines) == PILED
    assert violations(lines) == []
    for line in lines:
        overflow = len(line) - width
        assert overflow <= 0 or (overflow == 1 and line[-1] in HANGING), line


def test_comma_hangs_in_the_margin_instead_of_starting_a_line() -> None:
    assert _lines("あいうえ、かきくけ", 4) == ["あいうえ、", "かきくけ"]


def test_full_stop_and_closing_bracket_push_the_last_character_down() -> None:
    # 。」 cannot both hang: う goes down with them
    assert _lines("あいう。」えお", 3) == ["あい", "う。」", "えお"]


def test_opening_bracket_never_ends_a_line() -> None:
    assert _lines("あいう「えお」", 4) == ["あいう", "「えお」"]


def test_numbers_words_and_case_ids_stay_whole() -> None:
    text = "あいう8050問題とNPO法人と1,000件と2.5倍と1-2-3番"
    widths = [0.5 if ch.isascii() else 1.0 for ch in text]
    for width in range(4, 12):
        lines = _lines(text, width, widths)
        joined = "|".join(lines)
        for word in ("8050", "NPO", "1,000", "2.5", "1-2-3"):
            assert word in joined, (width, joined)


def test_no_break_at_a_no_break_space() -> None:
    text = f"あい1-1-4{NBSP}(p.3)、2-1-1{NBSP}(p.12)"
    widths = [0.5 if ch.isascii() or ch == NBSP else 1.0 for ch in text]
    for width in range(6, 16):
        for line in _lines(text, width, widths):
            assert not line.startswith(("(p", NBSP)), line


def test_forced_and_explicit_breaks() -> None:
    assert _lines("」」」」」」", 2) == ["」」", "」」", "」」"]  # no allowed break at all
    assert _lines("あい\nう", 10) == ["あい", "う"]
    assert _lines("", 10) == []


def test_first_line_width() -> None:
    lines = break_lines("あいうえおかきくけこ", [1.0] * 10, 4, first_width=2)
    assert [(line.start, line.end) for line in lines] == [(0, 2), (2, 6), (6, 10)]


def test_widths_must_match_text() -> None:
    with pytest.raises(ValueError):
        break_lines("あい", [1.0], 5)


def test_can_break_between_ideographs_only_where_allowed() -> None:
    assert can_break("漢字", 1)
    assert not can_break("漢、", 1)
    assert not can_break("「漢", 1)
    assert not can_break("ab", 1)


_JAPANESE = st.text(
    alphabet=st.sampled_from(list("あいうえお漢字仮名カタナ、。「」（）・ー々っ0123456789ab")),
    min_size=1,
    max_size=200,
)


@settings(max_examples=300, deadline=None)
@given(text=_JAPANESE, width=st.integers(min_value=3, max_value=30))
def test_breaking_loses_nothing_and_respects_kinsoku(text: str, width: int) -> None:
    lines = break_lines(text, [1.0] * len(text), width)
    assert "".join(text[line.start : line.end] for line in lines) == text
    for line in lines:
        assert line.end - line.start <= width + (1 if line.hanging else 0)
        assert not line.hanging or text[line.end - 1] in HANGING
    for line in lines[:-1]:
        # every break is allowed, unless the line offered no allowed break at all
        allowed_inside = any(can_break(text, at) for at in range(line.start + 1, line.end))
        assert can_break(text, line.end) or not allowed_inside, (text, width, line)
