"""Orders every sheet shares: blocks north to south, prefectures by 団体コード."""

from __future__ import annotations

from collections.abc import Iterable

from reportkit.model import Actor, Case
from reportkit.view import View


def block_order(view: View) -> list[str]:
    """The view's block scheme order; without one, blocks by their lowest 団体コード.

    Codes run north to south, so the fallback gives the usual order for the blocks that
    have cases (a block without cases is then not listed).
    """
    if view.blocks:
        return list(view.blocks)
    lowest = _lowest_codes((actor for _, actor in view.document.actors()), "block")
    return sorted(lowest, key=lambda block: (lowest[block], block))


def by_code(case: Case, names: Iterable[str], field: str) -> list[str]:
    """``names`` (prefectures or blocks of ``case``) by the lowest 団体コード behind each."""
    lowest = _lowest_codes(case.attribution.actors, field)
    return sorted(names, key=lambda name: (lowest.get(name, "~"), name))


def _lowest_codes(actors: Iterable[Actor], field: str) -> dict[str, str]:
    """The lowest code of the actors in each prefecture or block (``field`` of government)."""
    lowest: dict[str, str] = {}
    for actor in actors:
        if actor.government is not None:
            name = getattr(actor.government, field)
            lowest[name] = min(lowest.get(name, actor.government.code), actor.government.code)
    return lowest
