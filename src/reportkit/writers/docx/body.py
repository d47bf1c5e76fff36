"""The briefing's content: title block, contents, summary, then sections, topics, cases.

Paragraphs are written as WordprocessingML text and inserted in batches: python-docx's
``add_paragraph`` looks the style up and scans the body on every call, which makes a
5,000-case briefing take seconds. Every paragraph still names a style and nothing else.
"""

from __future__ import annotations

from docx.document import Document as WordDocument

from reportkit.labels import section_label, topic_label
from reportkit.model import Case, Document
from reportkit.view import View
from reportkit.writers.docx import fields, styles, tables
from reportkit.writers.docx.ooxml import elements, paragraph_xml, qn, run_xml

CONTENTS = "目次"
SUMMARY = "集計"
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
KEY_BOOKMARK = "_RK_"  # a hidden bookmark _RK_<key> spans each case: its stable key


class Flow:
    """Paragraph XML collected in order and appended to the body in one go."""

    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.parts: list[str] = []

    def add(self, style_id: str | None, *runs: str) -> None:
        self.parts.append(paragraph_xml(style_id, *runs))

    def text(self, style_id: str, value: str) -> None:
        self.add(style_id, run_xml(value))

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


def contents_entries(source: Document) -> list[tuple[str, str]]:
    """(style id, text) of the contents as Word will build it, page numbers aside."""
    entries = [(styles.TOC_1, SUMMARY)]
    for section in source.sections:
        entries.append((styles.TOC_1, section_label(section)))
        entries.extend(
            (styles.TOC_2, topic_label(topic))
            for topic in section.topics
            if not topic.implicit
        )
    return entries


def add_contents(flow: Flow, source: Document) -> None:
    """目次 and a TOC field; its result lists the headings until Word adds page numbers.

    Word updates the field on opening (``w:updateFields``); a reader that does not
    (Protected View, LibreOffice) still shows the headings.
    """
    flow.text(styles.TOC_HEADING, CONTENTS)
    entries = contents_entries(source)
    last = len(entries) - 1
    for index, (style_id, value) in enumerate(entries):
        opening = fields.begin(fields.TOC_INSTRUCTION, dirty=True) if index == 0 else ""
        closing = fields.END if index == last else ""
        flow.add(style_id, opening, run_xml(value), closing)


def add_summary(flow: Flow, view: View, width: int) -> None:
    """集計: cases per topic, actors per section and, for a block handout, per block."""
    document = flow.document
    flow.text(styles.SUMMARY_HEADING, SUMMARY)
    flow.text(styles.CAPTION, "表1　中項目別の事例数")
    flow.flush()
    tables.topic_table(document, view.document, width)
    flow.text(styles.CAPTION, "表2　項目別の取組団体（全国地方公共団体コード順）")
    flow.flush()
    tables.actor_table(document, view.document, width)
    if view.national is not None:
        flow.text(styles.CAPTION, "表3　ブロック別の事例数")
        flow.flush()
        tables.block_table(document, view, width)


def case_runs(case: Case, bookmark: int) -> list[str]:
    """The content of one case: its key bookmark (number ``bookmark``) around text runs
    (強調 where emphasised), then the attribution."""
    start = f'<w:bookmarkStart w:id="{bookmark}" w:name="{KEY_BOOKMARK}{case.key}"/>'
    runs = [start]
    runs.extend(run_xml(r.text, styles.EMPHASIS if r.emphasis else None) for r in case.runs)
    attribution = case.attribution
    style = styles.ATTRIBUTION_EMPHASIS if attribution.emphasis else styles.ATTRIBUTION
    runs.append(run_xml(attribution.text, style))
    runs.append(f'<w:bookmarkEnd w:id="{bookmark}"/>')
    return runs


def add_sections(flow: Flow, source: Document) -> None:
    """Heading 1 per section, Heading 2 per explicit topic, one list paragraph per case."""
    bookmark = 0
    for section in source.sections:
        flow.text(styles.HEADING_1, section_label(section))
        for topic in section.topics:
            if not topic.implicit:
                flow.text(styles.HEADING_2, topic_label(topic))
            for case in topic.cases:
                bookmark += 1
                flow.add(styles.CASE, *case_runs(case, bookmark))


def add_page_break(flow: Flow) -> None:
    """A page break, as Ctrl+Enter makes it."""
    flow.parts.append(PAGE_BREAK)


def write_body(document: WordDocument, view: View, width: int) -> None:
    """Everything between the header and the footer, in reading order."""
    flow = Flow(document)
    add_title_block(flow, view)
    add_contents(flow, view.document)
    add_summary(flow, view, width)
    add_page_break(flow)
    add_sections(flow, view.document)
    flow.flush()
