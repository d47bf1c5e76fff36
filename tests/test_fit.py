"""Whether an attribution fits on its case's last line: widths by hand, lines by count."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportkit.writers.docx.fit import (
    AUTO_SPACE,
    Run,
    advance,
    auto_spaced,
    fits_after,
    last_line_fill,
    widths,
)


@pytest.mark.parametrize(
    ("char", "ems"),
    [
        ("漢", 1.0),
        ("あ", 1.0),
        ("、", 1.0),
        ("「", 1.0),
        ("（", 1.0),
        ("○", 1.0),  # ambiguous width: full in a Japanese font
        ("①", 1.0),
        ("※", 1.0),
        ("　", 1.0),
        ("８", 1.0),  # a full-width digit
        ("8", 0.5),
        ("A", 0.5),
        ("(", 0.5),
        ("-", 0.5),
        ("ｱ", 0.5),  # half-width katakana
    ],
)
def test_advance_is_one_em_full_width_and_half_an_em_half_width(char: str, ems: float) -> None:
    assert advance(char) == ems


def test_latin_beside_full_width_text_takes_a_quarter_em_each_side() -> None:
    """約6割 at 10 pt: 10 + (5 + 2.5) + (2.5 + 10) = 30, as Word and LibreOffice set it."""
    assert widths([Run("約6割", 10)]) == [10, 7.5, 12.5]
    assert widths([Run("8050問題", 10)]) == [5, 5, 5, 5, 12.5, 10]
    assert widths([Run("NPO", 10)]) == [5, 5, 5]
    # Not beside the ideographic space, nor for punctuation (1-1-1　 is the case number).
    assert widths([Run("1-1-1　", 8)]) == [4, 4, 4, 4, 4, 8]
    assert widths([Run("1", 8), Run("漢", 10)]) == [4, 10 + AUTO_SPACE * 10]
    assert not auto_spaced("(", "漢") and not auto_spaced("漢", "-")


def test_last_line_fill_counts_what_the_last_line_holds() -> None:
    """Lines 10 wide, 1 per character: 23 characters make lines of 10, 10 and 3."""
    assert last_line_fill([Run("漢" * 23, 1)], 10) == 3
    assert last_line_fill([Run("漢" * 20, 1)], 10) == 10
    assert last_line_fill([Run("漢" * 7, 1)], 10) == 7
    assert last_line_fill([], 10) == 0


def test_last_line_fill_follows_kinsoku() -> None:
    """。 past the margin hangs on the full line; 「 may not end a line, so it moves down."""
    assert last_line_fill([Run("漢" * 10 + "。", 1)], 10) == 11  # hanging: 11 > 10
    assert last_line_fill([Run("漢" * 9 + "「漢」", 1)], 10) == 3  # 「漢」 on line two
    # NPO is kept whole: it moves down with its quarter-em space (2 x (0.5 + 0.25) + 1 + 1).
    assert last_line_fill([Run("漢" * 8 + "NPO", 2)], 18) == 3.5


def test_a_case_number_in_a_smaller_size_shortens_the_first_line() -> None:
    """1-1-1　 at 8 takes 28 of a line 200 wide: 17 characters at 10 follow, 3 go to line two."""
    runs = [Run("1-1-1　", 8), Run("漢" * 20, 10)]
    assert last_line_fill(runs, 200) == 30


def test_a_tab_or_line_break_leaves_the_last_line_unknown() -> None:
    assert last_line_fill([Run("出張相談\tを実施。", 10)], 400) is None
    assert last_line_fill([Run("一行目\n二行目", 10)], 400) is None
    assert not fits_after([Run("出張相談\tを実施。", 10)], Run("【鳥羽市】", 10), 400, 10)


def test_fits_after_keeps_the_margin() -> None:
    """Last line 23, attribution 5, margin 1: fits on a line of 29, not of 28.5."""
    text, tail = [Run("漢" * 23, 1)], Run("【鳥羽市】", 1)
    assert fits_after(text, tail, 29, 1)
    assert not fits_after(text, tail, 28.5, 1)
    assert fits_after(text, tail, 28.5, 0.5)
    assert not fits_after([Run("漢" * 10 + "。", 1)], Run("(市)", 1), 10, 0)  # hanging line


@given(count=st.integers(min_value=1, max_value=400), per_line=st.integers(1, 60))
def test_full_width_text_fills_lines_by_count(count: int, per_line: int) -> None:
    """Ideographs only: every line holds per_line of them; the last holds the rest."""
    expected = (count - 1) % per_line + 1
    assert last_line_fill([Run("漢" * count, 10.5)], per_line * 10.5) == pytest.approx(
        expected * 10.5
    )
