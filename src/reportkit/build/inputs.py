"""What an output depends on, hashed: the view, the format, reportkit's code, the libraries.

A build skips an output whose input key matches the one its manifest records.
"""

from __future__ import annotations

import functools
import hashlib
import json
from importlib import metadata
from pathlib import Path

from reportkit import __version__, formats
from reportkit.view import View


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape the outputs."""
    found = {}
    for name in formats.libraries():
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


@functools.cache
def code_fingerprint() -> str:
    """A hash of reportkit's own code and data, so a changed writer is never skipped."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".tsv", ".toml"} and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def view_digest(view: View) -> str:
    """A hash of the whole view (document, meeting, timestamp, fonts)."""
    return hashlib.sha256(view.model_dump_json().encode()).hexdigest()


def input_key(fmt: str, view: View, versions: dict[str, str], view_hash: str) -> str:
    """A hash of everything an output depends on: view, format, code and library versions."""
    digest = hashlib.sha256()
    header = f"{fmt}\0{__version__}\0{code_fingerprint()}\0{json.dumps(versions, sort_keys=True)}\0"
    digest.update(header.encode())
    digest.update(formats.get_writer(fmt).extra_inputs(view.fonts).encode())
    digest.update(view_hash.encode())
    return digest.hexdigest()
