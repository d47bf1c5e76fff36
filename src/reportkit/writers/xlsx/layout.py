"""Column widths for Japanese text, and page setup for printing.

openpyxl has no automatic column width. A column's width is counted in characters of
the default font's digit; a full-width character (East Asian width W or F, and A, which
Japanese fonts draw full-width) takes two.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Iterable

from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.view import View

# Points per line of 10 pt BIZ UDゴシック (its line is 1.0 em), with some air.
LINE_HEIGHT = 11.5


@functools.cache
def _narrow() -> re.Pattern[str]:
    """A pattern matching one character that is *not* full-width.

    Built once from unicodedata over the Basic Multilingual Plane (about 15 ms); beyond
    it, the ideograph planes 2 and 3 and the emoji/symbol block U+1F000–U+1FFFF count as
    wide. Japanese text is mostly wide, so counting the narrow characters makes few
    matches: 15× faster than finding every wide one.
    """
    ranges: list[str] = []
    start = None
    for code in range(0x10001):
        wide = code < 0x10000 and unicodedata.east_asian_width(chr(code)) in "WFA"
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    ranges.append("\\U0001f000-\\U0001ffff\\U00020000-\\U0003fffd")
    return re.compile(f"[^{''.join(ranges)}]")


def _line_width(line: str) -> int:
    """Width of one line in half-width units: two for a full-width character, else one."""
    return 2 * len(line) - len(_narrow().findall(line))


def text_width(text: str) -> int:
    """Width of the longest line of ``text`` in half-width units (full-width = 2)."""
    return max(map(_line_width, text.split("\n")))


def fit_width(texts: Iterable[str], minimum: float = 4, maximum: float = 60) -> float:
    """A column width that shows the widest of ``texts`` on one line, within bounds."""
    widest = max((text_width(text) for text in texts), default=0)
    return max(minimum, min(maximum, widest + 2))


@functools.lru_cache(maxsize=1024)  # headings repeat on every row of 事例一覧
def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` units wide."""
    usable = max(1.0, width - 1.5)
    return sum(max(1, math.ceil(_line_width(line) / usable)) for line in text.split("\n"))


def row_height(lines: int) -> float:
    """The height in points of a row showing ``lines`` lines of text."""
    return round(lines * LINE_HEIGHT + 4, 1)


def filter_table(ws: Worksheet, name: str, headers: list[str], last_row: int, style: str) -> None:
    """An Excel table over row 1 (``headers``) down to ``last_row``: a filter on every
    column, banded rows. The columns are named here: left to openpyxl, it reads them
    through ``ws[ref]`` on saving, which makes a cell for every empty one of the table."""
    last = ws.cell(row=max(last_row, 2), column=len(headers)).coordinate
    table = Table(displayName=name, ref=f"A1:{last}", autoFilter=AutoFilter(ref=f"A1:{last}"))
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, 1)]
    table.tableStyleInfo = TableStyleInfo(name=style, showRowStripes=True)
    ws.add_table(table)


def header_footer_text(text: str) -> str:
    """``text`` for a print header or footer, where ``&`` starts a code."""
    return text.replace("&", "&&")


def print_setup(
    ws: Worksheet,
    view: View,
    *,
    paper: str,
    title_rows: str | None,
    landscape: bool = True,
    one_page_tall: bool = False,
) -> None:
    """A sheet of the workbook: its header names the document and the sheet (left) and
    carries the 資料番号 and the date (right); see :func:`page_setup`."""
    page_setup(
        ws,
        paper=paper,
        title_rows=title_rows,
        header_left=f"{view.document.title}　{ws.title}",
        header_right=" ".join(p for p in (view.meeting.number, view.date_text) if p),
        landscape=landscape,
        one_page_tall=one_page_tall,
    )


def page_setup(
    ws: Worksheet,
    *,
    paper: str,
    title_rows: str | None,
    header_left: str,
    header_right: str,
    landscape: bool = True,
    one_page_tall: bool = False,
) -> None:
    """Fitted to one page wide (and tall if asked), header rows repeated, page numbers."""
    ws.page_setup.paperSize = paper
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page_tall else 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.25
    header, footer = ws.oddHeader, ws.oddFooter
    assert header is not None and footer is not None, "openpyxl makes both"
    header.left.text = header_footer_text(header_left[:100])
    header.left.size = 9
    header.right.text = header_footer_text(header_right[:100])
    header.right.size = 9
    footer.center.text = "&P / &N"
    footer.center.size = 9
