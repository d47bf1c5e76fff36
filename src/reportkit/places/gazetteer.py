"""The gazetteer: every Japanese local government, looked up by the name a source writes.

The data file ``reportkit/data/local_governments.tsv`` is generated from Japan Post data
by ``scripts/make_gazetteer.py`` (see there). It lists the 47 prefectures, every city,
town and village, Tokyo's special wards, the designated cities and their wards, each with
its 5-digit 全国地方公共団体コード. The JIS X 0402 check digit is not stored;
:func:`check_digit` computes it.

A name is looked up after normalisation (NFKC, so full- and half-width forms agree, and
without spaces). It may carry its prefecture (東京都府中市), its 郡 (西多摩郡瑞穂町) or,
for a ward, its designated city (横浜市港北区). Only when the exact spelling finds nothing
are spelling variants folded (駒ケ根市 for 駒ヶ根市, 﨑 for 崎). A name that fits several
entries is ambiguous, never guessed. This module uses the standard library only, so that
loading it stays cheap.
"""

from __future__ import annotations

import functools
import os.path
import unicodedata
from collections.abc import Callable, Iterator

DATA_FILE = os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "data", "local_governments.tsv"
)

# Kinds, as in reportkit.model.Kind (kept as plain strings so this module needs no pydantic).
PREFECTURE = "都道府県"
DESIGNATED_CITY = "政令指定都市"
WARD = "行政区"
SPECIAL_WARD = "特別区"

# Spelling variants folded only when the exact spelling is unknown: the 「が」 of place
# names written ヶ, ケ, ヵ or カ, and a few glyph variants of the same character.
_VARIANTS = (
    ("ヶ", "ケ"),
    ("ヵ", "ケ"),
    ("カ", "ケ"),
    ("﨑", "崎"),
    ("髙", "高"),
    ("鯵", "鰺"),
    ("檮", "梼"),
)


class Entry:
    """One local government of the data file (a plain slotted class: cheap to load)."""

    __slots__ = ("code", "county", "kana", "kind", "name", "parent_code", "prefecture")

    def __init__(
        self,
        code: str,
        kind: str,
        name: str,
        kana: str,
        prefecture: str,
        county: str | None = None,
        parent_code: str | None = None,
    ) -> None:
        self.code = code
        self.kind = kind
        self.name = name
        self.kana = kana
        self.prefecture = prefecture
        self.county = county
        self.parent_code = parent_code

    def __repr__(self) -> str:
        return f"Entry({self.code} {self.kind} {self.prefecture} {self.name})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and self.as_tuple() == other.as_tuple()

    def __hash__(self) -> int:
        return hash(self.code)

    def as_tuple(self) -> tuple[str, str, str, str, str, str | None, str | None]:
        """The fields in data-file order."""
        return (
            self.code,
            self.kind,
            self.name,
            self.kana,
            self.prefecture,
            self.county,
            self.parent_code,
        )

    @property
    def full_code(self) -> str:
        """The 6-digit code with the JIS X 0402 check digit, e.g. 141003."""
        return self.code + check_digit(self.code)


class UnresolvedName(LookupError):
    """A name that names no local government, or several; ``hint`` says what to write."""

    def __init__(self, written: str, message: str, hint: str, candidates: list[Entry]) -> None:
        super().__init__(message)
        self.written = written
        self.message = message
        self.hint = hint
        self.candidates = candidates


def check_digit(code: str) -> str:
    """The JIS X 0402 check digit of a 5-digit code (weights 6..2, modulus 11)."""
    if len(code) != 5 or not code.isdigit():
        raise ValueError(f"not a 5-digit local government code: {code!r}")
    remainder = sum(int(d) * w for d, w in zip(code, (6, 5, 4, 3, 2), strict=True)) % 11
    return str((11 - remainder) % 10)


