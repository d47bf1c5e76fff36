"""Sheet マトリクス: one row per actor, one column per initiative type, counts linked.

Layout::

    row 1   団体 (merged) | 1. section (merged over its topics) | … | 合計
    row 2   団体コード 都道府県 名称 種別 ブロック | topic | topic | … | 事例数
    row 3…  one row per actor in 団体コード order (a prefecture before its municipalities;
            a group such as 静岡県内7市 right after its prefecture, without a code);
            a regional edition then has a caption row and, as a row group in a shade of
            their own, the co-actors from elsewhere
    then    計（延べ）, 事例数, うち「等」「等多数」, うち非公表 (when any), and notes

A count is the number of cases of that type that name the actor; it links to the first
such case on sheet 事例一覧. A case naming several actors counts once for each, so the
sum of a column (計（延べ）) can exceed its number of cases (事例数). An actor's total is
a SUM of its row and 計（延べ） a SUBTOTAL(109) of each column (:mod:`.formulas`), so a
filtered matrix adds up what it shows. Every cell of the grid has its borders.
"""

from __future__ import annotations

import math

from openpyxl.formatting.rule import ColorScale, FormatObject, Rule
from openpyxl.styles.colors import Color
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import (
    NUMBERS_NOTE,
    OPEN_LIST_NOTE,
    elsewhere_heading,
    group_note,
    section_label,
)
from reportkit.model import Case, Document
from reportkit.summary import ActorEntry, actor_index, cases_by_topic, in_region, region_name
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cases import SHEET as CASES_SHEET
from reportkit.writers.xlsx.cells import Origin, put_number, put_style, put_text
from reportkit.writers.xlsx.formulas import put_formula, row_sum, subtotal
from reportkit.writers.xlsx.layout import (
    fit_width,
    lines_needed,
    print_setup,
    row_height,
    text_width,
)

SHEET = "マトリクス"
FIXED = ("団体コード", "都道府県", "名称", "種別", "ブロック")
HEADER_ROWS = 2
FIRST_ROW = HEADER_ROWS + 1
FIRST_TYPE_COLUMN = len(FIXED) + 1
TYPE_WIDTH = 12.0
SECTION_LINES = 2  # a section heading of row 1 wraps to at most this many lines
TOTAL_HEADER = ("合計", "事例数")
ONE_PAGE_ROWS = 90
"""A matrix up to this many rows (notes included) prints on one page; longer ones run on."""

SUM_LABEL = "計（延べ）"
CASES_LABEL = "事例数"
OPEN_LABEL = "うち「等」「等多数」の事例"
UNDISCLOSED_LABEL = "うち非公表の事例"


def case_link(rows: dict[str, int], cases: list[Case]) -> Hyperlink:
    """An internal link to the first of ``cases`` on sheet 事例一覧."""
    first = min(cases, key=lambda case: rows[case.id])
    ids = "、".join(case.id for case in cases)
    tooltip = f"事例 {ids}" if len(ids) < 200 else f"事例 {ids[:200]}…"
    return Hyperlink(ref="", location=f"'{CASES_SHEET}'!A{rows[first.id]}", tooltip=tooltip)


def write_matrix(ws: Worksheet, view: View, rows: dict[str, int]) -> None:
    """Fill ``ws`` with the matrix; ``rows`` maps case ids to their rows on 事例一覧."""
    document = view.document
    path = document.source_name or "source"
    column_of: dict[str, int] = {}
    topics = [topic for _, topic, _ in cases_by_topic(document)]
    for column, topic in enumerate(topics, start=FIRST_TYPE_COLUMN):
        for case in topic.cases:
            column_of[case.id] = column
    total_column = FIRST_TYPE_COLUMN + len(topics)

    _header(ws, document, path, total_column)
    selection = view.meeting.select
    entries = actor_index(document)
    here = [entry for entry in entries if in_region(entry.government, selection)]
    elsewhere = [entry for entry in entries if not in_region(entry.government, selection)]
    row = FIRST_ROW - 1
    sums = [0] * (total_column + 1)
    for group, style in ((here, styles.TEXT), (elsewhere, styles.OTHER)):
        if group is elsewhere and elsewhere:
            row += 1
            _group_caption(ws, row, elsewhere_heading(region_name(selection)), total_column)
        for entry in group:
            row += 1
            written = _actor_row(ws, row, entry, column_of, rows, total_column, path, style)
            for column, count in written:
                sums[column] += count
            if group is elsewhere:
                ws.row_dimensions[row].outlineLevel = 1  # a group that folds away
    last_data_row = row
    row = _summary_rows(ws, document, column_of, rows, last_data_row, total_column, sums)
    last_row = _notes(ws, row + 2, entries, view)
    _format(ws, view, total_column, last_data_row, last_row)


def _group_caption(ws: Worksheet, row: int, caption: str, total_column: int) -> None:
    """The row that opens the co-actors' group (no merged cells: the filter spans it)."""
    put_text(ws, row, 1, caption, style=styles.OTHER_CAPTION)
    for column in range(2, total_column + 1):
        put_style(ws, row, column, styles.OTHER_CAPTION)


