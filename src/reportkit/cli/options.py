"""Options and loading shared by the commands: the source, the settings, the block scheme."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from reportkit.model import Document

F = TypeVar("F", bound=Callable[..., Any])

SOURCE_HELP = "Source file (.md, .json). Default: the source in reportkit.toml."
# Not click's checks: a missing file, a directory or a pipe is invalid input (exit 1,
# a message from the reader), not a usage error.
source_path = click.Path(path_type=Path)

MAX_ERRORS = 20


def _remember_max_errors(ctx: click.Context, param: click.Parameter, value: int) -> int:
    ctx.find_root().meta["max_errors"] = value
    return value


max_errors_option = click.option(
    "--max-errors",
    type=click.IntRange(0),
    default=MAX_ERRORS,
    show_default=True,
    expose_value=False,
    callback=_remember_max_errors,
    help="Show at most this many problems of a file, and a count of the rest (0: all).",
)
_settings = click.option(
    "--settings",
    "--config",
    "settings_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Settings and meetings (TOML). Default: reportkit.toml when present.",
)


def settings_option(f: F) -> F:
    """--settings, and --max-errors, which every command that reads files takes."""
    return _settings(max_errors_option(f))


blocks_option = click.option(
    "--blocks", type=source_path, help="Block scheme (TOML) instead of the settings' or default."
)


class FormatChoice(click.Choice):  # type: ignore[type-arg]
    """A choice among the registered writers, read when the option is parsed.

    So a writer registered after this module was imported (a plug-in, a test) is offered.
    """

    def __init__(self, *extra: str) -> None:
        self.extra = extra
        super().__init__([])

    @property  # type: ignore[override]
    def choices(self) -> list[str]:
        from reportkit import formats

        return [*formats.writer_names(), *self.extra]

    @choices.setter
    def choices(self, value: object) -> None:
        """click sets the choices in its constructor; the registry decides them instead."""


def inputs(f: F) -> F:
    """The options every command that reads a source shares: --settings and --blocks."""
    return settings_option(blocks_option(f))


def load_source(
    source: Path | None, settings_path: Path | None, blocks: Path | None
) -> tuple[Path, Document]:
    """The source (given, else the settings') read and resolved with the scheme in force."""
    from reportkit.meetings.settings import load_settings
    from reportkit.places.blocks import BlockScheme
    from reportkit.source import load

    settings = load_settings(settings_path).settings
    path = source or settings.source
    scheme = BlockScheme.load(blocks or settings.blocks)
    return path, load(path, scheme, limit=settings.max_source_bytes)
