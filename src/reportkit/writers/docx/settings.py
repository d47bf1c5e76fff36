"""Document settings: Japanese spacing, no template claims, no request to update fields."""

from __future__ import annotations

from docx.document import Document as WordDocument

from reportkit.writers.docx.ooxml import element, qn

# Four characters of 10.5 pt, Japanese Word's default tab stop.
DEFAULT_TAB_STOP = 840
# Word 2013 and later: opens without the compatibility-mode banner.
COMPATIBILITY_MODE = "15"


def configure(document: WordDocument) -> None:
    """Set what Word reads from ``settings.xml`` when it opens the briefing.

    Punctuation is compressed as Japanese Word does; the template's claims that spelling
    was checked and that a preview picture is saved are dropped, and so is any
    ``w:updateFields``: it makes Word ask to update fields on opening, a prompt staff are
    trained to refuse (the contents are usable without updating, see :mod:`.contents`).
    ``w:doNotExpandShiftReturn`` keeps a justified line that ends in a soft line break
    (the one before an attribution set on a line of its own, see :mod:`.case`) at its
    natural spacing instead of spreading its characters across the line.
    """
    settings = document.settings.element
    for name in ("w:proofState", "w:savePreviewPicture", "w:updateFields"):
        for found in settings.findall(qn(name)):
            settings.remove(found)
    tab = settings.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), str(DEFAULT_TAB_STOP))
    spacing = settings.find(qn("w:characterSpacingControl"))
    if spacing is not None:
        spacing.set(qn("w:val"), "compressPunctuation")
    compat = settings.find(qn("w:compat"))
    if compat is None:
        raise ValueError("python-docx's template has no w:compat in settings.xml")
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        compat.insert(0, element("<w:doNotExpandShiftReturn/>"))  # first in CT_Compat order
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
