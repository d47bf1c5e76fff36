"""``reportkit convert``: a source in another source form (the model as JSON)."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit import formats
from reportkit.cli.options import settings_option, source_path


@click.command(
    epilog="\b\nExamples:\n  reportkit convert source/torikumi-jirei.md --to json -o doc.json"
)
@click.argument("source", required=False, type=source_path)
@click.option(
    "--to",
    "to",
    type=click.Choice(list(formats.SOURCE_WRITERS)),
    default="json",
    show_default=True,
    help="Source form to write.",
)
@click.option("-o", "--output", type=source_path, help="Write to FILE instead of stdout.")
@settings_option
def convert(source: Path | None, to: str, output: Path | None, settings_path: Path | None) -> None:
    """Convert a source to another source form, read back by every command."""
    from reportkit.meetings.settings import load_settings
    from reportkit.readers import read

    settings = load_settings(settings_path).settings
    source = source or settings.source
    data = formats.SOURCE_WRITERS[to].write(read(source, limit=settings.max_source_bytes))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        _write(output, data)


def _write(output: Path, data: bytes) -> None:
    """Write ``output`` atomically, or say what is wrong with its path."""
    from reportkit.build.publish import write_atomic
    from reportkit.errors import SetupError, describe_os_error

    folder = output.parent
    if folder.exists() and not folder.is_dir():
        raise SetupError(
            f"cannot write {output}: {folder} is a file, not a directory\n"
            "  hint: choose another -o path"
        )
    if not folder.is_dir():
        raise SetupError(
            f"cannot write {output}: the directory {folder} does not exist\n"
            f"  hint: create it first (mkdir -p {folder}), or choose another -o path"
        )
    if output.is_dir():
        raise SetupError(f"cannot write {output}: it is a directory\n  hint: give a file name")
    try:
        write_atomic(output, data)
    except OSError as exc:
        raise SetupError(describe_os_error(exc, "write")) from None
