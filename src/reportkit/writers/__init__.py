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


# Extra inputs a writer depends on besides the view, found without importing the writer's
# library: module -> function(fonts) -> str.
_FINGERPRINTS: dict[str, str] = {"pdf": "reportkit.writers.pdf.font_files"}


def fingerprint(fmt: str, view: View) -> str:
    """What else ``fmt``'s output depends on (the PDF: the font files it may pick).

    Builds hash it with the view to skip unchanged outputs; it never imports a writer
    library, so a no-op build stays cheap.
    """
    module = _FINGERPRINTS.get(fmt)
    return importlib.import_module(module).inventory(view.fonts) if module else ""
