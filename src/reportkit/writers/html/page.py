"""The page skeleton: head, skip link, masthead, table of contents, and the main parts
in reading order (overview, sections, index)."""

from __future__ import annotations

from collections.abc import Iterator

from reportkit import __version__
from reportkit.labels import INDEX_TITLE, OVERVIEW_TITLE, section_label, topic_label
from reportkit.model import Document
from reportkit.summary import actor_index
from reportkit.view import View
from reportkit.writers.html.body import sections
from reportkit.writers.html.css import stylesheet
from reportkit.writers.html.index import index
from reportkit.writers.html.markup import (
    CONTENTS,
    INDEX,
    MAIN,
    OVERVIEW,
    attr,
    section_anchor,
    text,
    topic_anchor,
)
from reportkit.writers.html.overview import overview

SKIP = "本文へ移動"
CONTENTS_TITLE = "目次"
#: Nothing may be fetched: the page is self-contained, and a stray URL could not load.
POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def page_title(view: View) -> str:
    """The window title: 自治体における様々な取組事例（主管課長会議 資料3）."""
    meeting = " ".join(filter(None, [view.meeting.name, view.meeting.number]))
    return f"{view.title}（{meeting}）" if meeting else view.title


def head(view: View) -> Iterator[str]:
    """The ``<head>``: encoding, the no-request policy, viewport, title and the stylesheet."""
    document = view.document
    yield '<head><meta charset="utf-8">'
    yield f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
    yield '<meta name="viewport" content="width=device-width, initial-scale=1">'
    yield f"<title>{text(page_title(view))}</title>"
    yield f'<meta name="description" content="{attr(document.subtitle or document.title)}">'
    yield f'<meta name="generator" content="reportkit {__version__}">'
    yield f"<style>\n{stylesheet()}\n</style></head>"


def masthead(view: View) -> Iterator[str]:
    """資料番号, meeting, title, subtitle, 和暦 date, organisation and the source note."""
    meeting, document = view.meeting, view.document
    yield '<header class="masthead"><div class="masthead-top">'
    if meeting.name:
        yield f'<p class="meeting">{text(meeting.name)}</p>'
    if meeting.number:
        yield f'<p class="number">{text(meeting.number)}</p>'
    yield f"</div><h1>{text(document.title)}</h1>"
    if document.subtitle:
        yield f'<p class="subtitle">{text(document.subtitle)}</p>'
    yield f'<p class="dateline"><time datetime="{view.date.isoformat()}">{view.date_text}</time>'
    if meeting.organisation:
        yield f"<span>{text(meeting.organisation)}</span>"
    yield "</p>"
    if document.note:
        yield f'<p class="source-note">{text(document.note)}</p>'
    yield "</header>"


def contents(document: Document) -> Iterator[str]:
    """目次: the overview, every section with its topics, and the index."""
    yield f'<nav class="contents" id="{CONTENTS}" aria-labelledby="{CONTENTS}-title">'
    yield f'<h2 id="{CONTENTS}-title">{CONTENTS_TITLE}</h2><ol>'
    yield f'<li><a href="#{OVERVIEW}">{OVERVIEW_TITLE}</a></li>'
    for section in document.sections:
        yield f'<li><a href="#{section_anchor(section)}">{text(section_label(section))}</a>'
        topics = [topic for topic in section.topics if not topic.implicit]
        if topics:
            yield "<ol>"
            for topic in topics:
                link = f'<a href="#{topic_anchor(section, topic)}">{text(topic_label(topic))}</a>'
                yield f"<li>{link}</li>"
            yield "</ol>"
        yield "</li>"
    yield f'<li><a href="#{INDEX}">{INDEX_TITLE}</a></li></ol></nav>'


def page(view: View) -> Iterator[str]:
    """The whole document, piece by piece."""
    yield '<!DOCTYPE html>\n<html lang="ja">'
    yield from head(view)
    yield "<body>"
    yield f'<a class="skip-link" href="#{MAIN}">{SKIP}</a>'
    yield from masthead(view)
    yield from contents(view.document)
    yield f'<main id="{MAIN}" tabindex="-1">'
    entries = actor_index(view.document)
    yield from overview(view, entries)
    yield from sections(view.document)
    yield from index(entries)
    yield "</main></body></html>\n"
