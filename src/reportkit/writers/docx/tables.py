"""The summary tables: cases per topic, actors per section, cases per block.

Cells are formatted by paragraph styles (表本文, 表本文（数値）) and the table style
集計表 (grid, shaded header row); the header row repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.shared import Twips
from docx.table import Table

from reportkit.labels import NO_TOPIC, section_label, topic_label
from reportkit.model import Document, Section
from reportkit.summary import actor_index, cases_by_block, cases_by_topic
from reportkit.view import View
from reportkit.writers.docx import styles
from reportkit.writers.docx.ooxml import element, elements, paragraph_xml, qn, run_xml


@dataclass(frozen=True)
class Column:
    """A table column: heading, share of the text width, numeric (right-aligned) or not."""

    heading: str
    share: float
    numeric: bool = False


def _table(
    document: WordDocument,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    total: bool = False,
    style_id: str = styles.SUMMARY_TABLE,
) -> Table:
    """A table filling ``width``; with ``total`` its last row is styled as a total."""
    table = document.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = styles.style(document, style_id)
    table.autofit = False
    properties = table._tbl.tblPr
    properties.find(qn("w:tblW")).attrib.update({qn("w:w"): str(width), qn("w:type"): "dxa"})
    if total:
        look = properties.find(qn("w:tblLook"))
        look.attrib.update({qn("w:lastRow"): "1", qn("w:val"): "04E0"})
    widths = [round(width * column.share) for column in columns]
    widths[-1] = width - sum(widths[:-1])
    for grid_column, column_width in zip(table.columns, widths, strict=True):
        grid_column.width = Twips(column_width)
    table.rows[0]._tr.get_or_add_trPr().append(element("<w:tblHeader/>"))
    for row_index, values in enumerate([[c.heading for c in columns], *rows]):
        cells = table.rows[row_index].cells
        for cell, value, column, column_width in zip(cells, values, columns, widths, strict=True):
            cell.width = Twips(column_width)
            if row_index == 0:
                style_id = styles.TABLE_HEADING
            else:
                style_id = styles.TABLE_NUMBER if column.numeric else styles.TABLE_TEXT
            # Style ids are set on the XML: python-docx would look each one up by name.
            cell._tc.clear_content()
            cell._tc.extend(elements(paragraph_xml(style_id, run_xml(value) if value else "")))
    return table


def _merge_down(table: Table, column: int, first: int, last: int) -> None:
    if last > first:
        table.cell(first, column).merge(table.cell(last, column))


def topic_table(document: WordDocument, source: Document, width: int) -> Table:
    """表1: cases per topic, the section cell spanning its topics, and the total."""
    columns = (Column("項目", 0.36), Column("中項目", 0.49), Column("事例数", 0.15, numeric=True))
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    current: Section | None = None
    for section, topic, count in cases_by_topic(source):
        if section is not current:
            spans.append((len(rows) + 1, len(rows) + 1))
            current = section
        else:
            spans[-1] = (spans[-1][0], len(rows) + 1)
        label = section_label(section) if spans[-1][0] == len(rows) + 1 else ""
        rows.append([label, topic_label(topic), str(count)])
    total = sum(1 for _ in source.cases())
    rows.append(["合計", "", str(total)])
    table = _table(document, columns, rows, width, total=True)
    for first, last in spans:
        _merge_down(table, 0, first, last)
    last_row = len(rows)
    table.cell(last_row, 0).merge(table.cell(last_row, 1))
    return table


def actor_table(document: WordDocument, source: Document, width: int) -> Table:
    """表2: per section its cases and actors, then a full-width row naming the actors.

    Names follow 団体コード order (a prefecture before its municipalities); a full-width
    row keeps a long list readable in a 5,000-case collection.
    """
    columns = (
        Column("項目", 0.64),
        Column("事例数", 0.18, numeric=True),
        Column("団体数", 0.18, numeric=True),
    )
    section_of = {case.id: section.number for section in source.sections for case in section.cases}
    names: dict[int, list[str]] = {section.number: [] for section in source.sections}
    for entry in actor_index(source):
        for number in dict.fromkeys(section_of[case.id] for case in entry.cases):
            names[number].append(entry.label)
    rows: list[list[str]] = []
    for section in source.sections:
        listed = names[section.number]
        rows.append([section_label(section), str(len(section.cases)), str(len(listed))])
        rows.append(["、".join(listed) or NO_TOPIC, "", ""])
    # 集計表（一覧） shades odd rows: the section rows above their lists.
    table = _table(document, columns, rows, width, style_id=styles.LIST_TABLE)
    for index in range(2, len(rows) + 1, 2):
        table.cell(index, 0).merge(table.cell(index, len(columns) - 1))
    return table


def block_table(document: WordDocument, view: View, width: int) -> Table | None:
    """表3 of a block handout: cases per block here and in the whole collection."""
    if view.national is None:
        return None
    order = view.blocks or list(view.national)
    here = cases_by_block(view.document, order)
    columns = (
        Column("ブロック", 0.40),
        Column("本資料の事例数", 0.30, numeric=True),
        Column("全国の事例数", 0.30, numeric=True),
    )
    rows = [[block, str(here.get(block, 0)), str(view.national.get(block, 0))] for block in order]
    return _table(document, columns, rows, width)
