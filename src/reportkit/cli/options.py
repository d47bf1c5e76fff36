"""Options and loading shared by the commands: the source, the settings, the block scheme."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from reportkit.errors import Problem
    from reportkit.model import Document
    from reportkit.readers.options import ReadOptions

F = TypeVar("F", bound=Callable[..., Any])

SOURCE_HELP = "Source file (.md, .json, .docx). Default: the source in reportkit.toml."
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


def changes_option(f: F) -> F:
    """--accept-changes / --reject-changes, given to the command as ``changes``.

    Tracked changes left in a Word briefing are refused unless one of them is given.
    """

    @functools.wraps(f)
    def command(*args: Any, accept_changes: bool, reject_changes: bool, **kwargs: Any) -> Any:
        if accept_changes and reject_changes:
            raise click.UsageError("give --accept-changes or --reject-changes, not both")
        kwargs["changes"] = "accept" if accept_changes else "reject" if reject_changes else "refuse"
        return f(*args, **kwargs)

    accept = click.option(
        "--accept-changes",
        is_flag=True,
        help="Read a briefing's tracked changes as accepted (default: refuse them).",
    )
    reject = click.option(
        "--reject-changes", is_flag=True, help="Read a briefing's tracked changes as rejected."
    )
    return accept(reject(command))  # type: ignore[return-value]


def read_options(changes: str, warn: Callable[[Problem], None] | None = None) -> ReadOptions:
    """Reader options from ``changes``; warnings go to ``warn``, else to stderr at once."""
    from reportkit.readers.options import ReadOptions

    def echo(problem: Problem) -> None:
        click.echo(str(problem), err=True)

    return ReadOptions(changes=changes, warn=warn or echo)  # type: ignore[arg-type]


def inputs(f: F) -> F:
    """The options every command that reads a source shares: --settings and --blocks."""
    return settings_option(blocks_option(f))


def load_source(
    source: Path | None,
    settings_path: Path | None,
    blocks: Path | None,
    options: ReadOptions | None = None,
) -> tuple[Path, Document]:
    """The source (given, else the settings') read and resolved with the scheme in force."""
    from reportkit.meetings.settings import load_settings
    from reportkit.places.blocks import BlockScheme
    from reportkit.readers.options import ReadOptions
    from reportkit.source import load

    settings = load_settings(settings_path).settings
    path = source or settings.source
    scheme = BlockScheme.load(blocks or settings.blocks)
    reading = replace(options or ReadOptions(), limit=settings.max_source_bytes)
    return path, load(path, scheme, reading)


def write_output(output: Path, data: bytes) -> None:
    """Write ``output`` atomically, or say what is wrong with its path."""
    from reportkit.building.publish import write_atomic
    from reportkit.errors import SetupError, describe_os_error

    folder = output.parent
    if folder.exists() and not folder.is_dir():
        raise SetupError(
            f"cannot write {output}: {folder} is a file, not a directory\n"
            "  hint: choose another output path"
        )
    if not folder.is_dir():
        raise SetupError(
            f"cannot write {output}: the directory {folder} does not exist\n"
            f"  hint: create it first (mkdir -p {folder}), or choose another output path"
        )
    if output.is_dir():
        raise SetupError(f"cannot write {output}: it is a directory\n  hint: give a file name")
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise SetupError(describe_os_error(exc, "write")) from None
