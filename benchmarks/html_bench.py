"""Benchmark: rendering the web page (``--format html``) and its weight.

For the real source and synthetic ones (``synth.py``), the view is made once, then the
page is rendered ``--repeat`` times in this process, the cyclic collector paused as in a
build. The table gives the medians (wall and CPU time; on a shared machine CPU time is
the steadier), the page's size and the growth exponent k (CPU time ∝ cases^k) against
the previous row. Run::

    SOURCE_DATE_EPOCH=1795651200 .venv/bin/python benchmarks/html_bench.py [--sizes 5000,20000]

This is a measurement, not a test: nothing fails on slow machines.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "source" / "torikumi-jirei.md"
sys.path.insert(0, str(ROOT))

from benchmarks.synth import generate  # noqa: E402
from reportkit.building.plan import make_view  # noqa: E402
from reportkit.source import gc_paused, load  # noqa: E402
from reportkit.view import View  # noqa: E402
from reportkit.writers.html import render  # noqa: E402


def measure(view: View, repeat: int) -> tuple[float, float, int]:
    """Median wall and CPU seconds of ``repeat`` renders, and the page's size in bytes."""
    wall, cpu, size = [], [], 0
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        with gc_paused():  # as a build renders
            size = len(render(view))
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="5000,20000", help="synthetic case counts")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sources = [("real", REAL)]
    with tempfile.TemporaryDirectory() as work:
        for n in (int(s) for s in args.sizes.split(",") if s):
            path = Path(work) / f"synth-{n}.md"
            path.write_text(generate(n, seed=0), encoding="utf-8")
            sources.append((f"{n:,}", path))
        print("| source | cases | render (median wall) | CPU | page | k (CPU) |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        before: tuple[int, float] | None = None
        for name, path in sources:
            view = make_view(load(path), path)
            cases = sum(1 for _ in view.document.cases())
            wall, seconds, size = measure(view, args.repeat)
            k = ""
            if before is not None and before[0] != cases:
                k = f"{math.log(seconds / before[1]) / math.log(cases / before[0]):.2f}"
            print(
                f"| {name} | {cases:,} | {wall * 1000:,.1f} ms | {seconds * 1000:,.1f} ms "
                f"| {size / 1024:,.0f} KB | {k} |"
            )
            before = (cases, seconds)


if __name__ == "__main__":
    main()
