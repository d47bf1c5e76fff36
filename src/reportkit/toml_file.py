"""Reading a user-editable TOML file, validated by a Pydantic model, problems at their lines.

Every TOML file reportkit reads (settings, block schemes, word lists) is checked the same
way: :meth:`TomlFile.validate` runs the model and reports each error at the line of the
table, key or value it is about, as ``file:line:col: error: …`` with a hint.
"""

from __future__ import annotations

import re
import tomllib
import types
import typing
from pathlib import Path
from typing import Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportkit.errors import Problem, SourceError

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
M = TypeVar("M", bound=BaseModel)

# Pydantic's words for the structure errors a hand-edited file most often has.
_PLAIN = {
    "missing": "is missing",
    "list_type": 'must be a list: ["…", "…"]',
    "string_type": "must be text in quotes",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "too_short": "must not be empty",
    "dict_type": "must be a table",
    "model_type": "must be a table",
}


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

    def validate(self, model: type[M], hint: str = "") -> M:
        """The file's data as ``model``; every error at its line (``hint`` for the others)."""
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            raise SourceError([self._problem(model, e, hint) for e in exc.errors()]) from None

    def _problem(self, model: type[BaseModel], error: ErrorDetails, hint: str) -> Problem:
        loc = list(error["loc"])
        keys = [part for part in loc if isinstance(part, str)]
        line = self.line_of(loc, error.get("input"))
        if error["type"] == "extra_forbidden":
            allowed = ", ".join(sorted(_model_at(model, loc[:-1]).model_fields))
            return self.problem(line, f"unknown key '{keys[-1]}'", f"allowed keys: {allowed}")
        where = ".".join(keys)
        message = _PLAIN.get(error["type"], error["msg"].removeprefix("Value error, "))
        return self.problem(line, f"{where}: {message}" if where else message, hint)

    def line_of(self, loc: list[int | str], value: object = None) -> int:
        """The line a Pydantic error location points at: its value, key or table."""
        line, after = 0, 0
        tables = [i for i in range(len(loc) - 1) if isinstance(loc[i + 1], int)]
        if tables:
            last = tables[-1]
            header = ".".join(str(part) for part in loc[: last + 1] if isinstance(part, str))
            occurrence = _occurrence(self.data, loc[: last + 2]) + 1
            line = after = self.line_of_table(header, occurrence)
        if isinstance(value, str) and value:
            found = self._position_after(value, after)
            if found:
                return found
        keys = [part for part in loc if isinstance(part, str)]
        if keys:
            line = self.line_of_key(keys[-1], max(after - 1, 0)) or line
        return line

    def _position_after(self, value: str, after: int) -> int:
        occurrence = 1
        while True:
            line, _ = self.position_of(value, occurrence)
            if not line or line >= after:
                return line
            occurrence += 1


def _occurrence(data: Any, loc: list[int | str]) -> int:
    """How many ``[[tables]]`` of the same header come before the one ``loc`` ends at."""
    before = 0
    node = data
    for index in range(0, len(loc) - 1):
        key, position = loc[index], loc[index + 1]
        if not (isinstance(key, str) and isinstance(position, int)):
            continue
        items = node.get(key, []) if isinstance(node, dict) else []
        rest = [part for part in loc[index + 2 :] if isinstance(part, str)]
        before += sum(_count(item, rest) for item in items[:position]) if rest else position
        node = items[position] if position < len(items) else {}
    return before


def _count(node: Any, keys: list[str]) -> int:
    """How many tables lie at the array-of-tables path ``keys`` below ``node``."""
    if not keys or not isinstance(node, dict):
        return 1
    items = node.get(keys[0], [])
    if not isinstance(items, list):
        return 0
    return sum(_count(item, keys[1:]) for item in items) if keys[1:] else len(items)


def _model_at(model: type[BaseModel], loc: list[int | str]) -> type[BaseModel]:
    """The model class that a location inside ``model`` points into."""
    for part in loc:
        if isinstance(part, str) and part in model.model_fields:
            found = _model_in(model.model_fields[part].annotation)
            if found is not None:
                model = found
    return model


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union, types.UnionType, typing.Annotated):
        for argument in get_args(annotation):
            found = _model_in(argument)
            if found is not None:
                return found
    return None
