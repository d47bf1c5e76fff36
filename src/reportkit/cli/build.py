"""``reportkit build``: render the reports and publish them all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from reportkit.cli.options import (
    SOURCE_HELP,
    FormatChoice,
    blocks_option,
    settings_option,
    source_path,
)

if TYPE_CHECKING:
    from reportkit.build.plan import Plan


@click.command(
    epilog="\b\nExamples:\n  reportkit build\n  reportkit build --format pdf --number 資料3 "
    "--meeting-name 主管課長会議 --date 2026-11-26\n  reportkit build --all-meetings --format all"
    "\n  reportkit build --meeting kanto-shinetsu --check"
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=FormatChoice("all"),
    default="all",
    show_default=True,
    help="Output format (all: every format of the meeting).",
)
@click.option("--source", type=source_path, help=SOURCE_HELP)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where outputs are written. Default: output/.",
)
@settings_option
@click.option(
    "--meeting",
    "meetings",
    multiple=True,
    metavar="ID",
    help="Build this meeting of the settings (repeatable).",
)
@click.option("--all-meetings", is_flag=True, help="Build every meeting of the settings.")
@blocks_option
@click.option("--meeting-name", help="会議名 printed on the cover and in headers.")
@click.option("--number", help="資料番号 printed in a box on the first page, e.g. 資料3.")
@click.option("--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="Cover date (YYYY-MM-DD).")
@click.option("--organisation", help="Author in the documents' properties.")
@click.option(
    "--font",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TrueType font for the PDF (otherwise one is looked for).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing; exit 1 when an output is missing or differs from a fresh build.",
)
@click.option("--force", is_flag=True, help="Rebuild even when the inputs did not change.")
@click.option(
    "--no-verify",
    is_flag=True,
    help="Publish without reading the outputs back (see 'reportkit verify').",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(1, 16), help="Worker processes (default: cores, at most 3)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def build(
    fmt: str,
    source: Path | None,
    output_dir: Path | None,
    settings_path: Path | None,
    meetings: tuple[str, ...],
    all_meetings: bool,
    blocks: Path | None,
    meeting_name: str | None,
    number: str | None,
    day: Any,
    organisation: str | None,
    font: Path | None,
    check: bool,
    force: bool,
    no_verify: bool,
    jobs: int | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Build the reports from the source into the output directory.

    Without --meeting or --all-meetings the whole collection is built. Outputs are
    written only when every format rendered and, read back, holds what the source says
    (as 'reportkit verify' checks it); a build whose inputs did not change is skipped
    unless --force.
    """
    import json

    from reportkit import build as builder
    from reportkit.build.plan import Request, plan
    from reportkit.build.render import default_jobs
    from reportkit.errors import BuildError

    if meetings and all_meetings:
        raise click.UsageError("give --meeting ID or --all-meetings, not both")
    request = Request(
        fmt=fmt,
        source=source,
        output_dir=output_dir,
        settings=settings_path,
        meetings=meetings,
        all_meetings=all_meetings,
        blocks=blocks,
        name=meeting_name,
        number=number,
        date=day.date() if day else None,
        organisation=organisation,
        font=font,
    )
    chosen = plan(request)
    warnings = _lint(chosen, quiet)
    targets = chosen.targets
    workers = jobs or default_jobs()
    if check:
        outcomes = builder.check(targets, jobs=workers)
    else:
        try:
            outcomes = builder.build(
                targets,
                chosen.directory,
                chosen.source,
                force=force,
                jobs=workers,
                verify=not no_verify,
            )
        except BuildError as exc:
            if as_json:
                failure = {"ok": False, "check": False, "failed": exc.fmt, "error": str(exc)}
                click.echo(json.dumps(failure, ensure_ascii=False, indent=2))
            raise
    if as_json:
        ok = all(o.status in ("written", "unchanged", "up-to-date") for o in outcomes)
        summary = {
            "ok": ok,
            "check": check,
            "warnings": warnings,
            "outputs": [o.as_json() for o in outcomes],
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif not quiet:
        for outcome in outcomes:
            timing = f" in {outcome.seconds:.2f} s" if outcome.status == "written" else ""
            extra = f": {outcome.error}" if outcome.error else ""
            click.echo(
                f"{outcome.target.fmt:<4}  {outcome.target.path}  {outcome.status}{timing}{extra}"
            )
    stale = [o for o in outcomes if o.status not in ("written", "unchanged", "up-to-date")]
    if stale:
        if not as_json:
            names = ", ".join(str(o.target.path) for o in stale)
            click.echo(f"out of date: {names}; run 'reportkit build' to update", err=True)
        raise click.exceptions.Exit(1)


def _lint(chosen: Plan, quiet: bool) -> list[str]:
    """Print the source's lint warnings (as ``validate`` does) unless quiet; return them."""
    from reportkit.readers.lint import lint

    if chosen.document is None:
        return []
    found = [str(problem) for problem in lint(chosen.document, str(chosen.source))]
    if not quiet:
        for problem in found:
            click.echo(problem, err=True)
    return found
