"""Rendering targets, in worker processes when there are several.

With ``verify`` each worker reads its output back right after rendering it
(:func:`reportkit.verify.check_rendered`), with the libraries it has loaded already; a
disagreement fails the target like a writer error.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Protocol

from reportkit import cache, formats
from reportkit.building.plan import Target
from reportkit.errors import ReportkitError
from reportkit.source import gc_paused
from reportkit.view import View


def _render(fmt: str, view: View, name: str = "", verify: bool = False) -> tuple[bytes, float]:
    started = time.perf_counter()
    # Writers build large acyclic trees (cells, flowables, XML); the cyclic collector's
    # passes over them find nothing to free. What they leave is collected afterwards.
    with gc_paused():
        data = formats.get_writer(fmt).render(view)
    if verify:
        from reportkit.verify import check_rendered

        check_rendered([(fmt, data, name, view)])
    return data, time.perf_counter() - started


# Targets a forked worker inherits from its parent instead of receiving them pickled:
# at 20,000 cases, pickling a view costs seconds and a copy of it in every worker.
_INHERITED: list[Target] = []


def _render_inherited(index: int, verify: bool) -> tuple[bytes, float]:
    target = _INHERITED[index]
    return _render(target.fmt, target.view, target.path.name, verify)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ReportkitError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


class Progress(Protocol):
    """Who is told how rendering goes (the CLI's progress bar or log lines)."""

    def start(self, targets: Sequence[Target]) -> None: ...

    def working(self, targets: Sequence[Target]) -> None:
        """``targets`` are being rendered now (also called every half second)."""

    def rendered(self, target: Target, seconds: float) -> None: ...


Results = tuple[dict[int, tuple[bytes, float]], dict[int, str]]


def render_all(
    targets: list[Target], jobs: int, progress: Progress | None = None, verify: bool = False
) -> Results:
    """Render (and with ``verify`` read back) every target; returns (index -> (bytes,
    seconds), index -> error).

    With more than one job the targets render in worker processes: forked ones (Linux)
    inherit the targets, spawned ones (macOS, Windows) receive them pickled.
    """
    if progress is not None:
        progress.start(targets)
    if jobs <= 1 or len(targets) <= 1:
        return _serially(targets, progress, verify)
    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _INHERITED[:] = targets
    gc.freeze()  # keep the inherited objects' pages shared with the workers
    try:
        workers = min(jobs, len(targets))
        settings = (cache.enabled(),)  # what spawned workers do not inherit
        with ProcessPoolExecutor(
            workers, context, initializer=cache.use, initargs=settings
        ) as pool:
            futures = {
                pool.submit(_render_inherited, index, verify)
                if fork
                else pool.submit(_render, target.fmt, target.view, target.path.name, verify): index
                for index, target in enumerate(targets)
            }
            return _collect(futures, targets, progress)
    finally:
        gc.unfreeze()
        _INHERITED.clear()


def _serially(targets: list[Target], progress: Progress | None, verify: bool) -> Results:
    done: dict[int, tuple[bytes, float]] = {}
    failed: dict[int, str] = {}
    for index, target in enumerate(targets):
        if progress is not None:
            progress.working([target])
        try:
            done[index] = _render(target.fmt, target.view, target.path.name, verify)
        except Exception as exc:
            failed[index] = _describe(exc)
        if progress is not None:
            progress.rendered(target, done[index][1] if index in done else 0.0)
    return done, failed


def _collect(
    futures: dict[Future[tuple[bytes, float]], int],
    targets: list[Target],
    progress: Progress | None,
) -> Results:
    """The results of the workers' futures as they complete, telling ``progress``."""
    done: dict[int, tuple[bytes, float]] = {}
    failed: dict[int, str] = {}
    remaining = set(futures)
    while remaining:
        finished, remaining = wait(remaining, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in sorted(finished, key=futures.__getitem__):
            index = futures[future]
            try:
                done[index] = future.result()
            except Exception as exc:
                failed[index] = _describe(exc)
            if progress is not None:
                progress.rendered(targets[index], done[index][1] if index in done else 0.0)
        if progress is not None:
            progress.working([targets[futures[f]] for f in remaining if f.running()])
    return done, failed


def default_jobs(outputs: int = 3) -> int:
    """Worker processes: one per core, at most one per output."""
    return max(1, min(outputs, os.cpu_count() or 1))
