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

    source = source or load_settings(settings_path).settings.source
    data = formats.SOURCE_WRITERS[to].write(read(source))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        from reportkit.build.publish import write_atomic

        write_atomic(output, data)
