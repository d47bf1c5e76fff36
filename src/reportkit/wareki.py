"""Japanese era dates (和暦) as printed on covers: 令和8年11月26日."""

from __future__ import annotations

from datetime import date

# (first day, era name); newest first.
_ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def era_year(day: date) -> tuple[str, int]:
    """The era name and year within it: (令和, 8) for 2026-11-26."""
    for start, name in _ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day.isoformat()} is before the Shōwa era")


def format_wareki(day: date, *, western: bool = False) -> str:
    """令和8年11月26日, or 令和8年(2026年)11月26日 with ``western``; year 1 is 元年."""
    name, year = era_year(day)
    year_text = "元" if year == 1 else str(year)
    extra = f"({day.year}年)" if western else ""
    return f"{name}{year_text}年{extra}{day.month}月{day.day}日"
