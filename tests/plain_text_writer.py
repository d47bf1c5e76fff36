"""A throwaway writer, as a new contributor would write one: plain text of a view."""

from __future__ import annotations

from reportkit.view import View


def render(view: View) -> bytes:
    lines = [view.title, ""]
    for case in view.document.cases():
        lines.append(f"{case.id} {case.full_text}")
    return ("\n".join(lines) + "\n").encode("utf-8")
