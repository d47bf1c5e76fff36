"""A writer that fails halfway, as a full disk or a library bug would."""

from __future__ import annotations

from reportkit.view import View


def render(view: View) -> bytes:
    raise RuntimeError("disk on fire halfway through the workbook")
