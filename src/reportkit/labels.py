"""How every output names sections, topics and cases: one place, so all formats agree.

The section keeps the source's own number (1．新規相談・プラン作成); a topic is numbered
within its section (（2）関係機関からつながる関係づくり); a case is named by its id
(1-2-3: section, topic, case). A block edition keeps the national numbers, so the same
case has the same number in every edition.
"""

from __future__ import annotations

from reportkit.model import Case, Document, Section, Topic

NO_TOPIC = "―"
"""What a table shows for the topic of a section without topic headings."""

OVERVIEW_TITLE = "取組事例の概要"
MAP_TITLE = "事例の所在（都道府県別）"
MAP_NOTE = (
    "市区町村の事例はその都道府県に数える。\n複数の都道府県にまたがる事例は、それぞれに数える。"
)
NATIONAL_TITLE = "全国の事例数（ブロック別）"
INDEX_TITLE = "団体別索引"
UNRESOLVED = "その他"
"""The index's heading for actors that name no local government."""


def section_label(section: Section) -> str:
    """1．新規相談・プラン作成."""
    return f"{section.number}．{section.title}"


def topic_label(topic: Topic) -> str:
    """（2）関係機関からつながる関係づくり; an implicit topic has no label of its own."""
    return NO_TOPIC if topic.implicit else f"（{topic.number}）{topic.title}"


def case_label(case: Case) -> str:
    """1-2-3: the number a reader cites a case by in every format."""
    return case.id


def contents_line(document: Document, actors: int) -> str:
    """本資料には9項目・20分類の取組事例61件（58団体）を収める; ``actors``: how many the
    index lists."""
    cases = sum(1 for _ in document.cases())
    topics = sum(1 for _, topic in document.topics() if not topic.implicit)
    return (
        f"本資料には{len(document.sections)}項目・{topics}分類の取組事例{cases:,}件"
        f"（{actors:,}団体）を収める。"
    )
