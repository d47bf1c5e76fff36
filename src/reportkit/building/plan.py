"""Planning a build: which views, in which formats, to which files.

Options given on the command line win over ``reportkit.toml``, which wins over defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from reportkit import formats
from reportkit.errors import BuildError
from reportkit.meetings.editions import Edition, editions
from reportkit.meetings.selection import select_for
from reportkit.meetings.settings import Settings, SettingsFile, load_settings
from reportkit.model import Document
from reportkit.places import gazetteer
from reportkit.places.blocks import BlockScheme
from reportkit.readers.options import ReadOptions
from reportkit.source import load
from reportkit.summary import cases_by_block
from reportkit.view import Fonts, Meeting, Selection, View, source_timestamp


@dataclass
class Target:
    """One output file to make."""

    fmt: str
    path: Path
    view: View
    meeting: str | None = None
    key: str = field(default="", repr=False)
    name: str = ""  # in the manifest: the path under the output directory (default: file name)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = self.path.name


@dataclass
class Outcome:
    """What happened to one target."""

    target: Target
    status: str  # written | unchanged | up-to-date | differs | missing | failed | not-built
    seconds: float = 0.0
    sha256: str | None = None
    size: int | None = None
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "format": self.target.fmt,
            "meeting": self.target.meeting,
            "path": self.target.path.as_posix(),
            "status": self.status,
            "seconds": round(self.seconds, 3),
            "sha256": self.sha256,
            "size": self.size,
            "error": self.error,
        }


@dataclass(frozen=True)
class Request:
    """What a user asked to build; ``None`` keeps the settings' (or the meeting's) value."""

    fmt: str = "all"
    source: Path | None = None
    output_dir: Path | None = None
    settings: Path | None = None
    meetings: tuple[str, ...] = ()
    all_meetings: bool = False
    blocks: Path | None = None
    name: str | None = None
    number: str | None = None
    date: dt.date | None = None
    organisation: str | None = None
    font: Path | None = None
    reading: ReadOptions | None = None
    each: str | None = None  # prefecture | block: editions in bulk (meetings.editions)
    shard: tuple[int, int] = (1, 1)

    def apply(self, meeting: Meeting) -> Meeting:
        """``meeting`` with the details given on the command line."""
        given = {"name": self.name, "number": self.number, "date": self.date}
        given["organisation"] = self.organisation
        changes = {key: value for key, value in given.items() if value is not None}
        if not changes:
            return meeting
        try:
            return Meeting.model_validate(meeting.model_dump() | changes)
        except ValidationError as exc:
            error = exc.errors()[0]
            option = {"name": "--meeting-name"}.get(str(error["loc"][0]), f"--{error['loc'][0]}")
            raise BuildError(f"{option}: {error['msg'].removeprefix('Value error, ')}") from None


@dataclass
class Plan:
    """The targets of a build, its output directory, its source and the document read."""

    targets: list[Target]
    directory: Path
    source: Path
    notes: list[str] = field(default_factory=list)  # places without an edition
    document: Document | None = None


def make_view(
    document: Document,
    source: Path,
    scheme: BlockScheme | None = None,
    meeting: Meeting | None = None,
    fonts: Fonts | None = None,
    settings: SettingsFile | None = None,
) -> View:
    """The view writers render, stamped with the source's reproducible timestamp.

    A meeting that narrows by place also carries the national picture (cases per block);
    a selection problem is reported at its line of ``settings``.
    """
    meeting = meeting or Meeting()
    scheme = scheme or BlockScheme.load(None)
    shown = document
    national = None
    region: list[str] = []
    if not meeting.select.everything:
        shown = select_for(meeting, document, scheme, settings or SettingsFile(Settings(), None))
    if meeting.select.regional:
        national = cases_by_block(document, scheme.names)
        region = region_prefectures(meeting.select, scheme)
    return View(
        document=shown,
        meeting=meeting,
        timestamp=source_timestamp(source),
        fonts=fonts or Fonts(),
        national=national,
        blocks=scheme.names,
        region=region,
    )


def region_prefectures(selection: Selection, scheme: BlockScheme) -> list[str]:
    """The prefectures of the blocks, sub-blocks and prefectures ``selection`` names."""
    names = [p for block in selection.blocks for p in scheme.prefectures(block)]
    names += selection.prefectures
    return [entry.name for entry in gazetteer.load().prefectures() if entry.name in names]


def _formats(fmt: str, meeting: Meeting) -> list[str]:
    if fmt == "all":
        return list(meeting.formats)
    return [fmt] if fmt in meeting.formats else []


def _meetings(request: Request, file: SettingsFile) -> list[Meeting]:
    settings = file.settings
    if request.all_meetings:
        if not settings.meeting:
            raise BuildError(f"--all-meetings: {file.shown} defines no [[meeting]]")
        return list(settings.meeting)
    chosen: list[Meeting] = []
    for meeting_id in request.meetings:
        try:
            chosen.append(settings.find(meeting_id))
        except KeyError as exc:
            raise BuildError(f"{file.shown}: {exc.args[0]}") from None
    return chosen or [Meeting(organisation=settings.organisation)]


def plan(request: Request) -> Plan:
    """The targets ``request`` asks for, with the source loaded and every view made."""
    file = load_settings(request.settings)
    settings = file.settings
    source = request.source or settings.source
    directory = request.output_dir or settings.output_dir
    scheme = BlockScheme.load(request.blocks or settings.blocks)
    reading = replace(request.reading or ReadOptions(), limit=settings.max_source_bytes)
    document = load(source, scheme, reading)
    fonts = settings.fonts
    if request.font:
        fonts = fonts.model_copy(update={"pdf_body": request.font})
    chosen = [_with_organisation(meeting, settings) for meeting in _meetings(request, file)]

    def view_of(meeting: Meeting) -> View:
        return make_view(document, source, scheme, request.apply(meeting), fonts, file)

    if request.each:
        if len(chosen) > 1:
            raise BuildError(f"--each {request.each}: give at most one --meeting")
        made, notes = editions(request.each, chosen[0], document, scheme, request.shard)
        targets = [
            target
            for edition in made
            for target in _edition_targets(request, edition, view_of, directory)
        ]
        return Plan(targets, directory, source, notes, document)  # a shard may hold no edition
    targets = []
    for meeting in chosen:
        view = view_of(meeting)
        stem = meeting.id or source.stem
        for name in _formats(request.fmt, meeting):
            path = directory / f"{stem}{formats.get_writer(name).suffix}"
            targets.append(Target(name, path, view, meeting.id))
    if not targets:
        raise BuildError(f"no meeting chosen is built in the format {request.fmt}")
    return Plan(targets, directory, source, document=document)


def _edition_targets(
    request: Request, edition: Edition, view_of: Callable[[Meeting], View], directory: Path
) -> list[Target]:
    """An edition's outputs: ``<directory>/<edition>/<edition>.<suffix>``."""
    view = view_of(edition.meeting)
    targets = []
    for name in _formats(request.fmt, edition.meeting):
        output = f"{edition.name}/{edition.name}{formats.get_writer(name).suffix}"
        targets.append(Target(name, directory / output, view, edition.name, name=output))
    return targets


def _with_organisation(meeting: Meeting, settings: Settings) -> Meeting:
    if meeting.organisation is None and settings.organisation:
        return meeting.model_copy(update={"organisation": settings.organisation})
    return meeting
