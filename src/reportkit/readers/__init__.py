"""Readers: source files -> :class:`~reportkit.model.Document`.

:func:`read` picks the reader by the file's suffix (:mod:`reportkit.formats`); each reader
module exposes ``read(data: bytes, name: str) -> Document`` and reports every problem of
a file at once as a :class:`~reportkit.errors.SourceError`.
"""

from __future__ import annotations

from pathlib import Path

from reportkit import formats
from reportkit.model import Document
from reportkit.readers.text import MAX_BYTES, read_bounded

__all__ = ["read"]


def read(path: Path | str, *, name: str | None = None, limit: int = MAX_BYTES) -> Document:
    """Read a source file; ``name`` is how problems name it (default: the path as given).

    Files larger than ``limit`` bytes, and anything that is not a regular file, are refused.
    """
    path = Path(path)
    shown = name or str(path)
    data = read_bounded(
        path,
        shown,
        limit,
        what="the source",
        hint="check the path; the default source is source/torikumi-jirei.md",
    )
    return formats.reader_for(path).read(data, shown)
