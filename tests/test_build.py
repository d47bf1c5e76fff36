"""`reportkit build`: manifest, --check, no-op skips, failures, reproducibility, concurrency."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportkit import formats
from reportkit.cli import main
from reportkit.view import View

from .conftest import EPOCH, REAL_SOURCE, ROOT, run_cli

OUTPUTS = tuple(f"torikumi-jirei{writer.suffix}" for writer in formats.WRITERS.values())


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def project(tmp_path: Path, name: str = "project") -> Path:
    """A minimal project directory: the source and the shipped profiles."""
    root = tmp_path / name
    (root / "source").mkdir(parents=True)
    shutil.copy(REAL_SOURCE, root / "source" / REAL_SOURCE.name)
    shutil.copy(ROOT / "reportkit.toml", root / "reportkit.toml")
    return root


def cli(
    root: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=root, env=env)


def hashes(directory: Path) -> dict[str, str]:
    return {name: sha256(directory / name) for name in OUTPUTS}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full build of the real source into a project of its own."""
    root = project(tmp_path_factory.mktemp("built"))
    done = cli(root, "build")
    assert done.returncode == 0, done.stderr
    return root


def test_build_writes_every_format_and_manifest(built: Path) -> None:
    output = built / "output"
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["source"] == {
        "path": "source/torikumi-jirei.md",
        "sha256": hashlib.sha256(REAL_SOURCE.read_bytes()).hexdigest(),
    }
    assert manifest["generator"].startswith("reportkit ")
    assert set(manifest["libraries"]) == {
        "python-docx",
        "reportlab",
        "openpyxl",
        "pydantic",
        "click",
    }
    assert sorted(manifest["outputs"]) == sorted(OUTPUTS)
    for name, entry in manifest["outputs"].items():
        assert entry["sha256"] == sha256(output / name)
        assert entry["size"] == (output / name).stat().st_size
        assert entry["meeting"] is None
        assert entry["format"] == name.rsplit(".", 1)[1]
    assert str(built) not in json.dumps(manifest, ensure_ascii=False)
    assert not [p for p in output.iterdir() if p.name.endswith(".tmp")]


def test_noop_build_is_skipped_unless_forced(built: Path) -> None:
    before = hashes(built / "output")
    done = cli(built, "build")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("unchanged") == len(OUTPUTS)
    done = cli(built, "build", "--force", "--json")
    summary = json.loads(done.stdout)
    assert summary["ok"] and [o["status"] for o in summary["outputs"]] == ["written"] * len(OUTPUTS)
    assert hashes(built / "output") == before  # deterministic: the same bytes again


def test_check_before_and_after_a_source_change(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert cli(root, "build").returncode == 0
    done = cli(root, "build", "--check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("up-to-date") == len(OUTPUTS)
    before = hashes(root / "output")
    source = root / "source" / REAL_SOURCE.name
    source.write_text(
        source.read_text(encoding="utf-8") + "- 追加した事例。【鳥羽市】\n", encoding="utf-8"
    )
    done = cli(root, "build", "--check")
    assert done.returncode == 1
    assert done.stdout.count("differs") == len(OUTPUTS) and "out of date" in done.stderr
    assert hashes(root / "output") == before, "--check never writes"
    (root / "output" / OUTPUTS[0]).unlink()
    done = cli(root, "build", "--check", "--format", "pdf")
    assert done.returncode == 1 and "missing" in done.stdout


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_failing_renderer_leaves_earlier_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    root = project(tmp_path)
    assert cli(root, "build").returncode == 0
    before = hashes(root / "output")
    manifest = (root / "output" / "manifest.json").read_bytes()
    source = root / "source" / REAL_SOURCE.name
    source.write_text(
        source.read_text(encoding="utf-8").replace("鳥羽市", "伊勢市"), encoding="utf-8"
    )
    failing = dataclasses.replace(formats.WRITERS["xlsx"], module="tests.failing_writer")
    monkeypatch.setitem(formats.WRITERS, "xlsx", failing)
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["build", "--jobs", jobs])
    assert result.exit_code == 1
    assert "xlsx" in result.output and "disk on fire" in result.output
    assert "Traceback" not in result.output
    assert hashes(root / "output") == before
    assert (root / "output" / "manifest.json").read_bytes() == manifest
    assert not [p for p in (root / "output").iterdir() if p.name.endswith(".tmp")]


def _members(path: Path) -> bytes:
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())


