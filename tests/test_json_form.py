"""The model's JSON form and JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.readers import read
from reportkit.readers.json import read_json
from reportkit.writers.json import schema_json
from reportkit.writers.json import write as render_json

from .conftest import REAL_SOURCE, ROOT, run_cli


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


def _json_source(tmp_path: Path, document: Document, edit: Any = None) -> tuple[Path, list[str]]:
    data = json.loads(render_json(document))
    if edit is not None:
        edit(data)
    path = tmp_path / "doc.json"
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines()


def _reported(stderr: str, name: str) -> list[tuple[int, str]]:
    """(line, message) of each problem printed as ``name:LINE:COL: …``."""
    found = re.findall(rf"^{re.escape(name)}:(\d+):\d+: (.*)$", stderr, flags=re.M)
    return [(int(line), message) for line, message in found]


def test_an_unknown_name_in_a_json_source_is_reported_at_its_line_in_the_json(
    tmp_path: Path, real_document: Document
) -> None:
    def rename(data: Any) -> None:
        attribution = data["sections"][0]["topics"][0]["cases"][0]["attribution"]
        attribution["written"] = attribution["actors"][0]["written"] = "架空市"

    path, lines = _json_source(tmp_path, real_document, rename)
    done = run_cli("validate", str(path))
    assert done.returncode == 1, done.stderr
    [(line, message)] = _reported(done.stderr, str(path))
    assert "架空市" in message and message.startswith("error: ")
    # the actor's own object in the JSON text, not line 13 of the Markdown it came from
    assert lines[line - 1].strip() == "{"
    assert lines[line].strip() == '"written": "架空市",'
    assert lines[line + 1].strip() == '"line": 13,'


def test_lint_warnings_of_a_json_source_name_the_case_objects(
    tmp_path: Path, real_document: Document
) -> None:
    path, lines = _json_source(tmp_path, real_document)
    done = run_cli("validate", str(path))
    assert done.returncode == 0, done.stderr
    warnings = _reported(done.stderr, str(path))
    misspelt = next(c for c in real_document.cases() if "ハロワーク" in c.text)
    whole = {
        section.number: [c.id for t in section.topics for c in t.cases if _all_emphasised(c)]
        for section in real_document.sections
    }
    # a wholly emphasised section is one warning at the section; other such cases, one each
    sections = [n for n, cases in whole.items() if cases and len(cases) == _count(real_document, n)]
    cases = [misspelt.id, *(i for n, ids in whole.items() if n not in sections for i in ids)]
    opened = {
        lines[line].strip(): message for line, message in warnings if lines[line - 1].strip() == "{"
    }
    for case_id in cases:
        assert f'"id": "{case_id}",' in opened, (case_id, warnings)
    assert "ハロワーク" in opened[f'"id": "{misspelt.id}",']
    assert sections
    for number in sections:
        assert f"section {number} " in opened[f'"number": {number},']
    # every warning points at an object of the JSON text
    assert len(warnings) == len(opened) == len(cases) + len(sections)


def _all_emphasised(case: Any) -> bool:
    return all(run.emphasis for run in case.runs)


def _count(document: Document, section: int) -> int:
    return sum(len(t.cases) for t in document.sections[section - 1].topics)
