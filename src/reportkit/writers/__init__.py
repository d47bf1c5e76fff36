"""Writers: a :class:`~reportkit.view.View` -> the bytes of one output format.

Each format lives in its own module ``reportkit.writers.<format>`` exposing
``render(view: View) -> bytes``. Modules are imported only when that format is built,
so commands that render nothing never load reportlab, python-docx or openpyxl.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportkit.view import View

FORMATS: tuple[str, ...] = ("pdf", "docx", "xlsx")
SUFFIXES: dict[str, str] = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx"}


def available(fmt: str) -> bool:
    """True when the writer for ``fmt`` is installed."""
    spec = importlib.util.find_spec(f"reportkit.writers.{fmt}")
    return spec is not None and spec.origin is not None  # not a half-made namespace package


def render(fmt: str, view: View) -> bytes:
    """Render ``view`` in ``fmt``; the writer module is imported on first use."""
    module = importlib.import_module(f"reportkit.writers.{fmt}")
    return module.render(view)


def fingerprint(fmt: str, view: View) -> str:
    """What else a writer's output depends on besides the view (e.g. the fonts it found).

    A writer may define ``fingerprint(view) -> str``; builds compare it to skip no-op work.
    """
    module = importlib.import_module(f"reportkit.writers.{fmt}")
    function = getattr(module, "fingerprint", None)
    return function(view) if function else ""
