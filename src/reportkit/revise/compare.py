"""Which sections, topics and cases of two editions correspond, and what changed.

Cases are matched in three steps, each only among the cases the steps before left over:

1. by :attr:`~reportkit.model.Case.key`, when both editions have a case with that key
   (a key derived from the words matches an unchanged case; a kept key, a reworded one);
2. by content within each pair of corresponding topics: text and attribution,
   normalised for width (NFKC) and with every space removed, are compared with
   :func:`~reportkit.revise.chars.similarity`; a pair at or above :data:`THRESHOLD` is the
   same case changed, below it one case removed and another added. The best pairs are
   taken first;
3. by content across topics, the same way, for a case both moved and reworded.

Sections correspond by title, else by sharing key-matched cases, else by number and a
title similarity at or above :data:`THRESHOLD` (a renamed section); topics the same way
within corresponding sections (a topic whose cases went to another section is found by
its cases). A matched case whose topic does not correspond to its old topic has moved.

Step 1 is one dictionary look-up per case. Step 2 first compares the left-over cases
between two key-matched neighbours with those between their partners (where a reworded
case still stands), then what is left of one topic with each other, so the work grows
with the number of cases, not its square. Step 3 is quadratic in the cases still left
over (those truly added or removed), which a revision keeps few.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Literal

from reportkit.model import Case, Document, Section, Topic
from reportkit.revise.chars import similarity
from reportkit.revise.marks import case_marks

THRESHOLD = 0.6
"""Least similarity (2 × matching characters / all characters of both, after normalising)
at which two cases are one case reworded rather than one removed and one added."""

Kind = Literal["added", "removed", "changed", "moved", "renamed"]
Aspect = Literal["text", "emphasis", "attribution"]
Level = Literal["section", "topic", "case"]
KINDS: tuple[Kind, ...] = ("added", "removed", "changed", "moved", "renamed")


def normalise(text: str) -> str:
    """``text`` in NFKC (full-width Latin and digits as ASCII, half-width kana as full)
    with every space removed: what matching compares."""
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True)
class Entry:
    """A section heading, topic heading or case at one place of one edition."""

    level: Level
    section: Section
    topic: Topic | None = None
    case: Case | None = None
    position: int = 0  # in the edition's reading order (headings and cases)

    @property
    def title(self) -> str:
        """The words compared for a heading: its title without the number."""
        if self.topic is not None and self.case is None:
            return self.topic.title
        return self.section.title


@dataclass(frozen=True)
class Row:
    """One entry of the comparison, in reading order: old, new or both.

    ``kind`` is None when nothing changed; ``aspects`` says what differs in a changed
    or moved case.
    """

    level: Level
    old: Entry | None
    new: Entry | None
    kind: Kind | None = None
    aspects: tuple[Aspect, ...] = ()

    @property
    def either(self) -> Entry:
        """The new entry when there is one, else the old."""
        entry = self.new or self.old
        assert entry is not None
        return entry


@dataclass(frozen=True)
class Comparison:
    """Two editions and their rows, in the new edition's order with what was removed
    where it stood."""

    old: Document
    new: Document
    rows: list[Row]
    old_name: str = ""
    new_name: str = ""
    front: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    """Changes of the title, subtitle or ※ note: (what, old, new)."""

    @property
    def changes(self) -> list[Row]:
        return [row for row in self.rows if row.kind is not None]

    def count(self, level: Level, kind: Kind) -> int:
        return sum(1 for row in self.rows if row.level == level and row.kind == kind)

    @property
    def unchanged(self) -> bool:
        return not self.front and not self.changes


def entries(document: Document) -> list[Entry]:
    """Every section heading, topic heading and case of ``document`` in reading order."""
    found: list[Entry] = []
    for section in document.sections:
        found.append(Entry("section", section, position=len(found)))
        for topic in section.topics:
            found.append(Entry("topic", section, topic, position=len(found)))
            for case in topic.cases:
                found.append(Entry("case", section, topic, case, position=len(found)))
    return found


@dataclass(frozen=True)
class _Edition:
    """One edition's entries with, for each position, its topic and section heading."""

    entries: list[Entry]
    topic_of: dict[int, int]
    section_of: dict[int, int]

    @classmethod
    def of(cls, document: Document) -> _Edition:
        found = entries(document)
        topic_of: dict[int, int] = {}
        section_of: dict[int, int] = {}
        section = topic = 0
        for entry in found:
            if entry.level == "section":
                section = entry.position
            elif entry.level == "topic":
                topic = entry.position
            topic_of[entry.position] = topic
            section_of[entry.position] = section
        return cls(found, topic_of, section_of)

    def at(self, level: Level) -> list[Entry]:
        return [entry for entry in self.entries if entry.level == level]


