"""Reading an edition of a source as git has it at a revision (``reportkit diff --rev``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reportkit import formats
from reportkit.errors import Problem, SourceError
from reportkit.model import Document


def revision_name(rev: str, path: Path) -> str:
    """How messages and the summary name the source at ``rev``: ``HEAD~1:source/x.md``."""
    return f"{rev}:{path}"


def read_revision(rev: str, path: Path) -> Document:
    """The source ``path`` as committed at ``rev`` (``git show REV:./path``), read by the
    reader its suffix names; problems name it ``REV:path``."""
    name = revision_name(rev, path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), "show", f"{rev}:./{path.name}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise _problem(name, "git is not installed", "install git, or compare two files") from None
    except subprocess.SubprocessError as exc:
        raise _problem(name, f"git show failed: {exc}", "") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _problem(
            name,
            f"git cannot show the source at {rev}: {said[-1] if said else 'no output'}",
            "check the revision (git log -- PATH) and that the file was committed there",
        )
    return formats.reader_for(path).read(done.stdout, name)


def _problem(name: str, message: str, hint: str) -> SourceError:
    return SourceError([Problem(name, 0, 0, message, hint)])
