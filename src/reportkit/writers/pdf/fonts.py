"""Find, load and register the Japanese fonts of the PDF handout.

Three faces are used: *body* (a mincho face), *heading* (a gothic face) and *strong*
(emphasis: a bold gothic when one exists, else the heading face; emphasis is also
underlined, so it stays visible with single-weight fonts such as IPAex).

Order of search, for each face:

1. the paths in :class:`reportkit.view.Fonts` (``--font`` sets the body face);
2. known files in the font directories of Linux (BIZ UD from Debian's
   fonts-morisawa-bizud-*, IPAex, IPA), Windows (游明朝/游ゴシック, BIZ UD,
   MS 明朝/ゴシック) and macOS (the same TrueType files in the Library folders);
3. ``fc-match`` (fontconfig), when installed;
4. reportlab's built-in CID fonts (HeiseiMin-W3, HeiseiKakuGo-W5), which are *not*
   embedded: one warning is logged (the CLI shows it on stderr).

reportlab only reads TrueType outlines; CFF-based ``.otf``/``.ttc`` files are skipped.
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from reportkit.errors import BuildError
from reportkit.view import Fonts
from reportkit.writers.pdf.font_files import (
    BODY,
    HEADING,
    STRONG,
    Candidate,
    default_dirs,
    file_map,
)

log = logging.getLogger("reportkit.writers.pdf")

CID_BODY = "HeiseiMin-W3"
CID_HEADING = "HeiseiKakuGo-W5"
INSTALL_HINT = (
    "install one (Debian/Ubuntu: sudo apt install fonts-morisawa-bizud-mincho "
    "fonts-morisawa-bizud-gothic, or fonts-ipaexfont) or pass --font /path/to/font.ttf"
)
_PROBE = "あ漢字"  # a Japanese font has all of these


#: Directories searched (recursively) for the candidate file names; tests replace it.
SEARCH_DIRS: tuple[Path, ...] = default_dirs()
#: The fontconfig matcher; ``None`` disables step 3 (tests use that).
FC_MATCH: str | None = "fc-match"
_FC_PATTERNS = {"body": "serif:lang=ja", "heading": "sans-serif:lang=ja"}


@dataclass(frozen=True)
class Face:
    """A registered font: its reportlab name and, when embedded, its file."""

    name: str
    path: Path | None = None
    index: int = 0
    bold: bool = False

    @property
    def embedded(self) -> bool:
        return self.path is not None


@dataclass(frozen=True)
class FontSet:
    """The three faces of a handout."""

    body: Face
    heading: Face
    strong: Face

    @property
    def embedded(self) -> bool:
        return self.body.embedded and self.heading.embedded and self.strong.embedded


@functools.cache
def _load(path: Path, index: int) -> TTFont | None:
    """Load and register a TrueType face; ``None`` if it is not a Japanese TrueType font."""
    name = f"rk-{path.stem}-{index}"
    try:
        font = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError) as exc:
        log.debug("skipping %s: %s", path, exc)
        return None
    if not all(ord(ch) in font.face.charToGlyph for ch in _PROBE):
        log.debug("skipping %s: no Japanese glyphs", path)
        return None
    pdfmetrics.registerFont(font)
    return font


def _face(path: Path, index: int = 0) -> Face | None:
    font = _load(path.resolve(), index)
    if font is None:
        return None
    style = font.face.name.decode("latin-1", "replace").lower()
    return Face(font.fontName, path, index, bold="bold" in style)


def _configured(path: Path, what: str) -> Face:
    """A face the user chose: it must load, or the build stops with the reason."""
    if not path.is_file():
        raise BuildError(f"{what} font {path}: no such file", "pdf")
    face = _face(path)
    if face is None:
        raise BuildError(
            f"{what} font {path}: not usable; reportlab needs a TrueType-outline font "
            "(.ttf/.ttc, not CFF-based .otf) with Japanese glyphs",
            "pdf",
        )
    return face


def _fc_match(pattern: str) -> Iterator[tuple[Path, int]]:
    if FC_MATCH is None or shutil.which(FC_MATCH) is None:
        return
    try:
        done = subprocess.run(
            [FC_MATCH, "-f", "%{file}\n%{index}\n", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return
    lines = done.stdout.splitlines()
    if done.returncode == 0 and len(lines) >= 2 and lines[1].strip().isdigit():
        yield Path(lines[0]), int(lines[1])


def _discover(candidates: tuple[Candidate, ...], role: str, files: dict[str, Path]) -> Face | None:
    for candidate in candidates:
        path = files.get(candidate.filename.lower())
        if path is not None and (face := _face(path, candidate.index)) is not None:
            return face
    if role in _FC_PATTERNS:
        for path, index in _fc_match(_FC_PATTERNS[role]):
            if (face := _face(path, index)) is not None:
                return face
    return None


def _cid(name: str) -> Face:
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return Face(name)


def find_fonts(config: Fonts) -> FontSet:
    """The faces for a handout, following the order in the module docstring."""
    files = file_map(SEARCH_DIRS)
    body = _configured(config.pdf_body, "body") if config.pdf_body else None
    heading = _configured(config.pdf_heading, "heading") if config.pdf_heading else None
    strong = heading
    body = body or _discover(BODY, "body", files)
    if heading is None:
        heading = _discover(HEADING, "heading", files)
        strong = _discover(STRONG, "strong", files) or heading
    if body is None and heading is None:
        log.warning(
            "reportkit: no Japanese TrueType font found; the PDF uses reportlab's built-in "
            "CID fonts %s/%s, which are NOT embedded (readers without them substitute "
            "another font); %s",
            CID_BODY,
            CID_HEADING,
            INSTALL_HINT,
        )
        heading = _cid(CID_HEADING)
        return FontSet(body=_cid(CID_BODY), heading=heading, strong=heading)
    body = body or heading
    heading = heading or body
    assert body is not None and heading is not None
    return FontSet(body=body, heading=heading, strong=strong or heading)


WidthOf = Callable[[str], float]


@functools.cache
def widths(font_name: str) -> WidthOf:
    """Advance width of one character in the font, in thousandths of the font size."""
    font = pdfmetrics.getFont(font_name)
    if isinstance(font, TTFont):
        table = font.face.charWidths
        default = font.face.defaultWidth

        def ttf(ch: str) -> float:
            width: float = table.get(ord(ch), default)
            return width

        return ttf
    cache: dict[str, float] = {}

    def cid(ch: str) -> float:
        width = cache.get(ch)
        if width is None:
            width = cache[ch] = font.stringWidth(ch, 1000)
        return width

    return cid


class _Scaled(dict[str, float]):
    """Advance widths in points of one font at one size, each computed on first use."""

    def __init__(self, width_of: WidthOf, size: float) -> None:
        super().__init__()
        self._width_of = width_of
        self._scale = size / 1000

    def __missing__(self, ch: str) -> float:
        width = self[ch] = self._width_of(ch) * self._scale
        return width


@functools.cache
def scaled_widths(font_name: str, size: float) -> Mapping[str, float]:
    """Advance width of each character in points at ``size``: ``widths(font)(ch) * size / 1000``.

    Looked up once per character and cached per font and size: text layout asks for every
    character of every case (per-character calls were a sixth of a large handout's time).
    """
    return _Scaled(widths(font_name), size)
