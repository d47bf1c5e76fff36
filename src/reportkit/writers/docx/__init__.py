"""The Word briefing (.docx) with python-docx: real styles, Japanese fonts, A4.

Layout of the briefing: on page 1 the title block (title, subtitle, 和暦 date, issuer,
※ note) and 目次 (a TOC field whose entries link to the headings, see :mod:`.contents`);
from page 2 集計 (summary tables), then, running on, one Heading 1 per section, one
Heading 2 per explicit topic and one 箇条書き (List Bullet) paragraph per case, with
emphasis and attribution as character styles. See :mod:`.styles` and :mod:`.case`.
"""

from __future__ import annotations

import io

import docx

from reportkit.view import View
from reportkit.writers.docx import body, package, page, settings, styles


def render(view: View) -> bytes:
    """The briefing of ``view`` as .docx bytes, identical for identical views."""
    document = docx.Document()
    page.set_up_pages(document)
    styles.apply_styles(document, view.fonts, styles.Layout(text_width=page.TEXT_WIDTH))
    settings.configure(document)
    package.drop_template_leftovers(document)
    package.set_properties(document, view)
    page.add_header_and_footer(document, view)

    body.write_body(document, view, page.TEXT_WIDTH)

    buffer = io.BytesIO()
    document.save(buffer)
    return package.finish(buffer.getvalue(), view)
