"""Character-level differences of Japanese text, cleaned up so a reworded clause is one change.

Japanese has no spaces between words, so the text is compared character by character with
:class:`difflib.SequenceMatcher` and ``autojunk=False`` (its default heuristic treats any
character in more than 1 % of a text over 200 characters as junk, which drops the
particles の, に and を from the comparison).

A raw character diff of a reworded clause is a dozen one-character changes held apart by
characters the two wordings happen to share (の, に, る). :func:`diff_chars` then applies
the *semantic clean-up* of Neil Fraser, "Diff Strategies" (2006), §3.2.1, as his
diff-match-patch library does in ``diff_cleanupSemantic``:

    an equality between two changes is absorbed into them when it is no longer than the
    larger side (deletion or insertion) of the change before it, and no longer than the
    larger side of the change after it;

repeated until no equality qualifies. A single shared character between two changes is
therefore always absorbed; two separate corrections far apart stay two changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher


@dataclass(frozen=True)
class Edit:
    """A stretch of the comparison: ``old`` became ``new``; equal text when they are equal.

    A change has ``old != new``; one of them is empty for a pure insertion or deletion.
    """

    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


def diff_chars(old: str, new: str) -> list[Edit]:
    """``old`` -> ``new`` as alternating equal stretches and changes (see the module docstring).

    Joining the ``old`` of every edit gives ``old``, joining the ``new`` gives ``new``;
    no two changes are adjacent and no edit is empty.
    """
    if old == new:
        return [Edit(old, old)] if old else []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    raw = [Edit(old[i1:i2], new[j1:j2]) for _, i1, i2, j1, j2 in matcher.get_opcodes()]
    return clean_up(raw)


def _size(edit: Edit) -> int:
    """How large a change is: the longer of what it removes and what it inserts."""
    return max(len(edit.old), len(edit.new))


def clean_up(edits: list[Edit]) -> list[Edit]:
    """Merge adjacent changes, then absorb every equality no longer than both neighbours.

    One pass with a stack: after a change is pushed, the equality before it is absorbed
    while the rule holds, so a merged change is tested again against the equality
    before it (Fraser's rule applied until no equality qualifies).
    """
    out: list[Edit] = []
    for edit in edits:
        if not edit.old and not edit.new:
            continue
        if not edit.changed:
            if out and not out[-1].changed:
                out[-1] = Edit(out[-1].old + edit.old, out[-1].new + edit.new)
            else:
                out.append(edit)
            continue
        if out and out[-1].changed:
            edit = Edit(out[-1].old + edit.old, out[-1].new + edit.new)
            out.pop()
        while (
            len(out) >= 2
            and not out[-1].changed
            and len(out[-1].old) <= _size(out[-2])
            and len(out[-1].old) <= _size(edit)
        ):
            island = out.pop()
            before = out.pop()
            edit = Edit(before.old + island.old + edit.old, before.new + island.new + edit.new)
        out.append(edit)
    return out


def changed_spans(edits: list[Edit]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The changed ``(start, end)`` character ranges of the old text and of the new text.

    A pure insertion has no range on the old side, a pure deletion none on the new side.
    """
    old_spans: list[tuple[int, int]] = []
    new_spans: list[tuple[int, int]] = []
    i = j = 0
    for edit in edits:
        if edit.changed:
            if edit.old:
                old_spans.append((i, i + len(edit.old)))
            if edit.new:
                new_spans.append((j, j + len(edit.new)))
        i += len(edit.old)
        j += len(edit.new)
    return old_spans, new_spans


def similarity(old: str, new: str) -> float:
    """``SequenceMatcher.ratio`` without junk: 2 × matching characters / total characters."""
    if not old and not new:
        return 1.0
    return SequenceMatcher(None, old, new, autojunk=False).ratio()
