"""What a format must hold (:class:`Expected`, from the view) and what it was found to
hold (:class:`Reading`, from its bytes), and the comparison of the two.

Texts are compared without whitespace (a line break or a justification space is not
content). Emphasis is compared as phrases: maximal stretches of emphasised characters
over the printed case (text and attribution) where a format shows the attribution's
emphasis, else over the text alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reportkit.errors import ReportkitError
from reportkit.labels import actors_label
from reportkit.model import Case
from reportkit.summary import actor_index, cases_by_block
from reportkit.view import View

TopicKey = tuple[int, int | None]
"""(section number, topic number); ``None``: the whole section (or its implicit topic)."""

ATTRIBUTION = re.compile(r"(【[^【】]*】|\([^()]*\)|（[^（）]*）)$")
"""The attribution at the end of a printed case: 【…】 or a trailing (…)."""

SECTION = re.compile(r"^(\d+)．")
TOPIC = re.compile(r"^(?:(\d+)．)?（(\d+)）")


class VerifyError(ReportkitError):
    """An output does not hold what the model says (the message names both places)."""


def squash(text: str) -> str:
    """``text`` without whitespace, for comparing what a reader extracted."""
    return "".join(text.split())


def phrases(pieces: Iterable[tuple[str, bool]]) -> tuple[str, ...]:
    """The maximal emphasised stretches of ``(text, emphasised)`` pieces, squashed."""
    found: list[str] = []
    current = ""
    for text, emphasised in pieces:
        if emphasised:
            current += text
        elif squash(text) and current:
            found.append(squash(current))
            current = ""
    if squash(current):
        found.append(squash(current))
    return tuple(found)


def topic_key(label: str, section: int | None = None) -> TopicKey | None:
    """The key of a section label (1．…), topic label (（2）…) or qualified label (1．（2）…)."""
    topic = TOPIC.match(label)
    if topic:
        number = int(topic.group(1)) if topic.group(1) else section
        return None if number is None else (number, int(topic.group(2)))
    found = SECTION.match(label)
    return (int(found.group(1)), None) if found else None


@dataclass(frozen=True)
class ReadCase:
    """One case as a format shows it; ``None`` where the format does not show a field."""

    place: str
    id: str | None
    text: str
    emphasis: tuple[str, ...] | None = None
    emphasis_in_text_only: bool = False
    attribution: str | None = None
    actors: str | None = None
    key: str | None = None


@dataclass
class Reading:
    """What one output holds, read back; counts map a key to (count, place)."""

    name: str
    cases: list[ReadCase] = field(default_factory=list)
    topics: dict[TopicKey, tuple[int, str]] = field(default_factory=dict)
    blocks: dict[str, tuple[int, str]] = field(default_factory=dict)
    governments: dict[str, tuple[int, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Compared:
    """What was compared in one output: a row of ``reportkit verify``'s table."""

    name: str
    cases: int
    texts: int
    emphasis: int
    attributions: int
    topics: int
    blocks: int
    governments: int


def government_key(prefecture: str, name: str) -> str:
    return f"{prefecture} {name}"


class Expected:
    """What every output of a view must hold, from the model."""

    def __init__(self, view: View) -> None:
        document = view.document
        self.source = document.source_name or "source"
        self.cases = list(document.cases())
        self.by_id = {case.id: case for case in self.cases}
        self.topics: dict[TopicKey, int] = {}
        self.listed: set[TopicKey] = set()  # what a counts table must show
        for section in document.sections:
            self.topics[section.number, None] = len(section.cases)
            for topic in section.topics:
                if topic.implicit:
                    self.listed.add((section.number, None))
                else:
                    self.topics[section.number, topic.number] = len(topic.cases)
                    self.listed.add((section.number, topic.number))
        self.blocks = cases_by_block(document, view.blocks or None)
        self.governments = {
            government_key(entry.government.prefecture, entry.label): len(entry.cases)
            for entry in actor_index(document)
        }

    def where(self, case: Case) -> str:
        return f"{self.source}:{case.line}"


def _fail(what: str, found: str, expected: str) -> VerifyError:
    return VerifyError(f"{what}\n  {found}\n  {expected}")


def compare(expected: Expected, reading: Reading) -> Compared:
    """The row of what was compared; raises VerifyError at the first disagreement."""
    counts = _compare_cases(expected, reading)
    _compare_counts(expected, reading)
    return Compared(
        reading.name,
        len(reading.cases),
        counts[0],
        counts[1],
        counts[2],
        len(reading.topics),
        len(reading.blocks),
        len(reading.governments),
    )


def _compare_cases(expected: Expected, reading: Reading) -> tuple[int, int, int]:
    name = reading.name
    numbered = all(read.id is not None for read in reading.cases)
    order = [read.id for read in reading.cases] if numbered else None
    wanted = [case.id for case in expected.cases]
    if order is not None and order != wanted:
        _missing_or_extra(expected, reading, order, wanted)
    if len(reading.cases) != len(expected.cases):
        raise _fail(
            f"{name} holds {len(reading.cases)} cases, the source {len(expected.cases)}",
            f"{name}: last case read at {reading.cases[-1].place if reading.cases else '-'}",
            f"{expected.source}: {len(expected.cases)} cases",
        )
    texts = emphasis = attributions = 0
    for read, case in zip(reading.cases, expected.cases, strict=True):
        texts += _compare_case(read, case, expected, name)
        if read.emphasis is not None:
            emphasis += 1
        if read.attribution is not None or read.actors is not None:
            attributions += 1
    return texts, emphasis, attributions


