"""The quick no-op: a build whose raw inputs did not change stops before loading the model."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from reportkit import formats, noop

from .conftest import REAL_SOURCE, ROOT

# Runs the CLI and reports on stderr which heavy libraries the process imported.
DRIVER = """\
import atexit, sys
HEAVY = ("pydantic", "reportlab", "docx", "openpyxl")
atexit.register(lambda: print("LOADED:" + ",".join(m for m in HEAVY if m in sys.modules),
                              file=sys.stderr))
from reportkit.cli import main
main()
"""


def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "source").mkdir(parents=True)
    shutil.copy(REAL_SOURCE, root / "source" / REAL_SOURCE.name)
    shutil.copy(ROOT / "reportkit.toml", root / "reportkit.toml")
    return root


def run(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """``reportkit ARGS`` in ``root``; also the heavy libraries it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=os.environ | (env or {}),
    )
    marker = [line for line in done.stderr.splitlines() if line.startswith("LOADED:")]
    assert marker, done.stderr
    return done, [name for name in marker[-1][len("LOADED:") :].split(",") if name]


@pytest.fixture
def built(tmp_path: Path) -> Path:
    root = project(tmp_path)
    done, loaded = run(root, "build", "--format", "docx")
    assert done.returncode == 0, done.stderr
    assert "pydantic" in loaded and "docx" in loaded
    return root


def test_nothing_changed_is_told_without_loading_the_model(built: Path) -> None:
    done, loaded = run(built, "build", "--format", "docx")
    assert done.returncode == 0, done.stderr
    assert loaded == []
    assert done.stdout == "docx  output/torikumi-jirei.docx  unchanged\n"


def test_quick_and_full_no_op_print_the_same(built: Path) -> None:
    quick, loaded = run(built, "build", "--format", "docx", "--json")
    assert loaded == []
    manifest_path = built / "output" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["requests"]
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    full, loaded = run(built, "build", "--format", "docx", "--json")
    assert "pydantic" in loaded
    assert json.loads(quick.stdout) == json.loads(full.stdout)
    assert json.loads(full.stdout)["outputs"][0]["status"] == "unchanged"


@pytest.mark.parametrize(
    "change",
    ["source", "settings", "blocks", "epoch", "option", "output", "missing output"],
)
def test_any_raw_change_goes_to_the_full_build(built: Path, change: str) -> None:
    args = ["build", "--format", "docx"]
    env = {}
    source = built / "source" / REAL_SOURCE.name
    if change == "source":  # an extra blank line: same model, other bytes
        source.write_bytes(source.read_bytes() + b"\n")
    elif change == "settings":
        settings = built / "reportkit.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n# note\n", encoding="utf-8")
    elif change == "blocks":
        shutil.copy(ROOT / "schema" / "blocks.toml", built / "blocks.toml")
        args += ["--blocks", "blocks.toml"]
    elif change == "epoch":
        env["SOURCE_DATE_EPOCH"] = str(int(os.environ["SOURCE_DATE_EPOCH"]) + 86_400)
    elif change == "option":
        args += ["--number", "資料9"]
    elif change == "output":
        (built / "output" / "torikumi-jirei.docx").write_bytes(b"edited by hand")
    else:
        (built / "output" / "torikumi-jirei.docx").unlink()
    done, loaded = run(built, *args, env=env)
    assert done.returncode == 0, done.stderr
    assert "pydantic" in loaded
    same_model = change in ("source", "settings", "blocks")
    assert ("unchanged" if same_model else "written") in done.stdout
    again, loaded = run(built, *args, env=env)  # now recorded: quick again
    assert loaded == [] and "unchanged" in again.stdout


def test_another_request_into_the_same_directory_is_not_mistaken(built: Path) -> None:
    first = (built / "output" / "torikumi-jirei.docx").read_bytes()
    done, _ = run(built, "build", "--format", "docx", "--number", "資料4")
    assert "written" in done.stdout
    done, loaded = run(built, "build", "--format", "docx")  # back to the first request
    assert "pydantic" in loaded and "written" in done.stdout
    assert (built / "output" / "torikumi-jirei.docx").read_bytes() == first


def test_force_and_check_never_take_the_quick_path(built: Path) -> None:
    done, loaded = run(built, "build", "--format", "docx", "--force")
    assert "written" in done.stdout and "pydantic" in loaded
    done, loaded = run(built, "build", "--format", "docx", "--check")
    assert "up-to-date" in done.stdout and "docx" in loaded


def test_bulk_no_op_repeats_the_notes(tmp_path: Path) -> None:
    root = project(tmp_path)
    args = ["build", "--each", "block", "--shard", "2/3", "--format", "docx"]
    first, _ = run(root, *args)
    assert first.returncode == 0, first.stderr
    again, loaded = run(root, *args)
    assert loaded == []
    assert again.stdout.splitlines() == [
        f"docx  output/{name}/{name}.docx  unchanged" for name in ("北海道", "東海北陸", "四国")
    ]
    summary, loaded = run(root, *args, "--json")
    assert loaded == [] and json.loads(summary.stdout)["notes"] == []
    shard, _ = run(root, "build", "--each", "prefecture", "--shard", "41/60")
    assert "no edition for 福岡県" in shard.stdout  # nothing built: nothing recorded
    for _ in range(2):  # built, then told by the quick path
        noted, _ = run(root, "build", "--each", "prefecture", "--shard", "12/30", "--json")
        summary = json.loads(noted.stdout)  # candidates 11 埼玉県 (cases) and 41 佐賀県 (none)
        assert [o["meeting"] for o in summary["outputs"]] == ["11-埼玉県"] * len(formats.WRITERS)
        assert summary["notes"] == [
            "no edition for 佐賀県: none of its local governments has a case"
        ]
    empty, _ = run(root, "build", "--each", "prefecture", "--shard", "41/60", "--json")
    assert json.loads(empty.stdout) == {
        "ok": True, "check": False, "outputs": [],
        "notes": ["no edition for 福岡県: none of its local governments has a case"],
    }  # fmt: skip


def test_library_versions_are_read_as_importlib_metadata_reads_them() -> None:
    names = formats.libraries()
    assert noop.installed_versions(names) == {name: metadata.version(name) for name in names}
    assert noop.installed_versions(("no-such-distribution",)) == {"no-such-distribution": "missing"}


def test_requests_remembered_only_while_their_outputs_stand() -> None:
    outputs = {"a.pdf": {"sha256": "1"}, "b.pdf": {"sha256": "2"}}
    old = {
        "requests": {
            "stale": {"outputs": [["a.pdf", "0"]], "notes": []},
            "kept": {"outputs": [["b.pdf", "2"]], "notes": ["n"]},
        }
    }
    made = noop.remember(old, outputs, "new", [("a.pdf", "1")], [], [])
    assert list(made) == ["kept", "new"]
    assert made["new"] == {"outputs": [["a.pdf", "1"]], "notes": [], "warnings": []}
    many = {"requests": {str(i): {"outputs": [["b.pdf", "2"]]} for i in range(40)}}
    assert len(noop.remember(many, outputs, "new", [], [], [])) == noop.KEPT
    assert "new" not in noop.remember(old, outputs, None, [], [], [])


def test_a_quick_no_op_repeats_the_lint_warnings(built: Path) -> None:
    """The real source's warnings (ハロワーク, wholly emphasised cases) come on every build."""
    quick, loaded = run(built, "build", "--format", "docx")
    assert loaded == []  # nothing was read: the warnings are the recorded ones
    assert "warning: ハロワーク looks like a misspelling of ハローワーク" in quick.stderr
