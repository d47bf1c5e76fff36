"""A briefing's paragraphs -> the model: front matter, sections, topics, cases.

Headings read back as the briefing prints them (:mod:`reportkit.labels`): a section
``1．題``, a topic ``（1）題``. A heading typed without its number is numbered by
position: one more than the heading before it, as is a number that does not go up.
Cases are numbered by position in their topic (1-2-3). A case paragraph is read as the
contract between the Word writer and this reader has it: the 事例番号 run and tabs are
left out, 強調 runs are emphasis, and the attribution is the 出典 runs, or, when a user
typed it without that style, a trailing ``【…】`` or ``(…)``, parsed as the Markdown
reader parses it.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import repeat
from operator import itemgetter
from typing import Any

from reportkit.errors import Problem
from reportkit.model import derive_key
from reportkit.readers.cases import WS, Char, bracketed, parse_case
from reportkit.readers.docx.paragraphs import Paragraph
from reportkit.readers.docx.styles import Mark, Role, Styles
from reportkit.readers.outline import SectionDraft, TopicDraft, case_topic, document_data

_SECTION = re.compile(r"^[ \t\u3000]*([0-9０-９]{1,4})[ \t\u3000]*[.．][ \t\u3000]*(.*)$", re.S)
_TOPIC = re.compile(
    r"^[ \t\u3000]*[(（][ \t\u3000]*([0-9０-９]{1,4})[ \t\u3000]*[)）][ \t\u3000]*(.*)$", re.S
)
_CASE_LABEL = re.compile(r"^[ \t\u3000]*[0-9０-９]+[-‐－][0-9０-９]+[-‐－][0-9０-９]+[ \t\u3000]*")
_KEY = re.compile(r"^k[0-9a-z]{1,31}$")
_EMPHASISED = frozenset({Mark.EMPHASIS, Mark.ATTRIBUTION_EMPHASIS})
_ATTRIBUTED = frozenset({Mark.ATTRIBUTION, Mark.ATTRIBUTION_EMPHASIS})
_QUOTED = 20
_CHAR = itemgetter(0)
_STYLE_HINT = (
    "apply 箇条書き (List Bullet) to a case, 見出し 1 / 見出し 2 to a section / topic, "
    "or delete the paragraph"
)


def quoted(text: str) -> str:
    """The first characters of ``text`` in 「」, as a message quotes a paragraph."""
    text = " ".join(text.split())
    return f"「{text[:_QUOTED]}…」" if len(text) > _QUOTED else f"「{text}」"


class Briefing:
    """Collects the model's data from the paragraphs, and every problem on the way."""

    def __init__(self, path: str, styles: Styles) -> None:
        self.path = path
        self.styles = styles
        self.problems: list[Problem] = []
        self.front: dict[Role, list[str]] = {Role.TITLE: [], Role.SUBTITLE: [], Role.NOTE: []}
        self.sections: list[SectionDraft] = []
        self.topic: TopicDraft | None = None
        self.keys: set[str] = set()

    def error(self, paragraph: int, message: str, hint: str = "", case: str = "") -> None:
        place = f"段落{paragraph}" + (f"（事例 {case}）" if case else "")
        self.problems.append(Problem(self.path, paragraph, 0, message, hint, place=place))

    # -- paragraphs ------------------------------------------------------------------
    def add(self, paragraph: Paragraph) -> None:
        role = self.styles.role(paragraph.style)
        text = paragraph.text
        if not text.strip(WS):
            return
        if paragraph.in_table and role in (Role.SECTION, Role.TOPIC, Role.CASE):
            self.error(
                paragraph.number,
                f"a {role} paragraph inside a table is not read: {quoted(text)}",
                "move it out of the table (tables of a briefing are its generated summary)",
            )
        elif paragraph.generated or paragraph.in_table or role == Role.GENERATED:
            return
        elif role in self.front:
            self._front(role, paragraph.number, text)
        elif role == Role.SECTION:
            self._section(paragraph.number, text)
        elif role == Role.TOPIC:
            self._topic(paragraph.number, text)
        elif role == Role.CASE:
            self._case(paragraph)
        else:
            name = self.styles.name(paragraph.style)
            self.error(
                paragraph.number,
                f"text in the style 「{name}」, which a briefing does not use: {quoted(text)}",
                _STYLE_HINT,
            )

    def _front(self, role: Role, number: int, text: str) -> None:
        text = text.strip(WS)
        lines = self.front[role]
        if self.sections:
            self.error(number, f"{role} after the first section: {quoted(text)}", _STYLE_HINT)
        elif role == Role.NOTE and not text.startswith("※"):
            self.error(
                number, f"a {role} line starts with ※: {quoted(text)}", "begin the line with ※"
            )
        elif lines and role != Role.NOTE:
            self.error(
                number,
                f"a second {role} paragraph: {quoted(text)}",
                f"a briefing has one {role}: join the two lines, or give this one another style",
            )
        else:
            lines.append(text)

    # -- headings --------------------------------------------------------------------
    def _section(self, number: int, text: str) -> None:
        written, title = _numbered(_SECTION, text)
        previous = self.sections[-1] if self.sections else None
        self._close(previous.topics[-1] if previous and previous.topics else None, previous)
        value = _next_number(written, previous.number if previous else 0)
        if not title:
            self.error(number, f"section {value} has no title", "write the title after the number")
        self.sections.append(SectionDraft(value, title or "?", number))
        self.topic = None

    def _topic(self, number: int, text: str) -> None:
        written, title = _numbered(_TOPIC, text)
        section = self.sections[-1] if self.sections else None
        if section is None:
            self.error(number, f"a topic before the first section: {quoted(text)}", _STYLE_HINT)
            return
        closed = section.closed_to_topics()
        if closed:
            self.error(
                number, closed, "put the cases before this heading under a 見出し 2 topic too"
            )
            return
        self._close(self.topic, None)
        repeated = section.repeated(title)
        if repeated:
            self.error(
                number, repeated, "move its cases under the first one, or rename one of them"
            )
        previous = section.topics[-1].number if section.topics else 0
        value = _next_number(written, previous)
        if not title:
            self.error(number, f"topic {value} has no title", "write the title after the number")
        self.topic = TopicDraft(value, title or "?", number)
        section.topics.append(self.topic)

    def _close(self, topic: TopicDraft | None, section: SectionDraft | None) -> None:
        """Report a topic or section that no case followed."""
        if topic is not None and not topic.cases:
            self.error(topic.line, f"topic '{topic.title}' has no cases", "add cases or delete it")
        if section is not None and not section.topics:
            self.error(
                section.line, f"section '{section.title}' has no cases", "add cases or delete it"
            )

    def finish(self) -> None:
        """Report what the last heading left open."""
        section = self.sections[-1] if self.sections else None
        self._close(self.topic, section)

    # -- cases -----------------------------------------------------------------------
    def _case(self, paragraph: Paragraph) -> None:
        section = self.sections[-1] if self.sections else None
        number = paragraph.number
        if section is None:
            self.error(number, f"a case before the first section: {quoted(paragraph.text)}")
            return
        topic = self.topic = case_topic(section, self.topic)
        if topic is None:
            self.error(
                number,
                f"a case directly under section {section.number}, which has topics",
                "put it under a 見出し 2 topic heading",
            )
            return
        case_id = f"{section.number}-{topic.number}-{len(topic.cases) + 1}"
        parsed = self._parse_case(paragraph, case_id)
        if parsed is not None:
            parsed["id"] = case_id
            topic.cases.append(parsed)

    def _parse_case(self, paragraph: Paragraph, case_id: str) -> dict[str, Any] | None:
        chars, marks = self._chars(paragraph)
        number = paragraph.number
        if not chars:
            return None
        text = "".join(map(_CHAR, chars))
        if "**" in text:
            self.error(
                number,
                "'**' in a case: the source marks emphasis with it",
                "use the 強調 style for emphasis, or write ＊＊",
                case_id,
            )
            return None

        def report(column: int, message: str, hint: str) -> None:
            self.error(number, f"{message}: {quoted(text)}", hint, case_id)

        parsed = parse_case(chars, number, report, attribution_at=_styled_attribution(chars, marks))
        if parsed is not None:
            parsed["key"] = self._key(paragraph.key)
        return parsed

    def _chars(self, paragraph: Paragraph) -> tuple[list[Char], list[Mark]]:
        """The case's characters (emphasis, column) and marks, without 事例番号 and edges."""
        chars: list[Char] = []
        marks: list[Mark] = []
        for text, style in paragraph.pieces:
            mark = self.styles.mark(style)
            at = len(chars)
            chars.extend(zip(text, repeat(mark in _EMPHASISED), range(at, at + len(text))))
            marks.extend(repeat(mark, len(text)))
        label = 0
        while label < len(marks) and marks[label] == Mark.CASE_NUMBER:
            label += 1
        found = _CASE_LABEL.match("".join(map(_CHAR, chars[:label])))
        start = found.end() if found else 0
        while start < len(chars) and chars[start][0] in WS:
            start += 1
        end = len(chars)
        while end > start and chars[end - 1][0] in WS:
            end -= 1
        return chars[start:end], marks[start:end]

    def _key(self, bookmarked: str | None) -> str | None:
        """The bookmark's key, unless malformed or an earlier case has it (a copied case)."""
        if bookmarked and _KEY.match(bookmarked) and bookmarked not in self.keys:
            self.keys.add(bookmarked)
            return bookmarked
        return None

    # -- result ----------------------------------------------------------------------
    def data(self, name: str) -> dict[str, Any]:
        """The model's data; cases without a kept key get theirs from their words."""
        self._derive_keys()
        title = self.front[Role.TITLE]
        subtitle = self.front[Role.SUBTITLE]
        return document_data(
            title[0] if title else "",
            subtitle[0] if subtitle else None,
            self.front[Role.NOTE],
            name,
            self.sections,
        )

    def _derive_keys(self) -> None:
        """Keys for cases the briefing kept none for, clear of every kept key.

        As the model does for repeated words, the n-th case with the same words gets the
        key of occurrence n; a key a bookmark keeps counts as taken, wherever it stands.
        """
        taken = set(self.keys)
        for section in self.sections:
            for topic in section.topics:
                for case in topic.cases:
                    if case["key"] is not None:
                        continue
                    text = "".join(run["text"] for run in case["runs"])
                    words = (text, case["attribution"]["written"])
                    key, occurrence = derive_key(*words), 2
                    while key in taken:
                        key, occurrence = derive_key(*words, occurrence), occurrence + 1
                    case["key"] = key
                    taken.add(key)


def _numbered(pattern: re.Pattern[str], text: str) -> tuple[int | None, str]:
    """The number a heading was written with (None: none) and its title."""
    found = pattern.match(text)
    if found is None:
        return None, text.strip(WS)
    return int(unicodedata.normalize("NFKC", found[1])), found[2].strip(WS)


def _next_number(written: int | None, previous: int) -> int:
    """The written number when it goes up; otherwise the next one by position."""
    return written if written is not None and written > previous else previous + 1


def _styled_attribution(chars: list[Char], marks: list[Mark]) -> int | None:
    """Where the 出典 runs start, when they end the case and hold one bracketed attribution."""
    styled = [index for index, mark in enumerate(marks) if mark in _ATTRIBUTED]
    if not styled or styled[-1] != len(chars) - 1:
        return None
    start = styled[0]
    text = "".join(map(_CHAR, chars[start:])).strip(WS)
    if not bracketed(text):
        return None
    while chars[start][0] in WS:
        start += 1
    return start
