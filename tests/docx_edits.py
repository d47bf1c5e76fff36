"""Editing a generated briefing as Word would, with python-docx and raw WordprocessingML."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph

from reportkit.model import Document

Edit = Callable[[WordDocument], None]


def edited(data: bytes, *edits: Edit) -> bytes:
    """``data`` opened with python-docx, changed by ``edits``, saved."""
    word = docx.Document(io.BytesIO(data))
    for edit in edits:
        edit(word)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def element(xml: str) -> Any:
    """One ``w:`` element from XML text without namespace declarations."""
    return parse_xml(re.sub(r"^(<w:[A-Za-z]+)", rf"\1 {nsdecls('w')}", xml, count=1))


def run(text: str, style: str | None = None) -> str:
    """A run in character style id ``style``."""
    properties = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>' if style else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def case_paragraphs(word: WordDocument) -> list[Paragraph]:
    """The case paragraphs (style id ListBullet), in order."""
    return [p for p in word.paragraphs if p.style is not None and p.style.style_id == "ListBullet"]


def styled(word: WordDocument, style_id: str) -> list[Paragraph]:
    return [p for p in word.paragraphs if p.style is not None and p.style.style_id == style_id]


def body_number(word: WordDocument, paragraph: Paragraph) -> int:
    """段落 N as a user counts: the paragraph's place among the body's, tables included."""
    every = list(word.element.body.iter(qn("w:p")))
    return every.index(paragraph._p) + 1


def set_content(paragraph: Paragraph, *content: str) -> None:
    """Replace a paragraph's content with ``content`` (XML), keeping its key bookmark."""
    p = paragraph._p
    for child in list(p):
        if child.tag not in (qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
            p.remove(child)
    end = p.find(qn("w:bookmarkEnd"))
    for new in element(f"<w:body>{''.join(content)}</w:body>"):
        if end is None:
            p.append(new)
        else:
            end.addprevious(new)


def insert_after(paragraph: Paragraph, style_id: str, *content: str) -> Paragraph:
    """A new paragraph in ``style_id`` after ``paragraph``."""
    new = element(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{"".join(content)}</w:p>')
    paragraph._p.addnext(new)
    return Paragraph(new, paragraph._parent)


def content(document: Document) -> Any:
    """The document without provenance (lines, columns, file name): what an edit changes."""
    return _strip(document.model_dump(exclude={"source_name"}))


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in ("line", "column")}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def runs(*pieces: tuple[str, bool]) -> list[dict[str, Any]]:
    return [{"text": text, "emphasis": emphasis} for text, emphasis in pieces]
