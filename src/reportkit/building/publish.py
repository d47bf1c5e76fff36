"""Publishing: the whole output set appears at once, or not at all.

An output directory holds the published files as links into one hidden set, and
reportkit's bookkeeping beside them::

    output/
      torikumi-jirei.pdf -> .reportkit/current/torikumi-jirei.pdf
      manifest.json      -> .reportkit/current/manifest.json
      .reportkit/
        lock             held while publishing; holds the publisher's pid
        current          -> sets/<id>: the published set
        sets/<id>/       the files of a set

A build writes a complete new set (and its manifest) into ``sets/``, makes the links of
new names, then switches ``current`` with one rename: until then every link resolves
into the old set, afterwards into the new one. A build killed or out of space at any
instant leaves the old set visible, and the next build removes what it left.

Where links cannot be made (Windows without Developer Mode, FAT file systems), the files
are moved into place one by one after a journal names the complete set; a build that
finds a journal completes it first, so a mixed set lasts at most until the next build.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from reportkit import __version__
from reportkit.building.inputs import library_versions
from reportkit.building.plan import Outcome, Target
from reportkit.errors import BuildError, describe_os_error

MANIFEST = "manifest.json"
STATE = ".reportkit"
LOCK = "lock"
CURRENT = "current"
SETS = "sets"
JOURNAL = "journal"
LEGACY_LOCK = ".reportkit.lock"  # where reportkit 0.1 kept its lock: in the published set
LOCK_TIMEOUT = 600.0
_TEMPORARY = ".tmp"


def checkpoint(step: str) -> None:
    """Called after every change publishing makes on disk; tests inject faults here."""


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


# -- single files ------------------------------------------------------------------------


def _fsync_directory(directory: Path) -> None:
    """Make a directory's new entries durable (a no-op where directories cannot be opened)."""
    if sys.platform == "win32":  # pragma: no cover - Windows has no directory fsync
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)  # an edition's folder in a new set
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.chmod(path, 0o644)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_TEMPORARY, dir=path.parent)
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


def _place_link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target``, replacing what is there in one rename."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    temporary = path.with_name(f".{path.name}.{os.getpid()}{_TEMPORARY}")
    temporary.unlink(missing_ok=True)
    os.symlink(target, temporary)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


# -- the lock ----------------------------------------------------------------------------


def _holder(handle: IO[bytes]) -> str:
    handle.seek(0)
    pid = handle.read(32).decode("ascii", "replace").strip()
    return f"pid {pid}" if pid.isdigit() else "another process"


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(4096)  # lock a byte past the pid, which stays readable
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(4096)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def locked(
    directory: Path,
    *,
    timeout: float = LOCK_TIMEOUT,
    waiting: Callable[[str], None] = lambda message: None,
) -> Iterator[None]:
    """Hold the lock of ``directory``; wait at most ``timeout`` seconds for another build.

    ``waiting`` hears once that the build waits, and for whom (the pid in the lock file).
    """
    state = directory / STATE
    _make_directory(state)
    path = state / LOCK
    try:
        handle = open(path, "r+b" if path.exists() else "w+b")  # noqa: SIM115 - held below
    except IsADirectoryError:
        raise BuildError(
            f"{path} is a directory, but reportkit keeps its lock file there\n"
            f"  hint: remove it (rm -r {path}); no build is using it as a lock"
        ) from None
    with handle:
        deadline = time.monotonic() + timeout
        told = False
        while not _try_lock(handle):
            holder = _holder(handle)
            if not told:
                waiting(
                    f"waiting for {holder}, which is publishing into {directory} "
                    f"(giving up after {timeout:g} s; see --lock-timeout)"
                )
                told = True
            if time.monotonic() >= deadline:
                raise BuildError(
                    f"gave up after {timeout:g} s: {holder} still holds the lock of {directory}"
                    f" ({path})\n  hint: wait for that build to finish, or stop it; "
                    "a lock held by no running process is released by the system"
                )
            time.sleep(min(0.2, max(timeout, 0.0)))
        try:
            _record_pid(handle)
            yield
        finally:
            with suppress(OSError):
                handle.truncate(0)
            _unlock(handle)


def _record_pid(handle: IO[bytes]) -> None:
    """Write our pid into the lock file, for a build that has to wait to name us."""
    with suppress(OSError):  # only informative; a full disk must not stop the build here
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n".encode("ascii"))
        handle.flush()


