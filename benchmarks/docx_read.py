"""Reading a Word briefing back beside writing it (``python benchmarks/docx_read.py [N]``).

For the real source and a synthetic source of N cases (default 5,000): the time to
render the briefing and to read it back (best of 5, in one warm process), and the peak
memory (RSS) of a fresh process that only reads it, as ``reportkit convert`` does.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "source" / "torikumi-jirei.md"
# VmHWM, not ru_maxrss: a child's ru_maxrss starts from its parent's RSS at the fork.
_READ_ONLY = (
    "import re, sys\n"
    "from reportkit.readers import read\n"
    "read(sys.argv[1])\n"
    "status = open('/proc/self/status').read()\n"
    "print(re.search(r'VmHWM:\\s*(\\d+) kB', status)[1])\n"
)


def best(action: Callable[[], object], repeat: int = 5) -> float:
    """The shortest of ``repeat`` timings of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mib(path: Path) -> float:
    """Peak RSS of a fresh Python process that imports reportkit and reads ``path`` (Linux)."""
    done = subprocess.run(
        [sys.executable, "-c", _READ_ONLY, str(path)], capture_output=True, text=True, check=True
    )
    return int(done.stdout) / 1024


def measure(source: Path, directory: Path) -> str:
    from reportkit.building.plan import make_view
    from reportkit.readers import read
    from reportkit.source import load
    from reportkit.writers.docx import render

    document = load(source)
    view = make_view(document, source)
    briefing = directory / f"{source.stem}.docx"
    rendering = best(lambda: briefing.write_bytes(render(view)))
    reading = best(lambda: read(briefing))
    cases = sum(1 for _ in document.cases())
    return (
        f"| {source.name} | {cases:,} | {rendering:.3f} | {reading:.3f} "
        f"| {peak_rss_mib(briefing):.0f} |"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", nargs="?", type=int, default=5000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from benchmarks.synth import generate

    print("| source | cases | render docx (s) | read docx (s) | read: peak RSS (MiB) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        synthetic = directory / f"synth-{args.cases}.md"
        synthetic.write_text(generate(args.cases, seed=1), encoding="utf-8")
        for source in (REAL, synthetic):
            print(measure(source, directory), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