def normalize(text: str) -> str:
    """The exact lookup key: NFKC (width folding) without any spaces."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _fold(key: str) -> str:
    for variant, standard in _VARIANTS:
        if variant in key:
            key = key.replace(variant, standard)
    return key


def fold(text: str) -> str:
    """The lenient lookup key: :func:`normalize` with spelling variants folded."""
    return _fold(normalize(text))


def _keys(entry: Entry) -> Iterator[str]:
    """Every way a source may write ``entry``."""
    yield entry.name
    if entry.kind == PREFECTURE:
        return
    yield entry.prefecture + entry.name
    if entry.county:
        yield entry.county + entry.name
        yield entry.prefecture + entry.county + entry.name
    if entry.kind == WARD:
        city_length = entry.name.index("市") + 1
        yield entry.name[city_length:]


def _join(items: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


class Gazetteer:
    """The loaded data file with its lookup indexes. Use :func:`load` to get it."""

    def __init__(self, entries: list[Entry], source: str) -> None:
        self.entries: tuple[Entry, ...] = tuple(sorted(entries, key=lambda e: e.code))
        self.source = source
        self._by_code = {e.code: e for e in self.entries}
        # The data file is NFKC-normal without spaces (the generator checks), so its
        # names are keys as they stand. The folded index is built on first need.
        self._exact = self._index(lambda key: key)
        self._folded_index: dict[str, list[Entry]] | None = None

    def _index(self, key_of: Callable[[str], str]) -> dict[str, list[Entry]]:
        index: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for key in _keys(entry):
                bucket = index.setdefault(key_of(key), [])
                if not bucket or bucket[-1] is not entry:
                    bucket.append(entry)
        return index

    @property
    def _folded(self) -> dict[str, list[Entry]]:
        if self._folded_index is None:
            self._folded_index = self._index(_fold)
        return self._folded_index

    def __len__(self) -> int:
        return len(self.entries)

    def by_code(self, code: str) -> Entry:
        """The entry with this 5-digit code (a 6-digit code's check digit is verified)."""
        code = normalize(code)
        if len(code) == 6:
            if not code.isdigit() or check_digit(code[:5]) != code[5]:
                raise KeyError(f"wrong check digit in {code}")
            code = code[:5]
        return self._by_code[code]

    def candidates(self, written: str) -> list[Entry]:
        """Every entry ``written`` may name, in code order (empty if none)."""
        found = self._exact.get(normalize(written)) or self._folded.get(fold(written), [])
        return list(found)

    def lookup(self, written: str) -> Entry:
        """The one entry ``written`` names; :class:`UnresolvedName` if none or several."""
        found = self.candidates(written)
        if len(found) == 1:
            return found[0]
        if found:
            forms = [self.written_form(e) for e in found]
            listed = [f"{form} ({e.code})" for form, e in zip(forms, found, strict=True)]
            raise UnresolvedName(
                written,
                f"{written} is ambiguous: {_join(listed)}",
                "write " + _join([f"【{form}】" for form in forms]),
                found,
            )
        elsewhere = self._in_other_prefecture(written)
        if elsewhere:
            prefecture, rest, found = elsewhere
            forms = [self.written_form(e) for e in found]
            listed = [f"{e.prefecture}{e.name} ({e.code})" for e in found]
            raise UnresolvedName(
                written,
                f"{written}: {prefecture} has no {rest}; there is {_join(listed)}",
                "write " + _join([f"【{form}】" for form in forms]),
                found,
            )
        close = self.suggest(written)
        if close:
            listed = [f"{self.written_form(e)} ({e.code})" for e in close]
            message = f"{written} is not a known local government; closest: {_join(listed)}"
            hint = f"did you mean 【{self.written_form(close[0])}】?"
        else:
            message = f"{written} is not a known local government"
            hint = "write the official name of a prefecture, city, ward, town or village"
        raise UnresolvedName(written, message, hint, close)

    def _in_other_prefecture(self, written: str) -> tuple[str, str, list[Entry]] | None:
        """(prefecture, name, entries) when ``written`` puts a known name in a wrong prefecture."""
        key = normalize(written)
        for prefecture in self.prefectures():
            rest = key.removeprefix(prefecture.name)
            if rest != key and rest:
                found = self.candidates(rest)
                if found and all(e.prefecture != prefecture.name for e in found):
                    return prefecture.name, rest, found
        return None

    def prefecture(self, written: str) -> Entry:
        """The prefecture ``written`` names; :class:`UnresolvedName` otherwise."""
        entry = self.lookup(written)
        if entry.kind != PREFECTURE:
            raise UnresolvedName(
                written,
                f"{written} is not a prefecture",
                f"write the prefecture of {entry.name}: 【{entry.prefecture}】",
                [self._by_code[entry.code[:2] + "000"]],
            )
        return entry

    def prefectures(self) -> list[Entry]:
        """The 47 prefectures in code order."""
        return [e for e in self.entries if e.kind == PREFECTURE]

    def suggest(self, written: str, limit: int = 3) -> list[Entry]:
        """The entries whose names are closest to ``written`` (best first)."""
        import difflib  # only needed for errors; keeps loading cheap

        matches = difflib.get_close_matches(fold(written), self._folded, n=limit * 3, cutoff=0.6)
        found: list[Entry] = []
        for key in matches:
            for entry in self._folded[key]:
                if entry not in found:
                    found.append(entry)
        return found[:limit]

    @functools.cache  # noqa: B019 - one Gazetteer per process, kept for its lifetime
    def written_form(self, entry: Entry) -> str:
        """The shortest way to write ``entry`` that names only it (東京都府中市)."""
        forms = [entry.name, entry.prefecture + entry.name]
        if entry.county:
            forms += [entry.county + entry.name, entry.prefecture + entry.county + entry.name]
        for form in forms:
            if self._exact.get(normalize(form)) == [entry]:
                return form
        return forms[-1]


def parse(text: str, source: str = "local_governments.tsv") -> Gazetteer:
    """Build a gazetteer from the text of the data file."""
    lines = text.splitlines()
    comment, header = lines[0], lines[1].split("\t")
    if not comment.startswith("#") or header[:3] != ["code", "kind", "name"]:
        raise ValueError(f"{source}: not a reportkit gazetteer file")
    entries = []
    for line in lines[2:]:
        code, kind, name, kana, prefecture, county, parent = line.split("\t")
        entries.append(Entry(code, kind, name, kana, prefecture, county or None, parent or None))
    return Gazetteer(entries, comment.lstrip("# "))


@functools.cache
def load() -> Gazetteer:
    """The packaged gazetteer, read once per process."""
    with open(DATA_FILE, encoding="utf-8") as data:
        return parse(data.read(), os.path.basename(DATA_FILE))
