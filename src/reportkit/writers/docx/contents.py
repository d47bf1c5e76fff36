"""目次: a TOC field whose result links every heading, with no page number to go stale.

The result is what a reader shows without updating the field: one entry per heading,
each a link to a bookmark on its heading. Page numbers are left out because only a
layout can know them; Word adds them when the user updates the table (nothing asks Word
to update it on opening: no ``w:updateFields``, no dirty flag, so no prompt).
"""

from __future__ import annotations

from dataclasses import dataclass

from reportkit.labels import section_label, topic_label
from reportkit.model import Document, Section, Topic
from reportkit.writers.docx import fields, styles
from reportkit.writers.docx.ooxml import hyperlink, paragraph_xml, run_xml

CONTENTS = "目次"
SUMMARY = "集計"
SUMMARY_ANCHOR = "_TocRK_summary"
CONTENTS_NOTE = (
    "項目名から本文へ移動できる。ページ番号は、Wordで目次を右クリックして"
    "「フィールド更新」を選ぶと付く。"
)


@dataclass(frozen=True)
class Entry:
    """One line of the contents: its style, its text and the heading bookmark it links to."""

    style_id: str
    text: str
    anchor: str


def section_anchor(section: Section) -> str:
    """The bookmark on a section's heading: _TocRK_1."""
    return f"_TocRK_{section.number}"


def topic_anchor(section: Section, topic: Topic) -> str:
    """The bookmark on a topic's heading: _TocRK_1_2."""
    return f"_TocRK_{section.number}_{topic.number}"


def entries(source: Document) -> list[Entry]:
    """集計, then every section and explicit topic, in document order."""
    found = [Entry(styles.TOC_1, SUMMARY, SUMMARY_ANCHOR)]
    for section in source.sections:
        found.append(Entry(styles.TOC_1, section_label(section), section_anchor(section)))
        found.extend(
            Entry(styles.TOC_2, topic_label(topic), topic_anchor(section, topic))
            for topic in section.topics
            if not topic.implicit
        )
    return found


def contents_xml(source: Document) -> str:
    """The entries as paragraphs, the TOC field opening in the first and closing in the last."""
    listed = entries(source)
    last = len(listed) - 1
    paragraphs = []
    for index, entry in enumerate(listed):
        opening = fields.begin(fields.TOC_INSTRUCTION) if index == 0 else ""
        closing = fields.END if index == last else ""
        link = hyperlink(entry.anchor, run_xml(entry.text))
        paragraphs.append(paragraph_xml(entry.style_id, opening, link, closing))
    return "".join(paragraphs)
