"""The short form of a comparison: Markdown for a commit message, a CI log or a job summary,
and JSON for scripts.

First the counts (cases added, removed, changed, moved; headings renamed, added, removed),
then each change in reading order: the case number and actors, and for a reworded case
each changed stretch in a few characters of context, ``~~removed~~`` and ``**inserted**``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from reportkit.labels import case_label, section_label, topic_label
from reportkit.model import Case
from reportkit.revise.compare import Comparison, Entry, Kind, Row
from reportkit.revise.marks import case_marks
from reportkit.view import View

CONTEXT = 8
"""Characters of unchanged text shown on each side of a changed stretch."""
EXCERPT = 40
"""Characters of an added or removed case's text shown."""

KIND_NAMES: dict[Kind, str] = {
    "added": "追加",
    "removed": "削除",
    "changed": "変更",
    "moved": "移動",
    "renamed": "名称変更",
}
ASPECT_NAMES = {"text": "本文", "emphasis": "強調", "attribution": "団体"}
LEVEL_NAMES = {"section": "大項目", "topic": "中項目", "case": "事例"}
FRONT_NAMES = {"title": "表題", "subtitle": "副題", "note": "注記"}


@dataclass(frozen=True)
class Snippet:
    """One changed stretch of a case with some context: old and new, in Markdown."""

    old: str
    new: str


def snippets(old: Case, new: Case) -> list[Snippet]:
    """The changed stretches of the printed case, ``~~old~~`` / ``**new**`` in context.

    Changes closer together than twice :data:`CONTEXT` share one snippet.
    """
    edits = case_marks(old, new).edits
    clusters: list[list[int]] = []
    for index, edit in enumerate(edits):
        if not edit.changed:
            continue
        if clusters and len(edits[index - 1].old) <= 2 * CONTEXT:
            clusters[-1].append(index)
        else:
            clusters.append([index])
    found = []
    for cluster in clusters:
        first, last = cluster[0], cluster[-1]
        before = edits[first - 1].old if first > 0 else ""
        after = edits[last + 1].old if last + 1 < len(edits) else ""
        lead = ("…" if len(before) > CONTEXT else "") + before[-CONTEXT:]
        trail = after[:CONTEXT] + ("…" if len(after) > CONTEXT else "")
        middle = edits[first : last + 1]
        removed = "".join(_marked(e.old, "~~") if e.changed else e.old for e in middle)
        inserted = "".join(_marked(e.new, "**") if e.changed else e.new for e in middle)
        found.append(Snippet(lead + removed + trail, lead + inserted + trail))
    return found


def _marked(text: str, mark: str) -> str:
    return f"{mark}{text}{mark}" if text else ""


def emphasis_changes(old: Case, new: Case) -> tuple[list[str], list[str]]:
    """Emphasised phrases the new version adds and those it drops."""
    before, after = old.emphasized, new.emphasized
    return [p for p in after if p not in before], [p for p in before if p not in after]


def _excerpt(case: Case) -> str:
    text = case.text
    return text if len(text) <= EXCERPT else text[:EXCERPT] + "…"


def _heading(entry: Entry) -> str:
    if entry.level == "section":
        return section_label(entry.section)
    assert entry.topic is not None
    return f"{section_label(entry.section)}　{topic_label(entry.topic)}"


def _where(entry: Entry) -> str:
    """The section and topic a case sits in."""
    if entry.topic is None or entry.topic.implicit:
        return section_label(entry.section)
    return f"{section_label(entry.section)}　{topic_label(entry.topic)}"


CASE_KINDS: tuple[Kind, ...] = ("added", "removed", "changed", "moved")
HEADING_KINDS: tuple[Kind, ...] = ("renamed", "added", "removed", "moved")


def counts(comparison: Comparison) -> dict[str, dict[str, int]]:
    """{level: {kind: count}} of the kinds each level can have, zeros included."""
    return {
        "case": {kind: comparison.count("case", kind) for kind in CASE_KINDS},
        "section": {kind: comparison.count("section", kind) for kind in HEADING_KINDS},
        "topic": {kind: comparison.count("topic", kind) for kind in HEADING_KINDS},
    }


def headline(comparison: Comparison) -> str:
    """One line: 事例 61件 → 62件: 追加 1件、削除 0件、変更 3件、移動 1件."""
    old_total = sum(1 for _ in comparison.old.cases())
    new_total = sum(1 for _ in comparison.new.cases())
    cases = "、".join(
        f"{KIND_NAMES[kind]} {comparison.count('case', kind)}件" for kind in CASE_KINDS
    )
    return f"事例 {old_total}件 → {new_total}件: {cases}"


def _heading_counts(comparison: Comparison) -> str:
    parts = [
        f"{LEVEL_NAMES[level]}の{KIND_NAMES[kind]} {n}件"
        for level in ("section", "topic")
        for kind in HEADING_KINDS
        if (n := comparison.count(level, kind))
    ]
    parts += [f"{FRONT_NAMES[what]}の変更" for what, _, _ in comparison.front]
    return "、".join(parts)


