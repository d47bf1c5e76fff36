"""The model's JSON form and JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.readers import read
from reportkit.readers.json import read_json
from reportkit.writers.json import schema_json
from reportkit.writers.json import write as render_json

from .conftest import REAL_SOURCE, ROOT


def test_round_trip_equals_direct_read(tmp_path: Path, real_document: Document) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(render_json(real_document))
    again = read(path)
    assert again == real_document
    assert render_json(again) == path.read_bytes()


def test_json_keeps_emphasis_and_lines(real_document: Document) -> None:
    data = json.loads(render_json(real_document))
    first = data["sections"][0]["topics"][0]["cases"][0]
    assert first["id"] == "1-1-1"
    assert first["line"] == 13
    assert [run["emphasis"] for run in first["runs"]] == [False, True, False]
    assert first["attribution"]["actors"][0]["written"] == "鳥羽市"


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), "run: reportkit schema -o schema/document.schema.json"


def test_invalid_json_names_line() -> None:
    with pytest.raises(SourceError) as caught:
        read_json('{\n  "title": "x",\n  "sections": [,]\n}', "doc.json")
    assert caught.value.problems[0].line == 3


def test_invalid_model_names_source_line(real_document: Document) -> None:
    data = json.loads(render_json(real_document))
    data["sections"][1]["topics"][0]["cases"][2]["runs"] = []
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with pytest.raises(SourceError) as caught:
        read_json(text, "doc.json")
    problem = caught.value.problems[0]
    lines = text.splitlines()
    assert [i for i, line in enumerate(lines, 1) if '"runs": []' in line] == [problem.line]
    assert lines[problem.line - 1].index("[]") + 1 == problem.column
    assert "runs" in problem.message


def test_duplicate_ids_rejected(real_document: Document) -> None:
    data = json.loads(render_json(real_document))
    cases = data["sections"][0]["topics"][0]["cases"]
    cases[1]["id"] = cases[0]["id"]
    with pytest.raises(SourceError, match="duplicate case id 1-1-1"):
        read_json(json.dumps(data, ensure_ascii=False), "doc.json")


def test_attribution_without_actor_rejected(real_document: Document) -> None:
    data = json.loads(render_json(real_document))
    data["sections"][0]["topics"][0]["cases"][0]["attribution"]["actors"] = []
    with pytest.raises(SourceError, match="at least one actor"):
        read_json(json.dumps(data, ensure_ascii=False), "doc.json")


def test_real_source_path_is_the_default_input() -> None:
    assert REAL_SOURCE.exists()


def test_control_characters_rejected_with_line(real_document: Document) -> None:
    data = json.loads(render_json(real_document))
    case = data["sections"][0]["topics"][1]["cases"][0]
    case["runs"][0]["text"] = "本\u000b文"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    with pytest.raises(SourceError) as caught:
        read_json(text, "doc.json")
    problem = caught.value.problems[0]
    line = text.splitlines()[problem.line - 1]
    assert line.index('"本\\u000b文"') + 1 == problem.column
    assert "U+000B" in problem.message


def test_markdown_round_trip_is_a_fixed_point(real_document: Document, tmp_path: Path) -> None:
    """md -> model -> md -> model: the canonical form reads back to the same document."""
    from reportkit.readers.markdown import read_markdown
    from reportkit.writers.markdown import write

    canonical = write(real_document)
    again = read_markdown(canonical.decode("utf-8"), "canonical.md")
    assert write(again) == canonical
    assert [(c.id, c.key, c.runs, c.attribution.text) for c in again.cases()] == [
        (c.id, c.key, c.runs, c.attribution.text) for c in real_document.cases()
    ]
    assert "(続き)" not in canonical.decode("utf-8")
