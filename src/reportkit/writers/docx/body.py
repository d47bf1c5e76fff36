"""The briefing's content: title block, contents, summary, then sections, topics, cases."""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.text import WD_BREAK
from docx.styles.style import BaseStyle

from reportkit.model import Case, Document
from reportkit.view import View
from reportkit.writers.docx import fields, styles, tables
from reportkit.writers.docx.labels import section_label, topic_label

CONTENTS = "目次"
SUMMARY = "集計"


def add_title_block(document: WordDocument, view: View) -> None:
    """Title, subtitle, 和暦 date, issuer and the ※ note."""
    source = view.document
    document.add_paragraph(source.title, style=styles.style(document, styles.TITLE))
    if source.subtitle:
        document.add_paragraph(source.subtitle, style=styles.style(document, styles.SUBTITLE))
    document.add_paragraph(view.date_text, style=styles.style(document, styles.DATE))
    if view.meeting.organisation:
        document.add_paragraph(
            view.meeting.organisation, style=styles.style(document, styles.ISSUER)
        )
    if source.note:
        note = styles.style(document, styles.NOTE)
        for line in source.note.split("\n"):
            document.add_paragraph(line, style=note)


def contents_entries(source: Document) -> list[tuple[str, str]]:
    """(style id, text) of the contents as Word will build it, page numbers aside."""
    entries = [(styles.TOC_1, SUMMARY)]
    for section in source.sections:
        entries.append((styles.TOC_1, section_label(section)))
        entries.extend(
            (styles.TOC_2, topic_label(topic.title))
            for topic in section.topics
            if not topic.implicit
        )
    return entries


def add_contents(document: WordDocument, source: Document) -> None:
    """目次 and a TOC field; its result lists the headings until Word adds page numbers."""
    document.add_paragraph(CONTENTS, style=styles.style(document, styles.TOC_HEADING))
    entries = contents_entries(source)
    found = {sid: styles.style(document, sid) for sid in (styles.TOC_1, styles.TOC_2)}
    paragraphs = []
    for index, (style_id, text) in enumerate(entries):
        paragraph = document.add_paragraph(style=found[style_id])
        if index == 0:
            fields.begin(paragraph, fields.TOC_INSTRUCTION, dirty=True)
        paragraph.add_run(text)
        paragraphs.append(paragraph)
    fields.end(paragraphs[-1])


def add_summary(document: WordDocument, view: View, width: int) -> None:
    """集計: cases per topic, actors per section and, for a block handout, per block."""
    document.add_paragraph(SUMMARY, style=styles.style(document, styles.SUMMARY_HEADING))
    caption = styles.style(document, styles.CAPTION)
    document.add_paragraph("表1　中項目別の事例数", style=caption)
    tables.topic_table(document, view.document, width)
    document.add_paragraph("表2　項目別の取組団体（全国地方公共団体コード順）", style=caption)
    tables.actor_table(document, view.document, width)
    if view.national is not None:
        document.add_paragraph("表3　ブロック別の事例数", style=caption)
        tables.block_table(document, view, width)


class _CaseWriter:
    """Writes case paragraphs with the styles looked up once."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.paragraph = styles.style(document, styles.CASE)
        self.emphasis = styles.style(document, styles.EMPHASIS)
        self.attribution = styles.style(document, styles.ATTRIBUTION)
        self.attribution_emphasis = styles.style(document, styles.ATTRIBUTION_EMPHASIS)

    def write(self, case: Case) -> None:
        paragraph = self.document.add_paragraph(style=self.paragraph)
        for run in case.runs:
            paragraph.add_run(run.text, style=self.emphasis if run.emphasis else None)
        attribution = case.attribution
        style = self.attribution_emphasis if attribution.emphasis else self.attribution
        paragraph.add_run(attribution.text, style=style)


def add_sections(document: WordDocument, source: Document) -> None:
    """Heading 1 per section, Heading 2 per explicit topic, one list paragraph per case."""
    heading_1: BaseStyle = styles.style(document, styles.HEADING_1)
    heading_2: BaseStyle = styles.style(document, styles.HEADING_2)
    writer = _CaseWriter(document)
    for section in source.sections:
        document.add_paragraph(section_label(section), style=heading_1)
        for topic in section.topics:
            if not topic.implicit:
                document.add_paragraph(topic_label(topic.title), style=heading_2)
            for case in topic.cases:
                writer.write(case)


def add_page_break(document: WordDocument) -> None:
    """A page break, as Ctrl+Enter makes it."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
