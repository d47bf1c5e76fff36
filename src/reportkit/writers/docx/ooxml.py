"""Small WordprocessingML helpers: units, escaping, elements built from XML text.

python-docx has no API for several things the briefing needs (East Asian fonts, fields,
style definitions), so the writer builds those elements from XML text with the ``w``
namespace declared once here.
"""

from __future__ import annotations

import re
from typing import cast
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

W_NS = nsdecls("w")
TWIPS_PER_MM = 1440 / 25.4
_FIRST_TAG = re.compile(r"^(<w:[A-Za-z]+)")


def mm(value: float) -> int:
    """Millimetres in twips (1/20 pt), as WordprocessingML measures pages."""
    return round(value * TWIPS_PER_MM)


def attr(value: str) -> str:
    """``value`` as a quoted, escaped XML attribute value."""
    return quoteattr(value)


def text(value: str) -> str:
    """``value`` escaped for XML character data."""
    return escape(value)


def element(xml: str) -> BaseOxmlElement:
    """One element from XML text that starts with ``<w:tag`` and omits namespace declarations."""
    return parse_xml(_FIRST_TAG.sub(rf"\1 {W_NS}", xml, count=1))


def fonts_xml(font: str) -> str:
    """``w:rFonts`` naming ``font`` for every script, East Asian first for shared glyphs.

    ``w:hint="eastAsia"`` makes Word draw characters both Latin and East Asian fonts
    could show (※, ①, 「」, quotation marks) with the East Asian font.
    """
    name = attr(font)
    return (
        f'<w:rFonts w:ascii={name} w:eastAsia={name} w:hAnsi={name} w:cs={name} w:hint="eastAsia"/>'
    )


LANG_XML = '<w:lang w:val="ja-JP" w:eastAsia="ja-JP" w:bidi="ar-SA"/>'


def run_xml(value: str, style_id: str | None = None) -> str:
    """A ``w:r`` with ``value`` (tabs become ``w:tab``) and an optional character style."""
    properties = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    pieces = []
    for index, piece in enumerate(value.split("\t")):
        if index:
            pieces.append("<w:tab/>")
        if piece:
            pieces.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return f"<w:r>{properties}{''.join(pieces)}</w:r>"


def paragraph_xml(style_id: str, *runs: str) -> str:
    """A ``w:p`` in paragraph style ``style_id`` (always named) holding the given run XML."""
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{"".join(runs)}</w:p>'


TAB_RUN = "<w:r><w:tab/></w:r>"
"""A run holding one tab and nothing else."""

BREAK_RUN = "<w:r><w:br/></w:r>"
"""A run holding one soft line break (Shift+Enter in Word): a new line, same paragraph."""


def bookmark(name: str, number: int, *content: str) -> str:
    """``content`` (run XML) between the start and end of bookmark ``name``.

    ``number`` is the ``w:id`` pairing start and end; it must be unique in the document.
    """
    return (
        f'<w:bookmarkStart w:id="{number}" w:name={attr(name)}/>'
        + "".join(content)
        + f'<w:bookmarkEnd w:id="{number}"/>'
    )


def hyperlink(anchor: str, *runs: str) -> str:
    """``runs`` as a link to the bookmark ``anchor`` in the same document."""
    return f'<w:hyperlink w:anchor={attr(anchor)} w:history="1">{"".join(runs)}</w:hyperlink>'


def elements(xml: str) -> list[BaseOxmlElement]:
    """The elements of an XML fragment of ``w:`` elements, parsed in one go."""
    body: BaseOxmlElement = parse_xml(f"<w:body {W_NS}>{xml}</w:body>")
    return [cast(BaseOxmlElement, child) for child in body.iterchildren()]


__all__ = [
    "BREAK_RUN",
    "LANG_XML",
    "TAB_RUN",
    "W_NS",
    "attr",
    "bookmark",
    "element",
    "elements",
    "fonts_xml",
    "hyperlink",
    "mm",
    "paragraph_xml",
    "qn",
    "run_xml",
    "text",
]
