"""Reader for the model's JSON form (what ``reportkit convert --to json`` writes)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from reportkit.errors import Problem, SourceError
from reportkit.model import Document
from reportkit.readers.options import ReadOptions
from reportkit.readers.text import decode


def read_json(text: str, path: str) -> Document:
    """Parse and validate a JSON document; problems name the source line of the node."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(
            [
                Problem(
                    path,
                    exc.lineno,
                    exc.colno,
                    f"invalid JSON: {exc.msg}",
                    "write it with 'reportkit convert SOURCE --to json'",
                )
            ]
        ) from None
    try:
        return Document.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = ".".join(str(part) for part in error["loc"]) or "document"
            problems.append(
                Problem(
                    path,
                    _source_line(data, error["loc"]),
                    0,
                    f"{where}: {error['msg']}",
                    "compare with schema/document.schema.json",
                )
            )
        raise SourceError(problems) from None


def _source_line(data: Any, loc: tuple[int | str, ...]) -> int:
    """The ``line`` recorded in the deepest node on ``loc`` (0 when there is none)."""
    line, node = 0, data
    for part in loc:
        if isinstance(node, dict) and isinstance(node.get("line"), int):
            line = node["line"]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("line"), int):
        line = node["line"]
    return line


def read(data: bytes, name: str, options: ReadOptions | None = None) -> Document:
    """Decode and read a JSON file's bytes (the registry's entry point; no options apply)."""
    return read_json(decode(data, name), name)
