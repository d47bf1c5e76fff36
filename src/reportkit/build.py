"""Build: render every target (in parallel processes), then publish all or nothing.

A target is one output file: a format of one view. Rendering happens in memory; only
when every target rendered does publishing start, under a lock on the output directory:
each file goes to a temporary name and is renamed into place, then ``manifest.json``
records inputs and outputs. A failed renderer therefore leaves every earlier output as
it was, and two builds started together leave one consistent set.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import json
import multiprocessing
import os
import platform
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from reportkit import __version__, writers
from reportkit.errors import BuildError, ReportkitError
from reportkit.publish import write_atomic
from reportkit.view import View

MANIFEST = "manifest.json"
LOCK = ".reportkit.lock"
LIBRARIES = ("python-docx", "reportlab", "openpyxl", "pydantic", "click")


@dataclass
class Target:
    """One output file to make."""

    fmt: str
    path: Path
    view: View
    profile: str | None = None
    key: str = field(default="", repr=False)


@dataclass
class Outcome:
    """What happened to one target."""

    target: Target
    status: str  # written | unchanged | up-to-date | differs | missing | failed | not-built
    seconds: float = 0.0
    sha256: str | None = None
    size: int | None = None
    error: str | None = None

    def as_json(self) -> dict:
        return {
            "format": self.target.fmt,
            "profile": self.target.profile,
            "path": self.target.path.as_posix(),
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "sha256": self.sha256,
            "size": self.size,
            "error": self.error,
        }


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape the outputs."""
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


@functools.cache
def code_fingerprint() -> str:
    """A hash of reportkit's own code and data, so a changed writer is never skipped."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".tsv", ".toml"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def view_digest(view: View) -> str:
    """A hash of the whole view (document, meeting, timestamp, fonts)."""
    return hashlib.sha256(view.model_dump_json().encode()).hexdigest()


def input_key(target: Target, versions: dict[str, str], view_hash: str) -> str:
    """A hash of everything an output depends on: view, format, code and library versions."""
    digest = hashlib.sha256()
    header = f"{target.fmt}\0{__version__}\0{code_fingerprint()}\0{json.dumps(versions, sort_keys=True)}\0"
    digest.update(header.encode())
    digest.update(writers.fingerprint(target.fmt, target.view).encode())
    digest.update(view_hash.encode())
    return digest.hexdigest()


def _render(fmt: str, view: View) -> tuple[bytes, float]:
    started = time.perf_counter()
    data = writers.render(fmt, view)
    return data, time.perf_counter() - started


# Targets a forked worker inherits from its parent instead of receiving them pickled:
# at 20,000 cases, pickling a view costs seconds and a copy of it in every worker.
_INHERITED: list[Target] = []


def _render_inherited(index: int) -> tuple[bytes, float]:
    target = _INHERITED[index]
    return _render(target.fmt, target.view)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ReportkitError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def render_all(
    targets: list[Target], jobs: int
) -> tuple[dict[int, tuple[bytes, float]], dict[int, str]]:
    """Render every target; returns (index -> (bytes, seconds), index -> error).

    With more than one job the targets render in worker processes: forked ones (Linux)
    inherit the targets, spawned ones (macOS, Windows) receive them pickled.
    """
    done: dict[int, tuple[bytes, float]] = {}
    failed: dict[int, str] = {}
    if jobs <= 1 or len(targets) <= 1:
        for index, target in enumerate(targets):
            try:
                done[index] = _render(target.fmt, target.view)
            except Exception as exc:
                failed[index] = _describe(exc)
        return done, failed
    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _INHERITED[:] = targets
    gc.freeze()  # keep the inherited objects' pages shared with the workers
    try:
        with ProcessPoolExecutor(min(jobs, len(targets)), context) as pool:
            futures: dict[int, Future] = {
                index: pool.submit(_render_inherited, index)
                if fork
                else pool.submit(_render, target.fmt, target.view)
                for index, target in enumerate(targets)
            }
            for index, future in futures.items():
                try:
                    done[index] = future.result()
                except Exception as exc:
                    failed[index] = _describe(exc)
    finally:
        gc.unfreeze()
        _INHERITED.clear()
    return done, failed


def default_jobs() -> int:
    """Worker processes: one per core, at most three (one per format)."""
    return max(1, min(3, os.cpu_count() or 1))


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha256(path: Path) -> str | None:
    try:
        return _sha256(path.read_bytes())
    except OSError:
        return None


def read_manifest(directory: Path) -> dict:
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


def _manifest(old: dict, directory: Path, source: Path, results: list[Outcome]) -> dict:
    outputs = {
        name: entry
        for name, entry in (old.get("outputs") or {}).items()
        if isinstance(entry, dict) and (directory / name).is_file()
    }
    source_entry = {"path": _portable(source), "sha256": _file_sha256(source)}
    for result in results:
        target = result.target
        outputs[target.path.name] = {
            "format": target.fmt,
            "profile": target.profile,
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


def up_to_date(target: Target, manifest: dict) -> str | None:
    """The sha256 of the target's file when the manifest says it was built from the same inputs."""
    entry = (manifest.get("outputs") or {}).get(target.path.name)
    if not isinstance(entry, dict) or entry.get("inputs") != target.key:
        return None
    sha = _file_sha256(target.path)
    return sha if sha and sha == entry.get("sha256") else None


