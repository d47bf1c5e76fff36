"""The ``reportkit`` command line (click).

Exit codes: 0 success, 1 invalid input or failed build, 2 usage error.
Only click and the standard library load at start-up; each command imports what it needs,
so ``--help``, ``validate``, ``convert`` and ``schema`` never import a writer library.
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from typing import Any

import click

from reportkit import __version__

EXIT_CODES = """\b
Exit codes:
  0  success
  1  invalid input or failed build (the message names file and line)
  2  usage error (unknown option, missing argument)"""

SOURCE_HELP = "Source file (.md or .json). Default: source/torikumi-jirei.md."
_source_path = click.Path(dir_okay=False, path_type=Path)


class ReportkitGroup(click.Group):
    """Turns reportkit's own errors into a message and exit code 1, without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from reportkit.errors import ReportkitError

        try:
            return super().invoke(ctx)
        except ReportkitError as exc:
            _fail(ctx, str(exc))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _fail(ctx, "interrupted; outputs already in place are unchanged")
        except Exception as exc:
            _fail(
                ctx,
                f"internal error: {type(exc).__name__}: {exc}\n"
                "  please report it; run with --verbose for the traceback",
            )


def _fail(ctx: click.Context, message: str) -> None:
    if ctx.find_root().params.get("verbose"):
        traceback.print_exc()
    click.echo(message, err=True)
    ctx.exit(1)


@click.group(
    cls=ReportkitGroup, epilog=EXIT_CODES, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.version_option(__version__, prog_name="reportkit")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of errors.")
def main(verbose: bool) -> None:
    """Make the Word briefing, PDF handout and Excel matrix of a 取組事例 collection.

    \b
    Example:
      reportkit build                 # all formats from source/ into output/
      reportkit validate              # check the source, print a summary
    """


@main.command(
    epilog="\b\nExamples:\n  reportkit validate\n  reportkit validate my-source.md --strict"
)
@click.argument("source", required=False, type=_source_path)
@click.option("--blocks", type=_source_path, help="Block scheme (TOML) instead of the default.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate(source: Path | None, blocks: Path | None, strict: bool) -> None:
    """Check a source and print a summary: sections, topics, cases, actors, warnings."""
    from reportkit.pipeline import DEFAULT_SOURCE, load, warnings

    source = source or DEFAULT_SOURCE
    document = load(source, blocks=blocks)
    found = warnings(document, source)
    for problem in found:
        click.echo(str(problem), err=True)
    topics = sum(len(s.topics) for s in document.sections)
    cases = sum(1 for _ in document.cases())
    actors = {actor.key for _, actor in document.actors()}
    click.echo(
        f"{source}: valid: {len(document.sections)} sections, {topics} topics, "
        f"{cases} cases, {len(actors)} actors, {len(found)} warning{'' if len(found) == 1 else 's'}"
    )
    if strict and found:
        raise click.exceptions.Exit(1)


@main.command(
    epilog="\b\nExamples:\n  reportkit actors\n  reportkit actors my-source.md --json"
    "\n  reportkit actors --blocks my-blocks.toml"
)
@click.argument("source", required=False, type=_source_path)
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a CSV table.")
@click.option("--blocks", type=_source_path, help="Block scheme (TOML) instead of the default.")
def actors(source: Path | None, as_json: bool, blocks: Path | None) -> None:
    """List every actor: code, name, prefecture, kind, block and its cases, in code order."""
    from reportkit.actor_list import actor_rows, render_csv, render_json
    from reportkit.pipeline import DEFAULT_SOURCE, load

    rows = actor_rows(load(source or DEFAULT_SOURCE, blocks=blocks))
    click.echo((render_json if as_json else render_csv)(rows), nl=False)


@main.command(epilog="\b\nExamples:\n  reportkit schema -o schema/document.schema.json")
@click.option("-o", "--output", type=_source_path, help="Write to FILE instead of stdout.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the document model."""
    from reportkit.writers.json import schema_json

    text = schema_json()
    if output is None:
        click.echo(text, nl=False)
    else:
        from reportkit.publish import write_atomic

        write_atomic(output, text.encode("utf-8"))


@main.command(
    epilog="\b\nExamples:\n  reportkit convert source/torikumi-jirei.md --to json -o doc.json"
)
@click.argument("source", type=_source_path)
@click.option(
    "--to",
    "to",
    type=click.Choice(["json"]),
    default="json",
    show_default=True,
    help="Target form.",
)
@click.option("-o", "--output", type=_source_path, help="Write to FILE instead of stdout.")
def convert(source: Path, to: str, output: Path | None) -> None:
    """Convert a source to the model's JSON form (read back by every command)."""
    from reportkit.readers import read
    from reportkit.writers.json import render_json

    data = render_json(read(source))
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        from reportkit.publish import write_atomic

        write_atomic(output, data)


@main.command(
    epilog="\b\nExamples:\n  reportkit build\n  reportkit build --format pdf --number 資料3 "
    "--meeting-name 主管課長会議 --date 2026-11-26\n  reportkit build --all-meetings --format all"
    "\n  reportkit build --meeting kanto-shinetsu --check"
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["pdf", "docx", "xlsx", "all"]),
    default="all",
    show_default=True,
    help="Output format (all: every format of the profile).",
)
@click.option("--source", type=_source_path, help=SOURCE_HELP)
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where outputs are written. Default: output/.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Meeting profiles (TOML). Default: reportkit.toml when present.",
)
@click.option(
    "--meeting",
    "meetings",
    multiple=True,
    metavar="ID",
    help="Build this meeting profile (repeatable).",
)
@click.option("--all-meetings", is_flag=True, help="Build every meeting profile.")
@click.option("--blocks", type=_source_path, help="Block scheme (TOML) instead of the default.")
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
    "-j", "--jobs", type=click.IntRange(1, 16), help="Worker processes (default: cores, at most 3)."
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON summary on stdout.")
def build(
    fmt: str,
    source: Path | None,
    output_dir: Path | None,
    config_path: Path | None,
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
    jobs: int | None,
    quiet: bool,
    as_json: bool,
) -> None:
    """Build the reports from the source into the output directory.

    Without --meeting or --all-meetings the whole collection is built. Outputs are
    written only when every format rendered; a build whose inputs did not change is
    skipped unless --force.
    """
    import json

    from reportkit import build as builder
    from reportkit.errors import BuildError
    from reportkit.planning import Overrides, plan

    if meetings and all_meetings:
        raise click.UsageError("give --meeting ID or --all-meetings, not both")
    overrides = Overrides(
        name=meeting_name,
        number=number,
        date=day.date() if day else None,
        organisation=organisation,
        font=font,
    )
    targets, directory, source_path = plan(
        fmt=fmt,
        source=source,
        output_dir=output_dir,
        config_path=config_path,
        meetings=list(meetings),
        all_meetings=all_meetings,
        blocks=blocks,
        overrides=overrides,
    )
    workers = jobs or builder.default_jobs()
    if check:
        outcomes = builder.check(targets, jobs=workers)
    else:
        try:
            outcomes = builder.build(targets, directory, source_path, force=force, jobs=workers)
        except BuildError as exc:
            if as_json:
                failure = {"ok": False, "check": False, "failed": exc.fmt, "error": str(exc)}
                click.echo(json.dumps(failure, ensure_ascii=False, indent=2))
            raise
    if as_json:
        ok = all(o.status in ("written", "unchanged", "up-to-date") for o in outcomes)
        summary = {"ok": ok, "check": check, "outputs": [o.as_json() for o in outcomes]}
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