def _make_directory(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if exc.errno in (errno.EEXIST, errno.ENOTDIR, errno.ELOOP):
            raise BuildError(_not_a_directory(directory)) from None
        raise BuildError(describe_os_error(exc, "create the directory")) from None


def _not_a_directory(path: Path) -> str:
    for part in (path, *path.parents):
        if part.is_symlink() and not part.exists():
            try:
                part.resolve(strict=True)
            except (RuntimeError, OSError) as exc:  # Python 3.11 and 3.13 word a loop apart
                if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
                    return f"{part} is a symbolic link loop\n  hint: remove the link or point it at a directory"
                return f"{part} is a symbolic link to nothing ({os.readlink(part)})\n  hint: fix the link or remove it"
        if part.exists() and not part.is_dir():
            return f"{part} is a file, not a directory\n  hint: move the file away or choose another --output-dir"
    return f"{path} is not a directory\n  hint: choose another --output-dir"


# -- the set -----------------------------------------------------------------------------


class OutputSet:
    """The published set of an output directory and the hidden sets behind it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.state = directory / STATE
        self.sets = self.state / SETS
        self.current = self.state / CURRENT
        self.journal = self.state / JOURNAL

    def link_target(self, name: str) -> str:
        return f"{STATE}/{CURRENT}/{name}"

    def current_set(self) -> Path | None:
        if not self.current.is_symlink():
            return None
        found = self.state / os.readlink(self.current)
        return found if found.is_dir() else None

    def files(self) -> dict[str, Path]:
        """Every published file by name (the manifest included), where it really is."""
        current = self.current_set()
        if current is not None:
            found = sorted(path for path in current.rglob("*") if path.is_file())
            return {path.relative_to(current).as_posix(): path for path in found}
        names = set(read_manifest(self.directory).get("outputs") or {}) | {MANIFEST}
        return {
            name: self.directory / name
            for name in sorted(names)
            if "/" not in name and (self.directory / name).is_file()
        }

    # -- recovery ----------------------------------------------------------------------

    def recover(self) -> None:
        """Finish or undo what an interrupted build left; remove stale temporary files."""
        _make_directory(self.sets)
        if self.current.exists() and not self.current.is_symlink():
            _remove(self.current)  # a copy of the directory (links followed): not ours
            checkpoint("removed a current that was not a link")
        if self.journal.is_file():
            self._roll_forward(self.sets / self.journal.read_text(encoding="utf-8").strip())
        keep = self.current_set()
        for entry in sorted(self.sets.iterdir()):
            if entry != keep:
                _remove(entry)
                checkpoint(f"removed stale set {entry.name}")
        for directory in (self.directory, self.state):
            for entry in sorted(directory.iterdir()):
                if entry.name.startswith(".") and entry.name.endswith(_TEMPORARY):
                    _remove(entry)
                    checkpoint(f"removed temporary {entry.name}")
        legacy = self.directory / LEGACY_LOCK
        if legacy.is_file() and not legacy.is_symlink():
            legacy.unlink()
            checkpoint("removed the old lock file")

    # -- publishing --------------------------------------------------------------------

    def publish(self, written: dict[str, bytes], manifest: Callable[[set[str]], bytes]) -> None:
        """Publish ``written`` with the other files of the current set, and the manifest.

        ``manifest`` makes the manifest's bytes from the names of the new set.
        """
        links = _links_work(self.state)
        if links and self.current_set() is None and self.files():
            self._adopt()
        old = self.files()
        fresh = _new_set(self.sets)
        try:
            checkpoint("created the new set's directory")
            for name, data in sorted(written.items()):
                _write(fresh / name, data)
                checkpoint(f"wrote {name}")
            for name, path in old.items():
                if name not in written and name != MANIFEST:
                    _copy(path, fresh / name)
                    checkpoint(f"kept {name}")
            names = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*") if p.is_file()}
            _write(fresh / MANIFEST, manifest(names))
            checkpoint("wrote the manifest")
            _fsync_directory(fresh)
            if links:  # an edition's folder is linked as a whole
                self._switch(fresh, {name.split("/", 1)[0] for name in names} | {MANIFEST})
            else:
                self._move_into_place(fresh)
        except BaseException:
            if fresh.exists() and fresh != self.current_set() and not self.journal.exists():
                _remove(fresh)
            raise
        self.recover()

    def _switch(self, fresh: Path, names: set[str]) -> None:
        for name in sorted(names):
            _place_link(self.directory / name, self.link_target(name))
            checkpoint(f"linked {name}")
        _place_link(self.current, f"{SETS}/{fresh.name}")
        _fsync_directory(self.state)
        checkpoint("switched to the new set")
        for entry in sorted(self.directory.iterdir()):
            ours = entry.is_symlink() and os.readlink(entry) == self.link_target(entry.name)
            if ours and entry.name not in names:
                entry.unlink()
                checkpoint(f"unlinked {entry.name}")

    def _adopt(self) -> None:
        """Turn the plain files of an older reportkit into the current set, unchanged."""
        adopted = _new_set(self.sets)
        for name, path in self.files().items():
            _copy(path, adopted / name)
            checkpoint(f"adopted {name}")
        _fsync_directory(adopted)
        _place_link(self.current, f"{SETS}/{adopted.name}")
        checkpoint("switched to the adopted set")
        for name in sorted(path.name for path in adopted.iterdir()):
            _place_link(self.directory / name, self.link_target(name))
            checkpoint(f"linked {name}")

    def _move_into_place(self, fresh: Path) -> None:
        write_atomic(self.journal, fresh.name.encode("utf-8"))
        checkpoint("wrote the journal")
        self._roll_forward(fresh)

    def _roll_forward(self, fresh: Path) -> None:
        """Move the files of a journalled set into place, the manifest last."""
        if fresh.is_dir():
            entries = sorted(fresh.iterdir(), key=lambda path: (path.name == MANIFEST, path.name))
            for path in entries:
                if path.is_dir():  # an edition's folder replaces the one before it
                    _remove(self.directory / path.name)
                os.replace(path, self.directory / path.name)
                checkpoint(f"moved {path.name}")
            _fsync_directory(self.directory)
            _remove(fresh)
        self.journal.unlink()
        checkpoint("removed the journal")


def _new_set(sets: Path) -> Path:
    """A new, empty set directory with a name no other set had."""
    fresh = Path(tempfile.mkdtemp(prefix="", dir=sets))
    os.chmod(fresh, 0o755)
    return fresh


def _links_work(state: Path) -> bool:
    """True when symbolic links can be made here (not on FAT, nor Windows without them)."""
    probe = state / f".probe.{os.getpid()}{_TEMPORARY}"
    probe.unlink(missing_ok=True)
    try:
        os.symlink(SETS, probe)
    except (OSError, NotImplementedError):
        return False
    probe.unlink()
    return True


def _copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one, else a copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise
        shutil.copyfile(source, target)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


# -- the manifest ------------------------------------------------------------------------


def _portable(path: Path) -> str:
    """A path as recorded: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.name


def manifest_for(
    old: dict[str, Any], names: set[str], source: Path, results: list[Outcome]
) -> dict[str, Any]:
    """The manifest of a set holding ``names``: the old entries of kept files, new ones."""
    outputs = {
        name: entry
        for name, entry in (old.get("outputs") or {}).items()
        if isinstance(entry, dict) and name in names
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


def publish(
    directory: Path,
    source: Path,
    outcomes: list[Outcome],
    written: dict[str, bytes],
    *,
    lock_timeout: float = LOCK_TIMEOUT,
    waiting: Callable[[str], None] = lambda message: None,
    extend: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
) -> None:
    """Publish ``written`` (name -> bytes) into ``directory`` with a manifest of ``outcomes``.

    ``extend(old, new)`` may add to the new manifest what it keeps from the old one.
    """

    def manifest(names: set[str]) -> bytes:
        old = read_manifest(directory)
        entries = manifest_for(old, names, source, outcomes)
        if extend is not None:
            extend(old, entries)
        return (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    publish_files(directory, written, manifest, lock_timeout=lock_timeout, waiting=waiting)


def publish_files(
    directory: Path,
    written: dict[str, bytes],
    manifest: Callable[[set[str]], bytes],
    *,
    lock_timeout: float = LOCK_TIMEOUT,
    waiting: Callable[[str], None] = lambda message: None,
) -> None:
    """Under the lock: recover, then publish ``written`` and the manifest made for the set.

    Raises BuildError naming the path and the cause when the file system refuses; the
    set published before stays in place.
    """
    output = OutputSet(directory)
    try:
        with locked(directory, timeout=lock_timeout, waiting=waiting):
            output.recover()
            output.publish(written, manifest)
    except OSError as exc:
        if output.journal.exists():
            after = f"{directory} holds part of the new set; the next build completes it"
        else:
            after = f"nothing was published: {directory} still holds the earlier set"
        raise BuildError(f"{describe_os_error(exc, 'publish into')}\n  {after}") from None
