"""Sheet 集計: cases per initiative type and per block, each with a native bar chart.

Each table is followed by its chart; the block table starts a new printed page. The
type table names each type with its section (2．（8）その他), so the chart's categories
are unambiguous; its total is a SUBTOTAL formula (:mod:`.formulas`).
"""

from __future__ import annotations

import math

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import (
    MULTIPLE_COUNTING_NOTE,
    UNDISCLOSED_NOTE,
    edition_count_text,
    qualified_topic_label,
    section_label,
)
from reportkit.summary import cases_by_block, cases_by_topic, edition_counts, region_name
from reportkit.view import View
from reportkit.writers.xlsx import styles
from reportkit.writers.xlsx.cells import Origin, put_number, put_style, put_text
from reportkit.writers.xlsx.formulas import put_formula, subtotal
from reportkit.writers.xlsx.layout import fit_width, print_setup
from reportkit.writers.xlsx.ordering import block_order

SHEET = "集計"
TOPIC_TITLE = "中項目（取組の種類）別の事例数"
BLOCK_TITLE = "ブロック別の事例数"
TEXT, NUMBER = styles.TABLE_TEXT, styles.TABLE_NUMBER
ROW_CM = 0.5  # default row height in centimetres
UNIT_CM = 0.19  # one column-width unit in centimetres
BAR_CM = 0.7  # chart height per bar
PAGE_CM = 28.0  # printable height of an A4 page fitted to the sheet's width
NOTES = (f"※ {MULTIPLE_COUNTING_NOTE}", f"※ {UNDISCLOSED_NOTE}")


def write_totals(ws: Worksheet, view: View) -> None:
    """Fill ``ws`` with both tables and their charts."""
    document = view.document
    path = document.source_name or "source"
    put_text(ws, 1, 1, f"{document.title}　集計", Origin(path, 0, "document title"), styles.TITLE)
    put_text(ws, 2, 1, view.date_text, style=styles.NOTE)
    selection = view.meeting.select
    region = region_name(selection) if selection.regional else None
    counted = edition_count_text(edition_counts(view), region)
    put_text(ws, 3, 1, f"本資料の取組事例：{counted}", style=styles.NOTE)
    blocks = block_order(view)
    widths = (
        fit_width([section_label(s) for s in document.sections] + blocks, 12, 64),
        fit_width([qualified_topic_label(s, t) for s, t in document.topics()], 12, 64),
        12.0,
    )
    for letter, width in zip("ABC", widths, strict=True):
        ws.column_dimensions[letter].width = width
    chart_width = round(min(26.0, sum(widths) * UNIT_CM))  # whole centimetres

    row = 4
    put_text(ws, row, 1, TOPIC_TITLE, style=styles.CAPTION)
    header = row + 1
    _header_row(ws, header, ("大項目", "中項目", "事例数"))
    row = header
    for section, topic, count in cases_by_topic(document):
        row += 1
        put_text(ws, row, 1, section_label(section), Origin(path, section.line, "section"), TEXT)
        label = qualified_topic_label(section, topic)
        put_text(ws, row, 2, label, Origin(path, topic.line, "topic"), TEXT)
        put_number(ws, row, 3, count, NUMBER)
    last = row
    row += 1
    put_style(ws, row, 1, styles.TOTAL_LABEL)
    put_text(ws, row, 2, "計", style=styles.TOTAL_LABEL)
    cases = sum(1 for _ in document.cases())
    put_formula(ws, row, 3, subtotal(((header + 1, 3), (last, 3))), cases, styles.TOTAL)
    chart = _bar_chart(ws, TOPIC_TITLE, header, last, label_column=2, value_columns=(3, 3))
    chart.width = chart_width
    if (row + 2) * ROW_CM + chart.height > PAGE_CM:
        ws.row_breaks.append(Break(id=row + 1))  # a chart cut by a page break prints badly
    ws.add_chart(chart, f"A{row + 2}")
    row += 2 + math.ceil(chart.height / ROW_CM)

    ws.row_breaks.append(Break(id=row))
    row += 1
    put_text(ws, row, 1, BLOCK_TITLE, style=styles.CAPTION)
    header = row + 1
    national = view.national
    _header_row(ws, header, ("ブロック", "事例数", *(("全国の事例数",) if national else ())))
    row = header
    for block, count in cases_by_block(document, blocks).items():
        row += 1
        put_text(ws, row, 1, block, Origin(path, 0, f"block {block}"), TEXT)
        put_number(ws, row, 2, count, NUMBER)
        if national is not None:
            put_number(ws, row, 3, national.get(block, 0), NUMBER)
    last = row
    for offset, note in enumerate(NOTES, start=1):
        put_text(ws, row + offset, 1, note, style=styles.NOTE)
    row += len(NOTES)
    chart = _bar_chart(
        ws, BLOCK_TITLE, header, last, label_column=1, value_columns=(2, 3 if national else 2)
    )
    chart.width = chart_width
    ws.add_chart(chart, f"A{row + 2}")
    print_setup(
        ws,
        view,
        paper=ws.PAPERSIZE_A4,
        title_rows=None,
        landscape=False,
    )


def _header_row(ws: Worksheet, row: int, labels: tuple[str, ...]) -> None:
    for column, label in enumerate(labels, start=1):
        put_text(ws, row, column, label, style=styles.HEADER)


def _bar_chart(
    ws: Worksheet,
    title: str,
    header: int,
    last: int,
    *,
    label_column: int,
    value_columns: tuple[int, int],
) -> BarChart:
    """A horizontal bar chart of the table from ``header`` to ``last``, first row on top."""
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.title = title
    data = Reference(
        ws, min_col=value_columns[0], max_col=value_columns[1], min_row=header, max_row=last
    )
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=label_column, min_row=header + 1, max_row=last))
    chart.x_axis.scaling.orientation = "maxMin"  # first category at the top
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.y_axis.crosses = "max"  # values along the bottom despite the reversed categories
    chart.y_axis.number_format = "0"
    chart.y_axis.scaling.min = 0
    chart.dataLabels = DataLabelList(
        showVal=True, showCatName=False, showSerName=False, showLegendKey=False, showPercent=False
    )
    if value_columns[0] == value_columns[1]:
        chart.legend = None
    else:
        chart.legend.position = "b"
    chart.gapWidth = 50
    chart.height = max(
        5.0, 2.0 + BAR_CM * (last - header) * (value_columns[1] - value_columns[0] + 1)
    )
    return chart
