"""The actor index: every local government in 団体コード order under its prefecture,
each case number a link to the case."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from reportkit.labels import INDEX_TITLE, UNRESOLVED, case_label
from reportkit.summary import ActorEntry
from reportkit.writers.html.markup import INDEX, case_anchor, text

NOTE = (
    "事例を紹介した団体を全国地方公共団体コード順に、都道府県ごとに掲げる。"
    "「1-2-3」は事例番号（項目-分類-事例）で、その事例へのリンク。"
)


def _prefecture(entry: ActorEntry) -> str:
    government = entry.actor.government
    return government.prefecture if government is not None else UNRESOLVED


def entry_item(entry: ActorEntry) -> str:
    """鳥羽市　1-1-1、2-3-1: the actor and a link to each of its cases."""
    links = "、".join(
        f'<a href="#{case_anchor(case)}">{text(case_label(case))}</a>' for case in entry.cases
    )
    return (
        f'<li><span class="actor">{text(entry.label)}</span> <span class="refs">{links}</span></li>'
    )


def index(entries: list[ActorEntry]) -> Iterator[str]:
    """The index section: a heading per prefecture, then one line per actor (``entries``
    in 団体コード order, as :func:`reportkit.summary.actor_index` gives them)."""
    yield f'<section class="part" id="{INDEX}"><h2>{INDEX_TITLE}</h2><p class="note">{NOTE}</p>'
    yield '<div class="index-columns">'
    for prefecture, group in groupby(entries, key=_prefecture):
        yield f'<section class="prefecture"><h3>{text(prefecture)}</h3><ul class="entries">'
        yield from (entry_item(entry) for entry in group)
        yield "</ul></section>"
    yield "</div></section>"
