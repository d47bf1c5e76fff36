"""Counts and indexes every writer shows the same way: per topic, block, prefecture, actor.

A case counts once for each block (or prefecture) that one of its actors belongs to, so
a case by 仙台市 and 川崎市 counts for 東北 and for 関東信越.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportkit.model import Actor, Case, Document, LocalGovernment, Section, Topic
from reportkit.view import Selection, View

if TYPE_CHECKING:
    from reportkit.view import View


@dataclass
class ActorEntry:
    """One actor of the collection with every case that names it."""

    key: str
    actor: Actor
    cases: list[Case] = field(default_factory=list)

    @property
    def government(self) -> LocalGovernment:
        assert self.actor.government is not None, "summary needs a resolved document"
        return self.actor.government

    @property
    def label(self) -> str:
        return self.actor.label

    @property
    def case_ids(self) -> list[str]:
        return [case.id for case in self.cases]


def actor_index(document: Document) -> list[ActorEntry]:
    """Every distinct actor in 団体コード order (a prefecture before its municipalities)."""
    entries: dict[str, ActorEntry] = {}
    for case, actor in document.actors():
        entry = entries.setdefault(actor.key, ActorEntry(actor.key, actor))
        if not entry.cases or entry.cases[-1] is not case:
            entry.cases.append(case)
    return [entries[key] for key in sorted(entries)]


def cases_by_topic(document: Document) -> list[tuple[Section, Topic, int]]:
    """(section, topic, number of cases) in document order."""
    return [(section, topic, len(topic.cases)) for section, topic in document.topics()]


def blocks_of(case: Case) -> list[str]:
    """The blocks a case belongs to, sorted."""
    return sorted({a.government.block for a in case.attribution.actors if a.government is not None})


def prefectures_of(case: Case) -> list[str]:
    """The prefectures a case belongs to, sorted."""
    return sorted(
        {a.government.prefecture for a in case.attribution.actors if a.government is not None}
    )


def cases_by_block(document: Document, blocks: list[str] | None = None) -> dict[str, int]:
    """Cases per block; ``blocks`` fixes the order and includes blocks with no case."""
    counts = Counter(block for case in document.cases() for block in blocks_of(case))
    order = blocks if blocks is not None else sorted(counts)
    return {block: counts.get(block, 0) for block in order}


def cases_by_prefecture(document: Document) -> Counter[str]:
    """Cases per prefecture name (a case of a municipality counts for its prefecture)."""
    return Counter(p for case in document.cases() for p in prefectures_of(case))


def in_region(government: LocalGovernment, selection: Selection) -> bool:
    """True when ``government`` lies in a block, sub-block or prefecture ``selection`` names.

    A whole-collection selection (no place named) holds every local government.
    """
    if not selection.regional:
        return True
    return (
        government.block in selection.blocks
        or government.sub_block in selection.blocks
        or government.prefecture in selection.prefectures
    )


def region_name(selection: Selection) -> str:
    """What a regional edition is of: 関東信越, or 大阪府・兵庫県."""
    return "・".join([*selection.blocks, *selection.prefectures])


@dataclass(frozen=True)
class EditionCounts:
    """How many cases an edition shows, and whose: the region's own actors and the others.

    A block edition keeps a case when one of its actors lies in the block; its other
    actors (co-actors from elsewhere) are counted apart so no reader mistakes them for
    the block's own.
    """

    cases: int
    local: int
    elsewhere: int


def edition_counts(view: View) -> EditionCounts:
    """The case count and the distinct actors of the edition, split by region."""
    selection = view.meeting.select
    local = elsewhere = 0
    for entry in actor_index(view.document):
        if in_region(entry.government, selection):
            local += 1
        else:
            elsewhere += 1
    return EditionCounts(sum(1 for _ in view.document.cases()), local, elsewhere)


def handout_blocks(view: View) -> list[str]:
    """The blocks this handout is for: those whose every case (nationwide) it shows.

    A block selection keeps every case with an actor in the block, so the block's count
    in the handout equals its national count; blocks that only share some cases do not.
    """
    if view.national is None:
        return []
    here = cases_by_block(view.document, list(view.national))
    return [block for block, count in view.national.items() if count and here[block] == count]
