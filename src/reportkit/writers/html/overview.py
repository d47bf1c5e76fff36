"""The overview: what the page holds, cases per section and topic, the national picture
of a block edition, and the map with its data table."""

from __future__ import annotations

from collections.abc import Iterator

from reportkit.labels import (
    MULTIPLE_COUNTING_NOTE,
    NATIONAL_TITLE,
    NUMBERS_NOTE,
    OVERVIEW_TITLE,
    contents_line,
    section_label,
    topic_label,
)
from reportkit.summary import ActorEntry, cases_by_block, cases_by_topic, handout_blocks
from reportkit.view import View
from reportkit.writers.html.markup import OVERVIEW, text
from reportkit.writers.html.tilemap import map_section

COUNTS_CAPTION = "項目別の事例数"
NATIONAL_CAPTION = "本資料と全国の事例数（ブロック別）"
HERE = "（本資料の対象）"


def _row(header: str, count: int, kind: str = "") -> str:
    css = f' class="{kind}"' if kind else ""
    return f'<tr{css}><th scope="row">{text(header)}</th><td>{count:,}件</td></tr>'


def counts_table(view: View) -> Iterator[str]:
    """項目 | 事例数: a row per section (with its total) and per explicit topic, and the sum."""
    yield f'<table class="counts"><caption>{COUNTS_CAPTION}</caption>'
    yield '<thead><tr><th scope="col">項目</th><th scope="col">事例数</th></tr></thead><tbody>'
    current = None
    for section, topic, count in cases_by_topic(view.document):
        if section is not current:
            current = section
            yield _row(section_label(section), len(section.cases), "section-row")
        if not topic.implicit:
            yield _row(topic_label(topic), count, "topic-row")
    total = sum(1 for _ in view.document.cases())
    yield f"</tbody><tfoot>{_row('合計', total)}</tfoot></table>"


def national_table(view: View) -> Iterator[str]:
    """A block edition's cases per block, here and in the whole collection."""
    if view.national is None:
        return
    order = [block for block in view.blocks if block in view.national] or list(view.national)
    shown = cases_by_block(view.document, order)
    selected = set(handout_blocks(view))
    yield f'<section class="national"><h3>{NATIONAL_TITLE}</h3>'
    yield f'<table class="counts"><caption>{NATIONAL_CAPTION}</caption>'
    yield (
        '<thead><tr><th scope="col">ブロック</th><th scope="col">本資料の<wbr>事例数</th>'
        '<th scope="col">全国の<wbr>事例数</th></tr></thead><tbody>'
    )
    for block in order:
        mark = f'<span class="here">{HERE}</span>' if block in selected else ""
        css = ' class="selected"' if block in selected else ""
        yield (
            f'<tr{css}><th scope="row">{text(block)}{mark}</th>'
            f"<td>{shown.get(block, 0):,}件</td><td>{view.national.get(block, 0):,}件</td></tr>"
        )
    yield "</tbody></table>"
    note = "本資料の対象ブロックに「本資料の対象」と記す。" if selected else ""
    yield f'<p class="note">{text(MULTIPLE_COUNTING_NOTE)}{note}</p></section>'


def overview(view: View, entries: list[ActorEntry]) -> Iterator[str]:
    """The overview section; ``entries``: the actor index."""
    yield f'<section class="part" id="{OVERVIEW}"><h2>{OVERVIEW_TITLE}</h2>'
    yield f"<p>{text(contents_line(view))}</p>"
    if not view.meeting.select.everything:
        yield f'<p class="note">※ {text(NUMBERS_NOTE)}</p>'
    yield from counts_table(view)
    yield from national_table(view)
    yield from map_section(view)
    yield "</section>"
