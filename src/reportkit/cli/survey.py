"""``reportkit survey``: write the 照会様式 (form) and merge the returned forms into the source."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reportkit.cli.options import SOURCE_HELP, inputs, source_path, write_output

if TYPE_CHECKING:
    from reportkit.meetings.settings import Settings
    from reportkit.model import Document
    from reportkit.places.blocks import BlockScheme
    from reportkit.view import Meeting

FORM_NAME = "照会様式"


@click.group(
    epilog="\b\nThe round:\n  reportkit survey form --deadline 2026-12-18 -o 照会様式.xlsx"
    "\n  (send it; collect the filled forms)"
    "\n  reportkit survey merge source/torikumi-jirei.md answers/*.xlsx --report merge.md"
    "\n  reportkit build"
)
def survey() -> None:
    """Collect new cases: write the Excel 照会様式, merge the returned forms into the source."""


@survey.command(
    epilog="\b\nExamples:\n  reportkit survey form --deadline 2026-12-18\n"
    "  reportkit survey form --prefecture 東京都 -o 照会様式_東京都.xlsx"
)
@click.option(
    "-o", "--output", type=source_path, help="The form to write. Default: output/照会様式.xlsx."
)
@click.option("--source", type=source_path, help=SOURCE_HELP)
@click.option(
    "--meeting", "meeting_id", metavar="ID", help="The meeting of the settings the cases are for."
)
@click.option(
    "--prefecture", metavar="NAME", help="Only this prefecture and its municipalities answer."
)
@click.option(
    "--deadline", type=click.DateTime(["%Y-%m-%d"]), help="提出期限 (YYYY-MM-DD), shown in 和暦."
)
@inputs
def form(
    output: Path | None,
    source: Path | None,
    meeting_id: str | None,
    prefecture: str | None,
    deadline: datetime | None,
    settings_path: Path | None,
    blocks: Path | None,
) -> None:
    """Write the 照会様式 (.xlsx): 記入要領, 回答 with drop-down lists, checks and protection."""
    from reportkit.meetings.settings import load_settings
    from reportkit.places.blocks import BlockScheme
    from reportkit.source import load
    from reportkit.survey.form import Survey, render
    from reportkit.view import source_timestamp

    file = load_settings(settings_path)
    settings = file.settings
    path = source or settings.source
    scheme = BlockScheme.load(blocks or settings.blocks)
    document = load(path, scheme)
    meeting = _meeting(settings, meeting_id, file.shown)
    document = _asked(document, meeting, scheme, file)
    prefectures = _prefectures(meeting, prefecture, scheme)
    target = output or settings.output_dir / (
        f"{FORM_NAME}_{prefectures[0]}.xlsx" if prefecture else f"{FORM_NAME}.xlsx"
    )
    data = render(
        Survey(
            document=document,
            timestamp=source_timestamp(path),
            meeting=meeting,
            prefectures=prefectures,
            deadline=deadline.date() if deadline else None,
            organisation=meeting.organisation or settings.organisation,
            contact=settings.contact,
        )
    )
    if output is None:
        target.parent.mkdir(parents=True, exist_ok=True)  # the settings' output directory
    write_output(target, data)
    click.echo(f"{target}: written ({len(data):,} bytes)", err=True)


def _meeting(settings: Settings, meeting_id: str | None, shown: str) -> Meeting:
    from reportkit.errors import BuildError
    from reportkit.view import Meeting

    if meeting_id is None:
        return Meeting()
    try:
        return settings.find(meeting_id)
    except KeyError as exc:
        raise BuildError(f"{shown}: {exc.args[0]}") from None


def _asked(document: Document, meeting: Meeting, scheme: BlockScheme, file: object) -> Document:
    """The 大項目 and 中項目 the meeting's selection names (all when it names none)."""
    from reportkit.meetings.selection import check_selection, select
    from reportkit.meetings.settings import SettingsFile
    from reportkit.view import Selection

    assert isinstance(file, SettingsFile)
    chosen = meeting.select
    if chosen.everything:
        return document
    check_selection(meeting, document, scheme, file)
    return select(document, Selection(sections=chosen.sections, topics=chosen.topics))


def _prefectures(meeting: Meeting, prefecture: str | None, scheme: BlockScheme) -> tuple[str, ...]:
    """Whose governments answer: --prefecture, else the meeting's region, else everyone."""
    from reportkit.errors import BuildError
    from reportkit.places import gazetteer

    region = [*meeting.select.prefectures]
    for block in meeting.select.blocks:
        region.extend(scheme.prefectures(block))
    if prefecture is None:
        return tuple(dict.fromkeys(region))
    try:
        name = gazetteer.load().prefecture(prefecture).name
    except gazetteer.UnresolvedName as exc:
        raise BuildError(f"--prefecture: {exc.message}\n  hint: {exc.hint}") from None
    if region and name not in region:
        raise BuildError(
            f"--prefecture: {name} is not in the region of meeting '{meeting.id}' "
            f"({'、'.join(region)})\n  hint: choose one of them, or leave out --meeting"
        )
    return (name,)


@survey.command(
    epilog="\b\nExamples:\n  reportkit survey merge source/torikumi-jirei.md answers/*.xlsx\n"
    "  reportkit survey merge source/torikumi-jirei.md a.xlsx b.xlsx -o new.md "
    "--report merge.md --skip-invalid"
)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("forms", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "-o", "--output", type=source_path, help="The new source (Markdown). Default: SOURCE itself."
)
@click.option(
    "--report",
    type=source_path,
    help="Write what was added and skipped, per form (.json: JSON, else Markdown).",
)
@click.option(
    "--skip-invalid", is_flag=True, help="Merge the valid rows and list the invalid ones."
)
@inputs
def merge(
    source: Path,
    forms: tuple[Path, ...],
    output: Path | None,
    report: Path | None,
    skip_invalid: bool,
    settings_path: Path | None,
    blocks: Path | None,
) -> None:
    """Merge returned forms into SOURCE: all rows checked, new cases under their topics."""
    from dataclasses import replace

    from reportkit import formats
    from reportkit.errors import SourceError
    from reportkit.meetings.settings import load_settings
    from reportkit.places.blocks import BlockScheme
    from reportkit.source import gc_paused, load
    from reportkit.survey.answers import read_forms
    from reportkit.survey.merge import merge as merge_forms
    from reportkit.survey.merge import report_json, report_markdown

    if output is None and formats.reader_for(source).name != "md":
        raise click.UsageError(f"{source} is not Markdown: give the new source with -o FILE.md")
    settings = load_settings(settings_path).settings
    scheme = BlockScheme.load(blocks or settings.blocks)
    document = load(source, scheme)
    with gc_paused():  # forms and models are acyclic: the collector would find nothing
        returned = read_forms(list(forms), document, scheme)
    problems = [problem for form in returned for problem in form.problems]
    if problems and not skip_invalid:
        raise SourceError(problems)
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.column)):
        click.echo(str(replace(problem, severity="warning")), err=True)
    with gc_paused():
        merged = merge_forms(document, returned, scheme)
    write_output(output or source, merged.source)
    if report is not None:
        text = report_json(merged) if report.suffix.lower() == ".json" else report_markdown(merged)
        write_output(report, text.encode("utf-8"))
    click.echo(
        f"{output or source}: {merged.count('added')} cases added from {len(returned)} forms; "
        f"skipped: {merged.count('duplicate')} duplicates, {merged.count('invalid')} invalid",
        err=True,
    )