def build(
    targets: list[Target], directory: Path, source: Path, *, force: bool, jobs: int
) -> list[Outcome]:
    """Render what changed and publish it atomically; raises BuildError naming failed formats."""
    versions = library_versions()
    view_hashes: dict[int, str] = {}
    for target in targets:
        if id(target.view) not in view_hashes:
            view_hashes[id(target.view)] = view_digest(target.view)
        target.key = input_key(target, versions, view_hashes[id(target.view)])
    manifest = read_manifest(directory)
    outcomes: dict[int, Outcome] = {}
    pending: list[int] = []
    for index, target in enumerate(targets):
        sha = None if force else up_to_date(target, manifest)
        if sha:
            outcomes[index] = Outcome(
                target, "unchanged", sha256=sha, size=target.path.stat().st_size
            )
        else:
            pending.append(index)
    done, failed = render_all([targets[i] for i in pending], jobs)
    if failed:
        names = []
        for local, message in sorted(failed.items()):
            target = targets[pending[local]]
            names.append(f"{target.fmt} ({target.path.name}): {message}")
        raise BuildError(
            "build failed, nothing was written (earlier outputs are unchanged):\n  "
            + "\n  ".join(names),
            ", ".join(targets[pending[local]].fmt for local in sorted(failed)),
        )
    written: list[Outcome] = []
    with locked(directory):
        for local, (data, seconds) in sorted(done.items()):
            target = targets[pending[local]]
            write_atomic(target.path, data)
            outcome = Outcome(target, "written", seconds, _sha256(data), len(data))
            outcomes[pending[local]] = outcome
            written.append(outcome)
        fresh = read_manifest(directory)
        text = json.dumps(
            _manifest(fresh, directory, source, list(outcomes.values())),
            ensure_ascii=False,
            indent=2,
        )
        write_atomic(directory / MANIFEST, (text + "\n").encode("utf-8"))
    return [outcomes[i] for i in range(len(targets))]


def check(targets: list[Target], *, jobs: int) -> list[Outcome]:
    """Compare each output with what a build would write now; writes nothing."""
    done, failed = render_all(targets, jobs)
    outcomes = []
    for index, target in enumerate(targets):
        if index in failed:
            outcomes.append(Outcome(target, "failed", error=failed[index]))
            continue
        data, seconds = done[index]
        sha = _sha256(data)
        current = _file_sha256(target.path)
        status = "up-to-date" if current == sha else ("missing" if current is None else "differs")
        outcomes.append(Outcome(target, status, seconds, sha, len(data)))
    return outcomes
