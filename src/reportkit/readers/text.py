"""Reading a text file within a size limit, and decoding it: UTF-8 with or without BOM."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from reportkit.errors import Problem, SourceError

MAX_BYTES = 64 * 1024 * 1024
"""The largest file read by default (64 MB: about 170,000 cases); see ``max_source_mb``."""

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bounded(
    path: Path, shown: str, limit: int = MAX_BYTES, *, what: str = "the file", hint: str = ""
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them, or one clear error.

    A pipe, a device or a directory is refused without reading (so neither a FIFO
    without a writer nor /dev/zero can hang or exhaust memory).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise _refused(shown, "a directory", what) from None
    except OSError as exc:
        raise SourceError(
            [Problem(shown, 0, 0, f"cannot read {what}: {exc.strerror}", hint)]
        ) from None
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        kind = next((name for test, name in _KINDS if test(found.st_mode)), "not a regular file")
        raise _refused(shown, kind, what)
    with os.fdopen(fd, "rb") as handle:
        # Ask for the file's size, not the limit: a read allocates what it asks for.
        data = handle.read(min(found.st_size, limit) + 1)
        if found.st_size < len(data) <= limit:  # the file grew since fstat
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise SourceError(
            [
                Problem(
                    shown,
                    0,
                    0,
                    f"the file is larger than {limit / 1024 / 1024:g} MB, the most reportkit reads",
                    "check it is the right file; for a larger source raise max_source_mb "
                    "in reportkit.toml",
                )
            ]
        )
    return data


def _refused(shown: str, kind: str, what: str) -> SourceError:
    return SourceError(
        [
            Problem(
                shown,
                0,
                0,
                f"this is {kind}, not a file: reportkit reads {what} only from a regular file",
                "give the path of a file (a source: .md or .json, e.g. source/torikumi-jirei.md)",
            )
        ]
    )


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
