"""Japanese era dates (和暦) as printed on covers: 令和8年11月26日."""

from __future__ import annotations

from datetime import date

# (first day, era name); newest first. 明治 dates are Gregorian only from 明治6年1月1日
# (1873-01-01), when Japan left the lunisolar calendar (明治5年太政官布告第337号): an
# earlier Gregorian date has no 和暦 form with the same month and day.
_ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 1, 1), "明治"),
)
FIRST_DAY = date(1873, 1, 1)
"""The first date printed in 和暦 (明治6年1月1日)."""


def era_year(day: date) -> tuple[str, int]:
    """The era name and year within it: (令和, 8) for 2026-11-26."""
    if day < FIRST_DAY:
        raise ValueError(
            f"{day.isoformat()} cannot be written in 和暦: dates before 明治6年1月1日 "
            f"({FIRST_DAY.isoformat()}) followed the lunisolar calendar"
        )
    for start, name in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise AssertionError("FIRST_DAY lies in an era")  # pragma: no cover


def format_wareki(day: date, *, western: bool = False) -> str:
    """令和8年11月26日, or 令和8年(2026年)11月26日 with ``western``; year 1 is 元年."""
    name, year = era_year(day)
    year_text = "元" if year == 1 else str(year)
    extra = f"({day.year}年)" if western else ""
    return f"{name}{year_text}年{extra}{day.month}月{day.day}日"
