"""Loading a source: read it with the reader its suffix names, then resolve every actor."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportkit.model import Document
from reportkit.places.blocks import BlockScheme
from reportkit.readers import read
from reportkit.readers.text import MAX_BYTES


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for work that makes no reference cycles.

    Reading, resolving and rendering build large trees of acyclic objects; the
    collector's passes over them find nothing to free.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def load(source: Path, scheme: BlockScheme | None = None, *, limit: int = MAX_BYTES) -> Document:
    """Read ``source`` (at most ``limit`` bytes) and resolve every actor.

    Raises SourceError with all problems.
    """
    from reportkit.places.resolve import resolve

    name = str(source)
    with gc_paused():
        return resolve(read(source, name=name, limit=limit), name, scheme)
