"""Document properties and the package around the body: nothing volatile, nothing stale.

python-docx's template carries a blank-page thumbnail, a second copy of its styles
(``stylesWithEffects.xml``, which Word 2010 would prefer to ours), a bibliography stub,
"python-docx" as author and an ``app.xml`` that claims Word for Mac wrote one empty page.
This module drops or rewrites all of it, names the briefing's fonts in the font table
and theme, and fixes every zip timestamp with :func:`normalize_zip`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from reportkit.view import Fonts, View
from reportkit.writers.docx.ooxml import attr
from reportkit.writers.zip_normalize import normalize_zip

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_DROPPED = (RT.THUMBNAIL, _STYLES_WITH_EFFECTS, RT.CUSTOM_XML)

PROPERTY_LIMIT = 255
"""Characters Word keeps in a text property (title, subject, author...)."""
ELLIPSIS = "…"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Fonts every Japanese Windows has: (Latin name, PANOSE); others get a generic entry.
_KNOWN_FONTS: dict[str, tuple[str, str]] = {
    "游明朝": ("Yu Mincho", "02020400000000000000"),
    "游ゴシック": ("Yu Gothic", "020B0400000000000000"),
    "ＭＳ 明朝": ("MS Mincho", "02020609040205080304"),
    "ＭＳ ゴシック": ("MS Gothic", "020B0609070205080204"),
    "BIZ UD明朝": ("BIZ UDMincho", "02020500000000000000"),
    "BIZ UDゴシック": ("BIZ UDGothic", "020B0400000000000000"),
}


def fit_property(value: str) -> str:
    """``value`` cut to Word's limit for a document property, an ellipsis marking the cut."""
    if len(value) <= PROPERTY_LIMIT:
        return value
    return value[: PROPERTY_LIMIT - len(ELLIPSIS)] + ELLIPSIS


def set_properties(word: WordDocument, view: View) -> None:
    """Core properties from the view; every date is the view's reproducible timestamp."""
    properties = word.core_properties
    document = view.document
    meeting = " ".join(p for p in (view.meeting.name, view.meeting.number) if p)
    organisation = fit_property(view.meeting.organisation or "")
    comments = f"{document.source_name} から reportkit で作成" if document.source_name else ""
    properties.title = fit_property(document.title)
    properties.subject = fit_property(meeting or document.subtitle or "")
    properties.author = organisation
    properties.last_modified_by = organisation
    properties.comments = fit_property(comments)
    properties.keywords = ""
    properties.category = ""
    properties.language = "ja-JP"
    properties.revision = 1
    when = view.timestamp.astimezone(UTC).replace(microsecond=0)
    properties.created = when
    properties.modified = when
    properties.last_printed = when


def drop_template_leftovers(document: WordDocument) -> None:
    """Remove the thumbnail, stylesWithEffects and the bibliography custom XML."""
    package = document.part.package
    for owner in (package, document.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype in _DROPPED:
                del owner.rels[rid]


def _app_xml(view: View) -> bytes:
    company = escape(view.meeting.organisation or "")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        '2006/docPropsVTypes"><Template>Normal.dotm</Template><Application>reportkit'
        "</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        f"<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate>"
        "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()


def _font_entry(name: str, family: str) -> str:
    latin, panose = _KNOWN_FONTS.get(name, ("", ""))
    alt = f"<w:altName w:val={attr(latin)}/>" if latin else ""
    pan = f'<w:panose1 w:val="{panose}"/>' if panose else ""
    return (
        f'<w:font xmlns:w="{_W}" w:name={attr(name)}>{alt}{pan}<w:charset w:val="80"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
    )


def _font_table(fonts: Fonts) -> Callable[[bytes], bytes]:
    """Name the Japanese fonts (Shift_JIS charset) so a reader substitutes a Japanese one."""

    def rewrite(data: bytes) -> bytes:
        root = etree.fromstring(data)
        wanted = {fonts.word_body: "roman", fonts.word_heading: "modern"}
        for font in root.findall(f"{{{_W}}}font"):
            if font.get(f"{{{_W}}}name") in wanted:
                root.remove(font)
        for name, family in wanted.items():
            root.append(etree.fromstring(_font_entry(name, family)))
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return rewrite


def _theme(fonts: Fonts) -> Callable[[bytes], bytes]:
    """Japanese theme fonts: what Word gives built-in styles the briefing does not define."""

    def rewrite(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for slot, name in (("majorFont", fonts.word_heading), ("minorFont", fonts.word_body)):
            for font in root.iter(f"{{{_A}}}{slot}"):
                for script in font.findall(f"{{{_A}}}font[@script='Jpan']"):
                    script.set("typeface", name)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    return rewrite


def finish(data: bytes, view: View) -> bytes:
    """Rewrite app.xml, the font table and theme; then fix timestamps and member order."""
    rewrites: dict[str, Callable[[bytes], bytes]] = {
        "docProps/app.xml": lambda _: _app_xml(view),
        "word/fontTable.xml": _font_table(view.fonts),
        "word/theme/theme1.xml": _theme(view.fonts),
    }
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for name in source.namelist():
            member = source.read(name)
            if name in rewrites:
                member = rewrites[name](member)
            target.writestr(name, member)
    return normalize_zip(out.getvalue(), view.timestamp)
