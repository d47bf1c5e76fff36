"""Reader for the source format of 取組事例 collections (README.md: The source format).

The format is a light Markdown: a title line, an optional subtitle and ※ note, numbered
sections (``1. …``), topics in parentheses (``(…)``) and cases as list items (``- …``)
that end with their attribution (``【…】`` or a trailing ``(…)``). ``(続き)`` headings
continue a section or topic that is already open.

:func:`read_markdown` reports every problem of a file at once, as a :class:`SourceError`.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import repeat
from typing import Any

from pydantic import ValidationError

from reportkit.errors import Problem, SourceError
from reportkit.model import (
    MAX_CASES,
    MAX_HEADING,
    MAX_NOTE,
    MAX_TITLE,
    Document,
    heading_problem,
)
from reportkit.readers.cases import CLOSE, OPEN, WS, Char, matching_open, parse_case
from reportkit.readers.options import ReadOptions
from reportkit.readers.outline import SectionDraft, TopicDraft, case_topic, document_data
from reportkit.readers.text import decode

MAX_LINE_LENGTH = 10_000

_WS = WS
_BULLET = re.compile(r"^[ \t\u3000]{0,3}[-+*](?:[ \t\u3000]+|$)")
_SECTION = re.compile(r"^([0-9０-９]{1,3})[ \t\u3000]*[.．][ \t\u3000]*(.*)$")
_CONTINUED_SECTION = re.compile(r"^(.*?)[ \t\u3000]*[(（]続き[)）]$")
_CONTINUED_TOPIC = re.compile(r"^(.*?)(?:[・･ \t\u3000]*続き|[ \t\u3000]*[(（]続き[)）])$")
_HEADING_MARK = re.compile(r"^#{1,6}[ \t\u3000]+")
# Unicode category Cc (U+0000-001F, U+007F-009F) except the tab, and two non-characters.
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffe\uffff]")
# A case's stable key, when it is not the one its words give (see writers.markdown).
_KEY_MARKER = re.compile(r"[ \t\u3000]*<!--[ \t]*key:(k[0-9a-z]{1,31})[ \t]*-->$")
_STRAYS = 3  # this many stray lines and no case: the file is in another format
_UNEXPECTED = "unexpected text: not a section, a topic or a case"
_BEFORE_FIRST = "unexpected text before the first section"
_STRAY_MESSAGES = frozenset({_UNEXPECTED, _BEFORE_FIRST})


class _Reader:
    """One pass over the lines; collects problems instead of stopping at the first."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.title: str | None = None
        self.subtitle: str | None = None
        self.notes: list[str] = []
        self.sections: list[SectionDraft] = []
        self.topic: TopicDraft | None = None
        self.pending: tuple[str, int, str] | None = None
        self.last_line = 1
        self.muted = False  # while reading a refused line: its errors only follow from that
        self.cases = 0
        self.strays = 0  # lines that are no part of the format

    # -- reporting -------------------------------------------------------------------
    def error(self, line: int, column: int, message: str, hint: str = "") -> None:
        if not self.muted:
            self.problems.append(Problem(self.path, line, column, message, hint))

    # -- driver ----------------------------------------------------------------------
    def read(self, text: str) -> Document:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        for number, raw in enumerate(lines, start=1):
            clean = self._line_is_clean(number, raw)
            line = (raw if clean else _CONTROL.sub("", raw[:MAX_LINE_LENGTH])).rstrip(_WS)
            if line.strip(_WS):
                self.last_line = number
                # a refused line still opens its heading or case, so that nothing after
                # it is reported as a consequence (a section "without cases")
                self.muted = not clean
                self._classify(number, line)
                self.muted = False
        self._open_heading("section", 0, "")
        if self.title is None:
            self.error(1, 1, "the source is empty", "write the document title on the first line")
        elif not self.cases and (self.strays >= _STRAYS or not self.sections):
            self.problems = [p for p in self.problems if not _follows_from_strays(p)]
            self.problems.insert(0, self._foreign())
        if self.problems:
            raise SourceError(self.problems)
        return self._document()

    def _foreign(self) -> Problem:
        """One problem for a file in another format, instead of one per line."""
        return Problem(
            self.path,
            1,
            1,
            f"this does not look like a 取組事例 source: no case in {self.last_line:,} "
            f"line{'' if self.last_line == 1 else 's'}"
            + ("" if self.sections else ", no numbered section"),
            "a source starts with its title, then numbered sections, topics in (…) and cases "
            "as list items ending with the actor in 【】:\n"
            "    自治体における様々な取組事例\n"
            "    1. 新規相談・プラン作成\n"
            "    (相談機関としての役割)\n"
            "    - 相談の入口で生活困窮の状況を把握している。【鳥羽市】",
        )

    def _line_is_clean(self, number: int, line: str) -> bool:
        if len(line) > MAX_LINE_LENGTH:
            self.error(
                number,
                1,
                f"line is {len(line):,} characters long (at most {MAX_LINE_LENGTH:,})",
                "split the text into several cases, or check the file is a text source",
            )
            return False
        control = _CONTROL.search(line)
        if control:
            self.error(
                number,
                control.start() + 1,
                f"control character U+{ord(control[0]):04X} is not allowed in the text",
                "delete it (Word, Excel and PDF cannot carry it)",
            )
            return False
        return True

    def _classify(self, number: int, line: str) -> None:
        bullet = _BULLET.match(line)
        if bullet:
            self._case(number, line, bullet.end())
            return
        stripped = line.strip(_WS)
        if self.title is None:
            self.title = _HEADING_MARK.sub("", stripped)
            self._check_heading(number, "the title", self.title, MAX_TITLE)
            if _SECTION.match(stripped) or _is_parenthesised(stripped):
                self.error(
                    number,
                    1,
                    "the first line must be the document title, not a heading",
                    "start the file with a title such as '自治体における様々な取組事例'",
                )
            return
        section = _SECTION.match(stripped)
        if section:
            self._section(number, int(unicodedata.normalize("NFKC", section[1])), section[2])
            return
        if _is_parenthesised(stripped):
            self._topic(number, stripped[1:-1].strip(_WS))
            return
        if not self.sections:
            self._front_matter(number, stripped)
            return
        self.strays += 1
        self.error(
            number,
            1,
            _UNEXPECTED,
            "start a case with '- ', a topic with '(', a section with its number and '. '",
        )

    # -- front matter ----------------------------------------------------------------
    def _front_matter(self, number: int, text: str) -> None:
        text = _HEADING_MARK.sub("", text)
        if text.startswith("※"):
            self.notes.append(text)
            self._check_heading(number, "the ※ note", "\n".join(self.notes), MAX_NOTE)
        elif self.subtitle is None and not self.notes:
            self.subtitle = text
            self._check_heading(number, "the subtitle", text, MAX_TITLE)
        else:
            self.strays += 1
            self.error(
                number,
                1,
                _BEFORE_FIRST,
                "only a title, a subtitle and ※ notes may precede section 1",
            )

    # -- headings --------------------------------------------------------------------
    def _section(self, number: int, value: int, title: str) -> None:
        title = title.strip(_WS)
        if not title:
            self.error(
                number, 1, f"section {value} has no title", "write the title after the number"
            )
            return
        self._check_heading(number, f"the title of section {value}", title, MAX_HEADING)
        self._open_heading("section", number, title)
        continued = _CONTINUED_SECTION.match(title)
        current = self.sections[-1] if self.sections else None
        if continued:
            base = continued[1].strip(_WS)
            if current is None or current.number != value or current.title != base:
                open_one = f"section {current.number} '{current.title}'" if current else "none"
                self.error(
                    number,
                    1,
                    f"'(続き)' continues section {value} '{base}', but the open section is {open_one}",
                    "a continuation repeats the number and title of the section just before it",
                )
                return
            self.topic = current.topics[-1] if current.topics else None
            return
        expected = current.number + 1 if current else 1
        if value != expected:
            hint = f"number it {expected}"
            if current and value == current.number:
                hint = f"to continue section {value}, write '{value}. {current.title}(続き)'"
            self.error(
                number, 1, f"section numbers out of order: expected {expected}, found {value}", hint
            )
            return
        self.sections.append(SectionDraft(value, title, number))
        self.topic = None

    def _topic(self, number: int, title: str) -> None:
        section = self.sections[-1] if self.sections else None
        if section is None:
            self.error(
                number, 1, "a topic before the first section", "put a numbered section first"
            )
            return
        if not title:
            self.error(number, 1, "empty topic heading '()'", "write the initiative type in it")
            return
        self._check_heading(number, "the topic heading", title, MAX_HEADING)
        self._open_heading("topic", number, title)
        closed = section.closed_to_topics()
        if closed:
            self.error(
                number, 1, closed, "put the cases before this line under a '(…)' topic heading too"
            )
            return
        continued = _CONTINUED_TOPIC.match(title)
        if continued:
            base = continued[1].strip(_WS)
            match = next((t for t in reversed(section.topics) if t.title == base), None)
            if match is None:
                self.error(
                    number,
                    1,
                    f"'続き' continues topic '{base}', which section {section.number} does not have",
                    "use the exact title of a topic opened earlier in this section",
                )
                self.topic = None
                return
            self.topic = match
            return
        repeated = section.repeated(title)
        if repeated:
            self.error(number, 1, repeated, f"to continue it, write '({title}・続き)'")
            self.topic = None
            return
        self.topic = TopicDraft(len(section.topics) + 1, title, number)
        section.topics.append(self.topic)

    def _check_heading(self, number: int, what: str, text: str, limit: int) -> None:
        problem = heading_problem(text, limit)
        if problem:
            long = len(text) > limit
            hint = "shorten it; details belong in the cases" if long else "write the text"
            self.error(number, 1, f"{what} {problem}", hint)

    def _open_heading(self, kind: str, number: int, title: str) -> None:
        """Remember a heading until a case follows; report one that none followed."""
        pending = self.pending
        if pending and (kind == "section" or pending[0] == "topic"):
            what, line, old_title = pending
            self.error(
                line, 1, f"{what} '{old_title}' has no cases", "add cases under it or delete it"
            )
        self.pending = (kind, number, title) if kind else None

    # -- cases -----------------------------------------------------------------------
    def _case(self, number: int, line: str, start: int) -> None:
        section = self.sections[-1] if self.sections else None
        if section is None:
            self.error(number, 1, "a case before the first section", "put a numbered section first")
            return
        topic = self.topic = case_topic(section, self.topic)
        if topic is None:
            self.error(
                number,
                1,
                f"a case directly under section {section.number}, which has topics",
                "put it under a '(…)' topic heading",
            )
            return
        self.pending = None
        self.cases += 1
        if self.cases == MAX_CASES + 1:
            self.error(
                number,
                1,
                f"more than {MAX_CASES:,} cases: the most reportkit builds in one document",
                "split the collection into several sources (e.g. by section)",
            )
        key = _KEY_MARKER.search(line, start)
        if key:
            line = line[: key.start()]
        parsed = self._parse_case(number, line, start)
        if parsed is not None:
            if key:
                parsed["key"] = key[1]
            parsed["id"] = f"{section.number}-{topic.number}-{len(topic.cases) + 1}"
            topic.cases.append(parsed)

    def _parse_case(self, number: int, line: str, start: int) -> dict[str, Any] | None:
        chars = self._unmark(number, line, start)
        if chars is None:
            return None

        def report(column: int, message: str, hint: str) -> None:
            self.error(number, column + 1, message, hint)

        return parse_case(chars, number, report, start=start)

    def _unmark(self, number: int, line: str, start: int) -> list[Char] | None:
        """Characters of the case text with their emphasis flag and 0-based column."""
        chars: list[Char] = []
        emphasis, opened, index = False, -1, start
        for count, piece in enumerate(line[start:].split("**")):
            if count:  # a '**' toggles emphasis
                emphasis, opened, index = not emphasis, index, index + 2
            chars.extend(zip(piece, repeat(emphasis), range(index, index + len(piece))))
            index += len(piece)
        if emphasis:
            self.error(
                number,
                opened + 1,
                "unbalanced '**': emphasis opened here is never closed",
                "add the closing '**' or delete this one",
            )
            return None
        while chars and chars[-1][0] in _WS:
            chars.pop()
        if not chars:
            self.error(
                number, start + 1, "empty case", "write the case text after '- ' or delete the line"
            )
            return None
        return chars

    # -- result ----------------------------------------------------------------------
    def _document(self) -> Document:
        data = document_data(
            self.title or "",
            self.subtitle,
            self.notes,
            self.path.replace("\\", "/").rsplit("/", 1)[-1],
            self.sections,
        )
        try:
            return Document.model_validate(data)
        except ValidationError as exc:  # a gap in the checks above; still no traceback
            raise SourceError(
                [Problem(self.path, 0, 0, f"invalid document: {e['msg']}") for e in exc.errors()]
            ) from exc


def _is_parenthesised(text: str) -> bool:
    return len(text) >= 2 and text[0] in OPEN and text[-1] in CLOSE and matching_open(text) == 0


def _follows_from_strays(problem: Problem) -> bool:
    """A problem that a file in another format has on every other line."""
    return problem.message in _STRAY_MESSAGES or problem.message.endswith(" has no cases")


def read_markdown(text: str, path: str) -> Document:
    """Parse a source text; raise :class:`SourceError` listing every problem."""
    return _Reader(path).read(text)


def read(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    """Decode and read a source file's bytes (the registry's entry point; no options apply)."""
    return read_markdown(decode(data, name), name)