def _header(ws: Worksheet, document: Document, path: str, total_column: int) -> None:
    for column in range(1, total_column + 1):
        put_style(ws, 1, column, styles.SECTION)
    put_text(ws, 1, 1, "団体", style=styles.SECTION)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(FIXED))
    for column, label in enumerate(FIXED, start=1):
        put_text(ws, 2, column, label, style=styles.HEADER)
    column = FIRST_TYPE_COLUMN
    for section in document.sections:
        origin = Origin(path, section.line, f"section {section.number}")
        put_text(ws, 1, column, section_label(section), origin, styles.SECTION)
        end = column + len(section.topics) - 1
        if end > column:
            ws.merge_cells(start_row=1, start_column=column, end_row=1, end_column=end)
        for topic in section.topics:
            origin = Origin(path, topic.line, f"topic {section.number}-{topic.number}")
            put_text(ws, 2, column, topic.title, origin, styles.HEADER)
            column += 1
    put_text(ws, 1, total_column, TOTAL_HEADER[0], style=styles.SECTION)
    put_text(ws, 2, total_column, TOTAL_HEADER[1], style=styles.HEADER)


def _actor_row(
    ws: Worksheet,
    row: int,
    entry: ActorEntry,
    column_of: dict[str, int],
    rows: dict[str, int],
    total_column: int,
    path: str,
    style: str,
) -> list[tuple[int, int]]:
    """Write one actor's row; return its (column, count) pairs, the total included."""
    actor, government = entry.actor, entry.government
    origin = Origin(path, actor.line, f"actor {actor.written!r}")
    group = actor.group
    if group is None:
        code_style = styles.OTHER_CODE if style == styles.OTHER else styles.CODE
        put_number(ws, row, 1, int(government.code), code_style)
        kind = government.kind.value
    else:
        # A group has no code of its own; its prefecture stands in column 都道府県.
        put_style(ws, row, 1, styles.GROUP)
        kind, style = f"団体群（{group.count}{group.kind}）", styles.GROUP
    for column, text in enumerate(
        (government.prefecture, entry.label, kind, government.block), start=2
    ):
        put_text(ws, row, column, text, origin, style)
    by_column: dict[int, list[Case]] = {}
    for case in entry.cases:
        by_column.setdefault(column_of[case.id], []).append(case)
    for column in range(FIRST_TYPE_COLUMN, total_column):
        cases = by_column.get(column)
        if cases:
            cell = put_number(ws, row, column, len(cases), styles.COUNT)
            cell.hyperlink = case_link(rows, cases)
        else:
            put_style(ws, row, column, styles.EMPTY)
    types = ((row, FIRST_TYPE_COLUMN), (row, total_column - 1))
    put_formula(ws, row, total_column, row_sum(types), len(entry.cases), styles.TOTAL)
    counts = [(column, len(cases)) for column, cases in by_column.items()]
    return [*counts, (total_column, len(entry.cases))]


def _summary_rows(
    ws: Worksheet,
    document: Document,
    column_of: dict[str, int],
    rows: dict[str, int],
    last_data_row: int,
    total_column: int,
    sums: list[int],
) -> int:
    """Totals under the actors; returns the last row written."""
    per_type: dict[str, dict[int, list[Case]]] = {
        CASES_LABEL: {},
        OPEN_LABEL: {},
        UNDISCLOSED_LABEL: {},
    }
    for case in document.cases():
        column = column_of[case.id]
        per_type[CASES_LABEL].setdefault(column, []).append(case)
        if case.attribution.open_list:
            per_type[OPEN_LABEL].setdefault(column, []).append(case)
        if case.attribution.undisclosed:
            per_type[UNDISCLOSED_LABEL].setdefault(column, []).append(case)
    row = last_data_row + 1
    put_text(ws, row, 1, SUM_LABEL, style=styles.SUM_LABEL)
    for column in range(2, FIRST_TYPE_COLUMN):
        put_style(ws, row, column, styles.SUM_LABEL)
    for column in range(FIRST_TYPE_COLUMN, total_column + 1):
        cells = ((FIRST_ROW, column), (last_data_row, column))
        put_formula(ws, row, column, subtotal(cells), sums[column], styles.SUM)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(FIXED))
    labels = [CASES_LABEL, OPEN_LABEL]
    if per_type[UNDISCLOSED_LABEL]:
        labels.append(UNDISCLOSED_LABEL)
    for label in labels:
        row += 1
        found = per_type[label]
        put_text(ws, row, 1, label, style=styles.TOTAL_LABEL)
        for column in range(2, FIRST_TYPE_COLUMN):
            put_style(ws, row, column, styles.TOTAL_LABEL)
        for column in range(FIRST_TYPE_COLUMN, total_column):
            cases = found.get(column)
            if cases:
                cell = put_number(ws, row, column, len(cases), styles.TOTAL_LINK)
                cell.hyperlink = case_link(rows, cases)
            else:
                put_style(ws, row, column, styles.TOTAL)
        total = sum(len(cases) for cases in found.values())
        put_number(ws, row, total_column, total or None, styles.TOTAL)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(FIXED))
    return row


