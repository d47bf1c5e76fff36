"""How every output names sections, topics and cases: one place, so all formats agree.

The section keeps the source's own number (1．新規相談・プラン作成); a topic is numbered
within its section (（2）関係機関からつながる関係づくり); a case is named by its id
(1-2-3: section, topic, case). A block edition keeps the national numbers, so the same
case has the same number in every edition.
"""

from __future__ import annotations

from reportkit.model import Case, Section, Topic
from reportkit.summary import EditionCounts, edition_counts, region_name
from reportkit.view import View

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


def qualified_topic_label(section: Section, topic: Topic) -> str:
    """2．（8）その他: a topic named with its section, where it stands without its heading."""
    if topic.implicit:
        return section_label(section)
    return f"{section.number}．{topic_label(topic)}"


UNDISCLOSED = "非公表"


def actors_label(case: Case) -> str:
    """The actors of a case as a list names them: 団体コード order, with 等 / 等多数;
    非公表 when the case names none."""
    attribution = case.attribution
    if attribution.undisclosed:
        return UNDISCLOSED
    actors = sorted(attribution.actors, key=lambda actor: actor.key)
    return "、".join(actor.label for actor in actors) + (attribution.open_list or "")


def case_label(case: Case) -> str:
    """1-2-3: the number a reader cites a case by in every format."""
    return case.id


MULTIPLE_COUNTING_NOTE = (
    "複数の団体による事例は、それぞれの団体のブロック・都道府県に数えているため、"
    "ブロック別・都道府県別の件数の合計は事例数と一致しない。"
)
"""Said wherever cases are counted per block or prefecture."""

NUMBERS_NOTE = (
    "項目番号・事例番号は全国版と同じ番号を用いているため、"
    "この資料に含まれない項目・事例の番号は欠けている。"
)
"""Said once in an edition that shows part of the collection (the numbers skip)."""


OPEN_LIST_NOTE = (
    "団体名が「等」「等多数」で終わる事例は、挙がっている団体のほかにも実施団体がある"
    "（団体数には挙がっている団体だけを数える）。"
)
"""Said under a count of local governments when a case ends its list with 等 or 等多数."""

UNDISCLOSED_NOTE = "非公表の事例は、どのブロック・都道府県にも数えない。"
"""Said under counts per block or prefecture when a case is not attributed."""


def group_note(groups: list[str]) -> str:
    """静岡県内7市は、団体名が示されていないため、まとめて1団体として数える。"""
    shown = "、".join(groups[:5]) + ("など" if len(groups) > 5 else "")
    return f"{shown}は、団体名が示されていないため、まとめて1団体として数える。"


def edition_count_text(counts: EditionCounts, region: str | None) -> str:
    """23件（関東信越の17団体、ほか8団体）; the whole collection: 61件（52団体）."""
    if not region:
        return f"{counts.cases:,}件（{counts.local:,}団体）"
    others = f"、ほか{counts.elsewhere:,}団体" if counts.elsewhere else ""
    return f"{counts.cases:,}件（{region}の{counts.local:,}団体{others}）"


def contents_line(view: View) -> str:
    """本資料には4項目・17分類の取組事例23件（関東信越の17団体、ほか8団体）を収める。"""
    return "".join(contents_parts(view))


def contents_parts(view: View) -> tuple[str, str, str]:
    """:func:`contents_line` in three parts, the counts in the middle (a format may link them)."""
    document = view.document
    topics = sum(1 for _, topic in document.topics() if not topic.implicit)
    selection = view.meeting.select
    counts = edition_count_text(edition_counts(view), region_name(selection) or None)
    return f"本資料には{len(document.sections)}項目・{topics}分類の取組事例", counts, "を収める。"


def elsewhere_heading(region: str) -> str:
    """What a regional edition calls the co-actors from outside its region."""
    return f"{region}以外の団体（共同の事例）"
