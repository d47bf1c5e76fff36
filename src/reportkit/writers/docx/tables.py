"""The summary tables: cases per topic, actors per section, cases per block.

A line break in a cell's value starts a new paragraph in the cell. Cells are
formatted by paragraph styles (表本文, 表本文（数値）) and the table style
集計表 (grid, shaded header row); the header row repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from docx.table import Table

from reportkit.labels import (
    MULTIPLE_COUNTING_NOTE,
    NO_TOPIC,
    OPEN_LIST_NOTE,
    UNDISCLOSED_NOTE,
    case_label,
    group_note,
    section_label,
    topic_label,
)
from reportkit.model import Document, Section
from reportkit.summary import actor_index, cases_by_block, cases_by_topic, in_region, region_name
from reportkit.view import View
from reportkit.writers.docx import styles
from reportkit.writers.docx.ooxml import element, elements, paragraph_xml, qn, run_xml


@dataclass(frozen=True)
class Column:
    """A table column: heading, share of the text width, numeric (right-aligned) or not."""

    heading: str
    share: float
    numeric: bool = False


def _update(parent: BaseOxmlElement, tag: str, values: dict[str, str]) -> None:
    """Set attributes of the child ``tag`` python-docx writes into every new table."""
    child = parent.find(qn(tag))
    if child is None:
        raise ValueError(f"python-docx made a table without {tag}")
    for name, value in values.items():
        child.set(qn(name), value)


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
    table: Table = document.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = styles.table_style(document, style_id)
    table.autofit = False
    properties = table._tbl.tblPr
    _update(properties, "w:tblW", {"w:w": str(width), "w:type": "dxa"})
    if total:
        _update(properties, "w:tblLook", {"w:lastRow": "1", "w:val": "04E0"})
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
            paragraphs = [
                paragraph_xml(style_id, run_xml(line) if line else "") for line in value.split("\n")
            ]
            for old in cell._tc.findall(qn("w:p")):
                cell._tc.remove(old)
            cell._tc.extend(elements("".join(paragraphs)))
    return table


def _merge_down(table: Table, column: int, first: int, last: int) -> None:
    if last > first:
        table.cell(first, column).merge(table.cell(last, column))


def topic_table(document: WordDocument, source: Document, width: int) -> Table:
    """表1: cases per topic, the section cell spanning its topics, and the total."""
    columns = (Column("項目", 0.33), Column("中項目", 0.56), Column("事例数", 0.11, numeric=True))
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


@dataclass
class SectionActors:
    """The actors named in one section's cases, split into the region's own and the others."""

    local: list[str]
    elsewhere: list[str]


def section_actors(view: View) -> dict[int, SectionActors]:
    """Per section number, its actors' labels in 団体コード order, split by region."""
    source, selection = view.document, view.meeting.select
    section_of = {case.id: section.number for section in source.sections for case in section.cases}
    found = {section.number: SectionActors([], []) for section in source.sections}
    for entry in actor_index(source):
        here = in_region(entry.government, selection)
        for number in dict.fromkeys(section_of[case.id] for case in entry.cases):
            (found[number].local if here else found[number].elsewhere).append(entry.label)
    return found


def _names(actors: SectionActors, region: str | None) -> str:
    """The names cell: the region's own actors, then (a paragraph of their own) the others."""
    local = "、".join(actors.local) or NO_TOPIC
    if not region or not actors.elsewhere:
        return local
    return f"{local}\n{elsewhere_label(region)}：{'、'.join(actors.elsewhere)}"


def elsewhere_label(region: str) -> str:
    """How the briefing names the co-actors from outside the region: 関東信越以外の団体."""
    return f"{region}以外の団体"


def actor_table(document: WordDocument, view: View, width: int) -> Table:
    """表2: per section its cases and actors, then a full-width row naming the actors.

    Names follow 団体コード order (a prefecture before its municipalities); a full-width
    row keeps a long list readable in a 5,000-case collection. A regional edition counts
    and lists the region's own actors apart from co-actors elsewhere.
    """
    region = region_name(view.meeting.select) if view.meeting.select.regional else None
    columns: tuple[Column, ...]
    if region:
        columns = (
            Column("項目", 0.52),
            Column("事例数", 0.12, numeric=True),
            Column(f"{region}の団体数", 0.19, numeric=True),
            Column("ほかの団体数", 0.17, numeric=True),
        )
    else:
        columns = (
            Column("項目", 0.64),
            Column("事例数", 0.18, numeric=True),
            Column("団体数", 0.18, numeric=True),
        )
    actors = section_actors(view)
    rows: list[list[str]] = []
    for section in view.document.sections:
        named = actors[section.number]
        counts = [str(len(named.local))]
        counts += [str(len(named.elsewhere))] if region else []
        rows.append([section_label(section), str(len(section.cases)), *counts])
        rows.append([_names(named, region)] + [""] * (len(columns) - 1))
    # 集計表（一覧） shades odd rows: the section rows above their lists.
    table = _table(document, columns, rows, width, style_id=styles.LIST_TABLE)
    for index in range(2, len(rows) + 1, 2):
        table.cell(index, 0).merge(table.cell(index, len(columns) - 1))
    return table


def actor_notes(view: View) -> list[str]:
    """What 表2 counts: co-actors elsewhere, unnamed groups, open lists (各「※」の注)."""
    source = view.document
    notes = []
    selection = view.meeting.select
    entries = actor_index(source)
    if selection.regional and not all(in_region(e.government, selection) for e in entries):
        region = region_name(selection)
        notes.append(
            f"{elsewhere_label(region)}は、{region}の団体と共同で実施した事例に挙がっている団体"
            f"（{region}の団体数には数えない）。"
        )
    groups = [entry.label for entry in entries if entry.actor.group is not None]
    if groups:
        notes.append(group_note(groups))
    open_lists = [case_label(c) for c in source.cases() if c.attribution.open_list]
    if open_lists:
        notes.append(f"{OPEN_LIST_NOTE}該当する事例：{'、'.join(open_lists)}")
    return notes


def block_notes(view: View) -> list[str]:
    """What 表3 counts: a case once per block of its actors; undisclosed cases nowhere."""
    notes = [MULTIPLE_COUNTING_NOTE]
    if any(case.attribution.undisclosed for case in view.document.cases()):
        notes.append(UNDISCLOSED_NOTE)
    return notes


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
