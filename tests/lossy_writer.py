"""A workbook writer that loses the last case, as a writer bug would."""

from __future__ import annotations

from reportkit.view import View
from reportkit.writers.xlsx import render as render_xlsx


def render(view: View) -> bytes:
    document = view.document
    last = document.sections[-1]
    topic = last.topics[-1].model_copy(update={"cases": last.topics[-1].cases[:-1]})
    section = last.model_copy(update={"topics": [*last.topics[:-1], topic]})
    shorter = document.model_copy(update={"sections": [*document.sections[:-1], section]})
    return render_xlsx(view.model_copy(update={"document": shorter}))
