"""``reportkit validate``: check a source and print a summary."""

from __future__ import annotations

from pathlib import Path

import click

from reportkit.cli.options import changes_option, inputs, load_source, read_options, source_path


@click.command(
    epilog="\b\nExamples:\n  reportkit validate\n  reportkit validate my-source.md --strict"
    "\n  reportkit validate output/torikumi-jirei.docx --accept-changes"
)
@click.argument("source", required=False, type=source_path)
@inputs
@changes_option
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
def validate(
    source: Path | None,
    settings_path: Path | None,
    blocks: Path | None,
    changes: str,
    strict: bool,
) -> None:
    """Check a source and print a summary: sections, topics, cases, actors, warnings."""
    from reportkit.errors import Problem, SourceError
    from reportkit.readers.lint import lint_source

    found: list[Problem] = []
    try:
        source, document = load_source(
            source, settings_path, blocks, read_options(changes, found.append)
        )
    except SourceError as exc:  # the reader's warnings beside the errors
        raise SourceError([*exc.problems, *found]) from None
    found.extend(lint_source(document, source))
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
