"""Sheet 事例一覧: one row per case, an Excel table that sorts and filters natively.

Its lists (団体, 都道府県, ブロック) follow 団体コード order, so their items line up; a
filter on one local government or prefecture belongs on sheet 事例×団体 (one value a
cell).
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import actors_label, section_label
from reportkit.model import Case, Topic
from reportkit.summary import blocks_of, prefectures_of
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cells import Origin, check_text, put_style, put_text
from reportkit.writers.xlsx.layout import filter_table, lines_needed, print_setup, row_height
from reportkit.writers.xlsx.ordering import by_code

SHEET = "事例一覧"
TABLE = "CaseList"
"""The table's name: fixed, so users' formulas (CaseList[本文]) can rely on it."""

# (header, width in half-width units)
COLUMNS: tuple[tuple[str, float], ...] = (
    ("ID", 8),
    ("大項目", 24),
    ("中項目", 24),
    ("団体", 22),
    ("ほか", 7),
    ("都道府県", 11),
    ("ブロック", 11),
    ("本文", 70),
    ("強調", 36),
)


def write_cases(ws: Worksheet, view: View) -> dict[str, int]:
    """Fill ``ws`` with every case in document order; return case id -> its row."""
    document = view.document
    path = document.source_name or "source"
    for column, (header, width) in enumerate(COLUMNS, start=1):
        cell = put_text(ws, 1, column, header, style=styles.HEADER)
        ws.column_dimensions[cell.column_letter].width = width
    rows: dict[str, int] = {}
    row = 1
    for section, topic in document.topics():
        heading = check_text(
            section_label(section), Origin(path, section.line, f"section {section.number}")
        )
        check_text(topic.title, Origin(path, topic.line, f"topic {section.number}-{topic.number}"))
        for case in topic.cases:
            row += 1
            rows[case.id] = row
            _case_row(ws, row, heading, topic, case, Origin(path, case.line, f"case {case.id}"))
    filter_table(ws, TABLE, [header for header, _ in COLUMNS], row, "TableStyleMedium2")
    ws.freeze_panes = "B2"
    print_setup(
        ws,
        view,
        paper=ws.PAPERSIZE_A3,
        title_rows="1:1",
    )
    return rows


def _case_row(
    ws: Worksheet, row: int, heading: str, topic: Topic, case: Case, origin: Origin
) -> None:
    values: list[str] = [
        case.id,
        heading,
        topic.title,
        actors_label(case),
        case.attribution.open_list or "",
        "、".join(by_code(case, prefectures_of(case), "prefecture")),
        "、".join(by_code(case, blocks_of(case), "block")),
        case.text,
        "\n".join(case.emphasized),
    ]
    lines = 1
    for column, value in enumerate(values, start=1):
        if value:
            put_text(ws, row, column, value, origin, styles.LIST)
            lines = max(lines, lines_needed(value, COLUMNS[column - 1][1]))
        else:
            put_style(ws, row, column, styles.LIST)  # the grid's borders
    # Row heights are written: LibreOffice does not fit rows to wrapped text on opening.
    ws.row_dimensions[row].height = row_height(lines)
