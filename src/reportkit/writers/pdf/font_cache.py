"""TrueType faces parsed once, then kept in the user's cache (:mod:`reportkit.cache`).

To measure and subset a font, reportlab parses the whole file: its table directory,
metrics, the character-to-glyph map, every glyph's width and offset. For a Japanese
font (over 10,000 glyphs) that is tens of milliseconds per face, on every build. An
entry keeps what the parser extracted, keyed by the SHA-256 of the font file, the face
index, reportlab's version and Python's. The file's SHA-256 is itself remembered for
the file's identity (path, size, inode, modification and change times), so an unchanged
file is not read whole: it is mapped into memory, and subsetting reads the glyphs it
copies. A face from the cache is the same object a fresh parse makes, so the PDF is
byte-identical with and without the cache.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import os
import sys
from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from reportlab import Version as REPORTLAB_VERSION
from reportlab import rl_config
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from reportkit import cache
from reportkit.source import gc_paused

log = logging.getLogger("reportkit.writers.pdf")

# The parser's attributes that are not kept: the file's bytes, the read position, the
# path (all set again from the file) and the scale function (made again from unitsPerEm).
_NOT_KEPT = frozenset({"_ttf_data", "_pos", "filename", "_pdfScale"})


def entry_name(digest: str, index: int) -> str:
    """The cache entry of face ``index`` of the font file whose SHA-256 is ``digest``."""
    python = f"{sys.version_info[0]}.{sys.version_info[1]}"
    return f"fonts/{digest}-{index}-reportlab{REPORTLAB_VERSION}-py{python}.marshal"


def _digest(path: Path, data: mmap.mmap) -> str:
    """The SHA-256 of the font file, remembered for the file's identity."""
    stat = os.stat(path)
    identity = (
        f"{path.resolve()}\0{stat.st_size}\0{stat.st_ino}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}"
    )
    memo = f"fonts/files/{hashlib.sha256(identity.encode('utf-8', 'surrogateescape')).hexdigest()}"
    known = cache.read(memo)
    if known is not None and len(known) == 64:
        return known.decode("ascii")
    digest = hashlib.sha256(data).hexdigest()
    cache.write(memo, digest.encode("ascii"))
    return digest


def _mapped(path: Path) -> mmap.mmap:
    """The file's bytes, mapped read-only (pages are read when used)."""
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def load_font(name: str, path: Path, index: int) -> TTFont:
    """reportlab's TTFont ``name`` for face ``index`` of ``path``, parsed or from the cache.

    Raises what reportlab raises for a file it cannot read (TTFError, OSError, ValueError).
    """
    if not cache.enabled():
        return TTFont(name, str(path), subfontIndex=index)
    data = _mapped(path)
    entry = entry_name(_digest(path, data), index)
    payload = cache.read(entry)
    if payload is not None:
        face = _restore(payload, data, path)
        if face is not None:
            return _font(name, face)
        log.warning("reportkit: ignoring the unreadable font cache entry %s; it is rebuilt", entry)
    data.close()
    font = TTFont(name, str(path), subfontIndex=index)
    kept = _kept(font.face)
    if kept is not None:
        cache.write(entry, kept)
    return font


def _kept(face: TTFontFace) -> bytes | None:
    """The parsed state of ``face`` as bytes; None if it holds what marshal cannot store."""
    state: dict[str, Any] = {}
    names: dict[str, str] = {}
    for key, value in vars(face).items():
        if key in _NOT_KEPT:
            continue
        if isinstance(value, TTFNameBytes):
            names[key] = value.ustr
        else:
            state[key] = value
    try:
        return marshal.dumps({"state": state, "names": names})
    except ValueError as exc:  # a reportlab version with other attribute types
        log.debug("font cache: not storing %s: %s", face.filename, exc)
        return None


def _restore(payload: bytes, data: mmap.mmap, path: Path) -> TTFontFace | None:
    try:
        with gc_paused():  # tens of thousands of new containers, no cycle among them
            kept = marshal.loads(payload)
        state, names = kept["state"], kept["names"]
        units_per_em = state["unitsPerEm"]
    except (ValueError, EOFError, TypeError, KeyError):
        return None
    if not isinstance(units_per_em, int) or units_per_em <= 0:
        return None
    face: TTFontFace = TTFontFace.__new__(TTFontFace)
    vars(face).update(state)
    for key, text in names.items():
        setattr(face, key, TTFNameBytes(text.encode("utf-8")))
    face._ttf_data = data
    face._pos = 0
    face.filename = str(path)
    face._pdfScale = _scale(units_per_em)
    return face


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to thousandths of the size, exactly as reportlab's parser computes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _font(name: str, face: TTFontFace) -> TTFont:
    """A TTFont around an already parsed face, set up as ``TTFont.__init__`` sets one up."""
    font: TTFont = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = not any(fnmatch(name, pattern) for pattern in rl_config.unShapedFontGlob)
    return font
