"""The command line: exit codes, messages without tracebacks, lazy imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportkit.cli import main

from .conftest import REAL_SOURCE, ROOT, run_cli

WRITER_LIBRARIES = ("reportlab", "docx", "openpyxl")


run = run_cli


def test_version_and_help() -> None:
    done = run("--version")
    assert done.returncode == 0 and "reportkit, version" in done.stdout
    done = run("--help")
    assert done.returncode == 0
    for command in ("build", "validate", "convert", "schema"):
        assert command in done.stdout
    assert "Exit codes" in done.stdout


@pytest.mark.parametrize("command", ["build", "validate", "convert", "schema"])
def test_every_command_has_an_example(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and f"reportkit {command}" in result.output


def test_usage_error_exits_2() -> None:
    done = run("build", "--format", "odt")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_validate_real_source_summary() -> None:
    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "4 sections, 18 topics, 61 cases" in done.stdout


def test_invalid_source_exits_1_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("表題\n1. 節\n- 本文。【鳥羽市\n- 本文。\n", encoding="utf-8")
    done = run("validate", str(bad))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{bad}:3:6: error: unclosed" in done.stderr
    assert f"{bad}:4:" in done.stderr
    verbose = run("--verbose", "validate", str(bad))
    assert verbose.returncode == 1 and "Traceback" in verbose.stderr


def test_missing_source_is_a_clear_error(tmp_path: Path) -> None:
    done = run("validate", str(tmp_path / "nope.md"))
    assert done.returncode == 1
    assert "cannot read the source" in done.stderr and "Traceback" not in done.stderr


def test_convert_and_read_back(tmp_path: Path) -> None:
    target = tmp_path / "doc.json"
    assert run("convert", str(REAL_SOURCE), "--to", "json", "-o", str(target)).returncode == 0
    done = run("validate", str(target))
    assert done.returncode == 0, done.stderr
    assert "61 cases" in done.stdout


def test_schema_command_writes_the_committed_schema(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert run("schema", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8") == (ROOT / "schema/document.schema.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize(
    "args",
    [["--help"], ["validate"], ["convert", str(REAL_SOURCE)], ["schema"]],
    ids=["help", "validate", "convert", "schema"],
)
def test_light_commands_do_not_import_writer_libraries(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from reportkit.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        f"loaded = [m for m in {WRITER_LIBRARIES!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
