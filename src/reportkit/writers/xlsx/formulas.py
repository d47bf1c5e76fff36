"""Totals as formulas that reportkit writes itself, with their values cached in the file.

A column's total is ``SUBTOTAL(109, range)`` (:func:`subtotal`): it sums the visible rows
only, so a prefecture that filters the matrix sees its own totals. A row's total is a
plain ``SUM`` (:func:`row_sum`): SUBTOTAL would leave it out of the column totals, as it
skips other SUBTOTALs in its range. Formulas are made here from cell positions, never
from text of the source. openpyxl writes a formula with an empty value (``<f>…</f><v/>``): Excel computes it on
opening, but a viewer that does not calculate (a previewer, a reader of the cached
values) shows nothing. reportkit knows every total it writes, so :func:`put_formula`
records the value and :func:`cache_values` writes it into the sheet's XML after
openpyxl has serialised the workbook.
"""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cells import cell_at

SUM_VISIBLE = 109
"""SUBTOTAL's function number for SUM over the rows a filter shows (and not hidden)."""

_CACHED: WeakKeyDictionary[Worksheet, dict[str, int]] = WeakKeyDictionary()

_FORMULA_CELL = re.compile(
    rb'(<c r="([A-Z]+[0-9]+)"[^>]*>\s*<f>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)'
)


Span = tuple[tuple[int, int], tuple[int, int]]
"""A range of cells as ((first row, first column), (last row, last column))."""


def _range(cells: Span) -> str:
    (top, left), (bottom, right) = cells
    return f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"


def subtotal(cells: Span) -> str:
    """=SUBTOTAL(109,F3:F54): the sum of the range's visible rows."""
    return f"=SUBTOTAL({SUM_VISIBLE},{_range(cells)})"


def row_sum(cells: Span) -> str:
    """=SUM(F3:X3)."""
    return f"=SUM({_range(cells)})"


def put_formula(ws: Worksheet, row: int, column: int, formula: str, value: int, style: str) -> Cell:
    """A formula cell whose value (cached in the file) is ``value``."""
    cell = cell_at(ws, row, column)
    styles.apply(cell, style)
    cell.value = formula
    _CACHED.setdefault(ws, {})[cell.coordinate] = value
    return cell


def cached(ws: Worksheet) -> dict[str, int]:
    """Coordinate -> value of every total written on ``ws``."""
    return dict(_CACHED.get(ws, {}))


def cache_values(xml: bytes, values: dict[str, int]) -> bytes:
    """The sheet XML with each formula cell of ``values`` holding its value."""
    if not values:
        return xml

    def fill(found: re.Match[bytes]) -> bytes:
        value = values.get(found.group(2).decode("ascii"))
        if value is None:
            return found.group(0)
        return found.group(1) + b"<v>" + str(value).encode("ascii") + b"</v>"

    return _FORMULA_CELL.sub(fill, xml)
