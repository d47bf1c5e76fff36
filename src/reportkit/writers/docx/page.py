"""Page setup (A4 portrait, Japanese official margins) and the header and footer.

python-docx's template is US Letter with one-inch margins; every section is set here.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Paper:
    """A page: its size and margins in twips, portrait unless wider than tall."""

    width: int = PAGE_WIDTH
    height: int = PAGE_HEIGHT
    top: int = MARGIN_TOP
    bottom: int = MARGIN_BOTTOM
    side: int = MARGIN_SIDE


def set_up_pages(document: WordDocument, paper: Paper = Paper()) -> None:
    """Every section on ``paper``: by default A4 portrait, 30 mm top, 25 mm bottom and sides."""
    landscape = paper.width > paper.height
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width = Twips(paper.width)
        section.page_height = Twips(paper.height)
        section.top_margin = Twips(paper.top)
        section.bottom_margin = Twips(paper.bottom)
        section.left_margin = Twips(paper.side)
        section.right_margin = Twips(paper.side)
        section.gutter = Twips(0)
        section.header_distance = Twips(HEADER_DISTANCE)
        section.footer_distance = Twips(FOOTER_DISTANCE)


def first_header_xml(view: View) -> str:
    """Page 1: the meeting name on the left, the boxed 資料番号 flush right."""
    runs = [run_xml(view.meeting.name)] if view.meeting.name else []
    if view.meeting.number:
        runs += [run_xml("\t\t"), run_xml(view.meeting.number, styles.DOCUMENT_NUMBER)]
    return paragraph_xml(styles.HEADER, *runs)


def running_header_xml(view: View) -> str:
    """From page 2: the title on the left, the meeting name flush right."""
    runs = [run_xml(view.document.title)]
    if view.meeting.name:
        runs.append(run_xml(f"\t\t{view.meeting.name}"))
    return paragraph_xml(styles.HEADER, *runs)


def footer_xml() -> str:
    """``- PAGE -`` centred, on every page."""
    page_number = fields.field(fields.PAGE_INSTRUCTION, "1")
    return paragraph_xml(styles.FOOTER, run_xml("- "), page_number, run_xml(" -"))


def _fill(container: _Header | _Footer, xml: str) -> None:
    """Replace the template's empty paragraph of a header or footer with ``xml``."""
    story = container._element
    for old in story.findall(qn("w:p")):
        story.remove(old)
    story.extend(elements(xml))


def add_header_and_footer(document: WordDocument, view: View) -> None:
    """A first-page header (``w:titlePg``) with the 資料番号, a running header after it.

    The title block of page 1 names the document, so only later pages repeat the title.
    """
    section = document.sections[0]
    section.different_first_page_header_footer = True
    _fill(section.first_page_header, first_header_xml(view))
    _fill(section.header, running_header_xml(view))
    _fill(section.first_page_footer, footer_xml())
    _fill(section.footer, footer_xml())
