"""Editions in bulk: the national edition and one per prefecture (or per block).

``reportkit build --each prefecture`` makes, from one base meeting (the whole collection
unless ``--meeting`` names one), the national edition and one edition per prefecture in
団体コード order: the base meeting narrowed to the cases of that prefecture's local
governments, with the national picture beside them, as a block meeting shows it.
``--each block`` makes one per block and sub-block of the scheme, in the scheme's order.
Each edition is named on its cover and in its headers (東京都版, 全国版; after the base
meeting's name when it has one). A place no case names gets no edition.

``--shard K/N`` keeps every N-th candidate edition starting with the K-th (national
first, then the places in order), so the jobs of a CI matrix split the work between them
deterministically, each edition in exactly one job, whatever the source holds.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from reportkit.errors import BuildError
from reportkit.model import Document
from reportkit.places import gazetteer
from reportkit.places.blocks import BlockScheme
from reportkit.view import Meeting

EACH = ("prefecture", "block")
NATIONAL = "全国"


@dataclass(frozen=True)
class Edition:
    """One edition: its name (the output directory and file stem) and its meeting."""

    name: str
    meeting: Meeting


@dataclass(frozen=True)
class Place:
    """A prefecture, block or sub-block an edition may be made for."""

    name: str
    edition: str
    kind: str  # prefecture | block


def places(each: str, scheme: BlockScheme) -> list[Place]:
    """Every place of an ``--each`` kind, in report order."""
    if each == "prefecture":
        return [
            Place(entry.name, f"{entry.code[:2]}-{entry.name}", "prefecture")
            for entry in sorted(gazetteer.load().prefectures(), key=lambda e: e.code)
        ]
    found = []
    for block in scheme.blocks:
        found.append(Place(block.name, block.name, "block"))
        found += [Place(sub.name, sub.name, "block") for sub in block.sub_blocks]
    return found


def _counts(document: Document) -> Counter[str]:
    """Cases per prefecture, block and sub-block (a case counts once for each)."""
    counts: Counter[str] = Counter()
    for case in document.cases():
        named: set[str] = set()
        for actor in case.attribution.actors:
            government = actor.government
            if government is not None:
                named.update({government.prefecture, government.block})
                if government.sub_block:
                    named.add(government.sub_block)
        counts.update(named)
    return counts


def _named(base: Meeting, place: str) -> Meeting:
    """``base`` with the edition on its cover and in its headers: 東京都版, 主管課長会議 東京都版."""
    label = f"{place}版"
    return base.model_copy(update={"name": f"{base.name} {label}" if base.name else label})


def _narrowed(base: Meeting, place: Place) -> Meeting:
    key = "prefectures" if place.kind == "prefecture" else "blocks"
    select = base.select.model_copy(update={"blocks": [], "prefectures": [], key: [place.name]})
    return _named(base.model_copy(update={"select": select}), place.name)


def editions(
    each: str,
    base: Meeting,
    document: Document,
    scheme: BlockScheme,
    shard: tuple[int, int] = (1, 1),
) -> tuple[list[Edition], list[str]]:
    """The editions of this shard, and one line for each of its places without a case."""
    if each not in EACH:
        raise BuildError(f"--each {each}: choose {' or '.join(EACH)}")
    if base.select.regional:
        raise BuildError(
            f"--each {each}: meeting '{base.id}' already narrows by place; "
            "give a meeting of the whole collection"
        )
    counts = _counts(document)
    candidates: list[Place | None] = [None, *places(each, scheme)]  # None: national
    number, total = shard
    made: list[Edition] = []
    skipped: list[str] = []
    for index, place in enumerate(candidates):
        if index % total != number - 1:
            continue
        if place is None:
            made.append(Edition(NATIONAL, _named(base, NATIONAL)))
        elif counts[place.name]:
            made.append(Edition(place.edition, _narrowed(base, place)))
        else:
            skipped.append(f"no edition for {place.name}: none of its local governments has a case")
    return made, skipped
