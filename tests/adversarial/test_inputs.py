"""Every input is bounded and every failure names the file, the place and the fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.readers.text import read_bounded

from ..conftest import REAL_SOURCE, ROOT, run_cli
from .sources import one_case


def failed(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 1 with a message holding ``words``: no traceback, no 'internal error'."""
    assert done.returncode == 1, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    for word in words:
        assert word in done.stderr, (word, done.stderr)
    return done.stderr


def quick(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``reportkit ARGS`` that must finish within 60 s (a hang fails the test)."""
    return subprocess.run(
        [sys.executable, "-m", "reportkit", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False, env=env,
    )  # fmt: skip


def test_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    failed(quick("validate", "/dev/zero", cwd=tmp_path), "/dev/zero", "character device")


def test_a_fifo_without_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "source.md"
    os.mkfifo(fifo)
    failed(quick("validate", str(fifo), cwd=tmp_path), "source.md", "named pipe")
    failed(quick("build", "--source", str(fifo), cwd=tmp_path), "named pipe")


def test_a_directory_as_source_is_invalid_input(tmp_path: Path) -> None:
    for args in (["validate", str(tmp_path)], ["build", "--source", str(tmp_path)]):
        failed(quick(*args, cwd=tmp_path), str(tmp_path), "a directory, not a file")


def test_a_source_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    (tmp_path / "reportkit.toml").write_text("max_source_mb = 1\n", encoding="utf-8")
    big = tmp_path / "big.md"
    big.write_bytes(REAL_SOURCE.read_bytes() * (2 * 2**20 // REAL_SOURCE.stat().st_size + 1))
    failed(quick("validate", str(big), cwd=tmp_path), "big.md", "larger than 1 MB", "max_source_mb")
    (tmp_path / "reportkit.toml").write_text("max_source_mb = 0\n", encoding="utf-8")
    failed(quick("validate", str(big), cwd=tmp_path), "reportkit.toml:1:", "max_source_mb")


def test_the_size_limit_is_exact_and_reading_takes_what_the_file_needs(tmp_path: Path) -> None:
    source = tmp_path / "s.md"
    source.write_bytes(REAL_SOURCE.read_bytes())
    size = source.stat().st_size
    assert read_bounded(source, "s.md", size) == REAL_SOURCE.read_bytes()
    with pytest.raises(SourceError, match="larger than"):
        read_bounded(source, "s.md", size - 1)
    tracemalloc.start()
    try:
        read_bounded(source, "s.md", 256 * 2**20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * size  # not the 256 MB the limit would allow


def test_json_nested_a_million_deep_is_named_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 10**6 + "]" * 10**6, encoding="utf-8")
    failed(quick("validate", str(path), cwd=tmp_path), "deep.json:1:102: error", "nested more than")


def test_json_integer_of_4301_digits_is_named_at_its_place(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text('{\n  "title": "x",\n  "sections": [' + "7" * 4301 + "]\n}", encoding="utf-8")
    failed(quick("validate", str(path), cwd=tmp_path), "big.json:3:16: error", "4,301 digits")


def test_json_problems_are_at_the_json_files_own_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    assert run_cli("convert", str(REAL_SOURCE), "-o", str(path)).returncode == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    # the third "line" field of the file, set to -5: reported where it is written
    at = [i for i, line in enumerate(lines) if '"line":' in line][2]
    lines[at] = lines[at].split('"line":')[0] + '"line": -5,'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    column = lines[at].index("-5") + 1
    failed(quick("validate", str(path), cwd=tmp_path), f"doc.json:{at + 1}:{column}: error")


def test_bad_source_date_epoch_is_named(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(one_case("事例。"), encoding="utf-8")
    for value, words in [
        ("abc", "not a whole number"),
        ("99999999999999999999", "out of range"),
        ("-4000000000", "before 明治6年1月1日"),
    ]:
        env = os.environ | {"SOURCE_DATE_EPOCH": value}
        done = quick(
            "build",
            "--source",
            str(path),
            "--output-dir",
            str(tmp_path / "o"),
            cwd=tmp_path,
            env=env,
        )
        failed(done, f"SOURCE_DATE_EPOCH={value}"[:30], words, "hint:")


def test_convert_into_a_missing_directory_says_so(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "doc.json"
    done = quick("convert", str(REAL_SOURCE), "-o", str(target), cwd=tmp_path)
    failed(done, str(target.parent), "does not exist", "mkdir -p")
    (tmp_path / "file").write_text("", encoding="utf-8")
    done = quick("convert", str(REAL_SOURCE), "-o", str(tmp_path / "file" / "x.json"), cwd=tmp_path)
    failed(done, "is a file, not a directory")


SETTINGS = """\
source = "s.md"

[fonts]
pdf_body = "{font}"

[[meeting]]
id = "m"
name = "主管課長会議"
date = {date}
number = "{number}"
"""


@pytest.mark.parametrize(
    ("font", "date", "number", "line", "words"),
    [
        ("missing.ttf", "2026-11-26", "資料3", 4, "does not exist"),
        ("fonts", "2026-11-26", "資料3", 4, "is not a file"),
        ("empty.ttf", "2026-11-26", "資料3", 4, "is empty (0 bytes)"),
        ("", "1866-05-05", "資料3", 9, "cannot be written in 和暦"),
        ("", "2026-11-26", "資" * 5000, 10, "5,000 characters is too long for a 資料番号"),
    ],
)
def test_settings_are_checked_at_their_line_before_rendering(
    tmp_path: Path, font: str, date: str, number: str, line: int, words: str
) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "empty.ttf").write_bytes(b"")
    (tmp_path / "s.md").write_text(one_case("事例。"), encoding="utf-8")
    text = SETTINGS.format(font=font, date=date, number=number)
    if not font:
        text = text.replace('[fonts]\npdf_body = ""\n', "")
        line -= 2
    (tmp_path / "reportkit.toml").write_text(text, encoding="utf-8")
    for command in (["validate"], ["build", "--meeting", "m"]):
        failed(quick(*command, cwd=tmp_path), f"reportkit.toml:{line}:1: error", words)
    assert not (tmp_path / "output").exists()  # nothing was rendered


def test_command_line_meeting_details_are_checked_too(tmp_path: Path) -> None:
    done = quick("build", "--number", "資" * 5000, "--format", "pdf", cwd=ROOT)
    failed(done, "--number: 5,000 characters is too long")
    done = quick("build", "--date", "1870-01-01", "--format", "pdf", cwd=ROOT)
    failed(done, "--date: 1870-01-01 cannot be written in 和暦")


def test_json_of_the_real_source_still_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    assert run_cli("convert", str(REAL_SOURCE), "-o", str(path)).returncode == 0
    assert json.loads(path.read_text(encoding="utf-8"))["title"]
    assert quick("validate", str(path), cwd=tmp_path).returncode == 0
