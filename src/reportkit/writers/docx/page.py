"""Page setup (A4 portrait, Japanese official margins) and the header and footer.

python-docx's template is US Letter with one-inch margins; every section is set here.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.section import _Footer, _Header
from docx.shared import Twips

from reportkit.view import View
from reportkit.writers.docx import fields, styles
from reportkit.writers.docx.ooxml import elements, mm, paragraph_xml, qn, run_xml

PAGE_WIDTH = mm(210)
PAGE_HEIGHT = mm(297)
MARGIN_TOP = mm(30)
MARGIN_BOTTOM = mm(25)
MARGIN_SIDE = mm(25)
HEADER_DISTANCE = mm(15)
FOOTER_DISTANCE = mm(12.5)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_SIDE


def set_up_pages(document: WordDocument) -> None:
    """A4 portrait with 30 mm top, 25 mm bottom and side margins, in every section."""
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Twips(PAGE_WIDTH)
        section.page_height = Twips(PAGE_HEIGHT)
        section.top_margin = Twips(MARGIN_TOP)
        section.bottom_margin = Twips(MARGIN_BOTTOM)
        section.left_margin = Twips(MARGIN_SIDE)
        section.right_margin = Twips(MARGIN_SIDE)
        section.gutter = Twips(0)
        section.header_distance = Twips(HEADER_DISTANCE)
        section.footer_distance = Twips(FOOTER_DISTANCE)


def header_text(view: View) -> str:
    """What the header names on the left: the meeting, else the document title."""
    return view.meeting.name or view.document.title


def _fill(container: _Header | _Footer, xml: str) -> None:
    """Replace the template's empty paragraph of a header or footer with ``xml``."""
    story = container._element
    for old in story.findall(qn("w:p")):
        story.remove(old)
    story.extend(elements(xml))


def add_header_and_footer(document: WordDocument, view: View) -> None:
    """Header: meeting name left, 資料番号 right (boxed). Footer: ``- PAGE -`` centred."""
    runs = [run_xml(header_text(view))]
    if view.meeting.number:
        runs += [run_xml("\t\t"), run_xml(view.meeting.number, styles.DOCUMENT_NUMBER)]
    header = paragraph_xml(styles.HEADER, *runs)
    page_number = fields.field(fields.PAGE_INSTRUCTION, "1")
    footer = paragraph_xml(styles.FOOTER, run_xml("- "), page_number, run_xml(" -"))
    for index, section in enumerate(document.sections):
        if index:  # later sections repeat the first one's header and footer
            section.header.is_linked_to_previous = True
            section.footer.is_linked_to_previous = True
            continue
        _fill(section.header, header)
        _fill(section.footer, footer)
