"""``reportkit build``: render the reports and publish them all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from reportkit import noop
    from reportkit.building.plan import Request

from reportkit.cli.options import (
    SOURCE_HELP,
    FormatChoice,
    blocks_option,
    changes_option,
    read_options,
    settings_option,
    source_path,
)

if TYPE_CHECKING:
    from reportkit.building.plan import Outcome, Plan


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` as (K, N) with 1 ≤ K ≤ N; ValueError says what is wrong."""
    k, slash, n = text.partition("/")
    if not (slash and k.strip().isdigit() and n.strip().isdigit()):
        raise ValueError(f"{text!r} is not K/N, e.g. 1/4")
    shard, shards = int(k), int(n)
    if not 1 <= shard <= shards:
        raise ValueError(f"{text}: K must be between 1 and N")
    return shard, shards


def _shard(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int]:
    if value is None:
        return (1, 1)
    try:
        return parse_shard(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command(
    epilog="\b\nExamples:\n  reportkit build\n  reportkit build --format pdf --number 資料3 "
    "--meeting-name 主管課長会議 --date 2026-11-26\n  reportkit build --all-meetings --format all"
    "\n  reportkit build --meeting kanto-shinetsu --check"
    "\n  reportkit build --each prefecture --shard 2/4"
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
@changes_option
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
@click.option(
    "--each",
    type=click.Choice(["prefecture", "block"]),
    help="Editions in bulk: the national one and one per prefecture (or block) with cases, "
    "each in OUTPUT_DIR/<edition>/.",
)
@click.option(
    "--shard",
    metavar="K/N",
    callback=_shard,
    help="With --each: build only the K-th of N deterministic shares of the editions "
    "(one CI job each).",
)
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
    "--lock-timeout",
    type=click.FloatRange(0),
    default=600.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for another build publishing into the same directory.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Neither read nor write the user cache (parsed fonts); see REPORTKIT_CACHE_DIR.",
)
@click.option(
    "--no-verify",
    is_flag=True,
    help="Publish without reading the outputs back (see 'reportkit verify').",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 16),
    help="Processes that render, this one included (default: one per core, at most one "
    "per output).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def build(
    fmt: str,
    source: Path | None,
    changes: str,
    output_dir: Path | None,
    settings_path: Path | None,
    meetings: tuple[str, ...],
    all_meetings: bool,
    each: str | None,
    shard: tuple[int, int],
    blocks: Path | None,
    meeting_name: str | None,
    number: str | None,
    day: Any,
    organisation: str | None,
    font: Path | None,
    check: bool,
    force: bool,
    lock_timeout: float,
    no_cache: bool,
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
    from reportkit import noop

    if meetings and all_meetings:
        raise click.UsageError("give --meeting ID or --all-meetings, not both")
    if shard != (1, 1) and not each:
        raise click.UsageError("--shard K/N splits the editions of --each")
    if each and all_meetings:
        raise click.UsageError("--each makes editions of one meeting; not with --all-meetings")
    show = not quiet and not as_json
    params = click.get_current_context().params
    quick = None
    if not check and not force:  # before anything loads Pydantic or a writer library
        quick = noop.request({k: v for k, v in params.items() if k not in _NOT_SHAPING})
        found = noop.unchanged(quick) if quick else None
        if found is not None:
            _report_unchanged(*found, show=show, as_json=as_json)
            return
    from reportkit import cache

    cache.use(not no_cache)
    request = _request(params, changes)
    _build(
        request,
        quick,
        check=check,
        force=force,
        jobs=jobs,
        lock_timeout=lock_timeout,
        verify=not no_verify,
        show=show,
        as_json=as_json,
    )


# Options that change what a build prints or how fast, never what it writes.
_NOT_SHAPING = frozenset(
    {"check", "force", "no_cache", "jobs", "quiet", "as_json", "lock_timeout", "no_verify"}
)


def _request(options: dict[str, Any], changes: str) -> Request:
    from reportkit.building.plan import Request

    day = options["day"]
    return Request(
        fmt=options["fmt"],
        source=options["source"],
        output_dir=options["output_dir"],
        settings=options["settings_path"],
        meetings=options["meetings"],
        all_meetings=options["all_meetings"],
        blocks=options["blocks"],
        name=options["meeting_name"],
        number=options["number"],
        date=day.date() if day else None,
        organisation=options["organisation"],
        font=options["font"],
        each=options["each"],
        shard=options["shard"],
        reading=read_options(changes),
    )


def _build(
    request: Request,
    quick: noop.Request | None,
    *,
    check: bool,
    force: bool,
    jobs: int | None,
    lock_timeout: float,
    verify: bool,
    show: bool,
    as_json: bool,
) -> None:
    import json

    from reportkit import building as builder
    from reportkit.building.plan import plan
    from reportkit.building.render import default_jobs
    from reportkit.cli.progress import Progress
    from reportkit.errors import BuildError

    chosen = plan(request)
    warnings = _lint(chosen, quiet=not show)
    targets = chosen.targets
    for note in chosen.notes if show else []:
        click.echo(note)
    if not targets:  # a shard of --each whose places have no case
        if as_json:
            summary = {"ok": True, "check": check, "outputs": [], "notes": chosen.notes}
            click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        elif show:
            click.echo(f"nothing to build in shard {request.shard[0]}/{request.shard[1]}")
        return
    workers = jobs or default_jobs(len(targets))
    progress = Progress.for_build(quiet=not show, editions=request.each is not None)
    if check:
        outcomes = builder.check(targets, jobs=workers, progress=progress)
    else:
        try:
            outcomes = builder.build(
                targets,
                chosen.directory,
                chosen.source,
                force=force,
                jobs=workers,
                lock_timeout=lock_timeout,
                waiting=lambda message: click.echo(message, err=True),
                progress=progress,
                request_key=quick.key if quick else None,
                notes=chosen.notes,
                warnings=warnings,
                verify=verify,
            )
        except BuildError as exc:
            if as_json:
                failure = {"ok": False, "check": False, "failed": exc.fmt, "error": str(exc)}
                click.echo(json.dumps(failure, ensure_ascii=False, indent=2))
            raise
    _report(outcomes, chosen, warnings, check=check, show=show, as_json=as_json)


def _report(
    outcomes: list[Outcome],
    chosen: Plan,
    warnings: list[str],
    *,
    check: bool,
    show: bool,
    as_json: bool,
) -> None:
    """Print what became of each output; exit 1 when one is out of date or failed."""
    import json

    if as_json:
        ok = all(o.status in ("written", "unchanged", "up-to-date") for o in outcomes)
        summary = {
            "ok": ok,
            "check": check,
            "warnings": warnings,
            "outputs": [o.as_json() for o in outcomes],
            "notes": chosen.notes,
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif show:
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


def _report_unchanged(
    outputs: list[noop.Recorded],
    notes: list[str],
    warnings: list[str],
    *,
    show: bool,
    as_json: bool,
) -> None:
    """What a build whose raw inputs did not change prints: as the full build would."""
    for warning in warnings if show else []:
        click.echo(warning, err=True)
    if as_json:
        import json

        rows = [
            {"format": o.fmt, "meeting": o.meeting, "path": o.path.as_posix(),
             "status": "unchanged", "seconds": 0.0, "sha256": o.sha256, "size": o.size,
             "error": None}
            for o in outputs
        ]  # fmt: skip
        summary = {
            "ok": True,
            "check": False,
            "warnings": warnings,
            "outputs": rows,
            "notes": notes,
        }
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif show:
        for note in notes:
            click.echo(note)
        for output in outputs:
            click.echo(f"{output.fmt:<4}  {output.path}  unchanged")


def _lint(chosen: Plan, quiet: bool) -> list[str]:
    """Print the source's lint warnings (as ``validate`` does) unless quiet; return them."""
    from reportkit.readers.lint import lint_source

    if chosen.document is None:
        return []
    found = [str(problem) for problem in lint_source(chosen.document, chosen.source)]
    if not quiet:
        for problem in found:
            click.echo(problem, err=True)
    return found
