"""``reportkit convert``: a source in another source form (canonical Markdown, JSON)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from reportkit import formats
from reportkit.cli.options import (
    changes_option,
    read_options,
    settings_option,
    source_path,
    write_output,
)


@click.command(
    epilog="\b\nExamples:\n  reportkit convert source/torikumi-jirei.md --to json -o doc.json"
    "\n  reportkit convert output/torikumi-jirei.docx --to md -o source/torikumi-jirei.md"
    "\n  reportkit convert source/torikumi-jirei.md --in-place"
)
@click.argument("source", required=False, type=source_path)
@click.option(
    "--to",
    "to",
    type=click.Choice(list(formats.SOURCE_WRITERS)),
    help="Source form to write. Default: json (md with --in-place).",
)
@click.option("-o", "--output", type=source_path, help="Write to FILE instead of stdout.")
@click.option(
    "--in-place",
    is_flag=True,
    help="Rewrite the Markdown SOURCE itself in the canonical form (atomically).",
)
@settings_option
@changes_option
def convert(
    source: Path | None,
    to: str | None,
    output: Path | None,
    in_place: bool,
    settings_path: Path | None,
    changes: str,
) -> None:
    """Convert a source to another source form, read back by every command."""
    from reportkit.meetings.settings import load_settings
    from reportkit.readers import read

    settings = load_settings(settings_path).settings
    source = source or settings.source
    if in_place:
        output = _in_place_target(source, to, output)
    to = to or ("md" if in_place else "json")
    options = replace(read_options(changes), limit=settings.max_source_bytes)
    data = formats.SOURCE_WRITERS[to].write(read(source, options=options))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    elif not (in_place and source.read_bytes() == data):  # already canonical: left untouched
        write_output(output, data)


def _in_place_target(source: Path, to: str | None, output: Path | None) -> Path:
    """``source`` itself, when it is a Markdown source and nothing else was asked for."""
    if output is not None:
        raise click.UsageError("give --in-place or --output, not both")
    if to not in (None, "md"):
        raise click.UsageError("--in-place rewrites a Markdown source: it writes --to md only")
    if formats.reader_for(source).name != "md":
        raise click.UsageError(
            f"--in-place rewrites a Markdown source, not {source.name}; use --to md -o FILE"
        )
    return source
