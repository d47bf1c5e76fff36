"""Lint: warnings (never errors, never silent fixes) about a source's text.

* probable misspellings in titles and case text, from the editable word list
  ``schema/lint-words.toml`` (``"ハロワーク" = "ハローワーク"``);
* an actor named twice in one case's attribution;
* emphasis that covers a whole case, or every case of a section: emphasis marks what
  matters in a case, and underlining everything marks nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reportkit.errors import Problem, SourceError
from reportkit.model import Actor, Case, Document, Section
from reportkit.places import gazetteer
from reportkit.schema_files import schema_file
from reportkit.toml_file import TomlFile

WORDS_FILE = "lint-words.toml"


def load_words(path: Path | str | None = None) -> dict[str, str]:
    """The misspellings of a word-list file (default ``schema/lint-words.toml``)."""
    if path is None:
        return dict(_default_words())
    return _parse_words(TomlFile(path))


@functools.cache
def _default_words() -> tuple[tuple[str, str], ...]:
    return tuple(_parse_words(TomlFile(schema_file(WORDS_FILE))).items())


class _WordList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    misspellings: dict[str, str] = Field(default_factory=dict)


def _parse_words(file: TomlFile) -> dict[str, str]:
    table = file.validate(_WordList, 'write lines "wrong" = "right" under [misspellings]')
    problems = [
        file.problem(file.line_of_key(wrong), f"{wrong}: the wrong and right forms are equal")
        for wrong, right in table.misspellings.items()
        if wrong == right or not wrong
    ]
    if problems:
        raise SourceError(problems)
    return table.misspellings


def _occurrences(text: str, word: str) -> Iterator[int]:
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


def misspellings(text: str, words: Mapping[str, str]) -> list[tuple[int, str, str]]:
    """(offset, wrong, right) for each probable misspelling in ``text``, in text order.

    A wrong form that lies inside an occurrence of its right form is not reported.
    """
    found = []
    for wrong, right in words.items():
        rights = [(r, r + len(right)) for r in _occurrences(text, right)]
        for start in _occurrences(text, wrong):
            end = start + len(wrong)
            if not any(r <= start and end <= r_end for r, r_end in rights):
                found.append((start, wrong, right))
    return sorted(found)


class _Source:
    """The source's lines, to give each warning the column where it is written."""

    def __init__(self, path: str) -> None:
        try:
            text = Path(path).read_bytes().decode("utf-8").removeprefix("\ufeff")
        except (OSError, UnicodeDecodeError):
            text = ""
        self.lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def line_of(self, text: str) -> int:
        """The first line holding ``text`` (0 if none)."""
        return next((n for n, line in enumerate(self.lines, 1) if text and text in line), 0)

    def column(self, line: int, word: str, occurrence: int) -> int:
        """1-based column of the ``occurrence``-th ``word`` in ``line`` (1 if not there)."""
        if not 0 < line <= len(self.lines):
            return 1
        starts = list(_occurrences(self.lines[line - 1], word))
        return starts[occurrence] + 1 if occurrence < len(starts) else 1


def _texts(document: Document, source: _Source) -> Iterator[tuple[int, str]]:
    """(line, text) of every piece of prose the document shows."""
    for text in (document.title, document.subtitle, document.note):
        if text:
            yield source.line_of(text), text
    for section in document.sections:
        yield section.line, section.title
        for topic in section.topics:
            if not topic.implicit:
                yield topic.line, topic.title
            for case in topic.cases:
                yield case.line, case.text


def _actor_key(actor: Actor) -> str:
    if actor.government is not None:
        return actor.key
    return "~" + gazetteer.fold(actor.written)


def wholly_emphasised(case: Case) -> bool:
    """True when every run of the case's text is emphasised."""
    return all(run.emphasis for run in case.runs)


EMPHASIS_HINT = "emphasise the phrase that matters (**…**), not the whole text"


def _emphasis_warnings(document: Document, path: str, source: _Source) -> Iterator[Problem]:
    """One warning per wholly emphasised section, else one per wholly emphasised case."""
    for section in document.sections:
        if all(wholly_emphasised(case) for case in section.cases):
            yield _whole_section(section, path)
            continue
        for case in section.cases:
            if wholly_emphasised(case):
                yield Problem(
                    path,
                    case.line,
                    source.column(case.line, "**", 0),
                    f"the whole text of case {case.id} is emphasised",
                    EMPHASIS_HINT,
                    severity="warning",
                )


def _whole_section(section: Section, path: str) -> Problem:
    cases = section.cases
    also = "" if len(cases) == 1 else f" (all {len(cases)} cases)"
    return Problem(
        path,
        section.line,
        1,
        f"the whole of section {section.number} is emphasised{also}",
        EMPHASIS_HINT,
        severity="warning",
    )


def lint_source(document: Document, path: Path | str) -> list[Problem]:
    """The warnings about the source ``path``, each at its place in the source's format
    (a Word paragraph, a line of the JSON text), as ``validate`` and ``build`` print them."""
    from reportkit.readers import locate

    return locate(lint(document, str(path)), path, document)


def lint(document: Document, path: str, words: Mapping[str, str] | None = None) -> list[Problem]:
    """Warnings about ``document`` read from ``path``, in source order."""
    words = load_words() if words is None else words
    source = _Source(path)
    problems: list[Problem] = list(_emphasis_warnings(document, path, source))
    for line, text in _texts(document, source):
        seen: dict[str, int] = {}
        for _offset, wrong, right in misspellings(text, words):
            occurrence = seen.get(wrong, 0)
            seen[wrong] = occurrence + 1
            problems.append(
                Problem(
                    path,
                    line,
                    source.column(line, wrong, occurrence) if line else 0,
                    f"{wrong} looks like a misspelling of {right}",
                    f"write {right} (word list: schema/{WORDS_FILE})",
                    severity="warning",
                )
            )
    for case in document.cases():
        first: dict[str, Actor] = {}
        for actor in case.attribution.actors:
            key = _actor_key(actor)
            if key not in first:
                first[key] = actor
                continue
            earlier = first[key].written
            also = "" if earlier == actor.written else f" (first as {earlier})"
            problems.append(
                Problem(
                    path,
                    actor.line,
                    actor.column,
                    f"{actor.written} is named twice in case {case.id}{also}",
                    "name each actor once in an attribution",
                    severity="warning",
                )
            )
    return sorted(problems, key=lambda p: (p.line, p.column, p.message))
