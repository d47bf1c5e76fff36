"""How every output names sections, topics and cases: one place, so all formats agree.

The section keeps the source's own number (1．新規相談・プラン作成); a topic is numbered
within its section (（2）関係機関からつながる関係づくり); a case is named by its id
(1-2-3: section, topic, case). A block edition keeps the national numbers, so the same
case has the same number in every edition.
"""

from __future__ import annotations

from reportkit.model import Case, Section, Topic

NO_TOPIC = "―"
"""What a table shows for the topic of a section without topic headings."""


def section_label(section: Section) -> str:
    """1．新規相談・プラン作成."""
    return f"{section.number}．{section.title}"


def topic_label(topic: Topic) -> str:
    """（2）関係機関からつながる関係づくり; an implicit topic has no label of its own."""
    return NO_TOPIC if topic.implicit else f"（{topic.number}）{topic.title}"


def case_label(case: Case) -> str:
    """1-2-3: the number a reader cites a case by in every format."""
    return case.id
