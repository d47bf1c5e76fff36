"""Reading the PDF handout back with pypdf: its cases, the overview's counts, the index.

pypdf reports each piece of text with its font and size; pieces in a row with the same
face and size are joined (reportlab splits a string where it switches between subsets of
a font, and pypdf reports each part). A case starts at its number
in the margin (7 pt) and runs on, across pages, in body-size pieces (10.5 pt) until a
heading; pieces in the bold face (the face of the section headings) are emphasised.
The overview's table gives the counts per section and topic (9 pt rows: a label, then
「N件」, up to 合計), and the index the cases of every local government (its prefecture's strip, its
name, then its references 「1-2-3 (p.4)」).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
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
    """Every piece of text of the PDF, in drawing order, with its font and size."""
    reader = PdfReader(io.BytesIO(data))
    for number, page in enumerate(reader.pages, start=1):
        found = _Collector(number)
        page.extract_text(visitor_text=found.visit)
        yield from _joined(found.pieces)


class _Collector:
    """What pypdf's text visitor reports for one page."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.pieces: list[Piece] = []

    def visit(self, text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            name = str((font or {}).get("/BaseFont", "")).split("+")[-1]
            self.pieces.append(Piece(self.page, text, name, round(float(size or 0), 1)))


def _joined(found: list[Piece]) -> Iterator[Piece]:
    """Runs of pieces with the same face and size, as one piece each."""
    for (page, font, size), run in groupby(found, key=lambda p: (p.page, p.font, p.size)):
        yield Piece(page, "".join(piece.text for piece in run), font, size)


def read(data: bytes, name: str) -> Reading:
    """The cases, counts per section and topic, and the index of a PDF handout."""
    every = list(pieces(data))
    strong = next((p.font for p in every if p.size >= HEADING_SIZE + 2), "")
    reading = Reading(name)
    reading.cases = [_case(found, strong, name) for found in _cases(every)]
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


def _case(found: _Case, strong: str, name: str) -> ReadCase:
    parts = list(found.pieces)
    if parts and parts[0][0].strip() == BULLET:
        parts = parts[1:]
    text = "".join(part for part, _ in parts)
    attribution = ATTRIBUTION.search("".join(text.split()))
    return ReadCase(
        place=f"{name} p.{found.page}",
        id=found.number,
        text=text,
        emphasis=phrases((part, font == strong) for part, font in parts),
        attribution=attribution.group(1) if attribution else "",
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
    text = "".join("".join(piece.text.split()) for piece in rows)
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
