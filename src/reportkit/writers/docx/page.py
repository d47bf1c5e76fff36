"""Page setup (A4 portrait, Japanese official margins) and the header and footer.

python-docx's template is US Letter with one-inch margins; every section is set here.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Twips

from reportkit.view import View
from reportkit.writers.docx import fields, styles
from reportkit.writers.docx.ooxml import mm

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


def add_header_and_footer(document: WordDocument, view: View) -> None:
    """Header: meeting name left, 資料番号 right (boxed). Footer: ``- PAGE -`` centred."""
    header_style = styles.style(document, styles.HEADER)
    footer_style = styles.style(document, styles.FOOTER)
    number_style = styles.style(document, styles.DOCUMENT_NUMBER)
    for index, section in enumerate(document.sections):
        if index:  # later sections repeat the first one's header and footer
            section.header.is_linked_to_previous = True
            section.footer.is_linked_to_previous = True
            continue
        header = section.header.paragraphs[0]
        header.style = header_style
        header.add_run(header_text(view))
        if view.meeting.number:
            header.add_run("\t\t")
            header.add_run(view.meeting.number, style=number_style)
        footer = section.footer.paragraphs[0]
        footer.style = footer_style
        footer.add_run("- ")
        fields.simple(footer, fields.PAGE_INSTRUCTION, "1")
        footer.add_run(" -")
