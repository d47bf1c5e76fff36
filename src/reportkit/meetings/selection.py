"""Selection: narrow a resolved document to what one meeting shows.

Case ids, section numbers and topic numbers stay those of the whole collection, so a
block handout and the national one cite the same case as the same id.
"""

from __future__ import annotations

from reportkit.errors import Problem, SourceError
from reportkit.meetings.settings import SettingsFile
from reportkit.model import Case, Document, Section, Topic
from reportkit.places.blocks import BlockScheme
from reportkit.view import Meeting, Selection


def check_selection(
    meeting: Meeting, document: Document, scheme: BlockScheme, settings: SettingsFile
) -> None:
    """Refuse names the selection cannot mean: unknown blocks, prefectures, sections, topics."""
    from reportkit.places import gazetteer

    selection = meeting.select
    places = {p.name for p in gazetteer.load().prefectures()}
    regions = set(scheme.names) | {s.name for b in scheme.blocks for s in b.sub_blocks}
    sections = {s.number for s in document.sections}
    topics = {t.title for _, t in document.topics()}
    problems: list[Problem] = []

    def unknown(what: str, value: str, known: set[str] | set[int], key: str) -> None:
        listed = "、".join(sorted(map(str, known)))
        problems.append(
            settings.problem(
                str(meeting.id),
                f"meeting '{meeting.id!s}': unknown {what} {value}",
                f"choose from: {listed}",
                key=key,
                value=value,
            )
        )

    for block in selection.blocks:
        if block not in regions:
            unknown("block", block, regions, "blocks")
    for prefecture in selection.prefectures:
        if prefecture not in places:
            unknown("prefecture", prefecture, places, "prefectures")
    for number in selection.sections:
        if number not in sections:
            unknown("section", str(number), sections, "sections")
    for title in selection.topics:
        if title not in topics:
            unknown("topic", title, topics, "topics")
    if problems:
        raise SourceError(problems)


def _keeps(selection: Selection, section: Section, topic: Topic, case: Case) -> bool:
    if selection.sections and section.number not in selection.sections:
        return False
    if selection.topics and topic.title not in selection.topics:
        return False
    if not selection.regional:
        return True
    for actor in case.attribution.actors:
        government = actor.government
        if government is None:
            continue
        if government.block in selection.blocks or government.sub_block in selection.blocks:
            return True
        if government.prefecture in selection.prefectures:
            return True
    return False


def select(document: Document, selection: Selection) -> Document:
    """The document with only the selected cases; empty topics and sections dropped."""
    if selection.everything:
        return document
    sections = []
    for section in document.sections:
        topics = []
        for topic in section.topics:
            cases = [c for c in topic.cases if _keeps(selection, section, topic, c)]
            if cases:
                topics.append(topic.model_copy(update={"cases": cases}))
        if topics:
            sections.append(section.model_copy(update={"topics": topics}))
    return document.model_copy(update={"sections": sections})


def select_for(
    meeting: Meeting, document: Document, scheme: BlockScheme, settings: SettingsFile
) -> Document:
    """Check and apply a meeting's selection; an empty result is an error, not a handout."""
    check_selection(meeting, document, scheme, settings)
    chosen = select(document, meeting.select)
    if not chosen.sections:
        raise SourceError(
            [
                settings.problem(
                    str(meeting.id),
                    f"meeting '{meeting.id!s}' selects no case of {document.source_name}",
                    "widen the [meeting.select] of this meeting",
                    key="select",
                )
            ]
        )
    return chosen
