"""Publishing is all or nothing: killed or out of space at every step, a reader of the
output directory sees the old set or the new one, each with its own manifest."""

from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from reportkit.building import publish
from reportkit.errors import BuildError

OLD = {"a.pdf": b"old pdf", "a.docx": b"old docx", "other.xlsx": b"another meeting's"}
NEW = {"a.pdf": b"new pdf " * 1000, "a.docx": b"new docx", "b.pdf": b"a new meeting"}


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _manifest_of(contents: dict[str, bytes]) -> Callable[[set[str]], bytes]:
    """A manifest listing each file of the set with the sha256 of what it holds."""

    def make(names: set[str]) -> bytes:
        outputs = {name: {"sha256": _sha(contents[name])} for name in sorted(names)}
        return json.dumps({"outputs": outputs}).encode()

    return make


def _publish(directory: Path, written: dict[str, bytes], known: dict[str, bytes]) -> None:
    publish.publish_files(directory, written, _manifest_of(known), lock_timeout=5)


def visible(directory: Path) -> dict[str, str]:
    """What a reader of ``directory`` sees: the sha256 of every file it can open."""
    seen = {}
    for entry in directory.iterdir():
        if entry.name.startswith("."):
            continue
        try:
            seen[entry.name] = _sha(entry.read_bytes())
        except FileNotFoundError:  # a link to a file the published set does not have
            continue
    return seen


def expected(contents: dict[str, bytes]) -> dict[str, str]:
    names = set(contents)
    return {name: _sha(data) for name, data in contents.items()} | {
        "manifest.json": _sha(_manifest_of(contents)(names))
    }


def assert_consistent(directory: Path) -> None:
    """The visible manifest lists exactly the visible files, each with its sha256."""
    seen = visible(directory)
    manifest = json.loads((directory / "manifest.json").read_bytes())
    files = {name: sha for name, sha in seen.items() if name != "manifest.json"}
    assert {name: entry["sha256"] for name, entry in manifest["outputs"].items()} == files


def assert_clean(directory: Path) -> None:
    """No temporary file anywhere, one set, no journal."""
    state = directory / ".reportkit"
    assert not [p for p in directory.rglob("*") if p.name.endswith(".tmp")]
    assert not (state / "journal").exists()
    sets = sorted(p.name for p in (state / "sets").iterdir())
    if (state / "current").is_symlink():
        assert sets == [os.readlink(state / "current").removeprefix("sets/")]
    else:
        assert sets == []


