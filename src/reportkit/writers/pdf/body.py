"""The case pages: section and topic headings, and every case with its attribution.

Every case is a named destination (:func:`destination`) that the index and the overview
link to; sections and topics are destinations too (their headings' outline keys).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from reportkit.labels import section_label, topic_label
from reportkit.model import Case, Document
from reportkit.writers.pdf.headings import Heading, OutlineEntry
from reportkit.writers.pdf.styles import BODY_SIZE, Styles
from reportkit.writers.pdf.text import JText, Span

LEADING = BODY_SIZE * 1.7
BULLET = "○"


def destination(case: Case) -> str:
    """The name of the place a link to ``case`` leads to."""
    return f"case-{case.key}"


def section_destination(number: int, topic: int | None = None) -> str:
    """The outline key of a section's (or one of its topics') heading."""
    return f"s{number}" if topic is None else f"s{number}t{topic}"


class CaseText(JText):
    """A case paragraph; ``case_id`` lets the document record the page it starts on.

    Its first part marks the destination of the case where it is drawn.
    """

    case_id: str
    anchor: str | None = None

    def draw(self) -> None:
        if self.anchor is not None:
            self.canv.bookmarkHorizontal(self.anchor, 0, self.height)
        super().draw()

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = super().split(availWidth, availHeight)
        for part in parts[1:]:
            part.anchor = None
        return parts


def case_flowable(case: Case, styles: Styles) -> CaseText:
    """○ text with emphasis, the attribution flush right, the case id in the margin."""
    spans = [Span(run.text, styles.emphasis if run.emphasis else styles.body) for run in case.runs]
    attribution = case.attribution
    tail_style = styles.attribution_emphasis if attribution.emphasis else styles.attribution
    flowable = CaseText(
        spans,
        leading=LEADING,
        indent=BODY_SIZE,
        bullet=Span(BULLET, styles.body),
        gutter=Span(case.id, styles.case_id),
        tail=[Span(attribution.text, tail_style)],
        space_after=4.0,
    )
    flowable.case_id = case.id
    flowable.anchor = destination(case)
    return flowable


def body_story(document: Document, styles: Styles) -> list[Flowable]:
    """Every section, topic and case in document order."""
    story: list[Flowable] = []
    for section in document.sections:
        story.append(
            Heading(
                section_label(section),
                styles.section,
                decoration="band",
                outline=OutlineEntry(
                    section_label(section), section_destination(section.number), 0
                ),
                space_before=14.0 if story else 0.0,
                space_after=8.0,
            )
        )
        for topic in section.topics:
            if not topic.implicit:
                story.append(
                    Heading(
                        topic_label(topic),
                        styles.topic,
                        decoration="rule",
                        outline=OutlineEntry(
                            topic_label(topic), section_destination(section.number, topic.number), 1
                        ),
                        space_before=8.0,
                        space_after=6.0,
                    )
                )
            story.extend(case_flowable(case, styles) for case in topic.cases)
    return story
