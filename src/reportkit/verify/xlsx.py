"""Reading the Excel matrix back with openpyxl, as a viewer that does not calculate.

Values are read as cached in the file (``data_only``), so a total without its value
counts as a disagreement; sheets are streamed (``read_only``), each read once. 事例一覧 gives the cases (ID, 本文, 強調 one phrase a line,
団体); 集計 the counts per topic (its rows name each topic with its section) and per
block; マトリクス each local government's number of cases (column 事例数).
"""

from __future__ import annotations

import io
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter

from reportkit.verify.facts import ReadCase, Reading, government_key, squash, topic_key

CASES, TOTALS, MATRIX = "事例一覧", "集計", "マトリクス"
TOTAL_HEADER = "事例数"
SUM_LABEL = "計（延べ）"


def read(data: bytes, name: str) -> Reading:
    """The cases, the counts per topic, block and local government of a workbook."""
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    reading = Reading(name)
    try:
        for sheet in (CASES, TOTALS, MATRIX):
            if sheet not in book.sheetnames:
                raise KeyError(f"{name} has no sheet {sheet}")
        _cases(_rows(book[CASES]), reading)
        _totals(_rows(book[TOTALS]), reading)
        _matrix(_rows(book[MATRIX]), reading)
    finally:
        book.close()
    return reading


Rows = list[tuple[object, ...]]


def _rows(ws: Any) -> Rows:
    """The sheet's values, row by row (read-only sheets stream; they are read once)."""
    return [tuple(row) for row in ws.iter_rows(values_only=True)]


def _cell(row: int, column: int) -> str:
    """A1-style name of a 1-based (row, column)."""
    return f"{get_column_letter(column)}{row}"


def _value(rows: Rows, row: int, column: int) -> object:
    """The value at a 1-based (row, column), None beyond the sheet's data."""
    values = rows[row - 1] if 0 < row <= len(rows) else ()
    return values[column - 1] if 0 < column <= len(values) else None


def _header(rows: Rows, row: int) -> dict[str, int]:
    """Column names of a header row -> 1-based column numbers."""
    values = rows[row - 1] if len(rows) >= row else ()
    return {str(v): c for c, v in enumerate(values, start=1) if v is not None}


def _cases(rows: Rows, reading: Reading) -> None:
    column = _header(rows, 1)
    for row in range(2, len(rows) + 1):
        number = _value(rows, row, column["ID"])
        if number is None:
            continue
        emphasis = str(_value(rows, row, column["強調"]) or "")
        reading.cases.append(
            ReadCase(
                place=f"{reading.name} {CASES}!{_cell(row, column['本文'])}",
                id=str(number),
                text=str(_value(rows, row, column["本文"]) or ""),
                emphasis=tuple(squash(p) for p in emphasis.split("\n") if squash(p)),
                emphasis_in_text_only=True,
                actors=str(_value(rows, row, column["団体"]) or ""),
            )
        )


def _totals(rows: Rows, reading: Reading) -> None:
    """集計: (大項目, 中項目, 事例数) rows, then (ブロック, 事例数) rows."""
    blocks = False
    for row in range(1, len(rows) + 1):
        first, second, third = (_value(rows, row, c) for c in (1, 2, 3))
        if first == "ブロック":
            blocks = True
            continue
        place = f"{reading.name} {TOTALS}!{_cell(row, 2 if blocks else 3)}"
        if not blocks and isinstance(second, str) and isinstance(third, int):
            key = topic_key(second)
            if key is not None:
                reading.topics[key] = (third, place)
        elif blocks and isinstance(first, str) and isinstance(second, int):
            reading.blocks[first] = (second, place)


def _matrix(rows: Rows, reading: Reading) -> None:
    """One row per local government: 都道府県 (B), 名称 (C) and 事例数 (the last column)."""
    column = _header(rows, 2).get(TOTAL_HEADER)
    if column is None:
        return
    for row in range(3, len(rows) + 1):
        prefecture, name = _value(rows, row, 2), _value(rows, row, 3)
        if not (isinstance(prefecture, str) and isinstance(name, str)):
            if _value(rows, row, 1) == SUM_LABEL:
                return
            continue
        count = _value(rows, row, column)
        place = f"{reading.name} {MATRIX}!{_cell(row, column)}"
        value = count if isinstance(count, int) else -1  # no cached value: a disagreement
        reading.governments[government_key(prefecture, name)] = (value, place)