def _notes(ws: Worksheet, row: int, entries: list[ActorEntry], view: View) -> int:
    """Explanations under the totals; returns the last row written."""
    notes = [
        "※ 数字は、その団体の名前が挙がっている事例の件数（空欄は0件）。"
        "数字をクリックすると「事例一覧」の該当する最初の事例へ移動する。",
        "※ 複数の団体が挙がる事例は団体ごとに数えるため、「計（延べ）」は「事例数」を上回ることがある。",
        f"※ 「{SUM_LABEL}」と各団体の「{TOTAL_HEADER[1]}」は計算式で、フィルターで絞り込むと"
        f"表示中の団体だけを合計する。「{CASES_LABEL}」以下の行は絞り込みによらない件数。",
        f"※ {OPEN_LIST_NOTE}該当する事例は「{OPEN_LABEL}」の行と「事例一覧」の「ほか」列に示す。",
    ]
    groups = [entry.label for entry in entries if entry.actor.group is not None]
    if groups:
        notes.append(
            f"※ {group_note(groups)}その行の団体コードは空欄とし、所在の都道府県を"
            "「都道府県」列に示す。"
        )
    selection = view.meeting.select
    if selection.regional:
        heading = elsewhere_heading(region_name(selection))
        notes.append(f"※ 「{heading}」は網掛けの行にまとめた（左端の「－」で折りたためる）。")
    if not selection.everything:
        notes.append(f"※ {NUMBERS_NOTE}")
    for offset, note in enumerate(notes):
        put_text(ws, row + offset, 1, note, style=styles.NOTE)
    return row + len(notes) - 1


def _format(
    ws: Worksheet, view: View, total_column: int, last_data_row: int, last_row: int
) -> None:
    last_type = get_column_letter(total_column - 1)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=FIRST_TYPE_COLUMN).coordinate
    ws.auto_filter.ref = f"A{HEADER_ROWS}:{get_column_letter(total_column)}{last_data_row}"
    if last_data_row >= FIRST_ROW:
        area = f"{get_column_letter(FIRST_TYPE_COLUMN)}{FIRST_ROW}:{last_type}{last_data_row}"
        scale = ColorScale(
            cfvo=[FormatObject(type="num", val=0), FormatObject(type="max")],
            color=[Color(styles.SCALE_LOW), Color(styles.SCALE_HIGH)],
        )
        ws.conditional_formatting.add(area, Rule(type="colorScale", colorScale=scale))
    for column in range(1, FIRST_TYPE_COLUMN):
        texts = (
            [FIXED[0], "00000"]
            if column == 1
            else [
                str(ws.cell(row=row, column=column).value or "")
                for row in range(HEADER_ROWS, last_data_row + 1)
            ]
        )
        ws.column_dimensions[get_column_letter(column)].width = fit_width(texts, 6, 40)
    header_lines = 1
    widths = _type_widths(ws, total_column)
    for column in range(FIRST_TYPE_COLUMN, total_column + 1):
        width = widths.get(column, TYPE_WIDTH)
        ws.column_dimensions[get_column_letter(column)].width = width
        text = str(ws.cell(row=2, column=column).value or "")
        header_lines = max(header_lines, lines_needed(text, width))
    ws.row_dimensions[2].height = row_height(header_lines)
    ws.row_dimensions[1].height = row_height(_section_lines(ws, total_column, widths))
    print_setup(
        ws,
        view,
        paper=ws.PAPERSIZE_A3,
        title_rows=f"1:{HEADER_ROWS}",
        one_page_tall=last_row <= ONE_PAGE_ROWS,
    )


def _spans(ws: Worksheet) -> dict[int, int]:
    """First column -> number of columns of each section heading of row 1."""
    return {r.min_col: r.max_col - r.min_col + 1 for r in ws.merged_cells.ranges if r.min_row == 1}


def _type_widths(ws: Worksheet, total_column: int) -> dict[int, float]:
    """Widths of the type columns: wider where a section heading would need more lines."""
    spans = _spans(ws)
    widths: dict[int, float] = {}
    for column in range(FIRST_TYPE_COLUMN, total_column):
        text = ws.cell(row=1, column=column).value
        if not text:
            continue
        span = spans.get(column, 1)
        needed = math.ceil((text_width(str(text)) / SECTION_LINES + 3) / span)
        for inside in range(column, column + span):
            widths[inside] = max(TYPE_WIDTH, float(needed))
    return widths


def _section_lines(ws: Worksheet, total_column: int, widths: dict[int, float]) -> int:
    """Lines the section headings of row 1 need across their merged widths."""
    spans = _spans(ws)
    lines = 1
    for column in range(FIRST_TYPE_COLUMN, total_column):
        text = ws.cell(row=1, column=column).value
        if text:
            span = sum(
                widths.get(c, TYPE_WIDTH) for c in range(column, column + spans.get(column, 1))
            )
            lines = max(lines, lines_needed(str(text), span))
    return lines
