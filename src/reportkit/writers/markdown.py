"""The source format, written from any document in one canonical form.

Canonical: the title, subtitle and ※ note each on a line of their own; every section
(``1. 題``, numbered from 1 as the source format counts, whatever an edition numbered it) and topic (``(題)``) once, in order, with the ``(続き)`` repeats of the
original merged; one case per line (``- 本文【団体】``), emphasis as ``**…**``, the
attribution as the source wrote it (``【…】`` or ``(…)``); a blank line between blocks;
LF line ends, UTF-8 without BOM. A case whose key is not the one its words give (it was
reworded in the briefing, which kept its key) ends with ``<!-- key:k… -->``; no other
case carries a marker. Reading it back gives the same document.
"""

from __future__ import annotations

from collections.abc import Iterator

from reportkit.model import Attribution, Case, Document, derive_key


def write(document: Document) -> bytes:
    """The document in the source format (the registry's entry point)."""
    blocks = [document.title]
    blocks.extend(text for text in (document.subtitle, document.note) if text)
    marked = set(kept_keys(document))
    for number, section in enumerate(document.sections, start=1):
        blocks.append(f"{number}. {section.title}")
        for topic in section.topics:
            lines = [] if topic.implicit else [f"({topic.title})"]
            lines.extend(case_line(case, case.key in marked) for case in topic.cases)
            blocks.append("\n".join(lines))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


def kept_keys(document: Document) -> Iterator[str]:
    """The keys a reader of the case's words would not derive: the ones to write down.

    Follows the model's rule for repeated words: the n-th case with the same words and
    actors gets the key of occurrence n.
    """
    seen: set[str] = set()
    for case in document.cases():
        words = (case.text, case.attribution.written)
        derived, occurrence = derive_key(*words), 2
        while derived in seen:
            derived, occurrence = derive_key(*words, occurrence), occurrence + 1
        if derived != case.key:
            yield case.key
        seen.add(case.key)


def case_line(case: Case, keyed: bool = False) -> str:
    """``- 本文**強調**…【団体】``; an emphasised attribution stays inside the ``**``.

    ``keyed`` appends the case's key marker, ``<!-- key:k… -->``.
    """
    pieces = [f"**{run.text}**" if run.emphasis else run.text for run in case.runs]
    attribution = case.attribution
    if attribution.emphasis:
        if case.runs[-1].emphasis:
            pieces[-1] = f"**{case.runs[-1].text}{attribution_text(attribution)}**"
        else:
            pieces.append(f"**{attribution_text(attribution)}**")
    else:
        pieces.append(attribution_text(attribution))
    if keyed:
        pieces.append(f" <!-- key:{case.key} -->")
    return "- " + "".join(pieces)


def attribution_text(attribution: Attribution) -> str:
    """【仙台市、川崎市】 or (東村山市), as the source wrote it."""
    return attribution.text
