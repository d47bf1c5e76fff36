"""The font files a handout may use, found without loading any font (no reportlab).

Kept apart from :mod:`.fonts` so that a build can tell cheaply whether the fonts on the
machine changed (:func:`inventory`) without importing reportlab.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportkit.view import Fonts


@dataclass(frozen=True)
class Candidate:
    """A font file to look for: its file name (any directory) and face index in a .ttc."""

    filename: str
    index: int = 0


# Candidates per face, best first: Linux, then Windows, then macOS names.
BODY: tuple[Candidate, ...] = (
    Candidate("BIZUDMincho-Regular.ttf"),
    Candidate("ipaexm.ttf"),
    Candidate("ipam.ttf"),
    Candidate("yumin.ttf"),  # 游明朝 (Windows 10/11)
    Candidate("BIZ-UDMinchoM.ttc"),
    Candidate("msmincho.ttc"),
)
HEADING: tuple[Candidate, ...] = (
    Candidate("BIZUDGothic-Regular.ttf"),
    Candidate("ipaexg.ttf"),
    Candidate("ipag.ttf"),
    Candidate("YuGothR.ttc"),  # 游ゴシック
    Candidate("BIZ-UDGothicR.ttc"),
    Candidate("msgothic.ttc"),
    Candidate("Osaka.ttf"),  # macOS
)
STRONG: tuple[Candidate, ...] = (
    Candidate("BIZUDGothic-Bold.ttf"),
    Candidate("YuGothB.ttc"),
    Candidate("BIZ-UDGothicB.ttc"),
)


def default_dirs() -> tuple[Path, ...]:
    home = Path.home()
    windows = Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts"
    local = os.environ.get("LOCALAPPDATA")
    return tuple(
        p
        for p in (
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local/share/fonts",
            home / ".fonts",
            windows,
            Path(local) / "Microsoft/Windows/Fonts" if local else None,
            home / "Library/Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path("/System/Library/Fonts"),
        )
        if p is not None
    )


def file_map(dirs: tuple[Path, ...]) -> dict[str, Path]:
    """File name (lower case) -> first path found under ``dirs``, in directory order."""
    found: dict[str, Path] = {}
    for root in dirs:
        if not root.is_dir():
            continue
        for folder, subdirs, files in os.walk(root):
            subdirs.sort()
            for name in sorted(files):
                found.setdefault(name.lower(), Path(folder) / name)
    return found


def inventory(config: Fonts) -> str:
    """Which font files a handout could use: the chosen ones and the known candidates.

    Builds hash this with their other inputs, so installing or removing a font, or
    choosing another, rebuilds the handout instead of skipping it as unchanged.
    """
    files = file_map(default_dirs())
    chosen = [p for p in (config.pdf_body, config.pdf_heading) if p is not None]
    chosen += [
        files[c.filename.lower()] for c in BODY + HEADING + STRONG if c.filename.lower() in files
    ]
    return "\n".join(f"{p}:{p.stat().st_size if p.is_file() else 0}" for p in chosen)
