"""Writers: a :class:`~reportkit.view.View` -> the bytes of one output format.

Each format is a module (or package) exposing ``render(view) -> bytes``, declared once
in :mod:`reportkit.formats`.
"""
