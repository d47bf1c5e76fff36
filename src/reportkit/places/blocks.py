"""Regional block schemes: which block (and sub-block) each prefecture belongs to.

A scheme is a TOML file a user can edit or replace (``--blocks FILE``); the default is
``schema/blocks.toml``, the jurisdictions of the Regional Bureaus of Health and Welfare
(地方厚生局). Every one of the 47 prefectures must appear exactly once::

    name = "地方厚生局の管轄区域"

    [[blocks]]
    name = "中国四国"
    prefectures = ["鳥取県", "島根県", "岡山県", "広島県", "山口県"]

    [[blocks.sub_blocks]]          # belongs to the block above
    name = "四国"
    prefectures = ["徳島県", "香川県", "愛媛県", "高知県"]

A broken file raises :class:`~reportkit.errors.SourceError` naming the file and line.
"""

from __future__ import annotations

import difflib
import functools
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from reportkit.errors import Problem, SourceError
from reportkit.places import gazetteer
from reportkit.schema_files import schema_file
from reportkit.toml_file import TomlFile

DEFAULT_FILE = "blocks.toml"


@dataclass(frozen=True)
class SubBlock:
    """A part of a block with its own meetings, e.g. 四国 within 中国四国."""

    name: str
    prefectures: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """A regional block; ``prefectures`` excludes those of its sub-blocks."""

    name: str
    prefectures: tuple[str, ...]
    sub_blocks: tuple[SubBlock, ...] = ()

    @property
    def all_prefectures(self) -> tuple[str, ...]:
        """The block's prefectures and those of its sub-blocks, in 団体コード order."""
        names = list(self.prefectures) + [p for s in self.sub_blocks for p in s.prefectures]
        return tuple(sorted(names, key=_prefecture_codes().__getitem__))


@functools.cache
def _prefecture_codes() -> dict[str, str]:
    return {entry.name: entry.code for entry in gazetteer.load().prefectures()}


@dataclass(frozen=True)
class BlockScheme:
    """A validated block scheme: blocks in report order, each prefecture in one block."""

    name: str
    source: str
    blocks: tuple[Block, ...]
    _index: dict[str, tuple[str, str | None]] = field(
        repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        for block in self.blocks:
            for prefecture in block.prefectures:
                self._index[prefecture] = (block.name, None)
            for sub in block.sub_blocks:
                for prefecture in sub.prefectures:
                    self._index[prefecture] = (block.name, sub.name)

    @classmethod
    def load(cls, path: Path | str | None = None) -> BlockScheme:
        """Read and validate a scheme file; ``None`` gives the default scheme."""
        if path is None:
            return default_scheme()
        return _parse(TomlFile(path))

    @property
    def names(self) -> list[str]:
        """Block names in report order."""
        return [block.name for block in self.blocks]

    def block_of(self, prefecture: str) -> tuple[str, str | None]:
        """(block, sub-block or None) of a prefecture given by its full name (東京都)."""
        try:
            return self._index[prefecture]
        except KeyError:
            raise KeyError(f"{prefecture} is not a prefecture of scheme {self.source}") from None

    def prefectures(self, block: str) -> list[str]:
        """A block's (or a sub-block's) prefectures in 団体コード order."""
        names = [p for p, (b, s) in self._index.items() if block in (b, s)]
        if not names:
            raise KeyError(f"no block or sub-block named {block} in {self.source}")
        return sorted(names, key=_prefecture_codes().__getitem__)


@functools.cache
def default_scheme() -> BlockScheme:
    """The scheme of ``schema/blocks.toml`` (地方厚生局), read once."""
    return _parse(TomlFile(schema_file(DEFAULT_FILE)))


class _SubBlockTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    prefectures: list[str] = Field(default_factory=list)


class _BlockTable(_SubBlockTable):
    sub_blocks: list[_SubBlockTable] = Field(default_factory=list)


class _SchemeTable(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    blocks: list[_BlockTable] = Field(min_length=1)


class _Checker:
    """The checks a scheme's structure cannot express, every problem collected."""

    def __init__(self, file: TomlFile) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}
        self.names: set[str] = set()
        self.codes = _prefecture_codes()

    def error(self, line: int, message: str, hint: str = "", column: int = 1) -> None:
        self.problems.append(self.file.problem(line, message, hint, column))

    def name(self, name: str, line: int) -> str:
        if name in self.names:
            at = self.file.line_of_key("name", max(line - 1, 0)) or line
            self.error(
                at, f"the name {name} is used twice", "give every block and sub-block its own name"
            )
        self.names.add(name)
        return name

    def prefectures(self, values: list[str], line: int, what: str) -> tuple[str, ...]:
        found = []
        for value in values:
            self.seen[value] = self.seen.get(value, 0) + 1
            at, column = self.file.position_of(value, self.seen[value])
            at, column = (at, column) if at else (line, 1)
            if value not in self.codes:
                close = difflib.get_close_matches(value, self.codes, n=1, cutoff=0.3)
                hint = f"did you mean {close[0]}?" if close else "write its full name, e.g. 東京都"
                self.error(at, f"{value} in {what} is not a prefecture", hint, column)
            elif self.seen[value] > 1:
                message = f"{value} is in more than one block (again in {what})"
                self.error(at, message, "list each prefecture once", column)
            else:
                found.append(value)
        return tuple(found)

    def block(self, table: _BlockTable, line: int, sub_lines: list[int]) -> Block:
        what = f"block {table.name}"
        prefectures = self.prefectures(table.prefectures, line, what)
        subs = []
        for sub, sub_line in zip(table.sub_blocks, sub_lines, strict=True):
            sub_prefectures = self.prefectures(sub.prefectures, sub_line, f"sub-block {sub.name}")
            subs.append(SubBlock(self.name(sub.name, sub_line), sub_prefectures))
        if not table.prefectures and not subs:
            self.error(line, f"{what} has no prefectures", "list them in prefectures = […]")
        return Block(self.name(table.name, line), prefectures, tuple(subs))


def _parse(file: TomlFile) -> BlockScheme:
    table = file.validate(_SchemeTable, "see schema/blocks.toml for the form of a scheme")
    check = _Checker(file)
    blocks, sub_count = [], 0
    for number, block in enumerate(table.blocks, start=1):
        line = file.line_of_table("blocks", number)
        sub_lines = [
            file.line_of_table("blocks.sub_blocks", sub_count + n) or line
            for n in range(1, len(block.sub_blocks) + 1)
        ]
        sub_count += len(block.sub_blocks)
        blocks.append(check.block(block, line, sub_lines))
    missing = [p for p in check.codes if p not in check.seen]
    if missing:
        check.error(
            0,
            f"no block for {', '.join(missing)}",
            "every one of the 47 prefectures must be in exactly one block",
        )
    if check.problems:
        raise SourceError(check.problems)
    return BlockScheme(name=table.name or file.path.stem, source=file.shown, blocks=tuple(blocks))
