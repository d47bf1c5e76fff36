"""Readers: source files -> :class:`~reportkit.model.Document`.

:func:`read` picks the reader by file name: ``.json`` is the model's JSON form, anything
else is the 取組事例 source format (:mod:`reportkit.readers.markdown`).
"""

from __future__ import annotations

from pathlib import Path

from reportkit.errors import Problem, SourceError
from reportkit.model import Document
from reportkit.readers.json import read_json
from reportkit.readers.markdown import read_markdown

__all__ = ["decode", "read", "read_json", "read_markdown"]


def decode(data: bytes, path: str) -> str:
    """UTF-8 text without BOM, or one clear :class:`SourceError`."""
    if b"\0" in data:
        at = data.index(b"\0")
        line, column = data[:at].count(b"\n") + 1, at - data.rfind(b"\n", 0, at)
        raise SourceError(
            [
                Problem(
                    path,
                    line,
                    column,
                    "NUL byte: this is a binary file, not a text source",
                    "give the path of the UTF-8 source text (.md or .json)",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            [
                Problem(
                    path,
                    line,
                    column,
                    f"not UTF-8 text (byte 0x{data[exc.start]:02X})",
                    "save the file as UTF-8 (e.g. from Shift_JIS: iconv -f CP932 -t UTF-8)",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


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
    text = decode(data, shown)
    if path.suffix.lower() == ".json":
        return read_json(text, shown)
    return read_markdown(text, shown)
