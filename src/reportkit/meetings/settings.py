"""Settings and meetings from ``reportkit.toml``, validated with Pydantic.

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

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from reportkit.errors import Problem, SourceError
from reportkit.meetings import DEFAULT_OUTPUT_DIR, DEFAULT_SOURCE, SETTINGS_FILE
from reportkit.model import Text
from reportkit.toml_file import TomlFile
from reportkit.view import Fonts, Meeting, Selection


def _named(meeting: Meeting) -> Meeting:
    if meeting.id is None or meeting.name is None:
        raise ValueError("a [[meeting]] needs an id and a name")
    return meeting


class Settings(BaseModel):
    """The whole ``reportkit.toml``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    source: Path = Path(DEFAULT_SOURCE)
    output_dir: Path = Path(DEFAULT_OUTPUT_DIR)
    blocks: Path | None = Field(default=None, description="block scheme file")
    organisation: Text | None = None
    fonts: Fonts = Field(default_factory=Fonts)
    meeting: list[Annotated[Meeting, AfterValidator(_named)]] = Field(default_factory=list)

    def find(self, meeting_id: str) -> Meeting:
        """The meeting called ``meeting_id``; KeyError lists the known ones."""
        for meeting in self.meeting:
            if meeting.id == meeting_id:
                return meeting
        known = ", ".join(str(m.id) for m in self.meeting) or "none"
        raise KeyError(f"no meeting '{meeting_id}' (meetings: {known})")


class SettingsFile:
    """Loaded settings together with the file it came from (for line numbers)."""

    def __init__(self, settings: Settings, file: TomlFile | None) -> None:
        self.settings = settings
        self.file = file

    @property
    def shown(self) -> str:
        return self.file.shown if self.file else SETTINGS_FILE

    def line_of_meeting(
        self, meeting_id: str, key: str | None = None, value: str | None = None
    ) -> int:
        """Line of a meeting's value (or key, or table) in the file; 0 when unknown."""
        if self.file is None:
            return 0
        index = next((i for i, p in enumerate(self.settings.meeting) if p.id == meeting_id), 0)
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

    def problem(self, meeting_id: str, message: str, hint: str = "", **where: str) -> Problem:
        return Problem(self.shown, self.line_of_meeting(meeting_id, **where), 1, message, hint)


def load_settings(path: Path | None) -> SettingsFile:
    """Read ``path``, or ``reportkit.toml`` in the working directory when it exists.

    Relative paths in the file are taken relative to the file's directory.
    """
    if path is None:
        if not Path(SETTINGS_FILE).is_file():
            return SettingsFile(Settings(), None)
        path = Path(SETTINGS_FILE)
    file = TomlFile(path)
    try:
        settings = Settings.model_validate(file.data)
    except ValidationError as exc:
        raise SourceError([_problem(file, error) for error in exc.errors()]) from None
    base = path.parent
    settings = settings.model_copy(
        update={
            "source": base / settings.source,
            "output_dir": base / settings.output_dir,
            "blocks": base / settings.blocks if settings.blocks is not None else None,
        }
    )
    seen: set[str] = set()
    problems = []
    for index, meeting in enumerate(settings.meeting, start=1):
        if meeting.id in seen:
            line = file.line_of_table("meeting", index)
            problems.append(
                file.problem(
                    line, f"meeting id '{meeting.id}' is used twice", "give each meeting its own id"
                )
            )
        seen.add(str(meeting.id))
    if problems:
        raise SourceError(problems)
    return SettingsFile(settings, file)


def _problem(file: TomlFile, error: ErrorDetails) -> Problem:
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
        hint = "see the example in README.md (Meetings)"
    return file.problem(line, message, hint)


def _allowed_keys(loc: list[int | str]) -> list[str]:
    models: dict[str, type[BaseModel]] = {"select": Selection, "fonts": Fonts}
    model: type[BaseModel] = Meeting if loc and loc[0] == "meeting" else Settings
    for part in loc[:-1]:
        if isinstance(part, str) and part in models:
            model = models[part]
    return sorted(model.model_fields)
