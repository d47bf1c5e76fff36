"""The pipeline stages wired together: read -> resolve -> (lint) -> view."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportkit.errors import Problem
from reportkit.model import Document
from reportkit.readers import read
from reportkit.view import Fonts, Meeting, View, source_timestamp

DEFAULT_SOURCE = Path("source/torikumi-jirei.md")


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for work that makes no reference cycles.

    Reading and resolving build a large tree of acyclic objects; the collector's passes
    over it took a third of their time on big sources (benchmarks/README.md).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load(source: Path, *, blocks: Path | None = None) -> Document:
    """Read ``source`` and resolve every actor; raises SourceError with all problems."""
    from reportkit.blocks import BlockScheme
    from reportkit.resolve import resolve

    name = str(source)
    with gc_paused():
        document = read(source, name=name)
        scheme = BlockScheme.load(blocks) if blocks else None
        return resolve(document, name, scheme)


def warnings(document: Document, source: Path) -> list[Problem]:
    """Lint warnings: probable misspellings, actors named twice."""
    from reportkit.lint import lint

    return lint(document, str(source))


def make_view(
    document: Document,
    source: Path,
    *,
    meeting: Meeting | None = None,
    fonts: Fonts | None = None,
    national: dict[str, int] | None = None,
    blocks: list[str] | None = None,
) -> View:
    """The view writers render, stamped with the source's reproducible timestamp."""
    return View(
        document=document,
        meeting=meeting or Meeting(),
        timestamp=source_timestamp(source),
        fonts=fonts or Fonts(),
        national=national,
        blocks=blocks if blocks is not None else _default_block_names(),
    )


def _default_block_names() -> list[str]:
    from reportkit.blocks import default_scheme

    return default_scheme().names
