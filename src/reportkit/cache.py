"""The user's cache: data reportkit can always recompute, kept to save time.

Where: ``REPORTKIT_CACHE_DIR`` when set, else the platform's cache directory:
``$XDG_CACHE_HOME/reportkit`` (``~/.cache/reportkit``) on Linux and other Unix systems,
``~/Library/Caches/reportkit`` on macOS, ``%LOCALAPPDATA%\\reportkit\\Cache`` on Windows.
``reportkit build --no-cache`` neither reads nor writes it.

Each entry is one file, written to a temporary name and renamed into place, so two
builds at once each see either no entry or a whole one. An entry carries the SHA-256 of
its payload: a truncated or altered file reads as missing (with a warning), never as data.
A cache that cannot be written (read-only home, full disk) only costs time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

log = logging.getLogger("reportkit.cache")

ENV = "REPORTKIT_CACHE_DIR"
_MAGIC = b"reportkit-cache 1\n"
_enabled = True


def use(enabled: bool) -> None:
    """Turn the cache on or off for this process (and the build's worker processes)."""
    global _enabled
    _enabled = enabled


def enabled() -> bool:
    return _enabled


def default_directory(environ: Mapping[str, str], platform: str, home: Path) -> Path:
    """The cache directory for an environment and a ``sys.platform`` value."""
    if environ.get(ENV):
        return Path(environ[ENV])
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        return (Path(local) if local else home / "AppData" / "Local") / "reportkit" / "Cache"
    if platform == "darwin":
        return home / "Library" / "Caches" / "reportkit"
    xdg = environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else home / ".cache"
    return base / "reportkit"


def directory() -> Path:
    """The cache directory of this process (see the module docstring)."""
    return default_directory(os.environ, sys.platform, Path.home())


def read(name: str) -> bytes | None:
    """The payload of entry ``name`` (a relative path), or None when missing or corrupt."""
    if not _enabled:
        return None
    path = directory() / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head, _, payload = data.partition(b"\n")
    digest, _, payload = payload.partition(b"\n")
    if head + b"\n" != _MAGIC or hashlib.sha256(payload).hexdigest().encode() != digest:
        log.warning("reportkit: ignoring the corrupt cache file %s; it is rebuilt", path)
        return None
    return payload


def write(name: str, payload: bytes) -> None:
    """Store ``payload`` as entry ``name`` atomically; a failure is logged, not raised."""
    if not _enabled:
        return
    path = directory() / name
    data = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("cache: cannot write %s: %s", path, exc)
