"""The model's JSON form (like pandoc's ``-t json``) and its JSON Schema."""

from __future__ import annotations

import json

from reportkit.model import Document


def write(document: Document) -> bytes:
    """The document as indented UTF-8 JSON; read back by :mod:`reportkit.readers.json`."""
    return (document.model_dump_json(indent=2, exclude_none=True) + "\n").encode("utf-8")


def schema_json() -> str:
    """The JSON Schema of :class:`Document`, as committed in ``schema/document.schema.json``."""
    schema = Document.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
