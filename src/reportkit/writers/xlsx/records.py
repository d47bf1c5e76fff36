"""Sheet 事例×団体: one row per case and local government, for pivot tables and filters.

It follows the government's rules for machine-readable data (総務省「統計表における機械
判読可能なデータの表記方法の統一ルール」): one table on the sheet, the header in row 1 and
nothing above it, one value a cell, no merged cells, no blank rows, no layout spaces.
A case with several actors has a row for each; a case naming none (非公表) has one row
with empty 団体 columns; a group such as 静岡県内7市 has its name and prefecture but no
code. 団体コード is text, so its leading zero survives a CSV export. A regional
edition adds 対象地域: whether the local government lies in the edition's region.
"""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import section_label
from reportkit.model import Actor
from reportkit.summary import in_region, region_name
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cells import Origin, put_style, put_text
from reportkit.writers.xlsx.layout import filter_table, fit_width, print_setup

SHEET = "事例×団体"
TABLE = "CaseActors"
"""The table's name: fixed, so pivot tables and formulas (CaseActors[団体名]) rely on it."""

HEADERS = ("事例番号", "団体コード", "団体名", "都道府県", "ブロック", "大項目", "中項目")
REGION_HEADER = "対象地域"
OUTSIDE = "対象地域外"


def write_records(ws: Worksheet, view: View) -> None:
    """Fill ``ws`` with a row per (case, actor) in document order, actors by 団体コード."""
    document = view.document
    path = document.source_name or "source"
    selection = view.meeting.select
    headers = [*HEADERS, *((REGION_HEADER,) if selection.regional else ())]
    region = region_name(selection)
    for column, header in enumerate(headers, start=1):
        put_text(ws, 1, column, header, style=styles.HEADER)
    widths = [{header} for header in headers]
    row = 1
    for section, topic in document.topics():
        for case in topic.cases:
            origin = Origin(path, case.line, f"case {case.id}")
            named: list[Actor | None] = [*sorted(case.attribution.actors, key=_code_order)]
            for actor in named or [None]:
                row += 1
                values = [case.id, *_actor_values(actor), section_label(section), topic.title]
                if selection.regional:
                    inside = (
                        actor is not None
                        and actor.government is not None
                        and in_region(actor.government, selection)
                    )
                    values.append(region if inside else OUTSIDE if actor is not None else "")
                _row(ws, row, values, origin, widths)
    filter_table(ws, TABLE, headers, row, "TableStyleLight9")
    ws.freeze_panes = "A2"
    for column, texts in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = fit_width(texts, 8, 60)
    print_setup(ws, view, paper=ws.PAPERSIZE_A4, title_rows="1:1")


def _code_order(actor: Actor) -> str:
    return actor.key


def _actor_values(actor: Actor | None) -> list[str]:
    """団体コード, 団体名, 都道府県, ブロック of one actor (empty for 非公表)."""
    if actor is None or actor.government is None:
        return ["", "", "", ""]
    government = actor.government
    code = "" if actor.group is not None else government.code
    return [code, actor.label, government.prefecture, government.block]


def _row(
    ws: Worksheet, row: int, values: list[str], origin: Origin, widths: list[set[str]]
) -> None:
    for column, value in enumerate(values, start=1):
        if value:
            put_text(ws, row, column, value, origin, styles.TABLE_TEXT)
            widths[column - 1].add(value)
        else:
            put_style(ws, row, column, styles.TABLE_TEXT)
