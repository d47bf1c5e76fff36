"""A revised edition of a source, for the diff benchmark (``python benchmarks/revise.py IN -o OUT``).

Of the cases picked (``share`` of all, seeded): seven in ten are reworded (a phrase
inserted mid-sentence), one in ten removed, one in ten moved after a case of another
topic, one in ten gets another actor (宮城県) first; as many new cases as one in ten are added. The
result is a valid source; it depends only on the input, ``share`` and ``seed``.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

_ATTRIBUTION = re.compile(r"【[^】]*】")
INSERTED = "、地域の関係機関と協議を重ねたうえで"


def _is_case(line: str) -> bool:
    return line.startswith("- ")


def _reword(line: str, rng: random.Random) -> str:
    """Insert a phrase at a character of the text that is no emphasis marker."""
    end = line.rfind("(" if line.rstrip("*").endswith(")") else "【")
    spots = [
        at for at in range(4, end) if line[at - 1] != "*" and line[at] != "*" and line[at] in "。、"
    ]
    if not spots:
        return line[:end] + "（改訂）" + line[end:]
    at = rng.choice(spots)
    return line[:at] + INSERTED + line[at:]


def _add_actor(line: str) -> str:
    found = list(_ATTRIBUTION.finditer(line))
    if not found or "非公表" in found[-1].group():
        return line
    opening = found[-1].start() + 1
    return line[:opening] + "宮城県、" + line[opening:]


def revise(text: str, share: float = 0.1, seed: int = 1) -> str:
    """``text`` with ``share`` of its cases changed (see the module docstring)."""
    rng = random.Random(seed)
    lines = text.split("\n")
    cases = [at for at, line in enumerate(lines) if _is_case(line)]
    picked = rng.sample(cases, round(len(cases) * share))
    actions = ("reword",) * 7 + ("remove", "move", "actor")
    plan = {at: actions[number % 10] for number, at in enumerate(picked)}
    moved: list[str] = []
    out: list[str] = []
    for at, line in enumerate(lines):
        action = plan.get(at)
        neighbours = _is_case(lines[at - 1]) or (at + 1 < len(lines) and _is_case(lines[at + 1]))
        if action in ("remove", "move") and neighbours:
            if action == "move":
                moved.append(line)
            continue
        if action == "reword":
            line = _reword(line, rng)
        elif action == "actor":
            line = _add_actor(line)
        out.append(line)
    return "\n".join(_place(out, moved, len(picked) // 10, rng))


def _place(lines: list[str], moved: list[str], added: int, rng: random.Random) -> list[str]:
    """Put the moved cases after random cases far away, and add new cases."""
    cases = [at for at, line in enumerate(lines) if _is_case(line)]
    inserts: dict[int, list[str]] = {}
    for line in moved:
        inserts.setdefault(rng.choice(cases), []).append(line)
    for number in range(added):
        at = rng.choice(cases)
        found = list(_ATTRIBUTION.finditer(lines[at]))
        attribution = found[-1].group() if found else "【宮城県】"
        inserts.setdefault(at, []).append(
            f"- 令和8年度の調査で新たに報告された取組（{number + 1}）。相談支援員が地域の集会所を"
            f"定期的に巡回し、早期の相談と支援につなげている。{attribution}"
        )
    out: list[str] = []
    for at, line in enumerate(lines):
        out.append(line)
        out.extend(inserts.get(at, []))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--share", type=float, default=0.1, help="share of cases changed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    text = revise(args.source.read_text(encoding="utf-8"), args.share, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
