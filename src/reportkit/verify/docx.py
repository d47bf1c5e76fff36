"""Reading the Word briefing back with python-docx, by its named styles.

A case is a paragraph in the list style (ListBullet). Its runs are told apart by their
character styles: CaseNumber (the case number, followed by 「　」), CaseEmphasis,
Attribution and AttributionEmphasis; a tab run only sets the attribution flush right.
A hidden bookmark ``_RK_<key>`` carries the case's key. A paragraph without a number
(as briefings made before the numbers were added) is matched to the source's cases in
order. Counts per section and topic come from the structure: the case paragraphs under
each Heading 1 and Heading 2.
"""

from __future__ import annotations

import io

from docx import Document as open_document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from reportkit.briefing import KEY_BOOKMARK as BOOKMARK
from reportkit.verify.facts import ReadCase, Reading, TopicKey, phrases, topic_key

CASE = "ListBullet"
SECTION, TOPIC = "Heading1", "Heading2"
NUMBER = "CaseNumber"
EMPHASIS = "CaseEmphasis"
ATTRIBUTIONS = {"Attribution": False, "AttributionEmphasis": True}


def _paragraph_style(paragraph: Paragraph) -> str:
    """The style id the paragraph names (as written, even if styles.xml lacks it)."""
    return str(paragraph._p.style or "")


def _run_style(run: Run) -> str:
    return str(run._r.style or "")


def read(data: bytes, name: str) -> Reading:
    """The cases and the counts per section and topic of a Word briefing."""
    document = open_document(io.BytesIO(data))
    reading = Reading(name)
    counts: dict[TopicKey, list[int | str]] = {}
    section: int | None = None
    topic: TopicKey | None = None
    for number, paragraph in enumerate(document.paragraphs, start=1):
        style = _paragraph_style(paragraph)
        place = f"{name} 段落 {number}"
        if style == SECTION:
            found = topic_key(paragraph.text.strip())
            section = found[0] if found else None
            topic = None
            if found:
                counts[found] = [0, place]
        elif style == TOPIC and section is not None:
            topic = topic_key(paragraph.text.strip(), section)
            if topic is not None:
                counts[topic] = [0, place]
        elif style == CASE:
            reading.cases.append(_case(paragraph, place))
            for key in filter(None, ((section, None) if section else None, topic)):
                counts[key][0] = int(counts[key][0]) + 1
    reading.topics = {key: (int(count), str(place)) for key, (count, place) in counts.items()}
    return reading


def _case(paragraph: Paragraph, place: str) -> ReadCase:
    number: str | None = None
    text: list[tuple[str, bool]] = []
    attribution: list[tuple[str, bool]] = []
    for run in paragraph.runs:
        style = _run_style(run)
        if style == NUMBER:
            number = run.text.strip().strip("　") or None
        elif style in ATTRIBUTIONS:
            attribution.append((run.text, ATTRIBUTIONS[style]))
        elif run.text.strip("\t"):
            text.append((run.text, style == EMPHASIS))
    return ReadCase(
        place=place,
        id=number,
        text="".join(piece for piece, _ in text),
        emphasis=phrases([*text, *attribution]),
        attribution="".join(piece for piece, _ in attribution) or None,
        key=_bookmark(paragraph),
    )


def _bookmark(paragraph: Paragraph) -> str | None:
    """The case's key from its bookmark _RK_<key>, when it has one."""
    for mark in paragraph._p.iter(qn("w:bookmarkStart")):
        name = mark.get(qn("w:name")) or ""
        if name.startswith(BOOKMARK):
            return name.removeprefix(BOOKMARK)
    return None
