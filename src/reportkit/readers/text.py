"""Decoding a text source: UTF-8 with or without BOM, or one clear error."""

from __future__ import annotations

from reportkit.errors import Problem, SourceError


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
