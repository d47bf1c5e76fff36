"""How a source is read: how much of it, what becomes of tracked changes, where warnings go."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from reportkit.errors import Problem
from reportkit.readers.text import MAX_BYTES

Changes = Literal["refuse", "accept", "reject"]
"""Tracked changes left in a briefing: refused (an error each), accepted or rejected."""


class SourceWarning(UserWarning):
    """A reader's warning, when the caller gave no ``warn`` of its own."""


def _python_warning(problem: Problem) -> None:
    warnings.warn(str(problem), SourceWarning, stacklevel=2)


@dataclass(frozen=True)
class ReadOptions:
    """What a reader is told besides the bytes; readers without revisions ignore it.

    ``warn`` receives each warning (a comment in a briefing, …) as it is found; by
    default it becomes a Python :class:`SourceWarning`, so none is silently dropped.
    """

    changes: Changes = "refuse"
    warn: Callable[[Problem], None] = _python_warning
    limit: int = MAX_BYTES
    """The largest source read, in bytes (``max_source_mb`` in reportkit.toml)."""