def _case_lines(row: Row) -> list[str]:
    old = row.old.case if row.old else None
    new = row.new.case if row.new else None
    kind = KIND_NAMES[row.kind] if row.kind else ""
    if new is None:
        assert old is not None
        return [f"- **{kind}** {case_label(old)}{old.attribution.text}「{_excerpt(old)}」"]
    if old is None:
        return [f"- **{kind}** {case_label(new)}{new.attribution.text}「{_excerpt(new)}」"]
    number = case_label(new) if old.id == new.id else f"{case_label(old)} → {case_label(new)}"
    what = "・".join(ASPECT_NAMES[a] for a in row.aspects)
    head = f"- **{kind}** {number}{new.attribution.text}" + (f"（{what}）" if what else "")
    lines = [head]
    if row.kind == "moved":
        assert row.old is not None and row.new is not None
        lines.append(f"  - {_where(row.old)} → {_where(row.new)}")
    if "text" in row.aspects or "attribution" in row.aspects:
        lines += [f"  - 「{s.old}」→「{s.new}」" for s in snippets(old, new)]
    if "emphasis" in row.aspects:
        added, dropped = emphasis_changes(old, new)
        lines += [f"  - 強調を追加:「{p}」" for p in added]
        lines += [f"  - 強調を解除:「{p}」" for p in dropped]
    return lines


def _heading_lines(row: Row) -> list[str]:
    level = LEVEL_NAMES[row.level]
    kind = KIND_NAMES[row.kind] if row.kind else ""
    if row.old is not None and row.new is not None:
        same_section = row.level == "topic" and row.old.section.title == row.new.section.title
        after = topic_label(row.new.topic) if same_section and row.new.topic else _heading(row.new)
        return [f"- **{level}の{kind}** {_heading(row.old)} → {after}"]
    return [f"- **{level}の{kind}** {_heading(row.either)}"]


def markdown(comparison: Comparison) -> str:
    """The summary as Markdown (see the module docstring)."""
    title = f"# 新旧対照: {comparison.old_name} → {comparison.new_name}"
    lines = [title, ""]
    if comparison.unchanged:
        total = sum(1 for _ in comparison.new.cases())
        lines.append(f"変更はありません（事例 {total}件）。")
        return "\n".join(lines) + "\n"
    lines.append(headline(comparison))
    headings = _heading_counts(comparison)
    if headings:
        lines += ["", f"見出し: {headings}"]
    lines += ["", "## 変更の一覧", ""]
    for what, old, new in comparison.front:
        lines.append(f"- **{FRONT_NAMES[what]}の変更** 「{old or ''}」→「{new or ''}」")
    for row in comparison.changes:
        lines += _case_lines(row) if row.level == "case" else _heading_lines(row)
    return "\n".join(lines) + "\n"


def _entry_json(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    found: dict[str, Any] = {"section": section_label(entry.section)}
    if entry.topic is not None and not entry.topic.implicit:
        found["topic"] = topic_label(entry.topic)
    if entry.case is not None:
        case = entry.case
        found |= {
            "id": case.id,
            "key": case.key,
            "line": case.line,
            "attribution": case.attribution.text,
            "text": case.text,
        }
    else:
        found["line"] = (entry.topic or entry.section).line
    return found


def as_json(comparison: Comparison) -> dict[str, Any]:
    """The summary as a JSON-ready dictionary."""
    changes = []
    for row in comparison.changes:
        change: dict[str, Any] = {"level": row.level, "kind": row.kind}
        change["old"], change["new"] = _entry_json(row.old), _entry_json(row.new)
        if row.aspects:
            change["aspects"] = list(row.aspects)
        old = row.old.case if row.old else None
        new = row.new.case if row.new else None
        if old is not None and new is not None and row.aspects:
            change["edits"] = [
                {"old": e.old, "new": e.new} for e in case_marks(old, new).edits if e.changed
            ]
        changes.append(change)
    return {
        "old": comparison.old_name,
        "new": comparison.new_name,
        "cases": {
            "old": sum(1 for _ in comparison.old.cases()),
            "new": sum(1 for _ in comparison.new.cases()),
        },
        "counts": counts(comparison),
        "front": [{"what": w, "old": o, "new": n} for w, o, n in comparison.front],
        "changes": changes,
    }


def render_markdown(comparison: Comparison, view: View, order: str = "new-old") -> bytes:
    """The Markdown summary as UTF-8 (the registry's entry point)."""
    return markdown(comparison).encode("utf-8")


def render_json(comparison: Comparison, view: View, order: str = "new-old") -> bytes:
    """The JSON summary as indented UTF-8 (the registry's entry point)."""
    text = json.dumps(as_json(comparison), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")
