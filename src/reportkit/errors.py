"""Problems found in a source, reported as ``file:line:col: message``, or at another place
(``file:段落12``, ``file:回答!D5``)."""

from __future__ import annotations

import errno
import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Characters that print as nothing: format controls (U+200B zero width space, U+200E/F and
# U+202A-202E, U+2066-2069 bidi controls, U+FEFF, U+00AD soft hyphen), line and paragraph
# separators, and control characters other than tab and line feed.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cc"})
_SHOWN_AS_IS = frozenset("\t\n")


def is_invisible(char: str) -> bool:
    """True for a character that shows nothing where it stands (see above)."""
    return char not in _SHOWN_AS_IS and unicodedata.category(char) in _INVISIBLE_CATEGORIES


def visible(text: str) -> str:
    """``text`` with every invisible character written out: 鳥<U+200B>羽市."""
    if text.isprintable() and not any(map(is_invisible, text)):
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_invisible(c) else c for c in text)


def without_invisible(text: str) -> str:
    """``text`` without its invisible characters."""
    return "".join(c for c in text if not is_invisible(c))


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
        text = f"{where}: {self.severity}: {visible(self.message)}"
        return f"{text}\n  hint: {visible(self.hint)}" if self.hint else text


class ReportkitError(Exception):
    """Base of every error reportkit reports to a user (never shown with a traceback)."""


class SourceError(ReportkitError):
    """A source (or a data file) has one or more problems; all of them are listed."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))

    def report(self, limit: int) -> str:
        """The first ``limit`` problems (all when ``limit`` is 0) and a count of the rest."""
        if not limit or len(self.problems) <= limit:
            return str(self)
        shown = "\n".join(str(p) for p in self.problems[:limit])
        rest = len(self.problems) - limit
        return (
            f"{shown}\n… and {rest:,} more problem{'' if rest == 1 else 's'} "
            f"(stopped after {limit}; --max-errors 0 shows all)"
        )


class BuildError(ReportkitError):
    """A writer or the publishing step failed; ``fmt`` names the format."""

    def __init__(self, message: str, fmt: str | None = None) -> None:
        self.fmt = fmt
        super().__init__(message)


class SetupError(ReportkitError):
    """The environment (a variable, a file, a directory) keeps reportkit from working."""


# errno -> (what is wrong, how to fix it)
_OS_ERRORS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "no space left on the device",
        "free some space, or choose an output directory on another disk (--output-dir)",
    ),
    errno.EDQUOT: ("disk quota exceeded", "free some space or ask for a larger quota"),
    errno.EACCES: (
        "permission denied",
        "make it writable (chmod u+w), or choose another output directory (--output-dir)",
    ),
    errno.EPERM: (
        "operation not permitted (an immutable or protected file?)",
        "check its attributes (lsattr; chattr -i), or choose another output directory",
    ),
    errno.EROFS: (
        "the file system is read-only",
        "choose an output directory on a writable disk (--output-dir)",
    ),
    errno.ENOTDIR: (
        "a part of the path is a file, not a directory",
        "move that file away, or choose another path",
    ),
    errno.EISDIR: ("it is a directory", "give the path of a file"),
    errno.ELOOP: ("a symbolic link loop", "fix or remove the link"),
    errno.ENOENT: ("no such file or directory", "create the directory first, or check the path"),
    errno.ENAMETOOLONG: ("the path is too long", "choose a shorter path"),
    errno.EMFILE: ("too many open files", "raise the limit (ulimit -n) and try again"),
    errno.ETXTBSY: ("the file is in use", "close the program using it and try again"),
    errno.EBUSY: ("the file is in use", "close the program using it and try again"),
}


def describe_os_error(exc: OSError, action: str) -> str:
    """A message naming the path, what is wrong and how to fix it: ``cannot {action} PATH``."""
    wrong, fix = _OS_ERRORS.get(
        exc.errno or 0, (exc.strerror or str(exc), "check the path and its permissions")
    )
    if getattr(exc, "winerror", None) == 32:  # pragma: no cover - Windows: file open elsewhere
        wrong, fix = "the file is open in another program", "close it and try again"
    path = exc.filename if exc.filename is not None else "the path"
    other = f" -> {exc.filename2}" if exc.filename2 is not None else ""
    return f"cannot {action} {path}{other}: {wrong}\n  hint: {fix}"
