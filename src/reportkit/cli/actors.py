"""``reportkit actors``: every local government a source names, in 団体コード order."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit.cli.options import inputs, load_source, source_path


@click.command(
    epilog="\b\nExamples:\n  reportkit actors\n  reportkit actors my-source.md --json"
    "\n  reportkit actors --blocks my-blocks.toml"
)
@click.argument("source", required=False, type=source_path)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a CSV table.")
@inputs
def actors(
    source: Path | None, as_json: bool, settings_path: Path | None, blocks: Path | None
) -> None:
    """List every actor: code, name, prefecture, kind, block and its cases, in code order."""
    from reportkit.places.listing import actor_rows, render_csv, render_json

    rows = actor_rows(load_source(source, settings_path, blocks)[1])
    click.echo((render_json if as_json else render_csv)(rows), nl=False)
