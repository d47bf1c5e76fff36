"""Meeting profiles and settings from ``reportkit.toml``, validated with Pydantic.

::

    source = "source/torikumi-jirei.md"     # paths are relative to this file
    output_dir = "output"
    organisation = "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室"

    [fonts]                                 # optional; see README
    word_body = "游明朝"

    [[meeting]]
    id = "kanto-shinetsu"                   # also the output file name
    name = "関東信越ブロック会議"
    date = 2026-12-10
    number = "資料2"
    formats = ["pdf", "xlsx"]
    [meeting.select]
    blocks = ["関東信越"]

Every problem names the file and the line it is on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportkit.errors import Problem, SourceError
from reportkit.toml_file import TomlFile
from reportkit.view import Fonts, Meeting

CONFIG_FILE = "reportkit.toml"
Format = Literal["pdf", "docx", "xlsx"]


class Selection(BaseModel):
    """Which cases a profile shows.

    A case is kept when one of its actors lies in one of ``blocks`` (a block or a
    sub-block such as 四国) or ``prefectures`` — when either is given — and its section
    is in ``sections`` and its topic in ``topics`` when those are given.
    """

    model_config = ConfigDict(extra="forbid")

    blocks: list[str] = Field(default_factory=list)
    prefectures: list[str] = Field(default_factory=list)
    sections: list[int] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)

    @property
    def regional(self) -> bool:
        """True when the selection narrows by place (a block or prefecture meeting)."""
        return bool(self.blocks or self.prefectures)

    @property
    def everything(self) -> bool:
        return not (self.regional or self.sections or self.topics)


class Profile(BaseModel):
    """One meeting: what it is called, when, its 資料番号, its formats and selection."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", description="output file stem")
    name: str = Field(min_length=1, description="会議名")
    date: dt.date | None = None
    number: str | None = Field(default=None, description="資料番号")
    organisation: str | None = None
    western_year: bool = False
    formats: list[Format] = Field(default_factory=lambda: ["pdf", "docx", "xlsx"], min_length=1)
    select: Selection = Field(default_factory=Selection)

    def meeting(self, organisation: str | None) -> Meeting:
        """The :class:`Meeting` writers print; the file's organisation is the default."""
        return Meeting(
            id=self.id,
            name=self.name,
            date=self.date,
            number=self.number,
            organisation=self.organisation or organisation,
            western_year=self.western_year,
        )


class Config(BaseModel):
    """The whole ``reportkit.toml``."""

    model_config = ConfigDict(extra="forbid")

    source: Path = Path("source/torikumi-jirei.md")
    output_dir: Path = Path("output")
    blocks: Path | None = Field(default=None, description="block scheme file")
    organisation: str | None = None
    fonts: Fonts = Field(default_factory=Fonts)
    meeting: list[Profile] = Field(default_factory=list)

    def profile(self, profile_id: str) -> Profile:
        for profile in self.meeting:
            if profile.id == profile_id:
                return profile
        known = ", ".join(p.id for p in self.meeting) or "none"
        raise KeyError(f"no meeting profile '{profile_id}' (profiles: {known})")


class ConfigFile:
    """A loaded configuration together with the file it came from (for line numbers)."""

    def __init__(self, config: Config, file: TomlFile | None) -> None:
        self.config = config
        self.file = file

    @property
    def shown(self) -> str:
        return self.file.shown if self.file else CONFIG_FILE

    def line_of_profile(
        self, profile_id: str, key: str | None = None, value: str | None = None
    ) -> int:
        """Line of a profile's value (or key, or table) in the file; 0 when unknown."""
        if self.file is None:
            return 0
        index = next((i for i, p in enumerate(self.config.meeting) if p.id == profile_id), 0)
        table = self.file.line_of_table("meeting", index + 1)
        if value is not None:
            line, _ = self.file.position_of(value)
            if line:
                return line
        if key is not None:
            found = self.file.line_of_key(key, max(table - 1, 0))
            header = f"[meeting.{key}]"
            for number, text in enumerate(self.file.lines[table:], start=table + 1):
                if found and number >= found:
                    break
                if text.strip().startswith("[[meeting]]"):
                    break
                if text.strip().replace(" ", "").startswith(header):
                    return number
            return found or table
        return table

    def problem(self, profile_id: str, message: str, hint: str = "", **where: str) -> Problem:
        return Problem(self.shown, self.line_of_profile(profile_id, **where), 1, message, hint)


def load_config(path: Path | None) -> ConfigFile:
    """Read ``path``, or ``reportkit.toml`` in the working directory when it exists.

    Relative paths in the file are taken relative to the file's directory.
    """
    if path is None:
        if not Path(CONFIG_FILE).is_file():
            return ConfigFile(Config(), None)
        path = Path(CONFIG_FILE)
    file = TomlFile(path)
    try:
        config = Config.model_validate(file.data)
    except ValidationError as exc:
        raise SourceError([_problem(file, error) for error in exc.errors()]) from None
    base = path.parent
    config.source = base / config.source
    config.output_dir = base / config.output_dir
    if config.blocks is not None:
        config.blocks = base / config.blocks
    seen: set[str] = set()
    problems = []
    for index, profile in enumerate(config.meeting, start=1):
        if profile.id in seen:
            line = file.line_of_table("meeting", index)
            problems.append(
                file.problem(
                    line, f"meeting id '{profile.id}' is used twice", "give each meeting its own id"
                )
            )
        seen.add(profile.id)
    if problems:
        raise SourceError(problems)
    return ConfigFile(config, file)


def _problem(file: TomlFile, error: dict) -> Problem:
    """A Pydantic error at the line of the key (or value) it is about."""
    loc = list(error["loc"])
    line = 0
    if loc and loc[0] == "meeting" and len(loc) > 1 and isinstance(loc[1], int):
        line = file.line_of_table("meeting", loc[1] + 1)
        rest = loc[2:]
    else:
        rest = loc
    keys = [part for part in rest if isinstance(part, str)]
    value = error.get("input")
    if isinstance(value, str) and isinstance(rest[-1] if rest else None, int):
        found, _ = file.position_of(value)
        line = found or line
    elif keys:
        line = file.line_of_key(keys[-1], max(line - 1, 0)) or line
    where = ".".join(str(part) for part in loc)
    message = error["msg"]
    if error["type"] == "extra_forbidden":
        message = f"unknown key '{keys[-1] if keys else where}'"
        allowed = _allowed_keys(loc)
        hint = f"allowed keys: {', '.join(allowed)}" if allowed else ""
    else:
        message = f"{where}: {message}"
        hint = "see the example in README.md (Meeting profiles)"
    return file.problem(line, message, hint)


def _allowed_keys(loc: list) -> list[str]:
    models = {"select": Selection, "fonts": Fonts}
    model: type[BaseModel] = Profile if loc and loc[0] == "meeting" else Config
    for part in loc[:-1]:
        if isinstance(part, str) and part in models:
            model = models[part]
    return sorted(model.model_fields)
