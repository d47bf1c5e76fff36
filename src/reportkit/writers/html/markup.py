"""Escaping and the ids every part of the page links by, in one place.

Ids are stable across builds of the same source: a case is ``case-`` and its number
(``case-1-2-3``), so a link to it survives a rebuild and reads the same in every edition.
"""

from __future__ import annotations

from html import escape

from reportkit.model import Case, Section, Topic

MAIN = "main"
CONTENTS = "contents"
OVERVIEW = "overview"
MAP = "map"
INDEX = "actor-index"


def text(value: str) -> str:
    """``value`` as element content (& < > escaped)."""
    return escape(value, quote=False)


def attr(value: str) -> str:
    """``value`` as a quoted attribute value (quotes escaped too)."""
    return escape(value, quote=True)


def case_anchor(case: Case) -> str:
    """case-1-2-3."""
    return f"case-{case.id}"


def section_anchor(section: Section) -> str:
    """section-1."""
    return f"section-{section.number}"


def topic_anchor(section: Section, topic: Topic) -> str:
    """topic-1-2."""
    return f"topic-{section.number}-{topic.number}"
