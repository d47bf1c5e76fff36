"""What an output depends on, hashed: the view, the format, reportkit's code, the libraries.

A build skips an output whose input key matches the one its manifest records.
"""

from __future__ import annotations

import functools
import hashlib
import json

from reportkit import __version__, formats
from reportkit.noop import code_files, installed_versions
from reportkit.view import View


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape the outputs ("missing" when not installed)."""
    return installed_versions(formats.libraries())


@functools.cache
def code_fingerprint() -> str:
    """A hash of reportkit's own code and data files (path, size, modification time), so
    a changed writer is never skipped; the quick no-op checks the same."""
    digest = hashlib.sha256()
    for line in code_files():
        digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
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
