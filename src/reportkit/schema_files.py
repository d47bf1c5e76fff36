"""Where the user-editable data files of ``schema/`` are (blocks.toml, lint-words.toml)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def schema_dir() -> Path:
    """``schema/``: inside an installed wheel, or in the repository of a checkout.

    The wheel carries the repository's ``schema/`` as ``reportkit/schema``; an editable
    install reads it from the repository root.
    """
    packaged = _PACKAGE / "schema"
    return packaged if packaged.is_dir() else _PACKAGE.parents[1] / "schema"


def schema_file(name: str) -> Path:
    """``schema/<name>`` (see :func:`schema_dir`)."""
    return schema_dir() / name
