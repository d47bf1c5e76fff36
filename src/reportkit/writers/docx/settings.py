"""Document settings: update fields on opening, Japanese spacing, no template claims."""

from __future__ import annotations

from docx.document import Document as WordDocument

from reportkit.writers.docx.ooxml import element, qn

# Four characters of 10.5 pt, Japanese Word's default tab stop.
DEFAULT_TAB_STOP = 840
# Word 2013 and later: opens without the compatibility-mode banner.
COMPATIBILITY_MODE = "15"


def configure(document: WordDocument) -> None:
    """Set what Word reads from ``settings.xml`` when it opens the briefing.

    Word updates every field (the table of contents) on opening; punctuation is
    compressed as Japanese Word does; the template's claims that spelling was checked and
    that a preview picture is saved are dropped.
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
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), COMPATIBILITY_MODE)
    flag = element('<w:updateFields w:val="true"/>')
    # CT_Settings order: updateFields comes right before hdrShapeDefaults ... compat.
    for successor in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat"):
        found = settings.find(qn(successor))
        if found is not None:
            found.addprevious(flag)
            return
    settings.append(flag)