class _Matcher:
    """The pairing of one comparison: old position -> new position, at every level."""

    def __init__(self, old: _Edition, new: _Edition) -> None:
        self.old, self.new = old, new
        self.partner: dict[int, int] = {}
        self.taken: set[int] = set()

    def pair(self, old: int, new: int) -> None:
        self.partner[old] = new
        self.taken.add(new)

    def free_old(self, found: Iterable[Entry]) -> list[Entry]:
        return [entry for entry in found if entry.position not in self.partner]

    def free_new(self, found: Iterable[Entry]) -> list[Entry]:
        return [entry for entry in found if entry.position not in self.taken]

    # -- cases by key ------------------------------------------------------------------

    def cases_by_key(self) -> None:
        by_key = {e.case.key: e.position for e in self.old.at("case") if e.case is not None}
        for entry in self.new.at("case"):
            assert entry.case is not None
            if (at := by_key.get(entry.case.key)) is not None:
                self.pair(at, entry.position)

    # -- headings ----------------------------------------------------------------------

    def shared_cases(self, level: Level) -> Counter[tuple[int, int]]:
        """(old heading, new heading) -> how many cases under both are already paired."""
        old_of = self.old.topic_of if level == "topic" else self.old.section_of
        new_of = self.new.topic_of if level == "topic" else self.new.section_of
        return Counter(
            (old_of[old], new_of[new])
            for old, new in self.partner.items()
            if self.old.entries[old].level == "case"
        )

    def headings(self, level: Level, scope: Callable[[Entry, Entry], bool]) -> None:
        """Pair the headings of ``level``: same title, shared cases, same number."""
        olds, news = self.old.at(level), self.new.at(level)
        by_title: dict[tuple[str, bool], list[Entry]] = {}
        for entry in news:
            by_title.setdefault(_heading_key(entry), []).append(entry)
        for entry in olds:
            for candidate in by_title.get(_heading_key(entry), []):
                if candidate.position not in self.taken and scope(entry, candidate):
                    self.pair(entry.position, candidate.position)
                    break
        shared = self.shared_cases(level)
        for (old, new), _ in sorted(shared.items(), key=lambda item: (-item[1], item[0])):
            if old not in self.partner and new not in self.taken:
                self.pair(old, new)
        for entry in self.free_old(olds):
            for candidate in self.free_new(news):
                if (
                    _number(entry) == _number(candidate)
                    and scope(entry, candidate)
                    and similarity(normalise(entry.title), normalise(candidate.title)) >= THRESHOLD
                ):
                    self.pair(entry.position, candidate.position)
                    break

    def in_paired_sections(self, old: Entry, new: Entry) -> bool:
        """True when the two headings sit in corresponding sections."""
        section = self.partner.get(self.old.section_of[old.position])
        return section == self.new.section_of[new.position]

    # -- cases by content --------------------------------------------------------------

    def cases_by_content(self) -> None:
        """Step 2 within each pair of topics (gaps between key-matched cases first), then
        step 3 across all of them."""
        old_cases = _by_topic(self.old)
        new_cases = _by_topic(self.new)
        for old_topic, olds in old_cases.items():
            new_topic = self.partner.get(old_topic)
            if new_topic is not None and new_topic in new_cases:
                self.in_gaps(olds, new_cases[new_topic])
                self.best_pairs(olds, new_cases[new_topic])
        self.best_pairs(self.old.at("case"), self.new.at("case"))

    def in_gaps(self, olds: list[Entry], news: list[Entry]) -> None:
        """Pair the cases between two key-matched neighbours with those between their
        partners: where a reworded case usually still stands."""
        index = {entry.position: at for at, entry in enumerate(news)}
        gap: list[Entry] = []
        low = 0
        for entry in olds:
            partner = self.partner.get(entry.position)
            if partner is None:
                gap.append(entry)
            elif partner in index:
                high = index[partner]
                if gap and high > low:
                    self.best_pairs(gap, news[low:high])
                gap, low = [], max(low, high + 1)
        if gap:
            self.best_pairs(gap, news[low:])

    def best_pairs(self, olds: Sequence[Entry], news: Sequence[Entry]) -> None:
        """Pair cases at or above the threshold, the most similar first."""
        olds, news = self.free_old(olds), self.free_new(news)
        if not olds or not news:
            return
        found: list[tuple[float, int, int]] = []
        new_texts = [(entry.position, _content(entry)) for entry in news]
        for entry in olds:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(_content(entry))  # what it learns of seq2 is kept
            for position, text in new_texts:
                matcher.set_seq1(text)
                if (
                    matcher.real_quick_ratio() >= THRESHOLD
                    and matcher.quick_ratio() >= THRESHOLD
                    and (ratio := matcher.ratio()) >= THRESHOLD
                ):
                    found.append((-ratio, entry.position, position))
        for _, old, new in sorted(found):
            if old not in self.partner and new not in self.taken:
                self.pair(old, new)

    # -- rows --------------------------------------------------------------------------

    def row(self, old: Entry | None, new: Entry | None) -> Row:
        """What became of one entry."""
        if old is None or new is None:
            entry = new or old
            assert entry is not None
            return Row(entry.level, old, new, "added" if old is None else "removed")
        if self.moved(old, new):
            found = aspects(old.case, new.case) if old.case and new.case else ()
            return Row(old.level, old, new, "moved", found)
        if old.level != "case":
            return Row(old.level, old, new, "renamed" if old.title != new.title else None)
        assert old.case is not None and new.case is not None
        found = aspects(old.case, new.case)
        return Row(old.level, old, new, "changed" if found else None, found)

    def moved(self, old: Entry, new: Entry) -> bool:
        """A case in another topic, or a topic in another section, than its partner's."""
        if old.level == "case":
            old_of, new_of = self.old.topic_of, self.new.topic_of
        elif old.level == "topic":
            old_of, new_of = self.old.section_of, self.new.section_of
        else:
            return False
        return self.partner.get(old_of[old.position]) != new_of[new.position]

    def rows(self) -> list[Row]:
        """Every entry in the new order; a removed one right after the nearest entry
        before it that kept its place."""
        by_new = {new: old for old, new in self.partner.items()}
        keyed: list[tuple[tuple[int, int, int], Row]] = []
        for entry in self.new.entries:
            old = by_new.get(entry.position)
            row = self.row(self.old.entries[old] if old is not None else None, entry)
            keyed.append(((entry.position, 0, 0), row))
        anchor = -1
        for entry in self.old.entries:
            new = self.partner.get(entry.position)
            if new is None:
                keyed.append(((anchor, 1, entry.position), self.row(entry, None)))
            elif not self.moved(entry, self.new.entries[new]):
                anchor = new
        keyed.sort(key=lambda item: item[0])
        return [row for _, row in keyed]


