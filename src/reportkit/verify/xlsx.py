"""Reading the Excel matrix back with openpyxl, as a viewer that does not calculate.

Values are read as cached in the file (``data_only``), so a total without its value
counts as a disagreement. 事例一覧 gives the cases (ID, 本文, 強調 one phrase a line,
団体); 集計 the counts per topic (its rows name each topic with its section) and per
block; マトリクス each local government's number of cases (column 事例数).
"""

from __future__ import annotations

import io

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.verify.facts import ReadCase, Reading, government_key, squash, topic_key

CASES, TOTALS, MATRIX = "事例一覧", "集計", "マトリクス"
TOTAL_HEADER = "事例数"


def read(data: bytes, name: str) -> Reading:
    """The cases, the counts per topic, block and local government of a workbook."""
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    reading = Reading(name)
    for sheet in (CASES, TOTALS, MATRIX):
        if sheet not in book.sheetnames:
            raise KeyError(f"{name} has no sheet {sheet}")
    _cases(book[CASES], reading)
    _totals(book[TOTALS], reading)
    _matrix(book[MATRIX], reading)
    return reading


def _columns(ws: Worksheet, row: int) -> dict[str, int]:
    return {str(cell.value): cell.column for cell in ws[row] if cell.value is not None}


def _cases(ws: Worksheet, reading: Reading) -> None:
    column = _columns(ws, 1)
    for row in range(2, ws.max_row + 1):
        number = ws.cell(row, column["ID"]).value
        if number is None:
            continue
        emphasis = str(ws.cell(row, column["強調"]).value or "")
        reading.cases.append(
            ReadCase(
                place=f"{reading.name} {ws.title}!{ws.cell(row, column['本文']).coordinate}",
                id=str(number),
                text=str(ws.cell(row, column["本文"]).value or ""),
                emphasis=tuple(squash(p) for p in emphasis.split("\n") if squash(p)),
                emphasis_in_text_only=True,
                actors=str(ws.cell(row, column["団体"]).value or ""),
            )
        )


def _totals(ws: Worksheet, reading: Reading) -> None:
    """集計: (大項目, 中項目, 事例数) rows, then (ブロック, 事例数) rows."""
    blocks = False
    for row in range(1, ws.max_row + 1):
        first, second, third = (ws.cell(row, c).value for c in (1, 2, 3))
        if first == "ブロック":
            blocks = True
            continue
        place = f"{reading.name} {ws.title}!{ws.cell(row, 3 if not blocks else 2).coordinate}"
        if not blocks and isinstance(second, str) and isinstance(third, int):
            key = topic_key(second)
            if key is not None:
                reading.topics[key] = (third, place)
        elif blocks and isinstance(first, str) and isinstance(second, int):
            reading.blocks[first] = (second, place)


def _matrix(ws: Worksheet, reading: Reading) -> None:
    """One row per local government: 都道府県 (B), 名称 (C) and 事例数 (the last column)."""
    column = _columns(ws, 2).get(TOTAL_HEADER)
    if column is None:
        return
    for row in range(3, ws.max_row + 1):
        prefecture, name = ws.cell(row, 2).value, ws.cell(row, 3).value
        if not (isinstance(prefecture, str) and isinstance(name, str)):
            if ws.cell(row, 1).value == "計（延べ）":
                return
            continue
        count = ws.cell(row, column).value
        place = f"{reading.name} {ws.title}!{ws.cell(row, column).coordinate}"
        value = count if isinstance(count, int) else -1  # no cached value: a disagreement
        reading.governments[government_key(prefecture, name)] = (value, place)
