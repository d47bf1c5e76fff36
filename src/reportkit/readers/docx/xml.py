"""WordprocessingML names: the ``w`` namespace (ECMA-376 Part 1, §17)."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    """``tag`` in the ``w`` namespace, as lxml names it: ``{…/main}p``."""
    return f"{{{W}}}{tag}"
