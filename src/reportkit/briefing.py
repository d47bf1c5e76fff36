"""What the Word briefing's writer and its reader agree on, said once.

Each case is one paragraph in the list style: a hidden bookmark ``_RK_<key>`` around it
(its stable key), a run in the character style 事例番号 with the case number and
:data:`NUMBER_SEPARATOR`, the text runs, a tab to the right margin, the attribution runs.
A soft line break (``w:br``) may come directly before the tab, when the attribution needs
a line of its own: it is layout, not text. Every paragraph is in a named style.
"""

from __future__ import annotations

KEY_BOOKMARK = "_RK_"
"""Bookmarks named ``_RK_<key>`` carry a case's key; names starting with ``_`` are hidden
in Word's bookmark dialog and kept by Word and LibreOffice."""

NUMBER_SEPARATOR = "　"
"""Between the case number and the text: one full-width space."""
