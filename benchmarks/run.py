"""Benchmark every stage of reportkit on the real source and on synthetic ones.

Run with the dev install (the table goes to stdout, ``--json FILE`` keeps the raw data)::

    .venv/bin/python benchmarks/run.py                    # real + 1,000 / 5,000 / 20,000 cases
    .venv/bin/python benchmarks/run.py --quick            # a small, fast run while developing
    .venv/bin/python benchmarks/run.py --sizes 1000,5000 --repeat 3 --json bench.json

Stages run in this process, after one warm-up pass over the real source (imports, the
gazetteer and fonts then load once, as in a build), each as the median of ``--repeat``
runs (fewer for big sources): read (parse + model validation), resolve (gazetteer),
validate (lint), view, render pdf / docx / xlsx / html, and read each output back as
``build`` does before publishing (verify pdf / …). Their peak memory comes from one extra
run under ``tracemalloc`` (Python allocations only; slower, so never timed). The whole
``reportkit build --format all --force`` runs as a fresh process: wall time and peak
memory, the larger of ``ru_maxrss`` (its largest single process) and the proportional
set size of the whole process tree sampled every 20 ms (the formats render in parallel
worker processes).

The floors are what no reportkit code can beat, each in fresh processes: ``python -c
pass``, ``import click``, ``import pydantic, click``, ``import reportlab.platypus``,
docx, openpyxl, and all five (the import floor); and one Pydantic model with click (the
first model class loads what ``import pydantic`` defers). The commands of issue 16's table run
on the real source in turns with them: ``build --format all --force``, ``build
--format pdf --force``, ``validate`` and a no-op ``build``; each ratio divides a
command's median by its floor's, and a second line gives the least each command could
take: its floor plus the work it does, timed warm in this process. The bulk case builds every prefecture edition and the
national one of a synthetic source (``--bulk-size`` cases), all formats, ``--jobs 2``.
Every build process gets SOURCE_DATE_EPOCH and a user cache of its own, warmed by a
first run. The growth exponent k fits time ∝ N^k between two sizes. This is a
measurement, not a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "source" / "torikumi-jirei.md"
sys.path.insert(0, str(ROOT))

from benchmarks.synth import generate  # noqa: E402

FORMATS = ("pdf", "docx", "xlsx", "html")
CHECKS = tuple(f"verify {fmt}" for fmt in FORMATS)  # reading each output back, as build does
STAGES = ("read", "resolve", "validate", "view", *FORMATS, *CHECKS)
# The floors of issue 16: what each command cannot avoid importing.
LIBRARY_IMPORTS = {
    "click": "import click",
    "pydantic, click": "import pydantic, click",
    "reportlab.platypus": "import reportlab.platypus",
    "docx": "import docx",
    "openpyxl": "import openpyxl",
}
IMPORT_FLOOR = "import reportlab.platypus, docx, openpyxl, pydantic, click"
# ``import pydantic`` loads little: the first model class loads the rest of Pydantic and
# builds a validator. This floor is the least any command validating with Pydantic pays.
PYDANTIC_MODEL_FLOOR = (
    "import click\nfrom pydantic import BaseModel\nclass M(BaseModel):\n    x: int\nM(x=1)"
)
EPOCH = "1795651200"  # SOURCE_DATE_EPOCH of every build measured (reproducible outputs)
TARGETS = {
    "build_all_wall": 1.3,  # × import floor
    "build_all_cpu": 1.8,
    "build_pdf": 2.0,  # × import reportlab.platypus
    "validate": 1.8,  # × import pydantic, click
    "noop": 1.5,  # × import click
    "help_vs_click": 1.5,
    "k_max": 1.15,
    "big_build_seconds": 60.0,
    "big_build_mb": 1024.0,
    "bulk_seconds": 30.0,
    "bulk_mb": 1024.0,
}
# The commands compared with the floors, as (floor, target key, what the issue measures).
RATIOS = (
    ("build all (real)", "import floor (all five)", "build_all_wall", "wall"),
    ("build all (real)", "import floor (all five)", "build_all_cpu", "cpu"),
    ("build pdf (real)", "import reportlab.platypus", "build_pdf", "wall"),
    ("validate (real)", "import pydantic, click", "validate", "wall"),
    ("no-op build (real)", "import click", "noop", "wall"),
)


@dataclass
class Measure:
    """Repeated timings of one thing, with its peak memory (bytes) when measured."""

    seconds: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds, children included
    peak: int | None = None
    error: str | None = None
    note: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu) if self.cpu else None

    def add(self, other: Measure) -> None:
        """Add the runs of ``other``; keep the larger peak (and its note)."""
        self.seconds += other.seconds
        self.cpu += other.cpu
        if (other.peak or 0) >= (self.peak or 0):
            self.peak, self.note = other.peak, other.note


# -- fresh processes ---------------------------------------------------------------------
def _reportkit_command() -> list[str]:
    script = Path(sys.executable).with_name("reportkit")
    return [str(script)] if script.exists() else [sys.executable, "-m", "reportkit"]


def _tree_pss(pid: int) -> int:
    """Proportional set size (bytes) of ``pid`` and its descendants (Linux; 0 elsewhere).

    PSS shares a page among the processes that map it, so forked workers are not counted
    twice for the memory they share with their parent.
    """
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/smaps_rollup", encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as kids:
                    todo += [int(k) for k in kids.read().split()]
        except (OSError, ValueError):
            continue
    return total


# A small launcher times the command and reports its ru_maxrss. Spawned from this (big)
# process directly, the command would inherit this process's peak RSS as its own: Linux
# records the old address space's high-water mark at exec, and subprocess uses vfork.
LAUNCHER = """\
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
print(child.pid, flush=True)
_, status, usage = os.wait4(child.pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - started, cpu, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_process(command: list[str], *, cwd: Path = ROOT, sample: bool = False) -> Measure:
    """One run: wall seconds and peak memory: the larger of ``ru_maxrss`` (the largest
    single process of the tree) and, with ``sample``, the PSS of the whole process tree
    sampled every 20 ms (the formats render in parallel worker processes)."""
    launcher = subprocess.Popen(
        [sys.executable, "-I", "-S", "-c", LAUNCHER, *command],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        text=True,
    )
    assert launcher.stdout is not None and launcher.stderr is not None
    pid = int(launcher.stdout.readline())
    peak_tree = 0
    stop = threading.Event()

    def sampler() -> None:
        nonlocal peak_tree
        while not stop.is_set():
            peak_tree = max(peak_tree, _tree_pss(pid))
            stop.wait(0.02)

    thread = threading.Thread(target=sampler, daemon=True)
    if sample:
        thread.start()
    result, stderr = launcher.communicate()
    stop.set()
    if sample:
        thread.join()
    seconds, cpu, maxrss_kb, code = result.split()
    maxrss = int(maxrss_kb) * 1024
    measure = Measure([float(seconds)], [float(cpu)], peak=max(maxrss, peak_tree))
    if sample:
        measure.note = f"maxrss {maxrss / 2**20:.0f} MB, tree PSS {peak_tree / 2**20:.0f} MB"
    if int(code) != 0:
        last = stderr.strip().splitlines()[-1:] or ["?"]
        measure.error = f"exit {code}: {last[0]}"
    return measure


CACHE_DIR: Path | None = None  # the benchmark's own user cache (set in main)


def _env() -> dict[str, str]:
    """The environment of every measured process: a user's, with reproducible builds.

    Bytecode is written (as on a user's machine); the user cache is the benchmark's own,
    warmed by the first runs (as after a user's first build).
    """
    env = dict(os.environ)
    for name in ("CI", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env.setdefault("SOURCE_DATE_EPOCH", EPOCH)
    if CACHE_DIR is not None:
        env["REPORTKIT_CACHE_DIR"] = str(CACHE_DIR)
    return env


def floors(runs: int, work: Path) -> dict[str, Measure]:
    """Fresh processes: python itself, the libraries' imports, and the commands of the
    issue's table on the real source (build all, build pdf, validate, a no-op build).

    The commands take turns, round after round, so that a change in the machine's load
    (other work on a shared machine) touches them all alike.
    """
    python = [sys.executable, "-c"]
    reportkit = _reportkit_command()
    source = ["--source", str(REAL)]
    commands = {"python -c pass": [*python, "pass"]}
    for name, code in LIBRARY_IMPORTS.items():
        commands[f"import {name}"] = [*python, code]
    commands["import floor (all five)"] = [*python, IMPORT_FLOOR]
    commands["one Pydantic model, click"] = [*python, PYDANTIC_MODEL_FLOOR]
    commands["reportkit --help"] = [*reportkit, "--help"]
    commands["validate (real)"] = [*reportkit, "validate", str(REAL)]
    build = [*reportkit, "build", "-q", *source]
    commands["build all (real)"] = [*build, "--force", "--output-dir", str(work / "all")]
    commands["build pdf (real)"] = [
        *build,
        "--force",
        "-f",
        "pdf",
        "--output-dir",
        str(work / "pdf"),
    ]
    commands["no-op build (real)"] = [*build, "--output-dir", str(work / "noop")]
    for warm in ("build all (real)", "no-op build (real)"):  # fills the cache and output
        run_process(commands[warm])
    found = {name: Measure() for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            if found[name].error:
                continue
            one = run_process(command)
            if one.error:
                found[name] = one
                continue
            found[name].add(one)
    return found


# -- stages in this process -------------------------------------------------------------
def writer_status() -> dict[str, str | None]:
    """None for a usable writer, else why it cannot be benchmarked."""
    import importlib

    from reportkit import formats

    status: dict[str, str | None] = {}
    for fmt in FORMATS:
        if fmt not in formats.WRITERS:
            status[fmt] = "not registered"
            continue
        try:
            module = importlib.import_module(formats.get_writer(fmt).module)
        except Exception as exc:  # a writer in progress may not import yet
            status[fmt] = f"does not import: {type(exc).__name__}: {exc}"
            continue
        status[fmt] = None if hasattr(module, "render") else "has no render()"
    return status


def _stage_functions(source: Path, fmts: list[str]) -> list[tuple[str, Callable[[dict], Any]]]:
    from reportkit import formats
    from reportkit.building.plan import make_view
    from reportkit.places.resolve import resolve
    from reportkit.readers import read
    from reportkit.readers.lint import lint
    from reportkit.source import gc_paused
    from reportkit.verify import check_rendered

    name = str(source)

    # read and resolve run as reportkit.source.load runs them: with the collector paused
    def reading(state: dict) -> None:
        with gc_paused():
            state["doc"] = read(source, name=name)

    def resolving(state: dict) -> None:
        with gc_paused():
            state["resolved"] = resolve(state["doc"], name)

    def rendering(fmt: str) -> Callable[[dict], Any]:
        writer = formats.get_writer(fmt)
        return lambda s: s.__setitem__(fmt, writer.render(s["view"]))

    def checking(fmt: str) -> Callable[[dict], Any]:
        return lambda s: check_rendered([(fmt, s[fmt], f"out.{fmt}", s["view"])])

    steps: list[tuple[str, Callable[[dict], Any]]] = [
        ("read", reading),
        ("resolve", resolving),
        ("validate", lambda s: lint(s["resolved"], name)),
        ("view", lambda s: s.__setitem__("view", make_view(s["resolved"], source))),
    ]
    steps += [(fmt, rendering(fmt)) for fmt in fmts]
    steps += [(f"verify {fmt}", checking(fmt)) for fmt in fmts]
    return steps


def warm_up(status: dict[str, str | None]) -> None:
    """Run every stage once on the real source: imports, gazetteer, fonts are then loaded,
    as they are once per build, and no source's first run pays for them."""
    fmts = [f for f in FORMATS if status[f] is None]
    state: dict[str, Any] = {}
    for name, step in _stage_functions(REAL, fmts):
        try:
            step(state)
        except Exception as exc:
            print(f"warm-up: {name} failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            if name in ("read", "resolve", "view"):
                return


class SourceBench:
    """The measures of one source: stage runs in this process, builds as processes.

    Runs are done one at a time (:meth:`run_stages`, :meth:`run_build`) so that the main
    loop can take the sources in turns: a change in the load of a shared machine then
    touches every size alike instead of skewing the growth exponents.
    """

    def __init__(self, key: str, source: Path, status: dict[str, str | None]) -> None:
        self.key = key
        self.source = source
        self.fmts = [f for f in FORMATS if status[f] is None]
        self.steps = _stage_functions(source, self.fmts)
        self.found = {name: Measure() for name, _ in self.steps}
        for fmt in FORMATS:
            if status[fmt] is not None:
                self.found[fmt] = Measure(error=status[fmt])
                self.found[f"verify {fmt}"] = Measure(error=status[fmt])
        self.failed: set[str] = set()

    def run_stages(self) -> None:
        """One timed pass over every stage."""
        state: dict[str, Any] = {}
        for name, step in self.steps:
            if name in self.failed:
                continue
            gc.collect()
            started, cpu = time.perf_counter(), time.process_time()
            try:
                step(state)
            except Exception as exc:
                self.found[name].error = f"{type(exc).__name__}: {exc}"[:200]
                self.failed.add(name)
                if name in ("read", "resolve", "view"):  # later stages need it
                    self.failed.update(n for n, _ in self.steps)
                continue
            self.found[name].seconds.append(time.perf_counter() - started)
            self.found[name].cpu.append(time.process_time() - cpu)
        for fmt in self.fmts:
            if fmt in state:
                self.found[fmt].note = f"{len(state[fmt]) / 1e6:.2f} MB"

    def run_memory(self) -> None:
        """One pass under tracemalloc: each stage's peak above what existed before it."""
        state: dict[str, Any] = {}
        tracemalloc.start()
        try:
            for name, step in self.steps:
                if name in self.failed:
                    continue
                gc.collect()
                base = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
                step(state)
                self.found[name].peak = tracemalloc.get_traced_memory()[1] - base
        finally:
            tracemalloc.stop()

    def run_build(self, work: Path) -> None:
        """One ``reportkit build --format all --force`` into a fresh directory."""
        measure = self.found.setdefault("build", Measure())
        if measure.error:
            return
        out = work / f"out-{self.key}"
        command = [*_reportkit_command(), "build", "--format", "all", "--force", "-q"]
        command += ["--source", str(self.source), "--output-dir", str(out)]
        one = run_process(command, sample=True)
        shutil.rmtree(out, ignore_errors=True)
        if one.error:
            measure.error = one.error
        else:
            measure.add(one)


def bulk(source: Path, work: Path, runs: int) -> Measure:
    """``build --each prefecture --format all --force --jobs 2``: every edition, as a process."""
    found = Measure()
    out = work / "bulk"
    command = [*_reportkit_command(), "build", "-q", "--each", "prefecture", "--format", "all"]
    command += ["--force", "--jobs", "2", "--source", str(source), "--output-dir", str(out)]
    for _ in range(runs):
        one = run_process(command, sample=True)
        if one.error:
            return one
        editions = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
        one.note = f"{len(editions)} editions; {one.note}"
        found.add(one)
        shutil.rmtree(out, ignore_errors=True)
    return found


# -- report ------------------------------------------------------------------------------
def growth(
    small: Measure, big: Measure, n_small: int, n_big: int, *, cpu: bool = False
) -> float | None:
    """k in time ∝ N^k between two sizes (wall time, or CPU time with ``cpu``)."""
    a, b = (small.cpu_median, big.cpu_median) if cpu else (small.median, big.median)
    if a is None or b is None or a <= 0 or small.error or big.error:
        return None
    return math.log(b / a) / math.log(n_big / n_small)


def machine() -> dict[str, Any]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for name in ("reportlab", "python-docx", "openpyxl", "pydantic", "click", "pypdf"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "libraries": versions,
    }


def _seconds(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _mb(m: Measure | None) -> str:
    return "—" if m is None or m.peak is None or m.error else f"{m.peak / 2**20:.0f} MB"


def _cell(m: Measure | None) -> str:
    if m is None:
        return "—"
    if m.error:
        return "n/a"
    return f"{_seconds(m.median)} / {_seconds(m.cpu_median)} {_mb(m):>6}"


def report(data: dict[str, Any], floors_found: dict[str, Measure], sizes: list[int]) -> str:
    lines: list[str] = []
    add = lines.append
    info = data["machine"]
    add(f"machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}")
    add(f"load average at start: {info['load_average']}, at end: {data['load_end']}")
    add("")
    base = floors_found["python -c pass"].median or 0
    add("Floor: fresh processes, median wall time (CPU time), peak RSS")
    add(f"  {'command':<28} {'wall':>9} {'cpu':>9} {'− python':>9} {'peak':>7}  runs")
    for name, m in floors_found.items():
        if m.error:
            add(f"  {name:<28} {m.error}")
            continue
        extra = _seconds((m.median or 0) - base) if name != "python -c pass" else ""
        add(
            f"  {name:<28} {_seconds(m.median):>9} {_seconds(m.cpu_median):>9} {extra:>9} "
            f"{_mb(m):>7}  {len(m.seconds)}"
        )
    add("")
    results: dict[str, dict[str, Measure]] = data["_measures"]
    keys = ["real", *[str(n) for n in sizes]]
    add(
        "Stages: median wall / CPU time, peak memory (in-process stages: tracemalloc; "
        "build: RSS/PSS of the process tree)"
    )
    header = f"  {'stage':<11}" + f" {'real (61)':>27}" + "".join(f" {n:>27,}" for n in sizes)
    if len(sizes) >= 2:
        header += f"  k wall (cpu) {sizes[0]:,}→{sizes[-1]:,}"
    add(header)
    for stage in (*STAGES, "build"):
        row = f"  {stage:<11}"
        for key in keys:
            row += f" {_cell(results.get(key, {}).get(stage)):>27}"
        if len(sizes) >= 2:
            small = results.get(str(sizes[0]), {}).get(stage)
            big = results.get(str(sizes[-1]), {}).get(stage)
            if small and big:
                k = growth(small, big, sizes[0], sizes[-1])
                kc = growth(small, big, sizes[0], sizes[-1], cpu=True)
                row += f"  {k:.2f} ({kc:.2f})" if k is not None and kc is not None else "  —"
        add(row)
    runs = ", ".join(
        f"{key}: {len(r['read'].seconds)}"
        + (f" (build {len(r['build'].seconds)})" if "build" in r else "")
        for key, r in results.items()
        if "read" in r
    )
    add(f"  runs per stage: {runs}")
    for key, r in results.items():
        build = r.get("build")
        if build and build.note and not build.error:
            add(f"  build {key}: peak {build.note}")
    notes = sorted(
        {f"{stage}: {m.error}" for r in results.values() for stage, m in r.items() if m.error}
    )
    for note in notes:
        add(f"  ! {note}")
    add("")
    add("Targets (issues 8 and 16)")
    for line in data["targets"]:
        add(f"  {line}")
    return "\n".join(lines)


def targets(
    floors_found: dict[str, Measure], results: dict[str, dict[str, Measure]], sizes: list[int]
) -> list[str]:
    """One line per target of issues 8 and 16: PASS, FAIL or — (not measured), with figures."""
    out = []

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("PASS" if ok else "FAIL")

    for command, base, key, measure in RATIOS:
        mine, floor = floors_found.get(command), floors_found.get(base)
        if not mine or not floor or mine.error or floor.error or not mine.seconds:
            out.append(f"—    {command}: not measured")
            continue
        wall = (mine.median or 0) / (floor.median or 1)
        cpu = (mine.cpu_median or 0) / (floor.cpu_median or 1)
        ratio = wall if measure == "wall" else cpu
        out.append(
            f"{verdict(ratio <= TARGETS[key])} {command}: {_seconds(mine.median)} wall, "
            f"{_seconds(mine.cpu_median)} CPU = {wall:.2f} × wall, {cpu:.2f} × CPU of {base} "
            f"({_seconds(floor.median)}, {_seconds(floor.cpu_median)} CPU); "
            f"target ≤ {TARGETS[key]} × {measure}"
        )
    click_floor = floors_found["import click"].median
    helped = floors_found["reportkit --help"].median
    if click_floor and helped:
        ratio = helped / click_floor
        limit = TARGETS["help_vs_click"]
        out.append(
            f"{verdict(ratio < limit)} reportkit --help {helped * 1000:.0f} ms = {ratio:.2f} × "
            f"(python -c pass + import click) {click_floor * 1000:.0f} ms (target < {limit} ×)"
        )
    if len(sizes) >= 2:
        for cpu in (False, True):
            ks = {}
            for stage in (*STAGES, "build"):
                small = results.get(str(sizes[0]), {}).get(stage)
                big = results.get(str(sizes[-1]), {}).get(stage)
                k = growth(small, big, sizes[0], sizes[-1], cpu=cpu) if small and big else None
                if k is not None:
                    ks[stage] = k
            if ks:
                worst = max(ks, key=ks.__getitem__)
                limit = TARGETS["k_max"]
                out.append(
                    f"{verdict(ks[worst] <= limit)} growth {sizes[0]:,}→{sizes[-1]:,} "
                    f"({'CPU' if cpu else 'wall'} time): worst k {ks[worst]:.2f} ({worst}); "
                    + ", ".join(f"{s} {k:.2f}" for s, k in ks.items())
                    + f" (target ≤ {limit})"
                )
    big = results.get(str(sizes[-1]), {}).get("build") if sizes else None
    if big and big.median and not big.error:
        mb = (big.peak or 0) / 2**20
        ok = big.median < TARGETS["big_build_seconds"] and mb < TARGETS["big_build_mb"]
        out.append(
            f"{verdict(ok)} {sizes[-1]:,} cases, build --format all: {big.median:.1f} s "
            f"(CPU {big.cpu_median or 0:.1f} s), peak {mb:.0f} MB (target < 60 s, < 1 GB)"
        )
    crowd = results.get("bulk", {}).get("bulk")
    if crowd and crowd.median and not crowd.error:
        mb = (crowd.peak or 0) / 2**20
        ok = crowd.median < TARGETS["bulk_seconds"] and mb < TARGETS["bulk_mb"]
        out.append(
            f"{verdict(ok)} bulk: build --each prefecture --format all --jobs 2 "
            f"({crowd.note}): {crowd.median:.1f} s (CPU {crowd.cpu_median or 0:.1f} s), "
            f"peak {mb:.0f} MB (target < 30 s, < 1 GB)"
        )
    out += lower_bounds(floors_found, results.get("real", {}))
    parse = results.get("real", {})
    if all(parse.get(s) and parse[s].median for s in ("read", "resolve", "validate")):
        total = sum(parse[s].median or 0 for s in ("read", "resolve", "validate"))
        process = floors_found["validate (real)"].median or 0
        out.append(
            f"     parse + validate of the real source (read + resolve + lint, in process): "
            f"{total * 1000:.1f} ms; `reportkit validate` as a process: {process * 1000:.0f} ms"
        )
    return out


# What each command of issue 16 cannot avoid: its floor (fresh processes) plus the work
# it does, timed in a warm process (libraries, fonts and models already loaded, so these
# bounds are below what any fresh process can reach).
BUILD_WORK = ("read", "resolve", "validate", "view", *FORMATS, *CHECKS)
PDF_WORK = ("read", "resolve", "validate", "view", "pdf", "verify pdf")
VALIDATE_WORK = ("read", "resolve", "validate")


def lower_bounds(floors_found: dict[str, Measure], real: dict[str, Measure]) -> list[str]:
    """Lines comparing each goal with floor + warm work on the real source."""

    def work(stages: tuple[str, ...], cpu: bool = False) -> float | None:
        found = [real.get(stage) for stage in stages]
        if not all(m and not m.error and m.seconds for m in found):
            return None
        return sum((m.cpu_median if cpu else m.median) or 0 for m in found if m)

    def floor(name: str, cpu: bool = False) -> float | None:
        m = floors_found.get(name)
        return None if not m or m.error else (m.cpu_median if cpu else m.median)

    out = []
    cores = os.cpu_count() or 1
    python, core = floor("python -c pass"), floor("import pydantic, click")
    model = floor("one Pydantic model, click")
    pydantic_rest = model - core if model and core else None  # what ``import pydantic`` defers
    base, build_cpu = floor("import floor (all five)", True), work(BUILD_WORK, True)
    if base and build_cpu is not None and pydantic_rest is not None:
        least = base + pydantic_rest + build_cpu
        out.append(
            f"     least for build all: import floor + first Pydantic model + warm work = "
            f"{_seconds(least)} CPU = {least / base:.2f} × CPU (target ≤ "
            f"{TARGETS['build_all_cpu']}); spread perfectly over {cores} cores "
            f"{least / cores / base:.2f} × wall (target ≤ {TARGETS['build_all_wall']})"
        )
    platypus, pdf = floor("import reportlab.platypus"), work(PDF_WORK)
    if platypus and python and model and pdf is not None:
        least = platypus + (model - python) + pdf
        out.append(
            f"     least for build pdf: import reportlab.platypus + first Pydantic model, click "
            f"+ warm work = {_seconds(least)} = {least / platypus:.2f} × (target ≤ "
            f"{TARGETS['build_pdf']})"
        )
    checked = work(VALIDATE_WORK)
    if model and core and checked is not None:
        least = model + checked
        out.append(
            f"     least for validate: first Pydantic model, click + warm work = "
            f"{_seconds(least)} = {least / core:.2f} × import pydantic, click (target ≤ "
            f"{TARGETS['validate']})"
        )
    return out


def _as_json(value: Any) -> Any:
    if isinstance(value, Measure):
        return asdict(value) | {"median": value.median, "cpu_median": value.cpu_median}
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items() if not k.startswith("_")}
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=None, help="synthetic sizes (default 1000,5000,20000)")
    parser.add_argument("--repeat", type=int, default=None, help="runs per measure (default 5)")
    parser.add_argument("--quick", action="store_true", help="sizes 300,1000; 2 runs; no build")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic sources")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--no-build", action="store_true", help="skip the build processes")
    parser.add_argument(
        "--bulk-size", type=int, default=1000, help="cases of the bulk source (default 1000)"
    )
    parser.add_argument("--json", type=Path, help="also write the raw results here ('-': stdout)")
    args = parser.parse_args(argv)
    sizes = [
        int(s) for s in (args.sizes or ("300,1000" if args.quick else "1000,5000,20000")).split(",")
    ]
    repeat = args.repeat or (2 if args.quick else 5)
    build = not (args.no_build or args.quick)

    def runs_for(n: int) -> tuple[int, int]:
        """(stage runs, build runs): big sources take long, so fewer of them."""
        if n >= 10_000:
            return min(repeat, 3), min(repeat, 2)
        if n >= 5_000:
            return min(repeat, 3), min(repeat, 3)
        return repeat, repeat

    status = writer_status()
    for fmt, why in status.items():
        if why:
            print(f"note: {fmt} writer skipped: {why}", file=sys.stderr)
    data: dict[str, Any] = {"machine": machine(), "command": " ".join(sys.argv)}
    results: dict[str, dict[str, Measure]] = {}
    global CACHE_DIR
    with tempfile.TemporaryDirectory(prefix="reportkit-bench-") as tmp:
        work = Path(tmp)
        CACHE_DIR = work / "cache"
        print("measuring floors and the commands of the table…", file=sys.stderr)
        floor = floors(max(5, repeat * 2), work)
        sources = [("real", REAL, (repeat * 2, repeat))]
        for n in sizes:
            path = work / f"synth-{n}.md"
            path.write_text(generate(n, args.seed), encoding="utf-8")
            sources.append((str(n), path, runs_for(n)))
        warm_up(status)
        benches = [(SourceBench(key, path, status), runs) for key, path, runs in sources]
        for turn in range(max(runs for _, (runs, _) in benches)):
            print(f"stage runs, round {turn + 1}…", file=sys.stderr)
            for bench, (runs, _) in benches:
                if turn < runs:
                    bench.run_stages()
        if not args.no_memory:
            print("peak memory (tracemalloc)…", file=sys.stderr)
            for bench, _ in benches:
                bench.run_memory()
        if build:
            for turn in range(max(builds for _, (_, builds) in benches)):
                print(f"builds, round {turn + 1}…", file=sys.stderr)
                for bench, (_, builds) in benches:
                    if turn < builds:
                        bench.run_build(work)
        results = {bench.key: bench.found for bench, _ in benches}
        if build:
            print("bulk editions…", file=sys.stderr)
            crowd = work / f"synth-bulk-{args.bulk_size}.md"
            crowd.write_text(generate(args.bulk_size, args.seed), encoding="utf-8")
            results["bulk"] = {"bulk": bulk(crowd, work, min(repeat, 3))}
    data["floors"] = floor
    data["stages"] = results
    data["_measures"] = results
    data["targets"] = targets(floor, results, sizes)
    data["load_end"] = [round(x, 2) for x in os.getloadavg()]
    data["writers"] = {f: s or "ok" for f, s in status.items()}
    print(report(data, floor, sizes))
    if args.json:
        text = json.dumps(_as_json(data), ensure_ascii=False, indent=2)
        if str(args.json) == "-":
            print(text)
        else:
            args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
