"""The briefing's content: title block, contents, summary, then sections, topics, cases.

Paragraphs are written as WordprocessingML text and inserted in batches: python-docx's
``add_paragraph`` looks the style up and scans the body on every call, which makes a
5,000-case briefing take seconds. Every paragraph names a style of the briefing (none is
left in Normal, so the reader knows each one) and nothing else. The one page break
comes from a style: 集計 starts a page, so title and contents have the first to
themselves; the sections run on after the summary, as in the PDF.
"""

from __future__ import annotations

from docx.document import Document as WordDocument

from reportkit.labels import NUMBERS_NOTE, contents_line, section_label, topic_label
from reportkit.model import Document
from reportkit.view import View
from reportkit.writers.docx import contents, styles, tables
from reportkit.writers.docx.case import case_paragraph
from reportkit.writers.docx.ooxml import bookmark, elements, paragraph_xml, qn, run_xml

NOTE_MARK = "※"


class Flow:
    """Paragraph XML collected in order and appended to the body in one go."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.parts: list[str] = []
        self.bookmarks = 0

    def add(self, style_id: str, *runs: str) -> None:
        self.parts.append(paragraph_xml(style_id, *runs))

    def text(self, style_id: str, value: str) -> None:
        self.add(style_id, run_xml(value))

    def notes(self, notes: list[str]) -> None:
        """Each note as a ※ paragraph in 注記（小）."""
        for note in notes:
            self.text(styles.SMALL_NOTE, NOTE_MARK + note)

    def next_bookmark(self) -> int:
        """A bookmark id no other bookmark of the document has."""
        self.bookmarks += 1
        return self.bookmarks

    def heading(self, style_id: str, value: str, anchor: str) -> None:
        """A heading holding the bookmark its contents entry links to."""
        self.add(style_id, bookmark(anchor, self.next_bookmark(), run_xml(value)))

    def flush(self) -> None:
        """Append what was collected before the body's final section properties."""
        if not self.parts:
            return
        body = self.document.element.body
        end = body.find(qn("w:sectPr"))
        for new in elements("".join(self.parts)):
            if end is None:
                body.append(new)
            else:
                end.addprevious(new)
        self.parts = []


def add_title_block(flow: Flow, view: View) -> None:
    """Title, subtitle, 和暦 date, issuer and the ※ note."""
    source = view.document
    flow.text(styles.TITLE, source.title)
    if source.subtitle:
        flow.text(styles.SUBTITLE, source.subtitle)
    flow.text(styles.DATE, view.date_text)
    if view.meeting.organisation:
        flow.text(styles.ISSUER, view.meeting.organisation)
    if source.note:
        for line in source.note.split("\n"):
            flow.text(styles.NOTE, line)


def add_contents(flow: Flow, view: View) -> None:
    """目次, its entries, how to use it and, in a partial edition, why numbers skip."""
    flow.text(styles.TOC_HEADING, contents.CONTENTS)
    flow.parts.append(contents.contents_xml(view.document))
    notes = [contents.CONTENTS_NOTE]
    if not view.meeting.select.everything:
        notes.append(NUMBERS_NOTE)
    flow.notes(notes)


def add_summary(flow: Flow, view: View, width: int) -> None:
    """集計: cases per topic, actors per section and, for a block handout, per block."""
    document = flow.document
    flow.heading(styles.SUMMARY_HEADING, contents.SUMMARY, contents.SUMMARY_ANCHOR)
    flow.text(styles.SUMMARY_TEXT, contents_line(view))
    flow.text(styles.CAPTION, "表1　中項目別の事例数")
    flow.flush()
    tables.topic_table(document, view.document, width)
    flow.text(styles.CAPTION, "表2　項目別の取組団体（全国地方公共団体コード順）")
    flow.flush()
    tables.actor_table(document, view, width)
    flow.notes(tables.actor_notes(view))
    if view.national is not None:
        flow.text(styles.CAPTION, "表3　ブロック別の事例数")
        flow.flush()
        tables.block_table(document, view, width)
        flow.notes(tables.block_notes(view))


def add_sections(flow: Flow, source: Document, width: int) -> None:
    """Heading 1 per section, Heading 2 per explicit topic, one list paragraph per case."""
    for section in source.sections:
        flow.heading(styles.HEADING_1, section_label(section), contents.section_anchor(section))
        for topic in section.topics:
            if not topic.implicit:
                anchor = contents.topic_anchor(section, topic)
                flow.heading(styles.HEADING_2, topic_label(topic), anchor)
            for case in topic.cases:
                flow.parts.append(case_paragraph(case, flow.next_bookmark(), width))


def write_body(document: WordDocument, view: View, width: int) -> None:
    """Everything between the header and the footer, in reading order."""
    flow = Flow(document)
    add_title_block(flow, view)
    add_contents(flow, view)
    add_summary(flow, view, width)
    add_sections(flow, view.document, width)
    flow.flush()
