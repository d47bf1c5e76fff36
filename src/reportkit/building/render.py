"""Rendering targets: in this process, and in worker processes beside it when there are
several jobs.

With ``verify`` each process reads its output back right after rendering it
(:func:`reportkit.verify.check_rendered`), with the libraries it has loaded already; a
disagreement fails the target like a writer error.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
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

    With more than one job, ``jobs - 1`` worker processes render beside this process,
    which renders too: the workers take targets from the front of the list, this process
    from the back, one at a time, so that no one waits while work is left and the view is
    copied into one process fewer. Forked workers (Linux) inherit the targets, spawned
    ones (macOS, Windows) receive them pickled.
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
        workers = min(jobs - 1, len(targets) - 1)
        settings = (cache.enabled(),)  # what spawned workers do not inherit
        with ProcessPoolExecutor(
            workers, context, initializer=cache.use, initargs=settings
        ) as pool:

            def submit(index: int) -> Future[tuple[bytes, float]]:
                if fork:
                    return pool.submit(_render_inherited, index, verify)
                target = targets[index]
                return pool.submit(_render, target.fmt, target.view, target.path.name, verify)

            return _shared(targets, workers, submit, progress, verify)
    finally:
        gc.unfreeze()
        _INHERITED.clear()


def _here(target: Target, verify: bool, results: Results, index: int) -> None:
    """Render ``target`` in this process into ``results``."""
    done, failed = results
    try:
        done[index] = _render(target.fmt, target.view, target.path.name, verify)
    except Exception as exc:
        failed[index] = _describe(exc)


def _serially(targets: list[Target], progress: Progress | None, verify: bool) -> Results:
    results: Results = ({}, {})
    for index, target in enumerate(targets):
        if progress is not None:
            progress.working([target])
        _here(target, verify, results, index)
        _told(progress, target, results, index)
    return results


def _told(progress: Progress | None, target: Target, results: Results, index: int) -> None:
    if progress is not None:
        progress.rendered(target, results[0][index][1] if index in results[0] else 0.0)


def _shared(
    targets: list[Target],
    workers: int,
    submit: Callable[[int], Future[tuple[bytes, float]]],
    progress: Progress | None,
    verify: bool,
) -> Results:
    """Keep each worker busy with one target from the front; render from the back here."""
    results: Results = ({}, {})
    todo = deque(range(len(targets)))
    running: dict[Future[tuple[bytes, float]], int] = {}
    while todo or running:
        while todo and len(running) < workers:
            index = todo.popleft()
            running[submit(index)] = index
        mine = todo.pop() if todo else None
        if progress is not None:
            busy = [targets[i] for i in sorted(running.values())]
            progress.working(busy if mine is None else [*busy, targets[mine]])
        if mine is not None:
            _here(targets[mine], verify, results, mine)
            _told(progress, targets[mine], results, mine)
            finished = {future for future in running if future.done()}
        else:
            finished, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
        for future in sorted(finished, key=running.__getitem__):
            index = running.pop(future)
            try:
                results[0][index] = future.result()
            except Exception as exc:
                results[1][index] = _describe(exc)
            _told(progress, targets[index], results, index)
    return results


def default_jobs(outputs: int) -> int:
    """Processes that render (this one and its workers): one per core, at most one per
    output."""
    return max(1, min(outputs, os.cpu_count() or 1))
