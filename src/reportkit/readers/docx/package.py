"""Opening a .docx safely: the parts a briefing is read from, or one clear error.

A .docx is a zip of XML parts (ECMA-376 Part 2, Open Packaging Conventions). What is not
one is refused before anything is parsed: an OLE compound file (a password-protected
.docx or a Word 97-2003 .doc), a damaged or truncated zip, a zip with more entries or
larger parts than any briefing has (a zip bomb). Parts are found through the package's
relationships, as Word finds them, and parsed without DTDs, entities or network access.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from typing import NoReturn

from lxml import etree

from reportkit.errors import Problem, SourceError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ENTRIES = 2_000
MAX_PART_BYTES = 256 * 1024 * 1024

_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = f"{_OFFICE}/officeDocument"
_STYLES = f"{_OFFICE}/styles"
_COMMENTS = f"{_OFFICE}/comments"
_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
# libxml2's default limits (nesting depth, node size) stay on: no briefing comes near them.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_SAVE_AS_DOCX = "open it in Word and save it as 'Word 文書 (*.docx)'"


@dataclass(frozen=True)
class Parts:
    """The parsed parts a briefing is read from (``None``: the package has no such part)."""

    document: etree._Element
    styles: etree._Element | None
    comments: etree._Element | None


def open_parts(data: bytes, name: str) -> Parts:
    """The main document, styles and comments of the .docx ``data``; SourceError otherwise."""
    if data.startswith(OLE_MAGIC):
        _refuse(name, *_ole_problem(data))
    if not data:
        _refuse(name, "the file is empty", "give a briefing written by 'reportkit build'")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        _refuse(
            name,
            "not a .docx: the file is not a zip package, or it is truncated or damaged",
            "give the briefing as Word saved it; a copy cut short in transfer cannot be read",
        )
    with package:
        entries = package.infolist()
        if len(entries) > MAX_ENTRIES:
            _refuse(
                name,
                f"the package holds {len(entries):,} entries (a .docx has a few dozen; "
                f"at most {MAX_ENTRIES:,} are read): refusing it as a possible zip bomb",
                "give the briefing as Word saved it",
            )
        main = _target(package, name, "_rels/.rels", "", _MAIN) or "word/document.xml"
        if main not in package.NameToInfo:
            _refuse(
                name,
                "not a Word document: the package has no main document part (word/document.xml)",
                "give a .docx written by 'reportkit build' or saved by Word or LibreOffice",
            )
        rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
        document = _parse(package, name, main)
        if document.tag.startswith(f"{{{_STRICT}}}"):
            _refuse(
                name, "saved as 'Strict Open XML', which reportkit does not read", _SAVE_AS_DOCX
            )
        styles = _target(package, name, rels, main, _STYLES)
        comments = _target(package, name, rels, main, _COMMENTS)
        return Parts(
            document,
            _parse(package, name, styles) if styles else None,
            _parse(package, name, comments) if comments else None,
        )


def _ole_problem(data: bytes) -> tuple[str, str]:
    """What an OLE compound file is, told by the names of its streams."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return (
            "the briefing is password-protected (encrypted); reportkit cannot open it",
            "remove the password in Word (ファイル → 情報 → 文書の保護 → パスワードを使用して暗号化: "
            "clear it) and save, then read it again",
        )
    if "WordDocument".encode("utf-16-le") in data:
        return ("a Word 97-2003 document (.doc), not a .docx", _SAVE_AS_DOCX)
    return ("an OLE compound file (an old Office format), not a .docx", _SAVE_AS_DOCX)


def _target(package: zipfile.ZipFile, name: str, rels: str, source: str, kind: str) -> str | None:
    """The part a relationship of type ``kind`` in ``rels`` points to, if any."""
    if rels not in package.NameToInfo:
        return None
    root = _parse(package, name, rels)
    for relation in root.iter(f"{{{_REL}}}Relationship"):
        if relation.get("Type") == kind and relation.get("TargetMode") != "External":
            target = relation.get("Target", "")
            base = "" if target.startswith("/") else posixpath.dirname(source)
            return posixpath.normpath(posixpath.join(base, target.lstrip("/")))
    return None


def _parse(package: zipfile.ZipFile, name: str, part: str) -> etree._Element:
    """One XML part, read with a bound on its size."""
    info = package.NameToInfo.get(part)
    if info is None:
        _refuse(name, f"the package names the part {part}, which it does not hold", _SAVE_AS_DOCX)
    if info.file_size > MAX_PART_BYTES:
        _too_large(name, part)
    try:
        with package.open(info) as stream:
            xml = stream.read(MAX_PART_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        _refuse(
            name,
            f"the part {part} is damaged (it does not unpack)",
            "give the briefing as Word saved it; a copy cut short in transfer cannot be read",
        )
    if len(xml) > MAX_PART_BYTES:
        _too_large(name, part)
    try:
        return etree.fromstring(xml, _PARSER)
    except etree.XMLSyntaxError as exc:
        _refuse(name, f"the part {part} is not well-formed XML ({exc.msg})", _SAVE_AS_DOCX)


def _too_large(name: str, part: str) -> NoReturn:
    _refuse(
        name,
        f"the part {part} unpacks to more than {MAX_PART_BYTES // 2**20} MiB: "
        "refusing it as a possible zip bomb",
        "give the briefing as Word saved it",
    )


def _refuse(name: str, message: str, hint: str) -> NoReturn:
    raise SourceError([Problem(name, 0, 0, message, hint)])
