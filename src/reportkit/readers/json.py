"""Reader for the model's JSON form (what ``reportkit convert --to json`` writes).

Problems are reported at the line and column of the JSON file itself. The standard
library parses (fast); only when something is wrong is the text scanned again by
:class:`_Positions`, which keeps where every value starts and, unlike the standard
parser, neither recurses without bound nor converts numbers.
"""

from __future__ import annotations

import json
import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]
from pathlib import Path

from pydantic import ValidationError

from reportkit.errors import Problem, SourceError
from reportkit.model import Actor, Case, Document, Section, Topic
from reportkit.readers.options import ReadOptions
from reportkit.readers.text import decode, read_bounded

# The standard parser's own string scanner (C): (text, index after the quote) -> (value, end).
scanstring: Callable[[str, int], tuple[str, int]] = _scanstring
MAX_DEPTH = 100
"""Nesting the reader accepts; the model's own is 8 levels."""
MAX_DIGITS = sys.get_int_max_str_digits() or 4300
"""Digits of the longest integer Python converts from text (its default limit)."""
_HINT = "write it with 'reportkit convert SOURCE --to json'"
_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = ("true", "false", "null", "NaN", "Infinity", "-Infinity")

Loc = tuple[int | str, ...]


class _Malformed(Exception):
    """What is wrong at an offset of the text."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset, self.message = offset, message


class _Positions:
    """The offset where each value of a JSON text starts, by its path of keys and indices."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.at: dict[Loc, int] = {}
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def scan(self) -> None:
        """Record every value's offset; raise _Malformed where the text goes wrong."""
        end = self._value(self._skip(0), (), 0)
        if self._skip(end) != len(self.text):
            raise _Malformed(self._skip(end), "extra data after the JSON value")

    def where(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``."""
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def of(self, loc: tuple[int | str, ...]) -> tuple[int, int]:
        """Position of the deepest value on ``loc`` that the text has."""
        for size in range(len(loc), -1, -1):
            if loc[:size] in self.at:
                return self.where(self.at[loc[:size]])
        return 1, 1

    def _skip(self, offset: int) -> int:
        found = _WHITESPACE.match(self.text, offset)
        return found.end() if found else offset

    def _value(self, offset: int, path: Loc, depth: int) -> int:
        if depth > MAX_DEPTH:
            raise _Malformed(offset, f"nested more than {MAX_DEPTH} levels deep")
        self.at[path] = offset
        char = self.text[offset : offset + 1]
        if char == "{":
            return self._object(offset, path, depth)
        if char == "[":
            return self._array(offset, path, depth)
        if char == '"':
            return self._string(offset)[1]
        number = _NUMBER.match(self.text, offset)
        if number:
            digits = len(number[0].lstrip("-").split(".")[0].split("e")[0].split("E")[0])
            if digits > MAX_DIGITS:
                raise _Malformed(offset, f"a number of {digits:,} digits (at most {MAX_DIGITS:,})")
            return number.end()
        for literal in _LITERALS:
            if self.text.startswith(literal, offset):
                return offset + len(literal)
        raise _Malformed(offset, "expected a value")

    def _string(self, offset: int) -> tuple[str, int]:
        try:
            return scanstring(self.text, offset + 1)
        except json.JSONDecodeError as exc:
            raise _Malformed(exc.pos, exc.msg) from None

    def _object(self, offset: int, path: Loc, depth: int) -> int:
        offset = self._skip(offset + 1)
        if self.text.startswith("}", offset):
            return offset + 1
        while True:
            if not self.text.startswith('"', offset):
                raise _Malformed(offset, "expected a key in double quotes")
            key, offset = self._string(offset)
            offset = self._skip(offset)
            if not self.text.startswith(":", offset):
                raise _Malformed(offset, "expected ':' after the key")
            offset = self._skip(self._value(self._skip(offset + 1), (*path, key), depth + 1))
            if self.text.startswith("}", offset):
                return offset + 1
            if not self.text.startswith(",", offset):
                raise _Malformed(offset, "expected ',' or '}'")
            offset = self._skip(offset + 1)

    def _array(self, offset: int, path: Loc, depth: int) -> int:
        offset = self._skip(offset + 1)
        if self.text.startswith("]", offset):
            return offset + 1
        index = 0
        while True:
            offset = self._skip(self._value(offset, (*path, index), depth + 1))
            if self.text.startswith("]", offset):
                return offset + 1
            if not self.text.startswith(",", offset):
                raise _Malformed(offset, "expected ',' or ']'")
            offset, index = self._skip(offset + 1), index + 1


def _positions(text: str, path: str) -> _Positions:
    """The positions of ``text``'s values, or SourceError at the place it is malformed."""
    positions = _Positions(text)
    try:
        positions.scan()
    except _Malformed as exc:
        line, column = positions.where(exc.offset)
        problem = Problem(path, line, column, f"invalid JSON: {exc.message}", _HINT)
        raise SourceError([problem]) from None
    return positions


def read_json(text: str, path: str) -> Document:
    """Parse and validate a JSON document; problems name their line and column in it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            [Problem(path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}", _HINT)]
        ) from None
    except (RecursionError, ValueError):  # too deep, or an integer too long to convert
        _positions(text, path)
        raise  # pragma: no cover - the scan finds what json.loads refused
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        positions = _positions(text, path)
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "document"
            line, column = positions.of(error["loc"])
            message = error["msg"].removeprefix("Value error, ")
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    f"{where}: {message}",
                    "compare with schema/document.schema.json",
                )
            )
        raise SourceError(problems) from None


def read(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    """Decode and read a JSON file's bytes (the registry's entry point; no options apply)."""
    return read_json(decode(data, name), name)


def locate(problems: Iterable[Problem], path: str, document: Document) -> list[Problem]:
    """Problems found after reading (an unknown name, a lint warning) at their place in
    the JSON text.

    The ``line`` fields of a JSON source are those of the Markdown it was converted from;
    a problem at such a line moves to the object of the node there: the actor at that
    line and column, else the last case, topic or section starting at or before it. The
    text is scanned again only here, when there is something to report.
    """
    problems = list(problems)
    if not any(p.path == path and p.line and not p.place for p in problems):
        return problems
    try:
        text = decode(read_bounded(Path(path), path), path)
        positions = _positions(text, path)
    except (OSError, SourceError):  # the file changed since it was read: keep what we have
        return problems
    actors, starts = _nodes(document)
    lines = [line for line, _, _ in starts]
    located = []
    for problem in problems:
        if problem.path == path and problem.line and not problem.place:
            loc = actors.get((problem.line, problem.column))
            if loc is None:
                at = bisect_right(lines, problem.line)
                loc = starts[at - 1][2] if at else ()
            line, column = positions.of(loc)
            problem = replace(problem, line=line, column=column)
        located.append(problem)
    return located


def _nodes(document: Document) -> tuple[dict[tuple[int, int], Loc], list[tuple[int, int, Loc]]]:
    """Where each node of ``document`` sits in its JSON form: actors by (line, column);
    sections, topics and cases as (line, -depth, path), sorted: of the nodes on one line
    (a section and its implicit topic) the outermost comes last, and is chosen."""
    actors: dict[tuple[int, int], Loc] = {}
    starts: list[tuple[int, int, Loc]] = []
    for loc, node in _walk(document):
        if isinstance(node, Actor):
            actors.setdefault((node.line, node.column), loc)
        elif node.line:
            starts.append((node.line, -len(loc), loc))
    starts.sort(key=lambda start: (start[0], start[1]))
    return actors, starts


def _walk(document: Document) -> Iterator[tuple[Loc, Section | Topic | Case | Actor]]:
    for i, section in enumerate(document.sections):
        yield ("sections", i), section
        for j, topic in enumerate(section.topics):
            yield ("sections", i, "topics", j), topic
            for k, case in enumerate(topic.cases):
                at: Loc = ("sections", i, "topics", j, "cases", k)
                yield at, case
                for m, actor in enumerate(case.attribution.actors):
                    yield (*at, "attribution", "actors", m), actor
