"""Readers: source files -> :class:`~reportkit.model.Document`.

:func:`read` picks the reader by the file's suffix (:mod:`reportkit.formats`); each reader
module exposes ``read(data: bytes, name: str) -> Document`` and reports every problem of
a file at once as a :class:`~reportkit.errors.SourceError`.
"""

from __future__ import annotations

from pathlib import Path

from reportkit import formats
from reportkit.errors import Problem, SourceError
from reportkit.model import Document

__all__ = ["read"]


def read(path: Path | str, *, name: str | None = None) -> Document:
    """Read a source file; ``name`` is how problems name it (default: the path as given)."""
    path = Path(path)
    shown = name or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            [
                Problem(
                    shown,
                    0,
                    0,
                    f"cannot read the source: {exc.strerror}",
                    "check the path; the default source is source/torikumi-jirei.md",
                )
            ]
        ) from None
    return formats.reader_for(path).read(data, shown)
