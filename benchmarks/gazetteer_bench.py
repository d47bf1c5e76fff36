"""Benchmark: loading the gazetteer, and resolving 10,000 names.

Loading is measured in fresh processes (the cache is per process) and compared with the
time the same interpreter needs to ``import reportlab.pdfgen.canvas``. Run::

    .venv/bin/python benchmarks/gazetteer_bench.py [--runs 15]

This is a measurement, not a test: nothing fails on slow machines.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

LOAD = (
    "import time; t = time.perf_counter(); from reportkit.places import gazetteer; "
    "gazetteer.load(); print(time.perf_counter() - t)"
)
REPORTLAB = (
    "import time; t = time.perf_counter(); import reportlab.pdfgen.canvas; "
    "print(time.perf_counter() - t)"
)
RESOLVE_IMPORT = "import time; t = time.perf_counter(); import reportkit.places.resolve; print(time.perf_counter() - t)"


def fresh(code: str, runs: int) -> tuple[float, float]:
    """Median (in-process seconds, whole-process seconds) over ``runs`` fresh processes."""
    inner, outer = [], []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        outer.append(time.perf_counter() - start)
        inner.append(float(done.stdout))
    return statistics.median(inner), statistics.median(outer)


def names(count: int) -> list[str]:
    """``count`` names as sources write them: bare, prefixed, 郡, wards, variants, widths."""
    import unicodedata

    from reportkit.places import gazetteer

    places = gazetteer.load()
    forms = []
    for entry in places.entries:
        forms.append(places.written_form(entry))
        forms.append(entry.prefecture + entry.name if entry.kind != "都道府県" else entry.name)
        if entry.county:
            forms.append(entry.county + entry.name)
        if "ヶ" in entry.name:
            forms.append(entry.name.replace("ヶ", "ケ"))
        if any("ァ" <= c <= "ヴ" for c in entry.name):
            forms.append(unicodedata.normalize("NFKC", entry.name).translate(_HALF_WIDTH))
    return [forms[i * 7919 % len(forms)] for i in range(count)]


_HALF_WIDTH = str.maketrans({"ニ": "ﾆ", "セ": "ｾ", "コ": "ｺ", "ー": "ｰ"})


def bench_resolve(count: int, repeats: int = 5) -> tuple[float, float]:
    """Median seconds: ``count`` gazetteer lookups; resolve() of ``count`` actors."""
    from reportkit.model import Actor, Attribution, Case, Document, Run, Section, Topic
    from reportkit.places import gazetteer
    from reportkit.places.resolve import resolve

    written = names(count)
    places = gazetteer.load()
    lookups = []
    for _ in range(repeats):
        start = time.perf_counter()
        for name in written:
            places.lookup(name)
        lookups.append(time.perf_counter() - start)
    cases = [
        Case(
            id=f"1-1-{n + 1}",
            runs=[Run(text="本文。")],
            line=n + 1,
            attribution=Attribution(
                written="、".join(written[n * 10 : n * 10 + 10]),
                actors=[
                    Actor(written=w, line=n + 1, column=1 + k)
                    for k, w in enumerate(written[n * 10 : n * 10 + 10])
                ],
            ),
        )
        for n in range(count // 10)
    ]
    topic = Topic(number=1, title="話題", line=1, cases=cases)
    document = Document(
        title="表題", sections=[Section(number=1, title="節", line=1, topics=[topic])]
    )
    resolving = []
    for _ in range(repeats):
        start = time.perf_counter()
        resolved = resolve(document, "bench.md")
        resolving.append(time.perf_counter() - start)
    assert resolved.resolved
    return statistics.median(lookups), statistics.median(resolving)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per measurement")
    parser.add_argument("--names", type=int, default=10_000, help="names to resolve")
    args = parser.parse_args()

    print(f"python {sys.version.split()[0]}, median of {args.runs} fresh processes")
    for label, code in (
        ("import + load gazetteer", LOAD),
        ("import reportlab.pdfgen.canvas", REPORTLAB),
        ("import reportkit.places.resolve (pydantic model)", RESOLVE_IMPORT),
    ):
        inner, outer = fresh(code, args.runs)
        print(f"  {label:44s} {inner * 1000:7.1f} ms   (whole process {outer * 1000:6.1f} ms)")
    lookup, resolving = bench_resolve(args.names)
    print(f"{args.names} names, median of 5 runs")
    print(f"  Gazetteer.lookup                             {lookup * 1000:7.1f} ms")
    print(f"  resolve() of a document with {args.names} actors {resolving * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
