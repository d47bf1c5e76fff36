"""The user's environment, not reportkit's bugs: each problem named with its path and fix.

A full disk and a read-only disk are real: a 4 MB tmpfs (mounting needs root, which CI
has; on a machine without it these tests skip, in CI they fail).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..conftest import REAL_SOURCE, needs
from .sources import one_case
from .test_inputs import failed, quick


def _mount(directory: Path, *options: str) -> None:
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", ",".join(["size=4m", *options]), "tmpfs", str(directory)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        needs(f"permission to mount a tmpfs ({done.stderr.strip()})")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB file system of its own."""
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount(disk)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _project(root: Path) -> Path:
    (root / "source").mkdir(parents=True, exist_ok=True)
    shutil.copy(REAL_SOURCE, root / "source" / REAL_SOURCE.name)
    return root


def _published(output: Path) -> dict[str, str]:
    """The published set as a reader sees it; asserts the manifest matches it."""
    seen = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in output.iterdir()
        if not p.name.startswith(".") and p.exists()
    }
    manifest = json.loads((output / "manifest.json").read_text(encoding="utf-8"))
    listed = {name: entry["sha256"] for name, entry in manifest["outputs"].items()}
    assert listed == {k: v for k, v in seen.items() if k != "manifest.json"}
    return seen


def _leftovers(output: Path) -> list[str]:
    sets = output / ".reportkit" / "sets"
    current = os.readlink(output / ".reportkit" / "current").removeprefix("sets/")
    stale = [p.name for p in sets.iterdir() if p.name != current]
    return stale + [p.name for p in output.rglob("*.tmp")]


def test_a_full_disk_keeps_the_old_set_whole(tmp_path: Path, small_disk: Path) -> None:
    root = _project(tmp_path / "project")
    output = small_disk / "output"
    epoch = {"SOURCE_DATE_EPOCH": "1795651200"}
    assert (
        quick("build", "--output-dir", str(output), cwd=root, env=os.environ | epoch).returncode
        == 0
    )
    before = _published(output)
    newer = os.environ | {"SOURCE_DATE_EPOCH": "1795737600"}
    filler = small_disk / "filler"
    refused = []
    # from no room for the first file to room for all but the last
    for spare in (8, 120, 300, 420):
        filler.unlink(missing_ok=True)
        free = shutil.disk_usage(small_disk).free
        with open(filler, "wb") as handle:
            handle.write(b"\0" * max(free - spare * 1024, 0))
        done = quick("build", "--output-dir", str(output), cwd=root, env=newer)
        if done.returncode == 0:  # it fitted after all: then it is the whole new set
            assert _published(output) != before
            break
        failed(done, "no space left on the device", "still holds the earlier set", str(output))
        assert _published(output) == before
        assert _leftovers(output) == []
        refused.append(spare)
    assert refused[:3] == [8, 120, 300], refused
    filler.unlink(missing_ok=True)
    assert quick("build", "--output-dir", str(output), cwd=root, env=newer).returncode == 0
    assert _published(output) != before and _leftovers(output) == []


def test_a_read_only_output_directory(tmp_path: Path) -> None:
    root = _project(tmp_path / "project")
    output = tmp_path / "ro"
    output.mkdir()
    if os.geteuid() == 0:  # root writes through permissions: mount a read-only disk
        _mount(output, "ro")
        words = ["the file system is read-only"]
    else:
        output.chmod(0o555)
        words = ["permission denied", "chmod u+w"]
    try:
        done = quick("build", "--format", "pdf", "--output-dir", str(output), cwd=root)
        failed(done, str(output), *words)
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", "-l", str(output)], check=False)
        output.chmod(0o755)


def test_an_output_path_whose_parent_is_a_file(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (tmp_path / "report.pdf").write_bytes(b"a file")
    done = quick(
        "build", "--format", "pdf", "--output-dir", str(tmp_path / "report.pdf" / "out"), cwd=root
    )
    failed(done, f"{tmp_path / 'report.pdf'} is a file, not a directory")


def test_an_output_directory_that_is_a_symlink_loop(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    done = quick("build", "--format", "pdf", "--output-dir", str(tmp_path / "loop"), cwd=root)
    failed(done, f"{tmp_path / 'loop'} is a symbolic link loop")


def test_a_lock_file_that_is_a_directory(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "output" / ".reportkit" / "lock").mkdir(parents=True)
    done = quick("build", "--format", "pdf", cwd=root)
    failed(done, "output/.reportkit/lock is a directory", "rm -r")


def _hold_lock(output: Path) -> int:
    """Take the build lock of ``output`` as a build would, with this process's pid."""
    state = output / ".reportkit"
    state.mkdir(parents=True, exist_ok=True)
    fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def test_a_held_lock_is_waited_for_by_name_then_given_up(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "s.md").write_text(one_case("事例。"), encoding="utf-8")
    fd = _hold_lock(root / "output")
    try:
        started = time.monotonic()
        done = quick(
            "build", "--source", "s.md", "--format", "pdf", "--lock-timeout", "1", cwd=root
        )
        assert time.monotonic() - started < 30
    finally:
        os.close(fd)
    pid = f"pid {os.getpid()}"
    stderr = failed(done, f"waiting for {pid}", f"gave up after 1 s: {pid} still holds the lock")
    assert stderr.index("waiting") < stderr.index("gave up")


def test_a_lock_released_while_waiting_lets_the_build_finish(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / "s.md").write_text(one_case("事例。"), encoding="utf-8")
    fd = _hold_lock(root / "output")
    threading.Timer(3.0, os.close, [fd]).start()
    done = quick("build", "--source", "s.md", "--format", "pdf", cwd=root)
    assert done.returncode == 0, done.stderr
    assert f"waiting for pid {os.getpid()}" in done.stderr
    assert (root / "output" / "s.pdf").read_bytes().startswith(b"%PDF")
