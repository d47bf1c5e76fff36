"""The body of a .docx as a list of paragraphs: style, styled text, key, comments, revisions.

Editing leaves a paragraph's text spread over many elements: runs split at any character,
hyperlinks, smart tags, content controls (``w:sdt``), simple and complex fields (whose
shown result is text, whose instruction is not), bookmarks, soft breaks. This module
flattens all of that into the text Word shows, each piece with its character style.
A soft line break (``w:br``, ``w:cr``) is layout and adds no text: the writer puts one
before a case's attribution tab when the attribution needs a line of its own.

Tracked changes (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, a changed run or
paragraph style, an inserted or deleted paragraph mark) are each recorded as a
:class:`Revision`, and the text is taken as Word shows it after accepting them (or
rejecting them, when asked). A paragraph whose mark goes joins the next paragraph.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from reportkit.briefing import KEY_BOOKMARK
from reportkit.readers.docx.xml import MC, w
from reportkit.readers.options import Changes

_CONTAINERS = frozenset(
    w(tag) for tag in ("hyperlink", "smartTag", "customXml", "dir", "bdo", "fldSimple")
)
_INSERTED = {w("ins"): "insertion", w("moveTo"): "move (new place)"}
_DELETED = {w("del"): "deletion", w("moveFrom"): "move (old place)"}
_TEXT = frozenset({w("t"), w("delText")})
_SPACES = frozenset({w("tab"), w("ptab")})
_BREAKS = frozenset({w("br"), w("cr")})
_RESULT = "result"


@dataclass(frozen=True)
class Revision:
    """One tracked change, as a message names it."""

    kind: str
    author: str
    text: str


@dataclass
class Paragraph:
    """One paragraph as Word shows it once its tracked changes are settled."""

    number: int
    style: str | None
    in_table: bool = False
    generated: bool = False
    pieces: list[tuple[str, str | None]] = field(default_factory=list)
    key: str | None = None
    comments: list[str] = field(default_factory=list)
    revisions: list[Revision] = field(default_factory=list)
    joins_next: bool = False

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


def paragraphs(body: etree._Element, changes: Changes) -> list[Paragraph]:
    """The body's paragraphs in order, numbered from 1, tables included."""
    walker = _Walker(changes)
    found = list(walker.blocks(body, in_table=False, generated=False))
    return _joined(found)


def _joined(found: list[Paragraph]) -> list[Paragraph]:
    """Join each paragraph whose mark goes to the one after it."""
    result: list[Paragraph] = []
    carried: Paragraph | None = None
    for paragraph in found:
        if carried is not None:
            paragraph = _join(carried, paragraph)
        if paragraph.joins_next:
            carried = paragraph
            continue
        carried = None
        result.append(paragraph)
    if carried is not None:
        result.append(carried)
    return result


def _join(first: Paragraph, second: Paragraph) -> Paragraph:
    """One paragraph of two: the first's style unless it shows no text."""
    keep = first if first.text.strip() else second
    return Paragraph(
        number=first.number,
        style=keep.style,
        in_table=first.in_table or second.in_table,
        generated=keep.generated,
        pieces=first.pieces + second.pieces,
        key=first.key or second.key,
        comments=first.comments + second.comments,
        revisions=first.revisions + second.revisions,
        joins_next=second.joins_next,
    )


