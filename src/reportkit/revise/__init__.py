"""Revise: what changed between two editions of a collection, and the 新旧対照表.

:func:`~reportkit.revise.compare.compare` pairs the sections, topics and cases of an old
and a new edition; :mod:`.chars` finds the changed characters of a pair; :mod:`.table`
lays the comparison out as the rows of a 新旧対照表, which :mod:`.docx`, :mod:`.pdf` and
:mod:`.xlsx` render; :mod:`.summary` writes the short form (Markdown, JSON) for a commit
message or a CI log. Every renderer exposes ``render(comparison, view) -> bytes`` and is
listed in :data:`reportkit.formats.COMPARISON_WRITERS`.
"""
