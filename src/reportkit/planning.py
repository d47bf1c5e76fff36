"""Planning a build: which views, in which formats, to which files.

Options given on the command line win over ``reportkit.toml``, which wins over defaults.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportkit import writers
from reportkit.blocks import BlockScheme
from reportkit.build import Target
from reportkit.config import Config, ConfigFile, Profile, load_config
from reportkit.errors import BuildError
from reportkit.model import Document
from reportkit.pipeline import load, make_view
from reportkit.selection import select_for
from reportkit.summary import cases_by_block
from reportkit.view import Meeting


@dataclass(frozen=True)
class Overrides:
    """Meeting details given on the command line; ``None`` keeps the profile's."""

    name: str | None = None
    number: str | None = None
    date: dt.date | None = None
    organisation: str | None = None
    font: Path | None = None

    def apply(self, meeting: Meeting) -> Meeting:
        changes = {
            key: value
            for key, value in (
                ("name", self.name),
                ("number", self.number),
                ("date", self.date),
                ("organisation", self.organisation),
            )
            if value is not None
        }
        return meeting.model_copy(update=changes)


def _formats(fmt: str, profile: Profile | None) -> list[str]:
    wanted = list(profile.formats) if profile else list(writers.FORMATS)
    if fmt != "all":
        wanted = [fmt] if fmt in wanted else []
    missing = [name for name in wanted if not writers.available(name)]
    if missing:
        raise BuildError(
            f"{', '.join(missing)}: not available yet; nothing was written", missing[0]
        )
    return wanted


def _profiles(
    config: Config, meetings: list[str], all_meetings: bool, shown: str
) -> list[Profile | None]:
    if all_meetings:
        if not config.meeting:
            raise BuildError(f"--all-meetings: {shown} defines no [[meeting]] profile")
        return list(config.meeting)
    chosen: list[Profile | None] = []
    for meeting_id in meetings:
        try:
            chosen.append(config.profile(meeting_id))
        except KeyError as exc:
            raise BuildError(f"{shown}: {exc.args[0]}") from None
    return chosen or [None]


def plan(
    *,
    fmt: str,
    source: Path | None,
    output_dir: Path | None,
    config_path: Path | None,
    meetings: list[str],
    all_meetings: bool,
    blocks: Path | None,
    overrides: Overrides,
) -> tuple[list[Target], Path, Path]:
    """The targets of a build, its output directory and its source."""
    config_file: ConfigFile = load_config(config_path)
    config = config_file.config
    source = source or config.source
    directory = output_dir or config.output_dir
    blocks = blocks or config.blocks
    scheme = BlockScheme.load(blocks)
    profiles = _profiles(config, meetings, all_meetings, config_file.shown)
    document: Document = load(source, blocks=blocks)
    fonts = (
        config.fonts.model_copy(update={"pdf_body": overrides.font})
        if overrides.font
        else config.fonts
    )
    targets: list[Target] = []
    for profile in profiles:
        formats = _formats(fmt, profile)
        if profile is None:
            meeting = Meeting(organisation=config.organisation)
            shown, national, stem = document, None, source.stem
        else:
            meeting = profile.meeting(config.organisation)
            shown = select_for(profile, document, scheme, config_file)
            national = cases_by_block(document, scheme.names) if profile.select.regional else None
            stem = profile.id
        view = make_view(
            shown,
            source,
            meeting=overrides.apply(meeting),
            fonts=fonts,
            national=national,
            blocks=scheme.names,
        )
        for name in formats:
            path = directory / f"{stem}{writers.SUFFIXES[name]}"
            targets.append(Target(name, path, view, profile.id if profile else None))
    if not targets:
        raise BuildError(f"no profile chosen builds the format {fmt}")
    return targets, directory, source
