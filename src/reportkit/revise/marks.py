"""The printed text of each side of a 新旧対照表 row, with its changed characters marked.

A case prints as its text (emphasis kept) followed by its attribution. The two sides are
compared as printed, with :func:`~reportkit.revise.chars.diff_chars`; a character that
both sides share but only one side emphasises is a change too (emphasis added or
removed), marked on both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportkit.model import Case
from reportkit.revise.chars import Edit, diff_chars


@dataclass(frozen=True)
class Mark:
    """A stretch of printed text: changed (underlined in the table) or not, emphasised or not."""

    text: str
    changed: bool = False
    emphasis: bool = False


@dataclass(frozen=True)
class Marked:
    """One side of a row: the body and the tail (a case's attribution, set flush right)."""

    body: tuple[Mark, ...]
    tail: tuple[Mark, ...] = ()

    @property
    def text(self) -> str:
        return "".join(mark.text for mark in (*self.body, *self.tail))

    def changed_text(self) -> list[str]:
        """The changed stretches, in order (adjacent changed marks joined)."""
        found: list[str] = []
        joined = False
        for mark in (*self.body, *self.tail):
            if mark.changed and joined:
                found[-1] += mark.text
            elif mark.changed:
                found.append(mark.text)
            joined = mark.changed
        return found


@dataclass(frozen=True)
class CaseMarks:
    """Both sides of a case row and whether emphasis changed on shared characters."""

    old: Marked
    new: Marked
    edits: tuple[Edit, ...]
    emphasis_changed: bool


def _printed(case: Case) -> tuple[str, list[bool]]:
    """The case as printed (text then attribution) and each character's emphasis."""
    flags: list[bool] = []
    for run in case.runs:
        flags.extend([run.emphasis] * len(run.text))
    attribution = case.attribution.text
    flags.extend([case.attribution.emphasis] * len(attribution))
    return case.text + attribution, flags


def _group(text: str, changed: list[bool], emphasis: list[bool], cut: int) -> Marked:
    """Characters with equal flags joined into marks; the tail starts at ``cut``."""

    def marks(start: int, end: int) -> tuple[Mark, ...]:
        found: list[Mark] = []
        for at in range(start, end):
            key = (changed[at], emphasis[at])
            if found and (found[-1].changed, found[-1].emphasis) == key:
                last = found[-1]
                found[-1] = Mark(last.text + text[at], *key)
            else:
                found.append(Mark(text[at], *key))
        return tuple(found)

    return Marked(marks(0, cut), marks(cut, len(text)))


def case_marks(old: Case, new: Case) -> CaseMarks:
    """Both sides of a case present in both editions, changes marked."""
    old_text, old_emphasis = _printed(old)
    new_text, new_emphasis = _printed(new)
    edits = tuple(diff_chars(old_text, new_text))
    old_changed = [False] * len(old_text)
    new_changed = [False] * len(new_text)
    i = j = 0
    emphasis_changed = False
    for edit in edits:
        if edit.changed:
            old_changed[i : i + len(edit.old)] = [True] * len(edit.old)
            new_changed[j : j + len(edit.new)] = [True] * len(edit.new)
        else:
            for k in range(len(edit.old)):
                if old_emphasis[i + k] != new_emphasis[j + k]:
                    old_changed[i + k] = new_changed[j + k] = True
                    emphasis_changed = True
        i += len(edit.old)
        j += len(edit.new)
    return CaseMarks(
        _group(old_text, old_changed, old_emphasis, len(old.text)),
        _group(new_text, new_changed, new_emphasis, len(new.text)),
        edits,
        emphasis_changed,
    )


def whole_case(case: Case, changed: bool) -> Marked:
    """One side of an added or removed case (every character changed) or of context."""
    text, emphasis = _printed(case)
    return _group(text, [changed] * len(text), emphasis, len(case.text))


def title_marks(old: str, new: str) -> tuple[Marked, Marked]:
    """Both sides of a renamed heading's title, changes marked."""
    old_changed = [False] * len(old)
    new_changed = [False] * len(new)
    i = j = 0
    for edit in diff_chars(old, new):
        if edit.changed:
            old_changed[i : i + len(edit.old)] = [True] * len(edit.old)
            new_changed[j : j + len(edit.new)] = [True] * len(edit.new)
        i += len(edit.old)
        j += len(edit.new)
    return (
        _group(old, old_changed, [False] * len(old), len(old)),
        _group(new, new_changed, [False] * len(new), len(new)),
    )
