"""Settings and meetings from ``reportkit.toml``, validated with Pydantic.

::

    source = "source/torikumi-jirei.md"     # paths are relative to this file
    output_dir = "output"
    organisation = "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室"
    contact = "自立支援係　電話 03-0000-0000　jiritsu@example.go.jp"   # 照会様式の問い合わせ先
    max_source_mb = 64                      # larger sources are refused

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

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from reportkit.errors import Problem, SourceError
from reportkit.meetings import DEFAULT_OUTPUT_DIR, DEFAULT_SOURCE, SETTINGS_FILE
from reportkit.model import Text
from reportkit.readers.text import MAX_BYTES
from reportkit.toml_file import TomlFile
from reportkit.view import Fonts, Meeting, at_most


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
    organisation: Annotated[Text, at_most(60, "an organisation")] | None = None
    contact: Text | None = Field(
        default=None, description="whom respondents of the 照会様式 ask (its 記入要領 says)"
    )
    max_source_mb: int = Field(
        default=MAX_BYTES // 2**20, ge=1, le=1024, description="largest source read, in MB"
    )
    fonts: Fonts = Field(default_factory=Fonts)
    meeting: list[Annotated[Meeting, AfterValidator(_named)]] = Field(default_factory=list)

    @property
    def max_source_bytes(self) -> int:
        return self.max_source_mb * 2**20

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
    settings = file.validate(Settings, "see the example in README.md (Meetings)")
    base = path.parent
    fonts = {
        key: base / value
        for key, value in (
            ("pdf_body", settings.fonts.pdf_body),
            ("pdf_heading", settings.fonts.pdf_heading),
        )
        if value is not None
    }
    settings = settings.model_copy(
        update={
            "source": base / settings.source,
            "output_dir": base / settings.output_dir,
            "blocks": base / settings.blocks if settings.blocks is not None else None,
            "fonts": settings.fonts.model_copy(update=fonts),
        }
    )
    problems = [
        file.problem(file.line_of_key(key, file.line_of_table("fonts")), message, hint)
        for key, font in sorted(fonts.items())
        for message, hint in [font_problem(font, key)]
        if message
    ]
    seen: set[str] = set()
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


def font_problem(path: Path, key: str) -> tuple[str, str]:
    """(what is wrong, how to fix it) with the font file ``path``; empty strings if nothing."""
    fix = "give the path of a TrueType font (.ttf, .ttc), relative to this file"
    if not path.exists():
        return f"{key}: the font {path} does not exist", fix
    if not path.is_file():
        return f"{key}: the font {path} is not a file", fix
    if path.stat().st_size == 0:
        return f"{key}: the font {path} is empty (0 bytes)", f"copy the font again; {fix}"
    return "", ""