def test_reproducible_across_checkouts_without_source_date_epoch(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    git_env = env | {
        "GIT_AUTHOR_DATE": "2026-11-20T10:00:00+09:00",
        "GIT_COMMITTER_DATE": "2026-11-20T10:00:00+09:00",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    results = []
    for name in ("a", "a-much-longer-checkout-directory"):
        root = project(tmp_path, name)
        for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "source"]):
            subprocess.run(
                ["git", *command], cwd=root, env=git_env, check=True, capture_output=True
            )
        os.utime(root / "source" / REAL_SOURCE.name, (1, 1 if name == "a" else 2_000_000_000))
        done = cli(root, "build", env=env)
        assert done.returncode == 0, done.stderr
        results.append((root, hashes(root / "output")))
    assert results[0][1] == results[1][1]
    host = socket.gethostname().encode()
    for root, _ in results:
        for name in OUTPUTS:
            content = _members(root / "output" / name)
            assert str(root).encode() not in content
            assert len(host) < 4 or host not in content


def test_source_date_epoch_changes_the_stamp(tmp_path: Path) -> None:
    first, second = project(tmp_path, "one"), project(tmp_path, "two")
    assert cli(first, "build", "--format", "docx").returncode == 0
    env = os.environ | {"SOURCE_DATE_EPOCH": str(EPOCH + 86_400)}
    assert cli(second, "build", "--format", "docx", env=env).returncode == 0
    assert sha256(first / "output" / OUTPUTS[1]) != sha256(second / "output" / OUTPUTS[1])


def test_serial_and_parallel_builds_are_identical(built: Path, tmp_path: Path) -> None:
    done = cli(built, "build", "--jobs", "1", "--output-dir", str(tmp_path))
    assert done.returncode == 0, done.stderr
    assert hashes(tmp_path) == hashes(built / "output")


def test_two_builds_at_once_leave_one_consistent_set(tmp_path: Path) -> None:
    root = project(tmp_path)
    command = [sys.executable, "-m", "reportkit", "build", "--force"]
    first = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    for process in (first, second):
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    output = root / "output"
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(OUTPUTS)
    for name, entry in manifest["outputs"].items():
        assert entry["sha256"] == sha256(output / name)
    assert sorted(p.name for p in output.iterdir()) == sorted(
        [*OUTPUTS, "manifest.json", ".reportkit"]
    )
    assert sorted(p.name for p in (output / ".reportkit" / "sets").iterdir()) == [
        os.readlink(output / ".reportkit" / "current").split("/")[-1]
    ]


def test_all_meetings(tmp_path: Path) -> None:
    root = project(tmp_path)
    done = cli(root, "build", "--all-meetings", "--format", "all", "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    built = sorted(Path(o["path"]).name for o in summary["outputs"])
    assert built == sorted(
        f"{m}.{f}"
        for m in ("shukan-kacho", "kanto-shinetsu")
        for f in ("pdf", "docx", "xlsx", "html")
    )
    manifest = json.loads((root / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert {e["meeting"] for e in manifest["outputs"].values()} == {
        "shukan-kacho",
        "kanto-shinetsu",
    }


def test_unknown_meeting_is_a_clear_error(built: Path) -> None:
    done = cli(built, "build", "--meeting", "nope")
    assert done.returncode == 1
    assert "no meeting 'nope'" in done.stderr and "Traceback" not in done.stderr


def _readme_commands(section: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(section, 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [
        line.split("#", 1)[0].strip()
        for line in block.splitlines()
        if line.strip() and not line.startswith("#")
    ]


def test_workflow_runs_the_readme_commands() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/reports.yml").read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert "push" in triggers and triggers["schedule"][0]["cron"]
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    assert any(
        step.get("uses", "").startswith("actions/upload-artifact")
        and step["with"]["path"] == "output/"
        for step in steps
    )
    commands = _readme_commands("## Scheduled regeneration")
    assert commands, "README shows the CI steps"
    for command in commands:
        assert any(command in run for run in runs), command
    assert any(re.search(r"reportkit build --all-meetings --format all", run) for run in runs)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_jobs_counts_the_processes_that_render_this_one_included(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, real_view: View, jobs: int
) -> None:
    from reportkit.building.plan import Target
    from reportkit.building.render import render_all

    writer = formats.Writer("pid", ".pid", "text/plain", "tests.pid_writer", "process id")
    monkeypatch.setitem(formats.WRITERS, "pid", writer)
    targets = [Target("pid", tmp_path / f"{n}.pid", real_view) for n in range(6)]
    done, failed = render_all(targets, jobs)
    assert not failed and sorted(done) == list(range(6))
    pids = {int(data) for data, _ in done.values()}
    assert os.getpid() in pids  # this process renders too
    assert len(pids) <= jobs
    if jobs > 1:
        assert len(pids) > 1
