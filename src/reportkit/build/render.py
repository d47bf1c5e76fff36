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
from concurrent.futures import Future, ProcessPoolExecutor

from reportkit import formats
from reportkit.build.plan import Target
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


def render_all(
    targets: list[Target], jobs: int, verify: bool = False
) -> tuple[dict[int, tuple[bytes, float]], dict[int, str]]:
    """Render (and with ``verify`` read back) every target; returns (index -> (bytes,
    seconds), index -> error).

    With more than one job the targets render in worker processes: forked ones (Linux)
    inherit the targets, spawned ones (macOS, Windows) receive them pickled.
    """
    done: dict[int, tuple[bytes, float]] = {}
    failed: dict[int, str] = {}
    if jobs <= 1 or len(targets) <= 1:
        for index, target in enumerate(targets):
            try:
                done[index] = _render(target.fmt, target.view, target.path.name, verify)
            except Exception as exc:
                failed[index] = _describe(exc)
        return done, failed
    fork = sys.platform == "linux"
    context = multiprocessing.get_context("fork" if fork else "spawn")
    _INHERITED[:] = targets
    gc.freeze()  # keep the inherited objects' pages shared with the workers
    try:
        with ProcessPoolExecutor(min(jobs, len(targets)), context) as pool:
            futures: dict[int, Future[tuple[bytes, float]]] = {
                index: pool.submit(_render_inherited, index, verify)
                if fork
                else pool.submit(_render, target.fmt, target.view, target.path.name, verify)
                for index, target in enumerate(targets)
            }
            for index, future in futures.items():
                try:
                    done[index] = future.result()
                except Exception as exc:
                    failed[index] = _describe(exc)
    finally:
        gc.unfreeze()
        _INHERITED.clear()
    return done, failed


def default_jobs() -> int:
    """Worker processes: one per core, at most three (one per format)."""
    return max(1, min(3, os.cpu_count() or 1))
