"""The rows of a 新旧対照表, laid out once for every renderer (docx, pdf).

Only what changed is listed, in the new edition's order with removed cases where they
stood, each under its section and topic heading (repeated as context when unchanged).
An added case shows （新設） on the old side, a removed one （削除） on the new side, as in
the 新旧対照表 of the 厚生労働省; changed characters are marked on both sides
(:mod:`.marks`). Which side is printed left is the renderer's choice (``--order``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from reportkit.labels import case_label, section_label, topic_label
from reportkit.revise.compare import Comparison, Entry, Row
from reportkit.revise.marks import Mark, Marked, case_marks, title_marks, whole_case

ADDED = "（新設）"
REMOVED = "（削除）"
NOTE = "（傍線部分は変更部分）"
NEW = "新"
OLD = "旧"
Order = Literal["new-old", "old-new"]
RowLevel = Literal["front", "section", "topic", "case"]

FRONT_LABELS = {"title": "表題", "subtitle": "副題", "note": "注記"}


@dataclass(frozen=True)
class Cell:
    """One side of a row: its number (case id), marked text or a placeholder, a note."""

    marked: Marked | None = None
    number: str = ""
    placeholder: str = ""
    note: str = ""


@dataclass(frozen=True)
class TableRow:
    """One row of the table: the old and the new side."""

    level: RowLevel
    old: Cell
    new: Cell

    def sides(self, order: Order) -> tuple[Cell, Cell]:
        """(left, right) for the column order."""
        return (self.new, self.old) if order == "new-old" else (self.old, self.new)


def headers(order: Order) -> tuple[str, str]:
    return (NEW, OLD) if order == "new-old" else (OLD, NEW)


def _heading_marked(entry: Entry, title: Marked | None = None, changed: bool = False) -> Marked:
    """A heading's label with its title marked (or wholly changed, for added or removed)."""
    if entry.level == "section":
        label, title_text = section_label(entry.section), entry.section.title
    else:
        assert entry.topic is not None
        label, title_text = topic_label(entry.topic), entry.topic.title
    start = label.find(title_text)
    head, rest = label[:start], label[start + len(title_text) :]
    marks = title.body if title is not None else (Mark(title_text, changed),)
    pieces = (Mark(head, changed), *marks, Mark(rest, changed))
    return Marked(tuple(mark for mark in pieces if mark.text))


def _place(entry: Entry) -> str:
    """Where a case or topic stood: 1．新規相談・プラン作成　（2）関係機関からつながる…"""
    parts = [section_label(entry.section)]
    if entry.topic is not None and not entry.topic.implicit and entry.level == "case":
        parts.append(topic_label(entry.topic))
    return "　".join(parts)


def heading_row(row: Row) -> TableRow:
    """A section or topic heading: context, renamed, added, removed or moved."""
    old, new = row.old, row.new
    if old is None:
        assert new is not None
        return TableRow(
            row.level, Cell(placeholder=ADDED), Cell(_heading_marked(new, changed=True))
        )
    if new is None:
        return TableRow(
            row.level, Cell(_heading_marked(old, changed=True)), Cell(placeholder=REMOVED)
        )
    old_title, new_title = title_marks(old.title, new.title)
    note = f"（{_place(old)}から移動）" if row.kind == "moved" else ""
    return TableRow(
        row.level,
        Cell(_heading_marked(old, old_title), note=note),
        Cell(_heading_marked(new, new_title)),
    )


def case_row(row: Row) -> TableRow:
    """A case: added, removed, changed or moved."""
    old, new = row.old, row.new
    if old is None or old.case is None:
        assert new is not None and new.case is not None
        return TableRow(
            "case",
            Cell(placeholder=ADDED),
            Cell(whole_case(new.case, True), case_label(new.case)),
        )
    if new is None or new.case is None:
        return TableRow(
            "case",
            Cell(whole_case(old.case, True), case_label(old.case)),
            Cell(placeholder=REMOVED),
        )
    marks = case_marks(old.case, new.case)
    note = f"（{_place(old)}から移動）" if row.kind == "moved" else ""
    return TableRow(
        "case",
        Cell(marks.old, case_label(old.case)),
        Cell(marks.new, case_label(new.case), note=note),
    )


def front_rows(comparison: Comparison) -> list[TableRow]:
    """Rows for a changed title, subtitle or ※ note."""
    rows = []
    for what, old, new in comparison.front:
        label = FRONT_LABELS[what]
        if old and new:
            old_marked, new_marked = title_marks(old, new)
            rows.append(TableRow("front", Cell(old_marked, label), Cell(new_marked, label)))
        elif new:
            rows.append(
                TableRow("front", Cell(placeholder=ADDED), Cell(Marked((Mark(new, True),)), label))
            )
        elif old:
            rows.append(
                TableRow(
                    "front", Cell(Marked((Mark(old, True),)), label), Cell(placeholder=REMOVED)
                )
            )
    return rows


def table_rows(comparison: Comparison) -> list[TableRow]:
    """The rows of the 新旧対照表 (see the module docstring)."""
    rows = front_rows(comparison)
    pending: dict[str, Row | None] = {"section": None, "topic": None}
    shown: dict[str, Row | None] = {"section": None, "topic": None}
    for row in comparison.rows:
        if row.level in ("section", "topic"):
            pending[row.level] = row
            if row.level == "section":
                pending["topic"] = None
            if row.kind is None:
                continue
        elif row.kind is None:
            continue
        for level in ("section", "topic"):
            heading = pending[level]
            if heading is not None and shown[level] is not heading and not _implicit(heading):
                rows.append(heading_row(heading))
                shown[level] = heading
        if row.level == "case":
            rows.append(case_row(row))
    return rows


def _implicit(row: Row) -> bool:
    topic = row.either.topic
    return row.level == "topic" and topic is not None and topic.implicit
