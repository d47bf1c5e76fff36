"""The index: every actor in 団体コード order under its prefecture, with the ids of its
cases and the page each case starts on, each reference a link to its case.

A regional edition lists the region's local governments first, then, under a heading of
their own, the co-actors from elsewhere that share a case with them.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import groupby

from reportlab.platypus import Flowable

from reportkit.labels import INDEX_TITLE, UNRESOLVED, elsewhere_heading
from reportkit.summary import ActorEntry, actor_index, in_region, region_name
from reportkit.view import View
from reportkit.writers.pdf.body import destination
from reportkit.writers.pdf.headings import Heading, OutlineEntry
from reportkit.writers.pdf.kinsoku import NBSP
from reportkit.writers.pdf.styles import Styles
from reportkit.writers.pdf.text import JText, Span, TextStyle

NOTE = (
    "事例を紹介した団体を全国地方公共団体コード順に、都道府県ごとに掲げる。"
    "「1-2-3」は事例番号（項目-分類-事例）、「p.5」はその事例の掲載ページ。"
)


def index_heading(styles: Styles) -> list[Flowable]:
    """The title and the reading note, set across the full width of the first index page."""
    return [
        Heading(
            INDEX_TITLE,
            styles.section,
            decoration="band",
            outline=OutlineEntry(INDEX_TITLE, "index", 0),
            space_before=14.0,
            space_after=6.0,
        ),
        JText([Span(NOTE, styles.small)], leading=13.0),
    ]


def _prefecture(entry: ActorEntry) -> str:
    government = entry.actor.government
    return government.prefecture if government is not None else UNRESOLVED


def references(entry: ActorEntry, pages: Mapping[str, int]) -> str:
    """1-1-4 (p.3)、2-2-2 (p.5): each case of the actor with the page it starts on."""
    return "、".join(
        f"{case.id}{NBSP}(p.{pages[case.id]})" if case.id in pages else case.id
        for case in entry.cases
    )


def reference_spans(entry: ActorEntry, pages: Mapping[str, int], style: TextStyle) -> list[Span]:
    """:func:`references` as spans, each case's reference a link to the case."""
    spans: list[Span] = []
    for case in entry.cases:
        if spans:
            spans.append(Span("、", style))
        text = f"{case.id}{NBSP}(p.{pages[case.id]})" if case.id in pages else case.id
        spans.append(Span(text, style, link=destination(case)))
    return spans


def prefecture_heading(prefecture: str, styles: Styles, *, continued: bool = False) -> Heading:
    """The strip over a prefecture's entries; ``continued`` repeats it atop a column.

    A continued strip starts a fresh column, so it need not keep with the entry after
    it; kept, an entry longer than the column would push both to the next column.
    """
    heading = Heading(
        f"{prefecture}（続き）" if continued else prefecture,
        styles.sized(styles.label_strong, 9.5),
        decoration="strip",
        space_before=0.0 if continued else 5.0,
        space_after=2.0,
    )
    heading.keepWithNext = not continued
    return heading


class IndexEntry(JText):
    """One actor's line; ``prefecture`` lets a new column repeat its prefecture."""

    prefecture: str


def continued_heading(flowable: Flowable, styles: Styles) -> Heading | None:
    """The prefecture strip to repeat atop a column that starts with ``flowable``."""
    if isinstance(flowable, IndexEntry):
        return prefecture_heading(flowable.prefecture, styles, continued=True)
    return None


def index_story(view: View, styles: Styles, pages: Mapping[str, int]) -> list[Flowable]:
    """A strip per prefecture, then one hanging entry per actor (regional: two groups)."""
    selection = view.meeting.select
    entries = actor_index(view.document)
    here = [e for e in entries if in_region(e.government, selection)]
    elsewhere = [e for e in entries if not in_region(e.government, selection)]
    story = _entries(here, styles, pages)
    if elsewhere:
        story.append(
            Heading(
                elsewhere_heading(region_name(selection)),
                styles.label_strong,
                decoration="rule",
                space_before=10.0,
                space_after=2.0,
            )
        )
        story += _entries(elsewhere, styles, pages)
    return story


def _entries(entries: list[ActorEntry], styles: Styles, pages: Mapping[str, int]) -> list[Flowable]:
    story: list[Flowable] = []
    name, refs = styles.label_strong, styles.small
    for prefecture, group in groupby(entries, key=_prefecture):
        story.append(prefecture_heading(prefecture, styles))
        for entry in group:
            line = IndexEntry(
                [Span(entry.label, name), Span("　", refs), *reference_spans(entry, pages, refs)],
                leading=13.0,
                align="left",
                indent=name.size,
                first_indent=0.0,
                space_after=1.5,
            )
            line.prefecture = prefecture
            story.append(line)
    return story
