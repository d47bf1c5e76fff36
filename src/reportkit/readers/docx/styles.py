"""What each style of a briefing stands for, by style id or name, English or Japanese.

Word shows built-in styles localised (見出し 1 for ``heading 1``) and a Japanese Word or
LibreOffice gives styles ids of its own (``1``, ``a``, ``Style13``), so a style is known
by its name first, then its id, both compared without case, width or spaces; a user's
style counts as the nearest known style it is based on (``w:basedOn``).
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import TypeVar

from lxml import etree

from reportkit.readers.docx.xml import w


class Role(StrEnum):
    """What a paragraph of a briefing is."""

    TITLE = "表題"
    SUBTITLE = "副題"
    NOTE = "注記"
    SECTION = "見出し 1"
    TOPIC = "見出し 2"
    CASE = "箇条書き"
    GENERATED = "generated"  # date, issuer, contents, summary, notes on them, tables: rebuilt
    OTHER = "other"  # a style a briefing does not use for content (標準 and the like)


class Mark(StrEnum):
    """What a character style marks in a case."""

    TEXT = "text"
    EMPHASIS = "強調"
    ATTRIBUTION = "出典"
    ATTRIBUTION_EMPHASIS = "出典（強調）"
    CASE_NUMBER = "事例番号"


def fold(name: str) -> str:
    """A style name or id as compared: NFKC, no case, no spaces (``見出し 1`` = ``見出し１``)."""
    return "".join(unicodedata.normalize("NFKC", name).casefold().split())


T = TypeVar("T", Role, Mark)


def _table(entries: dict[T, tuple[str, ...]]) -> dict[str, T]:
    return {fold(name): value for value, names in entries.items() for name in names}


_PARAGRAPHS = _table(
    {
        Role.TITLE: ("Title", "表題"),
        Role.SUBTITLE: ("Subtitle", "副題"),
        Role.NOTE: ("Note", "注記"),
        Role.SECTION: ("heading 1", "見出し 1"),
        Role.TOPIC: ("heading 2", "見出し 2"),
        Role.CASE: ("List Bullet", "箇条書き"),
        Role.GENERATED: (
            "Date",
            "日付",
            "Issuer",
            "発信元",
            "TOC Heading",
            "目次の見出し",
            "Contents Heading",
            "toc 1",
            "toc 2",
            "目次 1",
            "目次 2",
            "Contents 1",
            "Contents 2",
            "SmallNote",
            "注記（小）",
            "SummaryHeading",
            "集計見出し",
            "SummaryText",
            "集計本文",
            "caption",
            "図表番号",
            "TableText",
            "表本文",
            "TableNumber",
            "表本文（数値）",
            "TableHeading",
            "表見出し",
            "header",
            "ヘッダー",
            "footer",
            "フッター",
        ),
        Role.OTHER: ("Normal", "標準"),
    }
)
_CHARACTERS = _table(
    {
        Mark.EMPHASIS: ("CaseEmphasis", "強調"),
        Mark.ATTRIBUTION: ("Attribution", "出典"),
        Mark.ATTRIBUTION_EMPHASIS: ("AttributionEmphasis", "出典（強調）"),
        Mark.CASE_NUMBER: ("CaseNumber", "事例番号"),
        Mark.TEXT: ("Default Paragraph Font", "段落フォント"),
    }
)

EXPECTED = "見出し 1 (heading 1), 見出し 2 (heading 2), 箇条書き (List Bullet), 出典, 強調"
"""The styles a briefing has, as an error names them."""


class Styles:
    """The style part of one briefing, asked what a style id stands for."""

    def __init__(self, root: etree._Element | None) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self._paragraphs: dict[str, Role] = {}
        self._marks: dict[str, Mark] = {}
        self.default_paragraph = "Normal"
        for style in root.iter(w("style")) if root is not None else ():
            style_id = style.get(w("styleId"), "")
            self._by_id[style_id] = style
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                self.default_paragraph = style_id

    def name(self, style_id: str | None) -> str:
        """The name Word shows for ``style_id`` (its id when it has none)."""
        style = self._by_id.get(style_id or self.default_paragraph)
        found = style.find(w("name")) if style is not None else None
        return found.get(w("val"), "") if found is not None else (style_id or "Normal")

    def role(self, style_id: str | None) -> Role:
        """What a paragraph in ``style_id`` (None: the default style) is."""
        style_id = style_id or self.default_paragraph
        if style_id not in self._paragraphs:
            self._paragraphs[style_id] = self._known(style_id, _PARAGRAPHS, Role.OTHER)
        return self._paragraphs[style_id]

    def mark(self, style_id: str | None) -> Mark:
        """What a run in character style ``style_id`` (None: no style) marks."""
        if style_id is None:
            return Mark.TEXT
        if style_id not in self._marks:
            self._marks[style_id] = self._known(style_id, _CHARACTERS, Mark.TEXT)
        return self._marks[style_id]

    def is_briefing(self) -> bool:
        """True when the styles include reportkit's own 出典 character style."""
        return any(
            style.get(w("type")) == "character"
            and self._known(style_id, _CHARACTERS, Mark.TEXT) == Mark.ATTRIBUTION
            for style_id, style in self._by_id.items()
        )

    def _known(self, style_id: str, table: dict[str, T], fallback: T) -> T:
        """The role of the style or of the nearest style it is based on."""
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen:
            seen.add(current)
            style = self._by_id.get(current)
            name = self.name(current) if style is not None else ""
            for key in (fold(name), fold(current)):
                if key and key in table:
                    return table[key]
            based = style.find(w("basedOn")) if style is not None else None
            current = based.get(w("val")) if based is not None else None
        return fallback
