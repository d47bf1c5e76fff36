"""Publishing: write outputs under a lock, each atomically, and record them in the manifest."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportkit import __version__
from reportkit.build.inputs import library_versions
from reportkit.build.plan import Outcome, Target

MANIFEST = "manifest.json"
LOCK = ".reportkit.lock"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def locked(directory: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``directory`` (its ``.reportkit.lock`` file)."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / LOCK, "a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def read_manifest(directory: Path) -> dict[str, Any]:
    """The manifest of ``directory``, or an empty one when missing or unreadable."""
    try:
        data = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _portable(path: Path) -> str:
    """A path as recorded: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def manifest_for(
    old: dict[str, Any], directory: Path, source: Path, results: list[Outcome]
) -> dict[str, Any]:
    outputs = {
        name: entry
        for name, entry in (old.get("outputs") or {}).items()
        if isinstance(entry, dict) and (directory / name).is_file()
    }
    source_entry = {"path": _portable(source), "sha256": file_sha256(source)}
    for result in results:
        target = result.target
        outputs[target.name] = {
            "format": target.fmt,
            "meeting": target.meeting,
            "sha256": result.sha256,
            "size": result.size,
            "source": source_entry,
            "inputs": target.key,
        }
    return {
        "generator": f"reportkit {__version__}",
        "python": platform.python_version(),
        "libraries": library_versions(),
        "source": source_entry,
        "outputs": dict(sorted(outputs.items())),
    }


def up_to_date(target: Target, manifest: dict[str, Any]) -> str | None:
    """The sha256 of the target's file when the manifest says it was built from the same inputs."""
    entry = (manifest.get("outputs") or {}).get(target.name)
    if not isinstance(entry, dict) or entry.get("inputs") != target.key:
        return None
    sha = file_sha256(target.path)
    return sha if sha and sha == entry.get("sha256") else None
