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
from typing import Any

from reportkit.errors import Problem, SourceError
from reportkit.places import gazetteer
from reportkit.schema_files import schema_file
from reportkit.toml_file import TomlFile

DEFAULT_FILE = "blocks.toml"
_SCHEME_KEYS = {"name", "blocks"}
_BLOCK_KEYS = {"name", "prefectures", "sub_blocks"}
_SUB_BLOCK_KEYS = {"name", "prefectures"}


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


class _Checker:
    """Collects every problem of one scheme file before giving up."""

    def __init__(self, file: TomlFile) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.seen: dict[str, int] = {}
        self.codes = _prefecture_codes()

    def error(self, line: int, message: str, hint: str = "", column: int = 1) -> None:
        self.problems.append(self.file.problem(line, message, hint, column))

    def unknown_keys(self, table: dict[str, Any], allowed: set[str], line: int, what: str) -> None:
        for key in sorted(set(table) - allowed):
            at = self.file.line_of_key(key, max(line - 1, 0)) or line
            self.error(at, f"unknown key {key} in {what}", f"allowed: {', '.join(sorted(allowed))}")

    def name(self, table: dict[str, Any], line: int, what: str) -> str | None:
        name = table.get("name")
        if not isinstance(name, str) or not name.strip():
            self.error(line, f"{what} has no name", 'write name = "…" in it')
            return None
        return name.strip()

    def prefectures(self, table: dict[str, Any], line: int, what: str) -> tuple[str, ...]:
        values = table.get("prefectures", [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            at = self.file.line_of_key("prefectures", max(line - 1, 0)) or line
            self.error(
                at,
                f"prefectures of {what} is not a list of names",
                'write prefectures = ["東京都", "神奈川県"]',
            )
            return ()
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
                self.error(
                    at,
                    f"{value} is in more than one block (again in {what})",
                    "list each prefecture once",
                    column,
                )
            else:
                found.append(value)
        return tuple(found)


def _parse(file: TomlFile) -> BlockScheme:
    check = _Checker(file)
    data = file.data
    check.unknown_keys(data, _SCHEME_KEYS, 1, "the scheme")
    raw_blocks = data.get("blocks")
    if not isinstance(raw_blocks, list) or not raw_blocks:
        check.error(
            0, "the scheme has no blocks", "add [[blocks]] tables with name and prefectures"
        )
        raise SourceError(check.problems)
    blocks: list[Block] = []
    names: set[str] = set()
    sub_count = 0
    for number, raw in enumerate(raw_blocks, start=1):
        line = file.line_of_table("blocks", number) or file.line_of_key("blocks")
        if not isinstance(raw, dict):
            check.error(line, f"block {number} is not a table", "write it as [[blocks]]")
            continue
        check.unknown_keys(raw, _BLOCK_KEYS, line, f"block {number}")
        name = check.name(raw, line, f"block {number}")
        what = f"block {name or number}"
        prefectures = check.prefectures(raw, line, what)
        subs: list[SubBlock] = []
        raw_subs = raw.get("sub_blocks", [])
        if not isinstance(raw_subs, list):
            check.error(
                line,
                f"sub_blocks of {what} is not a list of tables",
                "write each as [[blocks.sub_blocks]]",
            )
            raw_subs = []
        for sub_number, raw_sub in enumerate(raw_subs, start=1):
            sub_count += 1
            sub_line = file.line_of_table("blocks.sub_blocks", sub_count) or line
            if not isinstance(raw_sub, dict):
                check.error(sub_line, f"sub-block {sub_number} of {what} is not a table")
                continue
            check.unknown_keys(raw_sub, _SUB_BLOCK_KEYS, sub_line, f"a sub-block of {what}")
            sub_name = check.name(raw_sub, sub_line, f"sub-block {sub_number} of {what}")
            sub_prefectures = check.prefectures(raw_sub, sub_line, f"sub-block {sub_name}")
            if sub_name is not None:
                if sub_name in names:
                    check.error(sub_line, f"the name {sub_name} is used twice")
                names.add(sub_name)
                subs.append(SubBlock(sub_name, sub_prefectures))
        if name is not None:
            if name in names:
                check.error(
                    file.line_of_key("name", max(line - 1, 0)) or line,
                    f"the name {name} is used twice",
                    "give every block and sub-block its own name",
                )
            names.add(name)
            if not prefectures and not subs and raw.get("prefectures", []) == []:
                check.error(line, f"{what} has no prefectures", "list them in prefectures = […]")
            blocks.append(Block(name, prefectures, tuple(subs)))
    missing = [p for p in check.codes if p not in check.seen]
    if missing:
        check.error(
            0,
            f"no block for {', '.join(missing)}",
            "every one of the 47 prefectures must be in exactly one block",
        )
    if check.problems:
        raise SourceError(check.problems)
    scheme_name = data.get("name")
    return BlockScheme(
        name=scheme_name if isinstance(scheme_name, str) else file.path.stem,
        source=file.shown,
        blocks=tuple(blocks),
    )
