"""``reportkit validate``: check a source and print a summary."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit.cli.options import inputs, load_source, source_path


@click.command(
    epilog="\b\nExamples:\n  reportkit validate\n  reportkit validate my-source.md --strict"
)
@click.argument("source", required=False, type=source_path)
@inputs
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate(
    source: Path | None, settings_path: Path | None, blocks: Path | None, strict: bool
) -> None:
    """Check a source and print a summary: sections, topics, cases, actors, warnings."""
    from reportkit.readers.lint import lint

    source, document = load_source(source, settings_path, blocks)
    found = lint(document, str(source))
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
