"""The sections and topics a reader collects, and the document data they make.

Every reader builds the same outline while it reads (sections holding topics holding
cases as plain data) and hands it to :func:`document_data`, which the model validates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class TopicDraft:
    number: int
    title: str
    line: int
    implicit: bool = False
    cases: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class SectionDraft:
    number: int
    title: str
    line: int
    topics: list[TopicDraft] = field(default_factory=list)

    def closed_to_topics(self) -> str | None:
        """What is wrong with opening a topic here: the section already has cases
        written without one (None when a topic may open)."""
        if self.topics and self.topics[-1].implicit:
            return f"section {self.number} already has cases without a topic; cannot add topics"
        return None

    def repeated(self, title: str) -> str | None:
        """What is wrong with a topic titled ``title`` here: the section has one already."""
        if any(topic.title == title for topic in self.topics):
            return f"topic '{title}' appears twice in section {self.number}"
        return None


def case_topic(section: SectionDraft, topic: TopicDraft | None) -> TopicDraft | None:
    """The topic a case joins: the open one, else the section's implicit topic (made here
    for a section written without topic headings); None when the section has topics but
    none is open."""
    if topic is not None:
        return topic
    if section.topics:
        return None
    implicit = TopicDraft(1, section.title, section.line, implicit=True)
    section.topics.append(implicit)
    return implicit


def document_data(
    title: str,
    subtitle: str | None,
    notes: list[str],
    source_name: str,
    sections: list[SectionDraft],
) -> dict[str, Any]:
    """The data of a :class:`~reportkit.model.Document` with these parts."""
    return {
        "title": title,
        "subtitle": subtitle,
        "note": "\n".join(notes) or None,
        "source_name": source_name,
        "sections": [
            {
                "number": s.number,
                "title": s.title,
                "line": s.line,
                "topics": [
                    {
                        "number": t.number,
                        "title": t.title,
                        "implicit": t.implicit,
                        "line": t.line,
                        "cases": t.cases,
                    }
                    for t in s.topics
                ],
            }
            for s in sections
        ],
    }
