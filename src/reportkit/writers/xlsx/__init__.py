"""The Excel matrix (openpyxl): municipality × initiative type, with the cases behind it.

:func:`render` builds three sheets: マトリクス (:mod:`.matrix`), 事例一覧 (:mod:`.cases`)
and 集計 (:mod:`.totals`), and returns byte-identical output for the same view.
"""

from reportkit.writers.xlsx.book import render

__all__ = ["render"]
