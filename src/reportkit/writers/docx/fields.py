"""Word fields (PAGE, TOC) as run XML.

A complex field is a run sequence: ``begin``, the instruction, ``separate``, the result
Word shows until it updates the field, ``end``. The result may span paragraphs (a table
of contents does), so :func:`begin` and :data:`END` are separate pieces of run XML.
"""

from __future__ import annotations

from reportkit.writers.docx.ooxml import run_xml, text

TOC_INSTRUCTION = r'TOC \o "1-2" \h \z \u'
PAGE_INSTRUCTION = "PAGE"
END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def begin(instruction: str) -> str:
    """Runs that open a field: begin, instruction, separate (the result runs follow)."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {text(instruction)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )


def field(instruction: str, result: str) -> str:
    """A whole field as runs, showing ``result`` until Word updates it."""
    return begin(instruction) + run_xml(result) + END
