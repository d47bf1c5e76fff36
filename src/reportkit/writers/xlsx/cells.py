"""Cell values that are safe in Excel: text is never a formula, every character fits.

openpyxl turns any string that starts with ``=`` into a formula and raises its own
IllegalCharacterError on control characters. Every string this writer puts in a cell
goes through :func:`put_text`, which stores it as a plain string (never ``<f>``), marks
text that Excel would evaluate when edited (``= + - @``, tab, CR) with a quote prefix,
and refuses text longer than a cell holds with a :class:`BuildError` naming the source
line, before openpyxl sees it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, cast

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.errors import BuildError
from reportkit.writers.xlsx import styles

MAX_CELL_TEXT = 32_767
"""Excel's limit on the characters of one cell."""

# Starts that Excel (or a CSV exported from the sheet) may read as a formula; the
# full-width forms too, which a Japanese IME turns into the ASCII ones on editing.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


@dataclass(frozen=True)
class Origin:
    """Where a text comes from: the source file, its line and what the text is."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: error: {self.what}"


LABEL = Origin("reportkit", 0, "a label of the workbook")


class _StoredString(Protocol):
    """The private attributes of a Cell that :func:`put_text` sets."""

    _value: str
    data_type: str


def cell_at(ws: Worksheet, row: int, column: int) -> Cell:
    """The cell at (row, column); reportkit writes no merged cell but the first of a range."""
    return cast("Cell", ws.cell(row=row, column=column))


def check_text(text: str, origin: Origin) -> str:
    """``text`` unchanged, or a :class:`BuildError` if it is longer than a cell holds.

    Characters are not checked here: the model's text type admits none a cell cannot hold.
    """
    if len(text) > MAX_CELL_TEXT:
        raise BuildError(
            f"{origin}: the text has {len(text):,} characters; an Excel cell holds at most "
            f"{MAX_CELL_TEXT:,}; no workbook was written\n"
            "  hint: split it into several cases",
            "xlsx",
        )
    return text


def needs_quote_prefix(text: str) -> bool:
    """True when Excel would evaluate ``text`` if a user edited or exported the cell."""
    return text.startswith(FORMULA_START)


def put_text(
    ws: Worksheet,
    row: int,
    column: int,
    text: str,
    origin: Origin = LABEL,
    style: str | None = None,
) -> Cell:
    """Write ``text`` as a string cell that can never become a formula."""
    cell = cell_at(ws, row, column)
    if style:
        styles.apply(cell, style)
    # Private openpyxl API: ``_value`` is where the ``Cell.value`` setter stores a string
    # after checking it again (a regex scan for control characters that cost ~13 % of a
    # large workbook, a cut at 32,767 characters, "f" for a leading "="). The model's text
    # type admits no such character, check_text refused any longer text, and data_type
    # "s" is what this function set after the setter anyway.
    stored = cast("_StoredString", cell)
    stored._value = check_text(text, origin)
    stored.data_type = "s"
    if needs_quote_prefix(text):
        cell.quotePrefix = True  # after the style, which would reset it
    return cell


def put_number(
    ws: Worksheet, row: int, column: int, value: int | None, style: str | None = None
) -> Cell:
    """Write an integer cell (``None``: an empty cell with the style)."""
    cell = cell_at(ws, row, column)
    if style:
        styles.apply(cell, style)
    cell.value = value
    return cell


def put_style(ws: Worksheet, row: int, column: int, style: str) -> Cell:
    """An empty cell with a style (borders, fill)."""
    cell = cell_at(ws, row, column)
    styles.apply(cell, style)
    return cell
