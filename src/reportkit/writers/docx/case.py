"""One case as one 箇条書き paragraph: the contract the docx reader reads it back by.

In order: a hidden bookmark ``_RK_<case key>`` around the whole content (the case's
identity survives edits in Word and LibreOffice, which keep bookmarks); the case number
(1-2-3 and a full-width space) in 事例番号; the text, emphasis in 強調; a tab to the
right-aligned tab stop of the List Bullet style; the attribution in 出典 or 出典（強調）.

The tab sets the attribution flush right on the text's last line and, when that line is
full, carries it whole to the next one. When the line has room for part of it only,
LibreOffice breaks it between ideographs like any Japanese text: only characters added
to the text (a word joiner) could forbid that, and the attribution's text stays exactly
the source's.
"""

from __future__ import annotations

from reportkit.briefing import KEY_BOOKMARK, NUMBER_SEPARATOR
from reportkit.labels import case_label
from reportkit.model import Case
from reportkit.writers.docx import styles
from reportkit.writers.docx.ooxml import TAB_RUN, bookmark, paragraph_xml, run_xml


def bookmark_name(case: Case) -> str:
    """_RK_k0a1b2c3d4e: the bookmark that carries the case's key."""
    return f"{KEY_BOOKMARK}{case.key}"


def case_runs(case: Case) -> list[str]:
    """Number, text runs (強調 where emphasised), the tab, the attribution."""
    runs = [run_xml(case_label(case) + NUMBER_SEPARATOR, styles.CASE_NUMBER)]
    runs += [run_xml(r.text, styles.EMPHASIS if r.emphasis else None) for r in case.runs]
    attribution = case.attribution
    style = styles.ATTRIBUTION_EMPHASIS if attribution.emphasis else styles.ATTRIBUTION
    runs += [TAB_RUN, run_xml(attribution.text, style)]
    return runs


def case_paragraph(case: Case, bookmark_id: int) -> str:
    """The List Bullet paragraph of ``case``; ``bookmark_id`` is unique in the document."""
    return paragraph_xml(styles.CASE, bookmark(bookmark_name(case), bookmark_id, *case_runs(case)))
