"""The ``reportkit actors`` listing: every actor with its cases, in 団体コード order."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from reportkit.model import Document
from reportkit.summary import actor_index

COLUMNS = ("code", "name", "prefecture", "kind", "block", "sub_block", "cases")


def actor_rows(document: Document) -> list[dict[str, Any]]:
    """One row per distinct actor of a resolved document, in 団体コード order.

    A group (静岡県内7市) has its prefecture's code, its own name and its count.
    """
    rows = []
    for entry in actor_index(document):
        government, group = entry.government, entry.actor.group
        rows.append(
            {
                "code": government.code,
                "name": entry.label,
                "prefecture": government.prefecture,
                "kind": group.kind if group else government.kind.value,
                "block": government.block,
                "sub_block": government.sub_block,
                "count": group.count if group else None,
                "cases": entry.case_ids,
            }
        )
    return rows


def render_csv(rows: list[dict[str, Any]]) -> str:
    """A CSV table with a header; case ids separated by spaces."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        cells = {**row, "sub_block": row["sub_block"] or "", "cases": " ".join(row["cases"])}
        writer.writerow([cells[column] for column in COLUMNS])
    return out.getvalue()


def render_json(rows: list[dict[str, Any]]) -> str:
    """A JSON array of the rows (``count`` is set for groups only)."""
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
