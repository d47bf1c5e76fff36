"""The web edition: one self-contained, accessible HTML page (JIS X 8341-3 / WCAG 2.1 AA).

``render(view)`` returns UTF-8 bytes of a single HTML5 file: inline CSS, no script, no
external request, the systems' Japanese fonts. It shows what the PDF handout shows, in
the same order and with the same case numbers: masthead (資料番号, meeting, 和暦 date),
a table of contents, the overview (counts, the national picture of a block edition, the
tile map as SVG with a data table), every case with a stable anchor (``#case-1-2-3``),
and the actor index linking to the cases. Standard library only.
"""

from __future__ import annotations

from reportkit.view import View
from reportkit.writers.html.page import page


def render(view: View) -> bytes:
    """The web page of ``view`` (byte-identical for the same view)."""
    return "\n".join(page(view)).encode("utf-8")  # a line per piece: readable diffs
