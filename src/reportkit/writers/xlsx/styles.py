"""Named cell styles shared by every sheet of the workbook.

One Japanese font throughout: BIZ UDゴシック, a universal-design face that ships with
Windows 10 and later and that municipalities are moving to. It is monospaced, so a
full-width character is exactly two column-width units, which :mod:`.layout` relies on.

Cells get their look from named styles, applied with :func:`apply`: the names show in
Excel's cell-style gallery, so users can restyle a sheet. Setting fonts, fills and
borders cell by cell makes openpyxl hash each of them again for every cell (two thirds
of the time of a large workbook), and even ``cell.style = name`` searches the style list
twice per cell; :func:`apply` does that search once per style and workbook.
"""

from __future__ import annotations

from copy import copy
from typing import Literal, Protocol, cast
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

FONT_NAME = "BIZ UDゴシック"
SIZE = 10


def _font(
    size: float = SIZE, *, bold: bool = False, color: str | None = None, link: bool = False
) -> Font:
    underline: Literal["single"] | None = "single" if link else None
    return Font(
        name=FONT_NAME,
        size=size,
        family=3,
        charset=128,
        bold=bold,
        color=color,
        underline=underline,
    )


BASE = _font()
BOLD = _font(bold=True)
TITLE_FONT = _font(14, bold=True)
NOTE_FONT = _font(9, color="404040")
LINK_FONT = _font(color="0B3C8C", link=True)
LINK_BOLD_FONT = _font(color="0B3C8C", link=True, bold=True)

HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")
SECTION_FILL = PatternFill("solid", fgColor="B8CBE4")
TOTAL_FILL = PatternFill("solid", fgColor="EFEFEF")
GROUP_FILL = PatternFill("solid", fgColor="FFF6DD")
OTHER_FILL = PatternFill("solid", fgColor="EDEDED")  # co-actors from outside the region
OTHER_FONT = _font(color="595959")

# Colour scale of the counts: white at 0 up to this colour at the sheet's maximum.
SCALE_LOW = "FFFFFF"
SCALE_HIGH = "F4B183"

_THIN = Side(style="thin", color="A6A6A6")
_MEDIUM = Side(style="medium", color="595959")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
GRID_TOP = Border(left=_THIN, right=_THIN, top=_MEDIUM, bottom=_THIN)

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
LEFT_WRAP = Alignment(horizontal="left", vertical="top", wrap_text=True)
NUMBER = Alignment(horizontal="center", vertical="center")

# Names of the styles, as cells use them.
TITLE = "reportkit 表題"
NOTE = "reportkit 注記"
CAPTION = "reportkit 表の名前"
HEADER = "reportkit 見出し"
SECTION = "reportkit 大項目"
TEXT = "reportkit 団体"
CODE = "reportkit 団体コード"
GROUP = "reportkit 団体群"
OTHER = "reportkit 対象地域外の団体"
OTHER_CODE = "reportkit 対象地域外の団体コード"
OTHER_CAPTION = "reportkit 対象地域外の見出し"
EMPTY = "reportkit 件数なし"
COUNT = "reportkit 件数"
TOTAL = "reportkit 合計"
TOTAL_LABEL = "reportkit 合計の見出し"
TOTAL_LINK = "reportkit 合計（リンク）"
SUM = "reportkit 延べ"
SUM_LABEL = "reportkit 延べの見出し"
LIST = "reportkit 一覧"
TABLE_TEXT = "reportkit 表"
TABLE_NUMBER = "reportkit 表の数値"

_DEFINITIONS: tuple[tuple[str, dict[str, object]], ...] = (
    (TITLE, {"font": TITLE_FONT}),
    (NOTE, {"font": NOTE_FONT}),
    (CAPTION, {"font": BOLD}),
    (HEADER, {"font": BOLD, "fill": HEADER_FILL, "border": GRID, "alignment": CENTER}),
    (SECTION, {"font": BOLD, "fill": SECTION_FILL, "border": GRID, "alignment": CENTER}),
    (TEXT, {"font": BASE, "border": GRID, "alignment": LEFT}),
    (CODE, {"font": BASE, "border": GRID, "alignment": LEFT, "number_format": "00000"}),
    (GROUP, {"font": BASE, "border": GRID, "alignment": LEFT, "fill": GROUP_FILL}),
    (OTHER, {"font": OTHER_FONT, "border": GRID, "alignment": LEFT, "fill": OTHER_FILL}),
    (
        OTHER_CODE,
        {
            "font": OTHER_FONT,
            "border": GRID,
            "alignment": LEFT,
            "fill": OTHER_FILL,
            "number_format": "00000",
        },
    ),
    (OTHER_CAPTION, {"font": BOLD, "border": GRID, "alignment": LEFT, "fill": OTHER_FILL}),
    (EMPTY, {"font": BASE, "border": GRID, "alignment": NUMBER}),
    (COUNT, {"font": LINK_FONT, "border": GRID, "alignment": NUMBER}),
    (TOTAL, {"font": BOLD, "fill": TOTAL_FILL, "border": GRID, "alignment": NUMBER}),
    (TOTAL_LABEL, {"font": BOLD, "fill": TOTAL_FILL, "border": GRID, "alignment": LEFT}),
    (TOTAL_LINK, {"font": LINK_BOLD_FONT, "fill": TOTAL_FILL, "border": GRID, "alignment": NUMBER}),
    (SUM, {"font": BOLD, "fill": TOTAL_FILL, "border": GRID_TOP, "alignment": NUMBER}),
    (SUM_LABEL, {"font": BOLD, "fill": TOTAL_FILL, "border": GRID_TOP, "alignment": LEFT}),
    (LIST, {"font": BASE, "border": GRID, "alignment": LEFT_WRAP}),
    (TABLE_TEXT, {"font": BASE, "border": GRID, "alignment": LEFT}),
    (TABLE_NUMBER, {"font": BASE, "border": GRID, "alignment": NUMBER}),
)


def register(workbook: Workbook) -> None:
    """Add every named style to ``workbook`` (a named style belongs to one workbook)."""
    for name, attributes in _DEFINITIONS:
        workbook.add_named_style(NamedStyle(name=name, **attributes))  # type: ignore[arg-type]


_ARRAYS: WeakKeyDictionary[Workbook, dict[str, object]] = WeakKeyDictionary()


class _StyledCell(Protocol):
    """The private attribute of a Cell that holds its style array."""

    _style: object


def apply(cell: Cell, name: str) -> None:
    """Give ``cell`` the named style ``name`` (same result as ``cell.style = name``)."""
    book = cast("Workbook", cell.parent.parent)
    styled = cast("_StyledCell", cell)
    arrays = _ARRAYS.get(book)
    if arrays is None:
        arrays = _ARRAYS[book] = {}
    array = arrays.get(name)
    if array is None:
        cell.style = name
        arrays[name] = copy(styled._style)
    else:
        # What openpyxl's own style descriptor does after looking the name up.
        styled._style = copy(array)
