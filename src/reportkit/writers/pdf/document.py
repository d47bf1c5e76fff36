"""The handout as a reportlab document: page templates, page decorations, metadata and
the build (a single pass: the index is made when the flow reaches it, by which time
the page of every case is known).

One flow, no forced page breaks: the title block and the overview on page 1, the cases
right after the overview, the index right after the cases (on a new page only when
little room is left) in balanced columns.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageTemplate,
)

from reportkit import __version__
from reportkit.view import View
from reportkit.writers.pdf.body import body_story
from reportkit.writers.pdf.columns import Columns
from reportkit.writers.pdf.fonts import find_fonts
from reportkit.writers.pdf.index import continued_heading, index_heading, index_story
from reportkit.writers.pdf.overview import overview_story
from reportkit.writers.pdf.styles import (
    FOOTER_Y,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Styles,
)
from reportkit.writers.pdf.title_block import draw_number_box, title_block

COLUMN_GAP = 18.0
INDEX_ROOM = 120.0  # the index starts on the page the cases end on when this much is left
NUMBER_TOP = 10 * mm  # the 資料番号 box's distance from the top edge of page 1


class Deferred(Flowable):
    """Stands for flowables that can only be made when the flow reaches this point."""

    def __init__(self, make: Callable[[], list[Flowable]]) -> None:
        super().__init__()
        self.make = make

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        raise AssertionError("Deferred is expanded by Handout.filterFlowables")


def _canvas_class(stamp: datetime) -> type[Canvas]:
    """A canvas whose document dates and file id derive from ``stamp`` only."""
    epoch = int(stamp.timestamp())

    class StampedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            fixed = TimeStamp(invariant=1)
            fixed.t, fixed.lt = epoch, time.gmtime(epoch)
            fixed.YMDhms, fixed.dhh, fixed.dmm = tuple(fixed.lt)[:6], 0, 0
            doc = self._doc
            doc._timeStamp = fixed
            doc.signature = hashlib.md5(usedforsecurity=False)
            doc.signature.update(f"reportkit {epoch}".encode())

    return StampedCanvas


class Handout(BaseDocTemplate):
    """A4 portrait: cover, overview, cases, and a two-column index."""

    def __init__(self, buffer: io.BytesIO, view: View, styles: Styles) -> None:
        meeting = view.meeting
        subject = " ".join(filter(None, [meeting.name, meeting.number, view.document.subtitle]))
        super().__init__(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=view.document.title,
            subject=subject or view.document.title,
            author=meeting.organisation or "",
            creator=f"reportkit {__version__}",
            keywords=["生活困窮者自立支援制度", "取組事例"],
            lang="ja-JP",
            invariant=1,
            displayDocTitle=True,
            initialFontName=styles.fonts.body.name,
            initialFontSize=10.5,
        )
        self.view = view
        self.styles = styles
        self.case_pages: dict[str, int] = {}
        self._build_templates()

    def _build_templates(self) -> None:
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("first", [frame], onPage=self._first_page),
                PageTemplate("body", [frame], onPage=self._page),
            ]
        )

    # -- page decorations ----------------------------------------------------------------

    def _page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        style = self.styles.sized(self.styles.label, 9, MUTED)
        canvas.setFont(style.font, style.size)
        canvas.setFillColor(style.color)
        canvas.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, f"- {canvas.getPageNumber()} -")
        canvas.restoreState()

    def _first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """Page 1: the 資料番号 box at the top right; the outline shows on opening."""
        number = self.view.meeting.number
        if number:
            style = self.styles.sized(self.styles.section, 14, MUTED)
            draw_number_box(canvas, number, style, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - NUMBER_TOP)
        canvas.showOutline()
        self._page(canvas, doc)

    # -- flow hooks ----------------------------------------------------------------------

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        while flowables and isinstance(flowables[0], Deferred):
            flowables[0:1] = flowables[0].make()

    def afterFlowable(self, flowable: Flowable) -> None:
        case_id = getattr(flowable, "case_id", None)
        if case_id is not None:
            self.case_pages.setdefault(case_id, self.page)


def story(doc: Handout) -> list[Flowable]:
    """Title block and overview, cases, index: one flow."""
    view, styles = doc.view, doc.styles

    def index() -> list[Flowable]:
        entries = index_story(view, styles, doc.case_pages)
        return [Columns(entries, gap=COLUMN_GAP, continued=lambda f: continued_heading(f, styles))]

    return [
        NextPageTemplate("body"),
        *title_block(view, styles),
        *overview_story(view, styles),
        *body_story(view.document, styles),
        CondPageBreak(INDEX_ROOM),
        *index_heading(styles),
        Deferred(index),
    ]


def build(view: View) -> bytes:
    """The PDF handout of ``view``."""
    styles = Styles.of(find_fonts(view.fonts))
    buffer = io.BytesIO()
    doc = Handout(buffer, view, styles)
    # Binary (Flate only) streams: ASCII85 would make the file a quarter larger and slower.
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(story(doc), canvasmaker=_canvas_class(view.timestamp))
    finally:
        rl_config.useA85 = saved
    return buffer.getvalue()
