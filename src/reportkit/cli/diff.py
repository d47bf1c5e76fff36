"""``reportkit diff``: what changed between two editions, as a summary or a 新旧対照表."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from reportkit import formats
from reportkit.cli.options import settings_option, source_path, write_output

EPILOG = """\b
Examples:
  reportkit diff old.md source/torikumi-jirei.md
  reportkit diff --rev HEAD~1                         # the committed source vs. the working file
  reportkit diff --rev v2025 -o 新旧対照表.pdf --number 資料4 --date 2026-11-26
  reportkit diff old.json new.md --format xlsx -o 変更一覧.xlsx

\b
Formats: md, json (a summary: counts, then each change), docx and pdf (the 新旧対照表,
新 on the left unless --order old-new), xlsx (one row per change).
Exit status is 0 whether or not anything changed; 1 when a source is invalid."""


@click.command(epilog=EPILOG)
@click.argument("sources", nargs=-1, type=source_path, metavar="[OLD] [NEW]")
@click.option(
    "--rev",
    metavar="REV",
    help="Compare the source as committed at REV (git show) with the working file; "
    "give at most one source (default: the settings' source).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(formats.COMPARISON_WRITERS)),
    help="Output form. Default: from the suffix of -o, else md.",
)
@click.option("-o", "--output", type=source_path, help="Write to FILE instead of stdout.")
@click.option(
    "--order",
    type=click.Choice(["new-old", "old-new"]),
    default="new-old",
    show_default=True,
    help="Column order of the 新旧対照表 (新 left, as the 厚生労働省 sets it).",
)
@click.option("--meeting-name", help="会議名 printed in the header.")
@click.option("--number", help="資料番号 printed in a box on the first page, e.g. 資料4.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Date (YYYY-MM-DD).")
@click.option(
    "--font",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TrueType font for the PDF (otherwise one is looked for).",
)
@settings_option
def diff(
    sources: tuple[Path, ...],
    rev: str | None,
    fmt: str | None,
    output: Path | None,
    order: str,
    meeting_name: str | None,
    number: str | None,
    day: datetime | None,
    font: Path | None,
    settings_path: Path | None,
) -> None:
    """Compare two editions of a source: cases added, removed, changed and moved.

    OLD and NEW are sources in any form reportkit reads (.md, .json, …), or with --rev
    one source and a git revision of it.
    """
    from reportkit.readers import read
    from reportkit.revise.compare import compare
    from reportkit.revise.revision import read_revision, revision_name
    from reportkit.view import Fonts, Meeting, View, source_timestamp

    writer = formats.COMPARISON_WRITERS[fmt or _format_of(output)]
    if not writer.text and output is None:
        raise click.UsageError(f"--format {writer.name} writes a file: give -o FILE")
    if rev is not None:
        if len(sources) > 1:
            raise click.UsageError("with --rev give one source (or none: the settings' source)")
        new_path = sources[0] if sources else _settings_source(settings_path)
        old_name, new_name = revision_name(rev, new_path), str(new_path)
        old = read_revision(rev, new_path)
    else:
        if len(sources) != 2:
            raise click.UsageError("give OLD and NEW, or --rev REV")
        old_path, new_path = sources
        old_name, new_name = str(old_path), str(new_path)
        old = read(old_path)
    new = read(new_path)
    view = View(
        document=new,
        meeting=Meeting(name=meeting_name, number=number, date=day.date() if day else None),
        timestamp=source_timestamp(new_path),
        fonts=Fonts(pdf_body=font),
    )
    data = writer.render(compare(old, new, old_name, new_name), view, order)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_output(output, data)


def _format_of(output: Path | None) -> str:
    if output is not None:
        for writer in formats.COMPARISON_WRITERS.values():
            if output.suffix.lower() == writer.suffix:
                return writer.name
    return "md"


def _settings_source(settings_path: Path | None) -> Path:
    from reportkit.meetings.settings import load_settings

    return load_settings(settings_path).settings.source
