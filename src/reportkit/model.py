"""The document model: the one contract between readers, resolution and writers.

A :class:`Document` holds :class:`Section` s (大項目), each holding :class:`Topic` s
(中項目, the initiative type), each holding :class:`Case` s (取組事例).

A section written without topic headings (section 3 of the real source) gets exactly one
*implicit* topic whose title is the section's title and whose ``implicit`` flag is set.
Every case therefore has an initiative type the matrix can use, and writers print no
topic heading for an implicit topic.

Every node records the 1-based ``line`` of the source it came from. Actors carry what the
source wrote; :mod:`reportkit.places.resolve` fills in ``government`` (the local government) so that
writers never look names up themselves.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from reportkit.errors import visible, without_invisible

SCHEMA_VERSION: Literal[2] = 2

# What the cover holds at once: a title of 4 lines, a subtitle of 2, the ※ note in 7,
# with the meeting's name, date and organisation (view.py) at their own limits.
MAX_TITLE = 60
"""Characters of a document title or subtitle."""
MAX_NOTE = 300
"""Characters of the ※ note (all its lines)."""
MAX_HEADING = 200
"""Characters of a section or topic title: a heading of a few lines, never a page."""
MAX_CASES = 100_000
"""Cases of one document: the most a build was measured to make in reasonable time and memory."""


# What no output can carry: C0 controls but tab and line feed, DEL and C1 controls, lone
# surrogates, and the non-characters U+FFFE/U+FFFF (XML 1.0 allows none of them).
_INVALID = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile(r"\r\n?")


def invalid_character(text: str) -> int | None:
    """The index of the first character no output can carry, or None."""
    found = _INVALID.search(text)
    return found.start() if found else None


def _valid_text(text: str) -> str:
    """Normalise line breaks to LF and refuse characters Word, Excel, PDF and HTML cannot hold."""
    text = _LINE_BREAK.sub("\n", text) if "\r" in text else text
    at = invalid_character(text)
    if at is not None:
        raise ValueError(f"character U+{ord(text[at]):04X} is not allowed in the text")
    return text


Text = Annotated[str, AfterValidator(_valid_text)]
"""The one text type of every text field: XML 1.0 characters only, LF line breaks."""


def heading_problem(text: str, limit: int) -> str | None:
    """What is wrong with ``text`` as a title or heading of at most ``limit`` characters."""
    if len(text) > limit:
        return f"is {len(text):,} characters long (at most {limit})"
    if not without_invisible(text).strip(" \t\n\u3000"):
        return f"'{visible(text)}' is empty once invisible characters are removed"
    return None


def _heading(limit: int) -> AfterValidator:
    def check(text: str) -> str:
        problem = heading_problem(text, limit)
        if problem:
            raise ValueError(f"the title {problem}")
        return text

    return AfterValidator(check)


def derive_key(text: str, attribution: str, occurrence: int = 1) -> str:
    """The stable key of a case written without one: a digest of its words and actors.

    Width and spaces are normalised first, so re-typing a case in Word does not change
    it; rewording does, unless the key was kept (in the briefing's bookmarks). The n-th
    repetition of the same words (``occurrence``) gets a key of its own.
    """
    words = unicodedata.normalize("NFKC", f"{text}\0{attribution}")
    words = "".join(words.split()) + (f"\0{occurrence}" if occurrence > 1 else "")
    return "k" + hashlib.sha1(words.encode("utf-8")).hexdigest()[:10]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Kind(StrEnum):
    """Kind of local government (地方公共団体の種別)."""

    PREFECTURE = "都道府県"
    DESIGNATED_CITY = "政令指定都市"
    WARD = "行政区"
    SPECIAL_WARD = "特別区"
    CITY = "市"
    TOWN = "町"
    VILLAGE = "村"


class LocalGovernment(_Node):
    """One entry of the gazetteer: an official local government."""

    code: str = Field(pattern=r"^\d{5}$", description="全国地方公共団体コード without check digit")
    name: Text = Field(description="official name, e.g. 横浜市港北区 or 府中市")
    kana: str = ""
    kind: Kind
    prefecture: str = Field(description="prefecture name, e.g. 東京都")
    county: str | None = Field(default=None, description="郡 of a town or village")
    parent_code: str | None = Field(
        default=None, description="the designated city of a ward (行政区)"
    )
    block: str = Field(description="regional block, e.g. 関東信越")
    sub_block: str | None = Field(default=None, description="e.g. 四国 within 中国四国")

    @property
    def prefecture_code(self) -> str:
        """The 2-digit prefecture part of the code."""
        return self.code[:2]


class Group(_Node):
    """An unnamed group of municipalities, e.g. 静岡県内7市."""

    prefecture: Text = Field(description="prefecture as written, e.g. 静岡県")
    count: int = Field(gt=0)
    kind: str = Field(description="市, 町, 村 or a combination such as 市町村")


class Actor(_Node):
    """One actor named in an attribution, as written in the source."""

    written: Text = Field(min_length=1, description="the name exactly as the source writes it")
    line: int = Field(ge=0)
    column: int = Field(ge=0, description="1-based column of the name in its line")
    group: Group | None = None
    government: LocalGovernment | None = Field(
        default=None,
        validation_alias=AliasChoices("government", "entity"),
        description="resolved local government (for a group: its prefecture)",
    )

    @property
    def key(self) -> str:
        """A stable key that sorts in 団体コード order (groups after their prefecture)."""
        if self.government is None:
            return f"~{self.written}"
        if self.group is not None:
            return f"{self.government.code}+{self.group.count:04d}{self.group.kind}"
        return self.government.code

    @property
    def label(self) -> str:
        """How a list or index names this actor."""
        if self.group is not None:
            return self.written
        return self.government.name if self.government else self.written


OpenList = Literal["等", "等多数"]


class Attribution(_Node):
    """Who did it: the 【…】 or trailing (…) at the end of a case."""

    written: Text = Field(description="the text between the brackets, as written")
    brackets: Literal["【】", "()"] = "【】"
    actors: list[Actor] = Field(default_factory=list)
    open_list: OpenList | None = Field(
        default=None, description="等 (and others) or 等多数 (and many more) after the last actor"
    )
    undisclosed: bool = Field(
        default=False, description="the source marks the case as not attributed: 【非公表】"
    )
    emphasis: bool = Field(default=False, description="the attribution sits inside **…**")

    @model_validator(mode="after")
    def _has_actors(self) -> Attribution:
        if not self.actors and not self.undisclosed:
            raise ValueError("an attribution names at least one actor")
        if self.actors and self.undisclosed:
            raise ValueError("an undisclosed attribution names no actor")
        return self

    @property
    def text(self) -> str:
        """The attribution as printed, brackets included: 【仙台市、川崎市】."""
        opening, closing = self.brackets
        if self.brackets == "()":
            opening, closing = "(", ")"
        return f"{opening}{self.written}{closing}"


class Run(_Node):
    """A stretch of case text, emphasised (**…** in the source) or not."""

    text: Text = Field(min_length=1)
    emphasis: bool = False


class Case(_Node):
    """One case example (取組事例)."""

    id: str = Field(pattern=r"^\d+-\d+-\d+$", description="section-topic-case, e.g. 1-2-3")
    key: str = Field(
        default="",
        pattern=r"^$|^k[0-9a-z]{1,31}$",
        description="stable identity across edits; derived from the text when not given",
    )
    runs: list[Run] = Field(min_length=1)
    attribution: Attribution
    line: int = Field(ge=0)

    @model_validator(mode="after")
    def _keyed(self) -> Case:
        if not self.key:
            object.__setattr__(self, "key", derive_key(self.text, self.attribution.written))
        return self

    @field_validator("runs")
    @classmethod
    def _not_blank(cls, runs: list[Run]) -> list[Run]:
        if not "".join(r.text for r in runs).strip():
            raise ValueError("case text is empty")
        return runs

    @property
    def text(self) -> str:
        """Plain text without emphasis markers or attribution."""
        return "".join(r.text for r in self.runs)

    @property
    def full_text(self) -> str:
        """Plain text followed by the attribution, as printed."""
        return self.text + self.attribution.text

    @property
    def emphasized(self) -> list[str]:
        """The emphasised phrases, in order."""
        return [r.text for r in self.runs if r.emphasis]


class Topic(_Node):
    """An initiative type (中項目, the heading in parentheses)."""

    number: int = Field(ge=1, description="position within its section, from 1")
    title: Annotated[Text, _heading(MAX_HEADING)] = Field(min_length=1)
    implicit: bool = Field(
        default=False,
        description="the section has no topic headings; this topic stands for the section",
    )
    line: int = Field(ge=0)
    cases: list[Case] = Field(min_length=1)


class Section(_Node):
    """A numbered section (大項目)."""

    number: int = Field(ge=1)
    title: Annotated[Text, _heading(MAX_HEADING)] = Field(min_length=1)
    line: int = Field(ge=0)
    topics: list[Topic] = Field(min_length=1)

    @property
    def cases(self) -> list[Case]:
        return [case for topic in self.topics for case in topic.cases]


class Document(_Node):
    """A collection of case examples: the whole source document."""

    schema_version: Literal[1, 2] = SCHEMA_VERSION
    title: Annotated[Text, _heading(MAX_TITLE)] = Field(min_length=1)
    subtitle: Annotated[Text, _heading(MAX_TITLE)] | None = None
    note: Annotated[Text, _heading(MAX_NOTE)] | None = Field(
        default=None, description="the ※ note on where the cases come from"
    )
    source_name: str = Field(
        default="",
        validation_alias=AliasChoices("source_name", "source"),
        description="file name of the source, without directories",
    )
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Document:
        seen: set[str] = set()
        keys: dict[str, Case] = {}
        for case in self.cases():
            if case.id in seen:
                raise ValueError(f"duplicate case id {case.id} (line {case.line})")
            seen.add(case.id)
            if case.key in keys:
                self._rekey(case, keys)
            keys[case.key] = case
        if len(seen) > MAX_CASES:
            raise ValueError(f"{len(seen):,} cases: reportkit builds at most {MAX_CASES:,}")
        numbers = [s.number for s in self.sections]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"duplicate section numbers: {numbers}")
        return self

    @staticmethod
    def _rekey(case: Case, keys: dict[str, Case]) -> None:
        """Give a repeated case whose key was derived the key of its next occurrence."""
        first = keys[case.key]
        if case.key != derive_key(case.text, case.attribution.written):
            raise ValueError(
                f"case {case.id} (line {case.line}) has the key {case.key} "
                f"of case {first.id} (line {first.line})"
            )
        occurrence = 2
        while (key := derive_key(case.text, case.attribution.written, occurrence)) in keys:
            occurrence += 1
        object.__setattr__(case, "key", key)

    def cases(self) -> Iterator[Case]:
        """Every case in document order."""
        for section in self.sections:
            for topic in section.topics:
                yield from topic.cases

    def topics(self) -> Iterator[tuple[Section, Topic]]:
        """Every (section, topic) pair in document order."""
        for section in self.sections:
            for topic in section.topics:
                yield section, topic

    def actors(self) -> Iterator[tuple[Case, Actor]]:
        """Every (case, actor) pair in document order."""
        for case in self.cases():
            for actor in case.attribution.actors:
                yield case, actor

    @property
    def resolved(self) -> bool:
        """True when every actor carries its local government."""
        return all(actor.government is not None for _, actor in self.actors())
