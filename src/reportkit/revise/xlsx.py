"""The changes as an Excel list: one row per change, an Excel table that sorts and filters.

Columns: 区分 (追加 / 削除 / 変更 / 移動), 対象 (事例, 大項目, 中項目), 番号 old and new,
団体, the old and the new text, and 変更箇所 (each changed stretch, 「旧」→「新」, emphasis
added or dropped, where a case moved from and to). Cells go through the workbook's
formula-safe :func:`~reportkit.writers.xlsx.cells.put_text`.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import case_label
from reportkit.revise.compare import Comparison, Entry, Kind, Row
from reportkit.revise.marks import case_marks
from reportkit.revise.summary import LEVEL_NAMES, emphasis_changes, headline
from reportkit.revise.table import Order
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.book import new_workbook, save, set_properties
from reportkit.writers.xlsx.cells import Origin, put_text
from reportkit.writers.xlsx.layout import filter_table, lines_needed, page_setup, row_height

SHEET = "変更一覧"
TABLE = "Changes"
"""The table's name: fixed, so users' formulas (Changes[区分]) can rely on it."""

CATEGORIES: dict[Kind, str] = {
    "added": "追加",
    "removed": "削除",
    "changed": "変更",
    "renamed": "変更",
    "moved": "移動",
}

# (header, width in half-width units)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("区分", 7),
    ("対象", 8),
    ("番号（旧）", 11),
    ("番号（新）", 11),
    ("団体", 20),
    ("旧", 56),
    ("新", 56),
    ("変更箇所", 40),
)


def _text(entry: Entry | None) -> str:
    if entry is None:
        return ""
    if entry.case is not None:
        return entry.case.full_text
    return entry.title


def _number(entry: Entry | None) -> str:
    if entry is None:
        return ""
    if entry.case is not None:
        return case_label(entry.case)
    if entry.level == "topic" and entry.topic is not None:
        return f"{entry.section.number}-{entry.topic.number}"
    return str(entry.section.number)


def _where(entry: Entry) -> str:
    topic = entry.topic
    if topic is None or topic.implicit or entry.level == "section":
        return entry.section.title
    return f"{entry.section.title}／{topic.title}"


def details(row: Row) -> str:
    """What changed, one line per change: 「旧」→「新」, 強調, 移動."""
    lines: list[str] = []
    old, new = row.old, row.new
    if row.kind == "moved" and old is not None and new is not None:
        lines.append(f"移動: {_where(old)} → {_where(new)}")
    if old is not None and new is not None and old.case is not None and new.case is not None:
        for edit in case_marks(old.case, new.case).edits:
            if edit.changed:
                lines.append(_edit_text(edit.old, edit.new))
        added, dropped = emphasis_changes(old.case, new.case)
        lines += [f"強調を追加:「{p}」" for p in added if "emphasis" in row.aspects]
        lines += [f"強調を解除:「{p}」" for p in dropped if "emphasis" in row.aspects]
    elif row.kind == "renamed" and old is not None and new is not None:
        lines.append(f"「{old.title}」→「{new.title}」")
    return "\n".join(lines)


def _edit_text(old: str, new: str) -> str:
    if not old:
        return f"「{new}」を挿入"
    if not new:
        return f"「{old}」を削除"
    return f"「{old}」→「{new}」"


def _actors(row: Row) -> str:
    entry = row.new or row.old
    if entry is None or entry.case is None:
        return ""
    return entry.case.attribution.written


def write_changes(ws: Worksheet, comparison: Comparison, view: View) -> None:
    """Fill ``ws`` with one row per change in reading order."""
    for column, (header, width) in enumerate(COLUMNS, start=1):
        cell = put_text(ws, 1, column, header, style=styles.HEADER)
        ws.column_dimensions[cell.column_letter].width = width
    row_number = 1
    for row in comparison.changes:
        row_number += 1
        entry = row.new or row.old
        assert entry is not None
        line = entry.case.line if entry.case else (entry.topic or entry.section).line
        origin = Origin(comparison.new_name if row.new else comparison.old_name, line, "a change")
        assert row.kind is not None
        values = (
            CATEGORIES[row.kind],
            LEVEL_NAMES[row.level],
            _number(row.old),
            _number(row.new),
            _actors(row),
            _text(row.old),
            _text(row.new),
            details(row),
        )
        lines = 1
        for column, value in enumerate(values, start=1):
            if value:
                put_text(ws, row_number, column, value, origin, styles.LIST)
                lines = max(lines, lines_needed(value, COLUMNS[column - 1][1]))
        ws.row_dimensions[row_number].height = row_height(lines)
    filter_table(ws, TABLE, [header for header, _ in COLUMNS], row_number, "TableStyleMedium2")
    ws.freeze_panes = "A2"
    page_setup(
        ws,
        paper=ws.PAPERSIZE_A4,
        title_rows="1:1",
        header_left=f"{view.document.title}　{SHEET}　{headline(comparison)}",
        header_right=" ".join(filter(None, [view.meeting.number, view.date_text])),
    )


def render(comparison: Comparison, view: View, order: Order = "new-old") -> bytes:
    """The change list as .xlsx bytes, identical for identical inputs."""
    workbook = new_workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet), "a new workbook starts with one worksheet"
    sheet.title = SHEET
    write_changes(sheet, comparison, view)
    set_properties(workbook, view)
    workbook.properties.title = f"{view.document.title} 変更一覧"
    return save(workbook, view)