def _by_topic(edition: _Edition) -> dict[int, list[Entry]]:
    """Topic heading position -> its cases, in order."""
    found: dict[int, list[Entry]] = {}
    for entry in edition.at("case"):
        found.setdefault(edition.topic_of[entry.position], []).append(entry)
    return found


def _heading_key(entry: Entry) -> tuple[str, bool]:
    implicit = entry.topic is not None and entry.topic.implicit
    return ("" if implicit else normalise(entry.title)), implicit


def _number(entry: Entry) -> int:
    return entry.topic.number if entry.level == "topic" and entry.topic else entry.section.number


def _content(entry: Entry) -> str:
    assert entry.case is not None
    return normalise(entry.case.text + entry.case.attribution.text)


def _runs(case: Case) -> list[tuple[str, bool]]:
    """The case's characters grouped by emphasis, however the runs were split."""
    merged: list[tuple[str, bool]] = []
    for run in case.runs:
        if merged and merged[-1][1] == run.emphasis:
            merged[-1] = (merged[-1][0] + run.text, run.emphasis)
        else:
            merged.append((run.text, run.emphasis))
    return merged


def aspects(old: Case, new: Case) -> tuple[Aspect, ...]:
    """What differs between two versions of a case: its text, emphasis, attribution.

    Emphasis differs when a character both versions share is emphasised in one only.
    """
    old_runs, new_runs = _runs(old), _runs(new)
    same_attribution = old.attribution.text == new.attribution.text
    same_emphasis = old_runs == new_runs and old.attribution.emphasis == new.attribution.emphasis
    if same_emphasis and same_attribution:
        return ()
    found: list[Aspect] = []
    if "".join(text for text, _ in old_runs) != "".join(text for text, _ in new_runs):
        found.append("text")
    if not same_emphasis and case_marks(old, new).emphasis_changed:
        found.append("emphasis")
    if not same_attribution:
        found.append("attribution")
    return tuple(found)


def compare(old: Document, new: Document, old_name: str = "", new_name: str = "") -> Comparison:
    """The comparison of two editions (see the module docstring)."""
    matcher = _Matcher(_Edition.of(old), _Edition.of(new))
    matcher.cases_by_key()
    matcher.headings("section", lambda old, new: True)
    matcher.headings("topic", matcher.in_paired_sections)
    matcher.cases_by_content()
    return Comparison(old, new, matcher.rows(), old_name, new_name, _front(old, new))


def _front(old: Document, new: Document) -> list[tuple[str, str | None, str | None]]:
    return [
        (what, before, after)
        for what, before, after in (
            ("title", old.title, new.title),
            ("subtitle", old.subtitle, new.subtitle),
            ("note", old.note, new.note),
        )
        if before != after
    ]
