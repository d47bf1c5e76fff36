"""Reading a user-editable TOML data file with problems reported as ``file:line:col``."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from reportkit.errors import Problem, SourceError

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")


class TomlFile:
    """A parsed TOML file that can find the line where a key or a string is written."""

    def __init__(self, path: Path | str, shown: str | None = None) -> None:
        self.path = Path(path)
        self.shown = shown or str(path)
        from reportkit.readers.text import read_bounded

        try:
            text = read_bounded(self.path, self.shown).decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise SourceError(
                [Problem(self.shown, 0, 0, f"not UTF-8 text: {exc.reason}", "save it as UTF-8")]
            ) from None
        self.lines = text.splitlines()
        try:
            self.data: dict[str, Any] = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            found = _POSITION.search(str(exc))
            line, column = (int(found[1]), int(found[2])) if found else (len(self.lines), 1)
            message = _POSITION.sub("", str(exc)).strip()
            raise SourceError(
                [Problem(self.shown, line, column, f"not valid TOML: {message}")]
            ) from None

    def problem(self, line: int, message: str, hint: str = "", column: int = 1) -> Problem:
        """A problem at ``line`` of this file (line 0: the file as a whole)."""
        return Problem(self.shown, line, column if line else 0, message, hint)

    def position_of(self, value: str, occurrence: int = 1) -> tuple[int, int]:
        """(line, column) of the ``occurrence``-th quoted string ``value``; (0, 0) if none."""
        pattern = re.compile(f"\"{re.escape(value)}\"|'{re.escape(value)}'")
        seen = 0
        for number, text in enumerate(self.lines, start=1):
            for found in pattern.finditer(text.split("#", 1)[0] if "#" in text else text):
                seen += 1
                if seen == occurrence:
                    return number, found.start() + 1
        return 0, 0

    def line_of_table(self, header: str, occurrence: int = 1) -> int:
        """The line of the ``occurrence``-th ``[[header]]`` or ``[header]`` (0 if none)."""
        pattern = re.compile(rf"^\s*\[\[?\s*{re.escape(header)}\s*\]\]?\s*(#.*)?$")
        seen = 0
        for number, text in enumerate(self.lines, start=1):
            if pattern.match(text):
                seen += 1
                if seen == occurrence:
                    return number
        return 0

    def line_of_key(self, key: str, after: int = 0) -> int:
        """The first line after ``after`` that assigns ``key`` (0 if none)."""
        pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
        for number, text in enumerate(self.lines[after:], start=after + 1):
            if pattern.match(text):
                return number
        return 0
