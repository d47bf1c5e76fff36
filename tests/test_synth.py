"""The synthetic-source generator (benchmarks/synth.py): valid, seeded, every variation."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.synth import generate

from reportkit.model import Document
from reportkit.source import load

ROOT = Path(__file__).resolve().parent.parent
SYNTH = ROOT / "benchmarks" / "synth.py"


def _load(tmp_path: Path, text: str, name: str = "synth.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load(path)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Document:
    """300 cases, read and resolved."""
    return _load(tmp_path_factory.mktemp("synth"), generate(300, seed=7))


@pytest.mark.parametrize(("n", "seed"), [(1, 0), (15, 3), (50, 0), (50, 1), (120, 2), (300, 9)])
def test_output_reads_and_resolves(tmp_path: Path, n: int, seed: int) -> None:
    document = _load(tmp_path, generate(n, seed))
    assert sum(1 for _ in document.cases()) == n
    assert document.resolved
    assert document.title == "自治体における様々な取組事例"


def test_cli_output_passes_reportkit_validate(tmp_path: Path) -> None:
    target = tmp_path / "cli.md"
    subprocess.run([sys.executable, str(SYNTH), "80", "--seed", "4", "-o", str(target)], check=True)
    assert target.read_text(encoding="utf-8") == generate(80, 4)
    done = subprocess.run(
        [sys.executable, "-m", "reportkit", "validate", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"valid: \d+ sections, \d+ topics, 80 cases", done.stdout)


def test_same_seed_same_bytes_other_seed_differs() -> None:
    assert generate(200, seed=5) == generate(200, seed=5)
    assert generate(200, seed=5) != generate(200, seed=6)
    assert generate(200, seed=5) != generate(201, seed=5)


def test_rejects_nonpositive_n() -> None:
    with pytest.raises(ValueError):
        generate(0)


def test_shape_of_the_real_document(synthetic: Document) -> None:
    text = generate(300, seed=7)
    # continuations of sections and of topics, as page breaks leave them
    assert re.search(r"^\d+\. .+\(続き\)$", text, re.MULTILINE)
    assert re.search(r"^\(.+・続き\)$", text, re.MULTILINE)
    implicit = [s for s in synthetic.sections if s.topics[0].implicit]
    assert implicit, "a section without topics"
    assert all(len(s.topics) == 1 for s in implicit)
    assert any(len(s.topics) >= 5 for s in synthetic.sections)
    # a continued topic is one topic: its cases are numbered on from the earlier part
    titles = [(s.number, t.title) for s, t in synthetic.topics()]
    assert len(titles) == len(set(titles))
    assert any(
        t.title == "都道府県管轄地域(郡部福祉事務所)における工夫" for _, t in synthetic.topics()
    )
    lengths = sorted(len(case.text) for case in synthetic.cases())
    assert 40 <= lengths[len(lengths) // 2] <= 160
    assert lengths[-1] <= 200
    assert all("、" in case.text and case.text.endswith("。") for case in synthetic.cases())


def test_emphasis_variations(synthetic: Document) -> None:
    cases = list(synthetic.cases())
    assert any(len(case.emphasized) >= 2 for case in cases), "emphasis in several pieces"
    assert any(case.attribution.emphasis for case in cases), "emphasis spanning 【…】"
    assert any(
        case.attribution.emphasis and case.runs[0].emphasis and len(case.runs) == 1
        for case in cases
    ), "a whole case emphasised, attribution included"
    assert any(case.attribution.emphasis and not case.runs[0].emphasis for case in cases)
    assert any(
        run.emphasis
        and 0 < i < len(case.runs) - 1
        and case.runs[i - 1].text.endswith("「")
        and case.runs[i + 1].text.startswith("」")
        for case in cases
        for i, run in enumerate(case.runs)
    ), "emphasis inside 「」"


@pytest.mark.parametrize("n", [50, 300])
def test_every_attribution_variation(tmp_path: Path, n: int) -> None:
    document = _load(tmp_path, generate(n, seed=n))
    attributions = [case.attribution for case in document.cases()]
    actors = [actor for a in attributions for actor in a.actors]
    written = {actor.written for actor in actors}

    assert any(a.open_list == "等" for a in attributions)
    assert any(a.open_list == "等多数" for a in attributions)
    assert any(a.brackets == "()" for a in attributions), "trailing (…)"
    assert any(a.brackets == "()" and len(a.actors) >= 2 for a in attributions)
    assert any(a.undisclosed for a in attributions)
    assert any("、" in a.written and len(a.actors) >= 2 for a in attributions)
    assert any("・" in a.written and len(a.actors) == 2 for a in attributions)

    groups = [actor for actor in actors if actor.group is not None]
    assert groups, "a group such as 静岡県内7市"
    for actor in groups:
        assert actor.government is not None and actor.government.kind == "都道府県"
        assert actor.government.name == actor.group.prefecture
        assert actor.group.count >= 2

    assert any(actor.government.kind == "都道府県" and actor.group is None for actor in actors)
    assert any(actor.government.kind == "行政区" for actor in actors), "a ward: 横浜市港北区"
    codes = {actor.written: actor.government.code for actor in actors if actor.group is None}
    assert codes.get("広島県府中市") == "34208"
    assert codes.get("東京都府中市") == "13206"
    assert codes.get("北海道伊達市") == "01233"
    assert any("ケ" in w and "ヶ" in codes_name for w, codes_name in _names(actors)), "ヶ/ケ"
    # a bare name that exists in two prefectures is never written
    assert not written & {"府中市", "伊達市", "美郷町", "池田町", "中央区"}


def _names(actors: list) -> list[tuple[str, str]]:
    return [(a.written, a.government.name) for a in actors if a.group is None]


def test_spreads_over_the_municipalities(synthetic: Document) -> None:
    """Actors come from shuffled decks: few repeats before every municipality was used."""
    municipal = [
        actor.government.code
        for _, actor in synthetic.actors()
        if actor.government.kind in ("市", "町", "村", "特別区", "政令指定都市")
    ]
    assert len(municipal) >= 300
    assert len(set(municipal)) >= 0.9 * len(municipal)
