"""Build: render every target (in parallel processes), then publish all or nothing.

A target is one output file: a format of one view (:mod:`.plan`). Rendering happens in
memory (:mod:`.render`); only when every target rendered does publishing start
(:mod:`.publish`), under a lock on the output directory: each file goes to a temporary
name and is renamed into place, then ``manifest.json`` records inputs and outputs.
"""

from __future__ import annotations

import json
from pathlib import Path

from reportkit.build.inputs import input_key, library_versions, view_digest
from reportkit.build.plan import Outcome, Target
from reportkit.build.publish import (
    MANIFEST,
    file_sha256,
    locked,
    manifest_for,
    read_manifest,
    sha256,
    up_to_date,
    write_atomic,
)
from reportkit.build.render import render_all
from reportkit.errors import BuildError


def build(
    targets: list[Target],
    directory: Path,
    source: Path,
    *,
    force: bool,
    jobs: int,
    verify: bool = True,
) -> list[Outcome]:
    """Render what changed, read it back (``verify``) and publish it atomically; raises
    BuildError naming failed formats."""
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
    done, failed = render_all([targets[i] for i in pending], jobs, verify=verify)
    if failed:
        names = []
        for local, message in sorted(failed.items()):
            target = targets[pending[local]]
            names.append(f"{target.fmt} ({target.path.name}): {message}")
        raise BuildError(
            "build failed, nothing was written (earlier outputs are unchanged):\n  "
            + "\n  ".join(names),
            ", ".join(targets[pending[local]].fmt for local in sorted(failed)),
        )
    written: list[Outcome] = []
    with locked(directory):
        for local, (data, seconds) in sorted(done.items()):
            target = targets[pending[local]]
            write_atomic(target.path, data)
            outcome = Outcome(target, "written", seconds, sha256(data), len(data))
            outcomes[pending[local]] = outcome
            written.append(outcome)
        fresh = read_manifest(directory)
        text = json.dumps(
            manifest_for(fresh, directory, source, list(outcomes.values())),
            ensure_ascii=False,
            indent=2,
        )
        write_atomic(directory / MANIFEST, (text + "\n").encode("utf-8"))
    return [outcomes[i] for i in range(len(targets))]


def check(targets: list[Target], *, jobs: int) -> list[Outcome]:
    """Compare each output with what a build would write now; writes nothing."""
    done, failed = render_all(targets, jobs)
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
