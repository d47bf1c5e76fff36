"""The PDF handout (配布資料), made with reportlab.

``render(view)`` returns the bytes of an A4 handout: page 1 with the 資料番号, the title
block and the overview (counts and a map), every case with 禁則 line breaking and
embedded Japanese fonts, a PDF outline, internal links, and an index of actors with
pages. See :mod:`.fonts` for how the fonts are chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # font_files is imported by builds that must not load pydantic yet
    from reportkit.view import View


def render(view: View) -> bytes:
    """The PDF handout of ``view`` (byte-identical for the same view)."""
    from reportkit.writers.pdf.document import build  # reportlab loads only to render

    return build(view)
