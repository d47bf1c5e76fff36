"""Build: render every target (in parallel processes), then publish all or nothing.

A target is one output file: a format of one view (:mod:`.plan`). Rendering happens in
memory (:mod:`.render`); only when every target rendered does publishing start
(:mod:`.publish`), under a lock on the output directory: the whole set, with its
``manifest.json``, is written beside the published one and switched in with one rename.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportkit import noop
from reportkit.building.inputs import input_key, library_versions, view_digest
from reportkit.building.plan import Outcome, Target
from reportkit.building.publish import (
    LOCK_TIMEOUT,
    file_sha256,
    read_manifest,
    sha256,
    up_to_date,
)
from reportkit.building.publish import publish as publish_set
from reportkit.building.render import Progress, render_all
from reportkit.errors import BuildError


def build(
    targets: list[Target],
    directory: Path,
    source: Path,
    *,
    force: bool,
    jobs: int,
    lock_timeout: float = LOCK_TIMEOUT,
    waiting: Callable[[str], None] = lambda message: None,
    progress: Progress | None = None,
    request_key: str | None = None,
    notes: list[str] | None = None,
    warnings: list[str] | None = None,
    verify: bool = True,
) -> list[Outcome]:
    """Render what changed, read it back (``verify``) and publish it atomically; raises
    BuildError naming failed formats.

    ``request_key`` (:mod:`reportkit.noop`) is recorded with the outputs it made and the
    ``notes`` printed, so that the same request finds them unchanged without reading the model.
    """
    versions = library_versions()
    view_hashes: dict[int, str] = {}
    for target in targets:
        if id(target.view) not in view_hashes:
            view_hashes[id(target.view)] = view_digest(target.view)
        target.key = input_key(target.fmt, target.view, versions, view_hashes[id(target.view)])
    manifest = read_manifest(directory)
    outcomes: dict[int, Outcome] = {}
    pending: list[int] = []
    for index, target in enumerate(targets):
        sha = None if force else up_to_date(target, manifest)
        if sha:
            outcomes[index] = Outcome(
                target, "unchanged", sha256=sha, size=target.path.stat().st_size
            )
        else:
            pending.append(index)
    done, failed = render_all([targets[i] for i in pending], jobs, progress, verify)
    if failed:
        names = []
        for local, message in sorted(failed.items()):
            target = targets[pending[local]]
            names.append(f"{target.fmt} ({target.name}): {message}")
        raise BuildError(
            "build failed, nothing was written (earlier outputs are unchanged):\n  "
            + "\n  ".join(names),
            ", ".join(targets[pending[local]].fmt for local in sorted(failed)),
        )
    written: dict[str, bytes] = {}
    for local, (data, seconds) in sorted(done.items()):
        target = targets[pending[local]]
        written[target.name] = data
        outcomes[pending[local]] = Outcome(target, "written", seconds, sha256(data), len(data))

    def remember(old: dict[str, Any], record: dict[str, Any]) -> None:
        made = [(t.name, outcomes[i].sha256 or "") for i, t in enumerate(targets)]
        record[noop.SECTION] = noop.remember(
            old, record["outputs"], request_key, made, notes or [], warnings or []
        )

    publish_set(
        directory,
        source,
        list(outcomes.values()),
        written,
        lock_timeout=lock_timeout,
        waiting=waiting,
        extend=remember,
    )
    return [outcomes[i] for i in range(len(targets))]


def check(targets: list[Target], *, jobs: int, progress: Progress | None = None) -> list[Outcome]:
    """Compare each output with what a build would write now; writes nothing."""
    done, failed = render_all(targets, jobs, progress)
    outcomes = []
    for index, target in enumerate(targets):
        if index in failed:
            outcomes.append(Outcome(target, "failed", error=failed[index]))
            continue
        data, seconds = done[index]
        sha = sha256(data)
        current = file_sha256(target.path)
        status = "up-to-date" if current == sha else ("missing" if current is None else "differs")
        outcomes.append(Outcome(target, status, seconds, sha, len(data)))
    return outcomes
