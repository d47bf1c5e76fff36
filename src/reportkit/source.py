"""Loading a source: read it with the reader its suffix names, then resolve every actor."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.places.blocks import BlockScheme
from reportkit.readers import ReadOptions, locate, read


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


def load(
    source: Path, scheme: BlockScheme | None = None, options: ReadOptions | None = None
) -> Document:
    """Read ``source`` and resolve every actor; raises SourceError with all problems."""
    from reportkit.places.resolve import resolve

    name = str(source)
    with gc_paused():
        document = read(source, name=name, options=options)
        try:
            return resolve(document, name, scheme)
        except SourceError as exc:
            raise SourceError(locate(exc.problems, name, document)) from None