class _Walker:
    """One pass over the body; complex fields may span paragraphs, so their state is kept."""

    def __init__(self, changes: Changes) -> None:
        self.changes = changes
        self.count = 0
        self.fields: list[str] = []
        self.pending_key: str | None = None

    def blocks(
        self, parent: etree._Element, *, in_table: bool, generated: bool
    ) -> Iterator[Paragraph]:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                yield self.paragraph(child, in_table=in_table, generated=generated)
            elif tag == w("tbl"):
                for row in child.iter(w("tc")):
                    yield from self.blocks(row, in_table=True, generated=generated)
            elif tag == w("sdt"):
                contents = _is_contents(child)
                for content in child.iterchildren(w("sdtContent")):
                    yield from self.blocks(
                        content, in_table=in_table, generated=generated or contents
                    )
            elif tag == w("customXml"):
                yield from self.blocks(child, in_table=in_table, generated=generated)
            elif tag == w("bookmarkStart"):
                self.pending_key = self.pending_key or _key(child)

    def paragraph(self, element: etree._Element, *, in_table: bool, generated: bool) -> Paragraph:
        self.count += 1
        paragraph = Paragraph(self.count, None, in_table, generated, key=self.pending_key)
        self.pending_key = None
        properties = element.find(w("pPr"))
        if properties is not None:
            self._properties(properties, paragraph)
        self.content(element, paragraph, deleted=False)
        return paragraph

    def _properties(self, properties: etree._Element, paragraph: Paragraph) -> None:
        paragraph.style = _val(properties.find(w("pStyle")))
        change = properties.find(w("pPrChange"))
        if change is not None:
            parent = properties.getparent()
            text = _text_of(parent) if parent is not None else ""
            self._revise(paragraph, "paragraph style change", change, text)
            if self.changes == "reject":
                old = change.find(w("pPr"))
                paragraph.style = _val(old.find(w("pStyle"))) if old is not None else None
        mark = properties.find(w("rPr"))
        for tag, kind, goes in ((w("ins"), "inserted", "reject"), (w("del"), "deleted", "accept")):
            revision = mark.find(tag) if mark is not None else None
            if revision is not None:
                self._revise(paragraph, f"paragraph mark {kind}", revision, "¶")
                paragraph.joins_next = paragraph.joins_next or self.changes == goes

    def content(self, parent: etree._Element, paragraph: Paragraph, *, deleted: bool) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self.run(child, paragraph, deleted=deleted)
            elif tag in _CONTAINERS:
                self.content(child, paragraph, deleted=deleted)
            elif tag == w("sdt"):
                for content in child.iterchildren(w("sdtContent")):
                    self.content(content, paragraph, deleted=deleted)
            elif tag in _INSERTED:
                self._revise(paragraph, _INSERTED[tag], child, _text_of(child))
                if self.changes != "reject":
                    self.content(child, paragraph, deleted=deleted)
            elif tag in _DELETED:
                self._revise(paragraph, _DELETED[tag], child, _text_of(child))
                if self.changes == "reject":
                    self.content(child, paragraph, deleted=True)
            elif tag == w("bookmarkStart"):
                paragraph.key = paragraph.key or _key(child)
            elif tag == w("commentRangeStart"):
                _note_comment(paragraph, child)
            elif tag == f"{{{MC}}}AlternateContent":
                self._alternate(child, paragraph, deleted=deleted)

    def _alternate(self, element: etree._Element, paragraph: Paragraph, *, deleted: bool) -> None:
        """Markup compatibility: the fallback, which every reader understands."""
        chosen = element.find(f"{{{MC}}}Fallback")
        if chosen is None:
            chosen = element.find(f"{{{MC}}}Choice")
        if chosen is not None:
            self.content(chosen, paragraph, deleted=deleted)

    def run(self, run: etree._Element, paragraph: Paragraph, *, deleted: bool) -> None:
        style = self._run_style(run, paragraph)
        pieces: list[str] = []
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                self._field(child.get(w("fldCharType")))
            elif self.fields and any(state != _RESULT for state in self.fields):
                continue  # a field's instruction, not its result
            elif tag in _BREAKS:
                continue  # a line (or page) break is layout, not text
            elif tag in _TEXT:
                if tag == w("t") or deleted:
                    pieces.append(child.text or "")
            elif tag in _SPACES:
                pieces.append(" ")
            elif tag == w("noBreakHyphen"):
                pieces.append("-")
            elif tag == w("sym"):
                pieces.append(_symbol(child))
            elif tag == w("commentReference"):
                _note_comment(paragraph, child)
        text = "".join(pieces)
        if text:
            paragraph.pieces.append((text, style))

    def _run_style(self, run: etree._Element, paragraph: Paragraph) -> str | None:
        properties = run.find(w("rPr"))
        if properties is None:
            return None
        style = _val(properties.find(w("rStyle")))
        change = properties.find(w("rPrChange"))
        if change is not None:
            self._revise(paragraph, "formatting change", change, _text_of(run))
            if self.changes == "reject":
                old = change.find(w("rPr"))
                style = _val(old.find(w("rStyle"))) if old is not None else None
        return style

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append("instruction")
        elif kind == "separate" and self.fields:
            self.fields[-1] = _RESULT
        elif kind == "end" and self.fields:
            self.fields.pop()

    def _revise(self, paragraph: Paragraph, kind: str, element: etree._Element, text: str) -> None:
        author = element.get(w("author"), "")
        paragraph.revisions.append(Revision(kind, author, text))


def _is_contents(sdt: etree._Element) -> bool:
    """True for the content control Word wraps a table of contents in."""
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and (gallery.get(w("val")) or "").startswith("Table of Contents")


def _key(bookmark: etree._Element) -> str | None:
    name = bookmark.get(w("name"), "")
    return name[len(KEY_BOOKMARK) :] if name.startswith(KEY_BOOKMARK) else None


def _note_comment(paragraph: Paragraph, element: etree._Element) -> None:
    comment = element.get(w("id"), "")
    if comment not in paragraph.comments:
        paragraph.comments.append(comment)


def _val(element: etree._Element | None) -> str | None:
    return element.get(w("val")) if element is not None else None


def _text_of(element: etree._Element) -> str:
    """The text (shown or deleted) inside ``element``, for a message."""
    return "".join(node.text or "" for node in element.iter(w("t"), w("delText")))


def _symbol(element: etree._Element) -> str:
    """A ``w:sym`` character; one in a symbol font's private range has no text meaning."""
    try:
        code = int(element.get(w("char"), ""), 16)
    except ValueError:
        return ""
    return "" if 0xE000 <= code <= 0xF8FF else chr(code)