def _missing_or_extra(
    expected: Expected, reading: Reading, order: list[str | None], wanted: list[str]
) -> None:
    name = reading.name
    missing = [case_id for case_id in wanted if case_id not in order]
    if missing:
        case = expected.by_id[missing[0]]
        raise _fail(
            f"case {case.id} is missing from {name}",
            f"{name}: no case {case.id} ({len(order)} cases read)",
            f"{expected.where(case)}: case {case.id}",
        )
    extra = next(read for read in reading.cases if read.id not in expected.by_id)
    if extra.id not in expected.by_id:
        raise _fail(
            f"{name} holds a case {extra.id} the source does not",
            f"{extra.place}: case {extra.id}",
            f"{expected.source}: no case {extra.id}",
        )
    first = next(i for i, (a, b) in enumerate(zip(order, wanted, strict=False)) if a != b)
    read = reading.cases[first]
    raise _fail(
        f"{name} has the cases in another order",
        f"{read.place}: case {read.id}",
        f"{expected.where(expected.by_id[wanted[first]])}: case {wanted[first]}",
    )


def _compare_case(read: ReadCase, case: Case, expected: Expected, name: str) -> int:
    label = f"case {case.id}"
    if read.id is not None and read.id != case.id:
        raise _fail(f"{name}: {label} is numbered {read.id}", read.place, expected.where(case))
    if read.key is not None and read.key != case.key:
        raise _fail(
            f"{name}: {label} has the key {read.key}, the source {case.key}",
            read.place,
            expected.where(case),
        )
    text = squash(read.text)
    if read.attribution is not None and text.endswith(squash(read.attribution)):
        text = text[: len(text) - len(squash(read.attribution))]
    if text != squash(case.text):
        raise _fail(
            f"{name}: the text of {label} differs",
            f"{read.place}: {_excerpt(text, squash(case.text))}",
            f"{expected.where(case)}: {_excerpt(squash(case.text), text)}",
        )
    if read.emphasis is not None:
        want = _expected_emphasis(case, read.emphasis_in_text_only)
        if read.emphasis != want:
            raise _fail(
                f"{name}: the emphasis of {label} differs",
                f"{read.place}: emphasised {list(read.emphasis)}",
                f"{expected.where(case)}: emphasised {list(want)}",
            )
    if read.attribution is not None and squash(read.attribution) != squash(case.attribution.text):
        raise _fail(
            f"{name}: the attribution of {label} differs",
            f"{read.place}: {read.attribution}",
            f"{expected.where(case)}: {case.attribution.text}",
        )
    if read.actors is not None and squash(read.actors) != squash(actors_label(case)):
        raise _fail(
            f"{name}: the local governments of {label} differ",
            f"{read.place}: {read.actors}",
            f"{expected.where(case)}: {actors_label(case)}",
        )
    return 1


def _expected_emphasis(case: Case, text_only: bool) -> tuple[str, ...]:
    pieces = [(run.text, run.emphasis) for run in case.runs]
    if not text_only:
        pieces.append((case.attribution.text, case.attribution.emphasis))
    return phrases(pieces)


def _excerpt(text: str, other: str) -> str:
    """``text`` around where it first differs from ``other``."""
    at = next((i for i, (a, b) in enumerate(zip(text, other, strict=False)) if a != b), None)
    if at is None:
        at = min(len(text), len(other))
    start = max(0, at - 12)
    return ("…" if start else "") + text[start : at + 20] + ("…" if at + 20 < len(text) else "")


def _compare_counts(expected: Expected, reading: Reading) -> None:
    name = reading.name
    if reading.topics:
        for key in sorted(expected.listed - set(reading.topics), key=str):
            raise _fail(
                f"{name}: the count of {_topic_name(key)} is missing",
                f"{name}: no row for it",
                f"{expected.source}: {expected.topics[key]} cases",
            )
    for key, (count, place) in reading.topics.items():
        _check_count(name, _topic_name(key), count, place, expected.topics.get(key), expected)
    for block, (count, place) in reading.blocks.items():
        _check_count(name, f"block {block}", count, place, expected.blocks.get(block), expected)
    if reading.governments:
        for government in sorted(expected.governments.keys() - reading.governments.keys()):
            raise _fail(
                f"{name}: {government} is missing",
                f"{name}: no entry for it",
                f"{expected.source}: {expected.governments[government]} cases",
            )
    for government, (count, place) in reading.governments.items():
        wanted = expected.governments.get(government)
        _check_count(name, government, count, place, wanted, expected)


def _topic_name(key: TopicKey) -> str:
    section, topic = key
    return f"section {section}" if topic is None else f"topic {section}-{topic}"


def _check_count(
    name: str, what: str, count: int, place: str, wanted: int | None, expected: Expected
) -> None:
    if wanted is None:
        raise _fail(
            f"{name}: counts {what}, which the source does not have", place, expected.source
        )
    if count != wanted:
        raise _fail(
            f"{name}: the count of {what} differs",
            f"{place}: {count}",
            f"{expected.source}: {wanted}",
        )
