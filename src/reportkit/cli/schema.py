"""``reportkit schema``: the JSON Schema of the document model."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit.cli.options import source_path, write_output


@click.command(epilog="\b\nExamples:\n  reportkit schema -o schema/document.schema.json")
@click.option("-o", "--output", type=source_path, help="Write to FILE instead of stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the document model."""
    from reportkit.writers.json import schema_json

    text = schema_json()
    if output is None:
        click.echo(text, nl=False)
    else:
        write_output(output, text.encode("utf-8"))