@pytest.fixture(params=["links", "moves"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Publishing with symbolic links, or (as on FAT or Windows without them) by moves."""
    if request.param == "moves":
        monkeypatch.setattr(publish, "_links_work", lambda state: False)
    return str(request.param)


@pytest.fixture
def published(tmp_path: Path, mode: str) -> Path:
    """An output directory holding the old set."""
    directory = tmp_path / "output"
    _publish(directory, OLD, OLD)
    assert visible(directory) == expected(OLD)
    return directory


def _steps(directory: Path, scratch: Path) -> list[str]:
    """Every checkpoint of publishing the new set over a copy of ``directory``."""
    copy = scratch / "dry-run"
    shutil.copytree(directory, copy, symlinks=True)
    steps: list[str] = []
    original = publish.checkpoint
    publish.checkpoint = steps.append
    try:
        _publish(copy, NEW, OLD | NEW)
    finally:
        publish.checkpoint = original
    assert visible(copy) == expected(OLD | NEW)
    return steps


def _killed_at(directory: Path, step: int) -> int:
    """Publish the new set in a child process that is SIGKILLed at checkpoint ``step``."""

    def child() -> None:
        count = 0

        def hook(name: str) -> None:
            nonlocal count
            if count == step:
                os.kill(os.getpid(), signal.SIGKILL)
            count += 1

        publish.checkpoint = hook
        _publish(directory, NEW, OLD | NEW)
        os._exit(0)

    process = multiprocessing.get_context("fork").Process(target=child)
    process.start()
    process.join(60)
    assert process.exitcode is not None
    return process.exitcode


def test_a_kill_at_every_step_leaves_the_old_or_the_new_set(
    published: Path, tmp_path: Path, mode: str
) -> None:
    steps = _steps(published, tmp_path)
    assert len(steps) >= 10, steps
    old, new = expected(OLD), expected(OLD | NEW)
    outcomes = []
    for step in range(len(steps)):
        directory = tmp_path / f"kill-{step}"
        shutil.copytree(published, directory, symlinks=True)
        assert _killed_at(directory, step) == -signal.SIGKILL, steps[step]
        seen = visible(directory)
        journal = (directory / ".reportkit" / "journal").exists()
        if mode == "links" or not journal:
            assert seen in (old, new), f"mixed set after a kill after: {steps[step]}"
            assert_consistent(directory)
        if journal:
            outcomes.append("journalled")
        else:
            outcomes.append("new" if seen == new else "old")
        # the next build: recovers, then publishes the same files again
        _publish(directory, {}, OLD if outcomes[-1] == "old" else OLD | NEW)
        assert visible(directory) in (old, new)
        assert visible(directory) == (old if outcomes[-1] == "old" else new)
        assert_consistent(directory)
        assert_clean(directory)
    assert outcomes[0] == "old" and outcomes[-1] == "new"


def test_no_space_at_every_step_keeps_the_old_set(
    published: Path, tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = _steps(published, tmp_path)
    for step in range(len(steps)):
        directory = tmp_path / f"full-{step}"
        shutil.copytree(published, directory, symlinks=True)
        count = 0

        def full(name: str, step: int = step, directory: Path = directory) -> None:
            nonlocal count
            count += 1
            if count - 1 == step:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(directory / name))

        monkeypatch.setattr(publish, "checkpoint", full)
        with pytest.raises(BuildError) as failure:
            _publish(directory, NEW, OLD | NEW)
        message = str(failure.value)
        assert "no space left on the device" in message and str(directory) in message
        monkeypatch.setattr(publish, "checkpoint", lambda name: None)
        journal = (directory / ".reportkit" / "journal").exists()
        if journal:  # moves after the journal: the next build completes the set
            assert mode == "moves" and "the next build completes it" in message
        elif visible(directory) != expected(OLD | NEW):  # failed before the switch
            assert visible(directory) == expected(OLD), steps[step]
            assert "still holds the earlier set" in message
            assert_clean(directory)
        _publish(directory, NEW, OLD | NEW)
        assert visible(directory) == expected(OLD | NEW)
        assert_clean(directory)


def test_a_reader_never_sees_bookkeeping(published: Path, mode: str) -> None:
    names = sorted(p.name for p in published.iterdir())
    assert names == sorted([".reportkit", *OLD, "manifest.json"])
    state = sorted(p.name for p in (published / ".reportkit").iterdir())
    assert state == (["current", "lock", "sets"] if mode == "links" else ["lock", "sets"])


def test_stale_files_of_an_older_reportkit_are_adopted_and_cleaned(tmp_path: Path) -> None:
    """Plain files, the old lock and a leftover temporary file, as reportkit 0.1 left them."""
    directory = tmp_path / "output"
    directory.mkdir()
    for name, data in OLD.items():
        (directory / name).write_bytes(data)
    (directory / "manifest.json").write_bytes(_manifest_of(OLD)(set(OLD)))
    (directory / ".reportkit.lock").write_bytes(b"")
    (directory / ".a.docx.k2j3h4.tmp").write_bytes(b"half a docx")
    (directory / "notes.txt").write_bytes(b"the user's own file")
    _publish(directory, NEW, OLD | NEW)
    assert visible(directory) == expected(OLD | NEW) | {"notes.txt": _sha(b"the user's own file")}
    assert not (directory / ".reportkit.lock").exists()
    assert_clean(directory)
    assert (directory / "a.pdf").is_symlink() and not (directory / "notes.txt").is_symlink()
