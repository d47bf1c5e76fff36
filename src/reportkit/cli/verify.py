"""``reportkit verify``: read every output back and compare it with the source."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit.cli.options import inputs


@click.command(
    epilog="\b\nExamples:\n  reportkit verify\n  reportkit verify output/ --settings reportkit.toml"
)
@click.argument(
    "output_dir",
    required=False,
    type=click.Path(file_okay=False, path_type=Path),
)
@inputs
def verify(output_dir: Path | None, settings_path: Path | None, blocks: Path | None) -> None:
    """Check that every output of OUTPUT_DIR holds what its source says.

    Reads each file listed in OUTPUT_DIR/manifest.json back (pypdf, python-docx,
    openpyxl), reloads the source the manifest names and compares case numbers, texts,
    emphasis, attributions and the counts per topic, block and local government. Prints
    what was compared; exits 1 at the first disagreement, naming its place in the output
    and in the source. Default OUTPUT_DIR: the settings' output directory (output/).
    """
    from reportkit.meetings.settings import load_settings
    from reportkit.verify import Compared, VerifyError, check_directory, table

    directory = output_dir or load_settings(settings_path).settings.output_dir
    rows: list[Compared] = []

    def report(row: object) -> None:
        if isinstance(row, Compared):
            rows.append(row)

    try:
        check_directory(directory, settings_path, blocks, report)
    except VerifyError:
        for line in table(rows):
            click.echo(line)
        raise
    for line in table(rows):
        click.echo(line)
    click.echo(f"{len(rows)} output{'' if len(rows) == 1 else 's'} agree with the source")
