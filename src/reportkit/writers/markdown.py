"""The source format, written from any document in one canonical form.

Canonical: the title, subtitle and ※ note each on a line of their own; every section
(``1. 題``) and topic (``(題)``) once, in order, with the ``(続き)`` repeats of the
original merged; one case per line (``- 本文【団体】``), emphasis as ``**…**``, the
attribution as the source wrote it (``【…】`` or ``(…)``); a blank line between blocks;
LF line ends, UTF-8 without BOM. Reading it back gives the same document.
"""

from __future__ import annotations

from reportkit.model import Attribution, Case, Document


def write(document: Document) -> bytes:
    """The document in the source format (the registry's entry point)."""
    blocks = [document.title]
    blocks.extend(text for text in (document.subtitle, document.note) if text)
    for section in document.sections:
        blocks.append(f"{section.number}. {section.title}")
        for topic in section.topics:
            lines = [] if topic.implicit else [f"({topic.title})"]
            blocks.append("\n".join([*lines, *(case_line(case) for case in topic.cases)]))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def case_line(case: Case) -> str:
    """``- 本文**強調**…【団体】``; an emphasised attribution stays inside the ``**``."""
    pieces = [f"**{run.text}**" if run.emphasis else run.text for run in case.runs]
    attribution = case.attribution
    if attribution.emphasis:
        if case.runs[-1].emphasis:
            pieces[-1] = f"**{case.runs[-1].text}{attribution_text(attribution)}**"
        else:
            pieces.append(f"**{attribution_text(attribution)}**")
    else:
        pieces.append(attribution_text(attribution))
    return "- " + "".join(pieces)


def attribution_text(attribution: Attribution) -> str:
    """【仙台市、川崎市】 or (東村山市), as the source wrote it."""
    return attribution.text
