"""What a writer renders: a resolved, selected document plus the meeting it is for.

Writers take a :class:`View` and nothing else, so every format shows the same cases with
the same dates and names.
"""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from reportkit import formats
from reportkit.model import Document, Text
from reportkit.timestamp import source_epoch
from reportkit.wareki import era_year, format_wareki

JST = timezone(timedelta(hours=9), "JST")


class Selection(BaseModel):
    """Which cases a meeting shows.

    A case is kept when one of its actors lies in one of ``blocks`` (a block or a
    sub-block such as 四国) or ``prefectures`` — when either is given — and its section
    is in ``sections`` and its topic in ``topics`` when those are given.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    blocks: list[Text] = Field(default_factory=list)
    prefectures: list[Text] = Field(default_factory=list)
    sections: list[int] = Field(default_factory=list)
    topics: list[Text] = Field(default_factory=list)

    @property
    def regional(self) -> bool:
        """True when the selection narrows by place (a block or prefecture meeting)."""
        return bool(self.blocks or self.prefectures)

    @property
    def everything(self) -> bool:
        return not (self.regional or self.sections or self.topics)


def _all_formats() -> list[str]:

    return formats.writer_names()


def _known_formats(names: list[str]) -> list[str]:
    known = _all_formats()
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)} (formats: {', '.join(known)})")
    return names


def at_most(limit: int, what: str) -> AfterValidator:
    """Refuse a text longer than ``limit`` characters, naming ``what`` it is."""

    def check(text: str) -> str:
        if len(text) > limit:
            raise ValueError(f"{len(text):,} characters is too long for {what}; at most {limit}")
        return text

    return AfterValidator(check)


def _in_wareki(day: dt.date) -> dt.date:
    era_year(day)  # raises ValueError for a date 和暦 cannot print
    return day


class Meeting(BaseModel):
    """The occasion a handout is made for: a ``[[meeting]]`` of reportkit.toml.

    Without one, a build makes the whole collection for no named meeting.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str | None = Field(
        default=None,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
        description="meeting id, also the output file stem",
    )
    name: Annotated[Text, at_most(50, "a meeting name")] | None = Field(
        default=None, min_length=1, description="会議名, e.g. 主管課長会議"
    )
    date: Annotated[dt.date, AfterValidator(_in_wareki)] | None = Field(
        default=None, description="meeting date printed on the cover"
    )
    number: Annotated[Text, at_most(20, "a 資料番号 (boxed on page 1)")] | None = Field(
        default=None, description="資料番号 in the box on page 1, e.g. 資料3"
    )
    organisation: Annotated[Text, at_most(60, "an organisation")] | None = Field(
        default=None, description="author in document properties"
    )
    western_year: bool = Field(default=False, description="print 令和8年(2026年)")
    formats: Annotated[list[str], AfterValidator(_known_formats)] = Field(
        default_factory=_all_formats, min_length=1, description="formats it is built in"
    )
    select: Selection = Field(default_factory=Selection)


class Fonts(BaseModel):
    """Font choices; ``None`` means: find a suitable one (see the PDF writer)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    pdf_body: Path | None = Field(default=None, description="TrueType file for body text")
    pdf_heading: Path | None = Field(default=None, description="TrueType file for headings")
    word_body: Text = Field(default="游明朝", description="East Asian font of Word body text")
    word_heading: Text = Field(default="游ゴシック", description="East Asian font of Word headings")


class View(BaseModel):
    """Everything a writer needs; built by the pipeline, read-only for writers."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    document: Document = Field(description="resolved and selected")
    meeting: Meeting = Field(default_factory=Meeting)
    timestamp: datetime = Field(description="creation time written into every output (UTC)")
    fonts: Fonts = Field(default_factory=Fonts)
    blocks: list[str] = Field(
        default_factory=list, description="block names in the scheme's order (north to south)"
    )
    national: dict[str, int] | None = Field(
        default=None,
        description="cases per block in the whole collection, when the view is one block's",
    )
    region: list[str] = Field(
        default_factory=list,
        description="the prefectures a regional edition is for (all of its blocks'), in code order",
    )

    @property
    def date(self) -> dt.date:
        """Cover date: the meeting's, else the build timestamp's day in Japan."""
        return self.meeting.date or self.timestamp.astimezone(JST).date()

    @property
    def date_text(self) -> str:
        """The cover date in 和暦."""
        return format_wareki(self.date, western=self.meeting.western_year)

    @property
    def title(self) -> str:
        return self.document.title


def source_timestamp(source: Path) -> datetime:
    """SOURCE_DATE_EPOCH, else the source's last git commit time, else its mtime (UTC)."""
    return datetime.fromtimestamp(source_epoch(source), UTC)
