"""One case as one 箇条書き paragraph: the contract the docx reader reads it back by.

In order: a hidden bookmark ``_RK_<case key>`` around the whole content (the case's
identity survives edits in Word and LibreOffice, which keep bookmarks); the case number
(1-2-3 and a full-width space) in 事例番号; the text, emphasis in 強調; a tab to the
right-aligned tab stop of the List Bullet style; the attribution in 出典 or 出典（強調）.

The tab sets the attribution flush right on the text's last line. When that line may not
have room for the whole attribution (:func:`attribution_fits`), a soft line break
(``w:br``) comes before the tab, so the attribution starts a line of its own, flush
right: left to the layout, Word and LibreOffice would break it between ideographs
(【八王子 / 市】). The attribution's text stays exactly the source's.
"""

from __future__ import annotations

from reportkit.briefing import KEY_BOOKMARK, NUMBER_SEPARATOR
from reportkit.labels import case_label
from reportkit.model import Case
from reportkit.writers.docx import styles
from reportkit.writers.docx.fit import Run, fits_after
from reportkit.writers.docx.ooxml import BREAK_RUN, TAB_RUN, bookmark, paragraph_xml, run_xml

TWIPS_PER_HALF_POINT = 10
SAFETY_MARGIN = 1.0
"""Ems of body text kept free between a case's last line and its attribution."""


def bookmark_name(case: Case) -> str:
    """_RK_k0a1b2c3d4e: the bookmark that carries the case's key."""
    return f"{KEY_BOOKMARK}{case.key}"


def _em(half_points: int) -> int:
    """The width of an em (a full-width character) at a size in half-points, in twips."""
    return half_points * TWIPS_PER_HALF_POINT


def attribution_fits(case: Case, text_width: int) -> bool:
    """True when the attribution fits on the last line of the case's number and text.

    ``text_width`` is in twips; the case's lines start :data:`~.styles.CASE_INDENT` in.
    """
    body = _em(styles.BODY_SIZE)
    runs = (
        Run(case_label(case) + NUMBER_SEPARATOR, _em(styles.CASE_NUMBER_SIZE)),
        Run(case.text, body),
    )
    line = text_width - styles.CASE_INDENT
    return fits_after(runs, Run(case.attribution.text, body), line, SAFETY_MARGIN * body)


def case_runs(case: Case, text_width: int) -> list[str]:
    """Number, text runs (強調 where emphasised), a break if needed, the tab, the attribution."""
    runs = [run_xml(case_label(case) + NUMBER_SEPARATOR, styles.CASE_NUMBER)]
    runs += [run_xml(r.text, styles.EMPHASIS if r.emphasis else None) for r in case.runs]
    if not attribution_fits(case, text_width):
        runs.append(BREAK_RUN)
    attribution = case.attribution
    style = styles.ATTRIBUTION_EMPHASIS if attribution.emphasis else styles.ATTRIBUTION
    runs += [TAB_RUN, run_xml(attribution.text, style)]
    return runs


def case_paragraph(case: Case, bookmark_id: int, text_width: int) -> str:
    """The List Bullet paragraph of ``case``; ``bookmark_id`` is unique in the document."""
    content = case_runs(case, text_width)
    return paragraph_xml(styles.CASE, bookmark(bookmark_name(case), bookmark_id, *content))
