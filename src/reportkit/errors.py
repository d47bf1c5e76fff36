"""Problems found in a source, reported as ``file:line:col: message``, or at another place
(``file:段落12``, ``file:回答!D5``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place of one file; ``line`` orders the problems of a file."""

    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    severity: Severity = "error"
    place: str = ""
    """A place other than line:column: a Word paragraph (段落12), a workbook cell (回答!D5)."""

    def __str__(self) -> str:
        if self.place:
            where = f"{self.path}:{self.place}"
        else:
            where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ReportkitError(Exception):
    """Base of every error reportkit reports to a user (never shown with a traceback)."""


class SourceError(ReportkitError):
    """A source (or a data file) has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(ReportkitError):
    """A writer or the publishing step failed; ``fmt`` names the format."""

    def __init__(self, message: str, fmt: str | None = None) -> None:
        self.fmt = fmt
        super().__init__(message)
