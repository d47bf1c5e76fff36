"""Refuse text XML cannot carry before python-docx or lxml fail on it obscurely.

The Markdown reader already refuses such characters with their line; this guards
documents from other sources (the JSON form) with a message that names the place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportkit.errors import BuildError
from reportkit.view import View

# Characters outside XML 1.0's Char production (tab, LF and CR are allowed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _texts(view: View) -> Iterator[tuple[int, str]]:
    document = view.document
    meeting = view.meeting
    for value in (document.title, document.subtitle, document.note, meeting.name,
                  meeting.number, meeting.organisation):  # fmt: skip
        if value:
            yield 0, value
    for section in document.sections:
        yield section.line, section.title
        for topic in section.topics:
            yield topic.line, topic.title
            for case in topic.cases:
                for run in case.runs:
                    yield case.line, run.text
                yield case.line, case.attribution.written


def refuse_unwritable(view: View) -> None:
    """Raise :class:`BuildError` naming the first character Word's XML cannot hold."""
    for line, value in _texts(view):
        found = _NOT_XML.search(value)
        if found:
            source = view.document.source or "the source"
            where = f"{source}:{line}" if line else source
            raise BuildError(
                f"{where}: character U+{ord(found.group()):04X} cannot be written to Word;"
                " remove it from the source",
                "docx",
            )
