"""The cases: a ``<section>`` per section (``<h2>``), an ``<h3>`` per topic, and each
topic's cases as an ordered list whose items carry the case number, the text with its
emphasis in ``<strong>`` and the attribution marked as the source."""

from __future__ import annotations

from collections.abc import Iterator

from reportkit.labels import case_label, section_label, topic_label
from reportkit.model import Case, Document, Section, Topic
from reportkit.writers.html.markup import case_anchor, section_anchor, text, topic_anchor

SOURCE = "出典："
"""Read before each attribution by a screen reader (hidden on screen)."""
CASE = "事例"
"""Read before each case number by a screen reader (hidden on screen)."""


def case_item(case: Case) -> str:
    """One ``<li>``: number, text and attribution, anchored at ``case-1-2-3``."""
    words = "".join(
        f"<strong>{text(run.text)}</strong>" if run.emphasis else text(run.text)
        for run in case.runs
    )
    source = text(case.attribution.text)
    if case.attribution.emphasis:
        source = f"<strong>{source}</strong>"
    return (
        f'<li class="case" id="{case_anchor(case)}">'
        f'<span class="case-number"><span class="vh">{CASE}</span>{text(case_label(case))}</span>'
        f'<p class="case-text">{words}</p>'
        f'<p class="source"><span class="vh">{SOURCE}</span>{source}</p></li>'
    )


def _cases(topic: Topic) -> Iterator[str]:
    yield '<ol class="cases">'
    yield from (case_item(case) for case in topic.cases)
    yield "</ol>"


def _topic(section: Section, topic: Topic) -> Iterator[str]:
    if topic.implicit:
        yield from _cases(topic)
        return
    yield f'<section class="topic" id="{topic_anchor(section, topic)}">'
    yield f"<h3>{text(topic_label(topic))}</h3>"
    yield from _cases(topic)
    yield "</section>"


def sections(document: Document) -> Iterator[str]:
    """Every section, topic and case in document order."""
    for section in document.sections:
        yield f'<section class="part" id="{section_anchor(section)}">'
        yield f"<h2>{text(section_label(section))}</h2>"
        for topic in section.topics:
            yield from _topic(section, topic)
        yield "</section>"
