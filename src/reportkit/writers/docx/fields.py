"""Word fields (PAGE, TOC) and the setting that makes Word update them on opening.

A complex field is a run sequence: ``begin``, the instruction, ``separate``, the result
Word shows until it updates the field, ``end``. The result may span paragraphs (a table
of contents does), so begin and end are placed separately.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph

from reportkit.writers.docx.ooxml import element, qn, text

TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
PAGE_INSTRUCTION = "PAGE"


def _char(kind: str, *, dirty: bool = False) -> BaseOxmlElement:
    flag = ' w:dirty="true"' if dirty else ""
    return element(f'<w:r><w:fldChar w:fldCharType="{kind}"{flag}/></w:r>')


def begin(paragraph: Paragraph, instruction: str, *, dirty: bool = False) -> None:
    """Open a field in ``paragraph``: begin, instruction, separate (the result follows)."""
    p = paragraph._p
    p.append(_char("begin", dirty=dirty))
    p.append(
        element(f'<w:r><w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>')
    )
    p.append(_char("separate"))


def end(paragraph: Paragraph) -> None:
    """Close the field opened by :func:`begin` after the result runs of ``paragraph``."""
    paragraph._p.append(_char("end"))


def simple(paragraph: Paragraph, instruction: str, result: str) -> None:
    """A whole field in one paragraph, showing ``result`` until Word updates it."""
    begin(paragraph, instruction)
    paragraph.add_run(result)
    end(paragraph)


def update_on_open(document: WordDocument) -> None:
    """Ask Word to update every field (the table of contents) when it opens the file.

    Also drops the template's claims that spelling was checked and that a preview
    picture is saved, and compresses punctuation as Japanese Word does.
    """
    settings = document.settings.element
    for name in ("w:proofState", "w:savePreviewPicture", "w:updateFields"):
        for found in settings.findall(qn(name)):
            settings.remove(found)
    spacing = settings.find(qn("w:characterSpacingControl"))
    if spacing is not None:
        spacing.set(qn("w:val"), "compressPunctuation")
    flag = element('<w:updateFields w:val="true"/>')
    # CT_Settings order: updateFields comes right before hdrShapeDefaults ... compat.
    for successor in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat"):
        found = settings.find(qn(successor))
        if found is not None:
            found.addprevious(flag)
            return
    settings.append(flag)
