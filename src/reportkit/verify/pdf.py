"""Reading the PDF handout back with pypdf: its cases, the overview's counts, the index.

pypdf opens the file (objects, streams, filters); the text is read from each page's
content stream (Tf sets font and size, Tj and TJ show strings) through each font's
ToUnicode map, parsed once per font rather than once per page (pypdf's own text
extraction parses them again on every page: 16 s for a 5,000-case handout). Pieces in a
row with the same face and size are joined (a string is split where the writer switches
between subsets of a font). A case starts at its number
in the margin (7 pt) and runs on, across pages, in body-size pieces (10.5 pt) until a
heading; pieces in the bold face (the face of the section headings) are emphasised.
The overview's table gives the counts per section and topic (9 pt rows: a label, then
「N件」, up to 合計), and the index the cases of every local government (its prefecture's strip, its
name, then its references 「1-2-3 (p.4)」). An entry continued atop a column or page is headed
by its prefecture's strip 「…（続き）」 alone: its references count for the same name. The
page numbers (「- 3 -」, 9 pt like the names and the rows) are left out of every piece.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from pypdf import PdfReader

from reportkit.verify.facts import (
    ATTRIBUTION,
    ReadCase,
    Reading,
    government_key,
    phrases,
    topic_key,
)

BODY_SIZE = 10.5
NUMBER_SIZE = 7.0
ROW_SIZE = 9.0
STRIP_SIZE = 9.5
REFERENCE_SIZE = 8.5
HEADING_SIZE = 11.0  # topics 11.5, sections 13.5: a piece this large ends a case
BULLET = "○"
CASE_NUMBER = re.compile(r"\d+-\d+-\d+")
REFERENCE = re.compile(r"\d+-\d+-\d+")
ROW = re.compile(r"(\d+．|（\d+）)(.*?)([\d,]+)件(?=\d+．|（\d+）|$)")
TOTAL = "合計"
TEXT_OPERATION = re.compile(
    rb"/(?P<font>[^\s/\[\]()<>]+)\s+(?P<size>[\d.]+)\s+Tf"
    rb"|\((?P<literal>(?:[^\\()]|\\[\s\S])*)\)\s*Tj"
    rb"|\[(?P<array>(?:[^\]\\]|\\[\s\S])*)\]\s*TJ"
)
LITERAL = re.compile(rb"\(((?:[^\\()]|\\[\s\S])*)\)")
ESCAPE = re.compile(rb"\\([0-7]{1,3}|[\s\S])")
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"\n": b""}
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
HEX_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
HEX_RANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
TABLE_HEADER = "項目事例数"  # the header row, repeated atop a page the table runs on to
CONTINUED = "（続き）"


@dataclass(frozen=True)
class Piece:
    page: int
    text: str
    font: str
    size: float


@dataclass
class _Case:
    number: str
    page: int
    pieces: list[tuple[str, str]] = field(default_factory=list)  # (text, font)


def pieces(data: bytes) -> Iterator[Piece]:
    """Every piece of text of the PDF but the page numbers, in drawing order, with its
    font and size."""
    reader = PdfReader(io.BytesIO(data))
    fonts = _Fonts()
    for number, page in enumerate(reader.pages, start=1):
        resources = page.get("/Resources")
        table = resources.get_object().get("/Font") if resources else None
        contents = page.get_contents()
        if table is None or contents is None:
            continue
        found = _page_pieces(number, contents.get_data(), table.get_object(), fonts)
        shown = (_without_page_number(piece) for piece in _joined(list(found)))
        yield from (piece for piece in shown if piece.text.strip())


Decode = Callable[[bytes], str]


class _Fonts:
    """Each font's name and decoding (its ToUnicode CMap), read once per document.

    A CID font without a ToUnicode map but with a Unicode CMap (UniJIS-UCS2-H, as
    reportlab's built-in Japanese fonts use) has two-byte codes that are the characters.
    """

    def __init__(self) -> None:
        self._known: dict[int, tuple[str, Decode]] = {}

    def get(self, reference: Any) -> tuple[str, Decode]:
        key = getattr(reference, "idnum", id(reference))
        found = self._known.get(key)
        if found is None:
            found = self._known[key] = _font(reference.get_object())
        return found


def _font(font: Any) -> tuple[str, Decode]:
    name = str(font.get("/BaseFont", "")).split("+")[-1]
    unicode = font.get("/ToUnicode")
    two_bytes = font.get("/Subtype") == "/Type0"
    if unicode is not None:
        table = _cmap(unicode.get_object().get_data())
        if two_bytes:
            return name, lambda codes: "".join(
                table.get(int.from_bytes(codes[i : i + 2], "big"), "")
                for i in range(0, len(codes) - 1, 2)
            )
        return name, lambda codes: "".join(table.get(code, "") for code in codes)
    if two_bytes and "UCS2" in str(font.get("/Encoding", "")):
        return name, lambda codes: codes.decode("utf-16-be", "replace")
    return name, lambda codes: codes.decode("latin-1")


def _cmap(data: bytes) -> dict[int, str]:
    """Code -> text of a ToUnicode CMap's bfchar and bfrange entries."""
    found: dict[int, str] = {}
    for block in BFCHAR.findall(data):
        for code, text in HEX_PAIR.findall(block):
            found[int(code, 16)] = bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
    for block in BFRANGE.findall(data):
        for low, high, start in HEX_RANGE.findall(block):
            first = int(start, 16)
            for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                found[code] = chr(first + offset)
    return found


def _page_pieces(number: int, content: bytes, table: Any, fonts: _Fonts) -> Iterator[Piece]:
    """The text a page's content stream shows: Tf sets the font, Tj and TJ show strings."""
    name, size = "", 0.0
    decode: Decode = _nothing
    for found in TEXT_OPERATION.finditer(content):
        if found.group("font") is not None:
            reference = table.get("/" + found.group("font").decode("latin-1"))
            name, decode = fonts.get(reference) if reference is not None else ("", _nothing)
            size = round(float(found.group("size")), 1)
            continue
        shown = found.group("literal")
        codes = (
            _unescape(shown)
            if shown is not None
            else b"".join(_unescape(s) for s in LITERAL.findall(found.group("array") or b""))
        )
        text = decode(codes)
        if text.strip():
            yield Piece(number, text, name, size)


def _nothing(codes: bytes) -> str:
    return ""


def _unescape(literal: bytes) -> bytes:
    """The bytes of a PDF literal string (without its parentheses)."""
    return ESCAPE.sub(_escaped, literal)


def _escaped(found: re.Match[bytes]) -> bytes:
    sequence = found.group(1)
    if sequence[:1].isdigit():
        return bytes([int(sequence, 8) & 0xFF])
    return ESCAPES.get(sequence, sequence)


def _without_page_number(piece: Piece) -> Piece:
    """``piece`` without its page's footer 「- 3 -」: drawn before the page's content at the
    size of the index's names and the overview's rows, it may start a run of either."""
    footer = f"- {piece.page} -"
    text = piece.text.lstrip()
    if piece.size != ROW_SIZE or not text.startswith(footer):
        return piece
    return Piece(piece.page, text.removeprefix(footer), piece.font, piece.size)


def _joined(found: list[Piece]) -> Iterator[Piece]:
    """Runs of pieces with the same face and size, as one piece each."""
    for (page, font, size), run in groupby(found, key=lambda p: (p.page, p.font, p.size)):
        yield Piece(page, "".join(piece.text for piece in run), font, size)


def read(data: bytes, name: str) -> Reading:
    """The cases, counts per section and topic, and the index of a PDF handout."""
    every = list(pieces(data))
    strong = next((p.font for p in every if p.size >= HEADING_SIZE + 2), "")
    numbers = next((p.font for p in every if p.size == NUMBER_SIZE), "")
    reading = Reading(name)
    # With one gothic weight only, emphasis and attributions share a face: the
    # attribution's emphasis cannot be told, so emphasis is compared in the text alone.
    text_only = strong == numbers
    reading.cases = [_case(found, strong, name, text_only) for found in _cases(every)]
    _overview(every, reading)
    _index(every, reading)
    return reading


def _cases(every: list[Piece]) -> Iterator[_Case]:
    current: _Case | None = None
    for piece in every:
        text = piece.text.strip()
        if piece.size == NUMBER_SIZE and CASE_NUMBER.fullmatch(text):
            if current is not None:
                if current.pieces and current.pieces[-1][0].strip() == BULLET:
                    current.pieces.pop()  # the next case's bullet, drawn before its number
                yield current
            current = _Case(text, piece.page)
        elif current is not None and piece.size == BODY_SIZE:
            current.pieces.append((piece.text, piece.font))
        elif current is not None and piece.size >= HEADING_SIZE:
            yield current
            current = None
    if current is not None:
        yield current


def _case(found: _Case, strong: str, name: str, text_only: bool) -> ReadCase:
    parts = list(found.pieces)
    if parts and parts[0][0].strip() == BULLET:
        parts = parts[1:]
    text = "".join(part for part, _ in parts)
    attribution = ATTRIBUTION.search("".join(text.split()))
    shown = attribution.group(1) if attribution else ""
    chars = [(char, font == strong) for part, font in parts for char in part if not char.isspace()]
    if text_only:
        chars = chars[: len(chars) - len(shown)]
    return ReadCase(
        place=f"{name} p.{found.page}",
        id=found.number,
        text=text,
        emphasis=phrases(chars),
        emphasis_in_text_only=text_only,
        attribution=shown,
    )


def _overview(every: list[Piece], reading: Reading) -> None:
    """The counts table: its 9 pt rows (「1．…20件」「（1）…3件」) run together up to 合計."""
    rows: list[Piece] = []
    for piece in every:
        if piece.size == ROW_SIZE:
            head, total, _ = piece.text.partition(TOTAL)
            rows.append(Piece(piece.page, head, piece.font, piece.size))
            if total:
                break
    text = "".join("".join(piece.text.split()) for piece in rows).replace(TABLE_HEADER, "")
    place = f"{reading.name} p.{rows[0].page}" if rows else reading.name
    section: int | None = None
    for found in ROW.finditer(text):
        key = topic_key(found.group(1) + found.group(2), section)
        if key is None:
            continue
        if key[1] is None:
            section = key[0]
        reading.topics[key] = (int(found.group(3).replace(",", "")), place)


def _index(every: list[Piece], reading: Reading) -> None:
    """Entries after the index heading: strip (prefecture), name, references."""
    start = max(
        (i for i, p in enumerate(every) if p.size >= HEADING_SIZE and "索引" in p.text),
        default=None,
    )
    if start is None:
        return
    prefecture = name = ""
    for piece in every[start + 1 :]:
        text = piece.text.strip()
        if piece.size == STRIP_SIZE:
            continued = text.endswith(CONTINUED)
            prefecture = text.removesuffix(CONTINUED)
            if not continued:
                name = ""
        elif piece.size == ROW_SIZE and text != "　":
            name = text
        elif piece.size == REFERENCE_SIZE and name and prefecture:
            key = government_key(prefecture, name)
            count, place = reading.governments.get(key, (0, f"{reading.name} p.{piece.page}"))
            reading.governments[key] = (count + len(REFERENCE.findall(text)), place)
