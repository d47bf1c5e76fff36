"""Readers: source files -> :class:`~reportkit.model.Document`.

:func:`read` picks the reader by the file's suffix (:mod:`reportkit.formats`); each reader
module exposes ``read(data: bytes, name: str, options: ReadOptions | None) -> Document``
and reports every problem of a file at once as a :class:`~reportkit.errors.SourceError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import cast

from reportkit import formats
from reportkit.errors import Problem
from reportkit.model import Document
from reportkit.readers.options import ReadOptions
from reportkit.readers.text import read_bounded

__all__ = ["ReadOptions", "locate", "read"]


def read(
    path: Path | str, *, name: str | None = None, options: ReadOptions | None = None
) -> Document:
    """Read a source file; ``name`` is how problems name it (default: the path as given).

    Files larger than ``options.limit`` bytes, and anything that is not a regular file,
    are refused.
    """
    path = Path(path)
    shown = name or str(path)
    options = options or ReadOptions()
    data = read_bounded(
        path,
        shown,
        options.limit,
        what="the source",
        hint="check the path; the default source is source/torikumi-jirei.md",
    )
    return formats.reader_for(path).read(data, shown, options)


def locate(
    problems: Iterable[Problem], path: Path | str, document: Document | None = None
) -> list[Problem]:
    """``problems`` about the source ``path`` named as its format names places.

    A briefing's lines are paragraphs: ``file:段落12`` rather than ``file:12:3``, with the
    case id when a case of ``document`` sits there. A reader with its own ``locate``
    (JSON: lines and columns of the JSON text) places them itself.
    """
    reader = formats.reader_for(Path(path))
    if reader.locate and document is not None:
        place = getattr(importlib.import_module(reader.module), reader.locate)
        return cast("list[Problem]", place(problems, str(path), document))
    template = reader.place
    if not template:
        return list(problems)
    cases = {case.line: case.id for case in document.cases()} if document else {}
    located = []
    for problem in problems:
        if problem.line and not problem.place and problem.path == str(path):
            place = template.format(line=problem.line)
            if problem.line in cases:
                place += f"（事例 {cases[problem.line]}）"
            problem = replace(problem, place=place)
        located.append(problem)
    return located
