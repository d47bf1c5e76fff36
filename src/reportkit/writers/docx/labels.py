"""How the briefing names sections and topics in headings, contents and tables."""

from __future__ import annotations

from reportkit.model import Section

NO_TOPIC = "―"


def section_label(section: Section) -> str:
    """A section heading: 1．新規相談・プラン作成 (the source's own number)."""
    return f"{section.number}．{section.title}"


def topic_label(title: str) -> str:
    """A topic heading: （相談機関としての役割）, as the source brackets it."""
    return f"（{title}）"
