"""The ``reportkit`` command line (click), one module per command.

Exit codes: 0 success, 1 invalid input or failed build, 2 usage error.
Only click and the standard library load at start-up; a command's module is imported
when that command runs (or its help is shown), and imports what it needs, so ``--help``,
``validate``, ``convert`` and ``schema`` never import a writer library.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import sys
from typing import Any

import click

from reportkit import __version__
from reportkit.cli.options import MAX_ERRORS

# When the command is done, Python's shutdown runs the cyclic collector over every object
# the libraries created (20-30 ms after a build) only to hand the memory back to the
# system. Freezing them first skips that; atexit handlers, flushing and closing still run.
atexit.register(gc.freeze)

EXIT_CODES = """\b
Exit codes:
  0  success
  1  invalid input or failed build (the message names file and line)
  2  usage error (unknown option, missing argument)"""

# Command name -> the module that defines it (as a function of the same name).
COMMANDS: dict[str, str] = {
    "build": "reportkit.cli.build",
    "validate": "reportkit.cli.validate",
    "convert": "reportkit.cli.convert",
    "actors": "reportkit.cli.actors",
    "schema": "reportkit.cli.schema",
    "survey": "reportkit.cli.survey",
    "diff": "reportkit.cli.diff",
    "verify": "reportkit.cli.verify",
}


class ReportkitGroup(click.Group):
    """Loads commands on demand; turns reportkit's own errors into a message and exit 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command = getattr(importlib.import_module(module), cmd_name)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            _fail(ctx, "interrupted; outputs already in place are unchanged")
        except Exception as exc:
            _fail(ctx, _message(ctx, exc))


def _message(ctx: click.Context, exc: Exception) -> str:
    """What to print for ``exc``: reportkit's own errors say what and where; anything
    else is a bug of ours. (reportkit.errors loads only when something failed.)"""
    from reportkit.errors import ReportkitError, SourceError, describe_os_error

    if isinstance(exc, SourceError):
        return exc.report(ctx.meta.get("max_errors", MAX_ERRORS))
    if isinstance(exc, ReportkitError):
        return str(exc)
    if isinstance(exc, OSError):  # the file system or the system refused, not a bug of ours
        return describe_os_error(exc, "use")
    return (
        f"internal error: {type(exc).__name__}: {exc}\n"
        "  please report it; run with --verbose for the traceback"
    )


def _fail(ctx: click.Context, message: str) -> None:
    if ctx.find_root().params.get("verbose"):
        import traceback

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
