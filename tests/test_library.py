"""The library face a script uses: reportkit.load / select / render / publish."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pypdf

import reportkit

from .conftest import REAL_SOURCE, ROOT


def test_the_readme_example(tmp_path: Path) -> None:
    document = reportkit.load(REAL_SOURCE)
    assert sum(1 for _ in document.cases()) == 61
    meeting = reportkit.Meeting(name="主管課長会議", number="資料3")
    view = reportkit.select(document, REAL_SOURCE, meeting)
    text = "".join(
        page.extract_text()
        for page in pypdf.PdfReader(io.BytesIO(reportkit.render("pdf", view))).pages
    )
    assert "資料3" in text and "鳥羽市" in text
    outcomes = reportkit.publish(tmp_path, source=REAL_SOURCE, formats=["pdf", "xlsx"])
    assert sorted(o.target.path.name for o in outcomes) == [
        "torikumi-jirei.pdf",
        "torikumi-jirei.xlsx",
    ]
    assert {o.status for o in outcomes} == {"written"}
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == ["torikumi-jirei.pdf", "torikumi-jirei.xlsx"]


def test_a_selection_narrows_the_view() -> None:
    document = reportkit.load(REAL_SOURCE)
    block = reportkit.Meeting(
        id="kanto", name="関東信越ブロック会議", select={"blocks": ["関東信越"]}
    )
    view = reportkit.select(document, REAL_SOURCE, block)
    assert (
        sum(1 for _ in view.document.cases()) == 23
    )  # worked out by hand (tests/test_meetings.py)
    assert view.national is not None and view.national["関東信越"] == 23


def test_importing_reportkit_loads_no_heavy_library() -> None:
    code = (
        "import sys, reportkit\n"
        "heavy = [m for m in ('pydantic', 'reportlab', 'docx', 'openpyxl') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
