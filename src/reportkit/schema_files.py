"""Where the user-editable data files of ``schema/`` are (blocks.toml, lint-words.toml)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def schema_file(name: str) -> Path:
    """``schema/<name>``: inside an installed wheel, or in the repository of a checkout.

    The wheel carries the repository's ``schema/`` as ``reportkit/schema``; an editable
    install reads it from the repository root.
    """
    packaged = files("reportkit") / "schema" / name
    if packaged.is_file():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schema" / name
