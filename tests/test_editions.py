"""`reportkit build --each`: editions in bulk, shards, and the progress a build shows.

The expected case ids were worked out by hand from source/torikumi-jirei.md: each case's
actors, the prefecture each lies in, the id from its section, topic and position.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from reportkit.cli.build import parse_shard
from reportkit.meetings.editions import editions
from reportkit.model import Document
from reportkit.places.blocks import BlockScheme
from reportkit.view import Meeting, Selection

from .conftest import REAL_SOURCE, ROOT, run_cli

# By hand: the cases whose actors lie in the prefecture (a prefecture's own cases count).
HAND_WORKED = {
    "13-東京都": [  # 国立市, 東村山市, 東京都, 八王子市, 東村山市, (…八王子市…等多数), 東京都
        "1-1-2", "1-1-3", "1-3-2", "1-4-2", "2-1-2", "2-2-3", "2-4-2",
    ],
    "27-大阪府": [  # 豊中市, 柏原市, 大阪府, (…大阪府…), 柏原市, (…大阪府…), 大阪府
        "1-5-4", "2-1-3", "2-1-6", "3-1-2", "3-1-3", "4-1-1", "4-3-2",
    ],
    "22-静岡県": ["2-2-3", "2-4-1", "3-1-6"],  # 浜松市(…), 静岡県内7市, 静岡県
    "31-鳥取県": ["3-1-4", "4-1-1", "4-3-1"],  # 北栄町, (…鳥取県…), 鳥取県
    "01-北海道": ["2-2-1"],  # 岩見沢市
    "26-京都府": ["2-7-1"],  # 宇都宮市・京都市
}  # fmt: skip
# The 28 prefectures some case names, and the 19 no case names (団体コード order).
WITH_CASES = [
    "01-北海道",
    "03-岩手県",
    "04-宮城県",
    "06-山形県",
    "07-福島県",
    "08-茨城県",
    "09-栃木県",
    "11-埼玉県",
    "12-千葉県",
    "13-東京都",
    "14-神奈川県",
    "17-石川県",
    "20-長野県",
    "21-岐阜県",
    "22-静岡県",
    "23-愛知県",
    "24-三重県",
    "25-滋賀県",
    "26-京都府",
    "27-大阪府",
    "28-兵庫県",
    "31-鳥取県",
    "33-岡山県",
    "35-山口県",
    "39-高知県",
    "43-熊本県",
    "44-大分県",
    "47-沖縄県",
]
WITHOUT_CASES = [
    "青森県",
    "秋田県",
    "群馬県",
    "新潟県",
    "富山県",
    "福井県",
    "山梨県",
    "奈良県",
    "和歌山県",
    "島根県",
    "広島県",
    "徳島県",
    "香川県",
    "愛媛県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "宮崎県",
    "鹿児島県",
]


def _case_ids(path: Path) -> list[str]:
    """The ID column of the workbook's 事例一覧 table, read with openpyxl."""
    sheet = openpyxl.load_workbook(path, read_only=True)["事例一覧"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("ID")
    return sorted(
        (str(row[column]) for row in rows[1:]), key=lambda i: tuple(map(int, i.split("-")))
    )


def _texts(path: Path) -> set[str]:
    """Every text in the first 40 rows of every sheet."""
    book = openpyxl.load_workbook(path, read_only=True)
    rows = (row for sheet in book for row in sheet.iter_rows(max_row=40, values_only=True))
    return {cell for row in rows for cell in row if isinstance(cell, str)}


@pytest.fixture(scope="module")
def bulk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("bulk") / "output"
    done = run_cli(
        "build", "--each", "prefecture", "--format", "xlsx", "--source", str(REAL_SOURCE),
        "--output-dir", str(out), "--jobs", "2",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out, done


def test_one_edition_per_prefecture_with_cases_and_the_national_one(
    bulk: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, done = bulk
    editions = [p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert sorted(editions) == sorted([*WITH_CASES, "全国"])
    skipped = [line for line in done.stdout.splitlines() if line.startswith("no edition for")]
    assert skipped == [
        f"no edition for {name}: none of its local governments has a case" for name in WITHOUT_CASES
    ]
    for edition in [*WITH_CASES, "全国"]:
        assert [p.name for p in (out / edition).iterdir()] == [f"{edition}.xlsx"]


@pytest.mark.parametrize("edition", sorted(HAND_WORKED))
def test_prefecture_editions_hold_the_hand_worked_cases(
    bulk: tuple[Path, subprocess.CompletedProcess[str]], edition: str
) -> None:
    out, _ = bulk
    assert _case_ids(out / edition / f"{edition}.xlsx") == HAND_WORKED[edition]


def test_national_edition_holds_every_case_and_prefecture_editions_the_national_picture(
    bulk: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = bulk
    assert len(_case_ids(out / "全国" / "全国.xlsx")) == 61
    assert "全国の事例数" in _texts(out / "13-東京都" / "13-東京都.xlsx")
    assert "全国の事例数" not in _texts(out / "全国" / "全国.xlsx")


def test_one_manifest_names_every_edition_output(
    bulk: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = bulk
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["outputs"]) == sorted(f"{e}/{e}.xlsx" for e in [*WITH_CASES, "全国"])
    entry = manifest["outputs"]["13-東京都/13-東京都.xlsx"]
    assert entry["meeting"] == "13-東京都" and entry["format"] == "xlsx"
    assert not list(out.glob("*/manifest.json"))


def test_a_second_bulk_build_changes_nothing(
    bulk: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, _ = bulk
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.xlsx")}
    done = run_cli(
        "build", "--each", "prefecture", "--format", "xlsx", "--source", str(REAL_SOURCE),
        "--output-dir", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("unchanged") == len(WITH_CASES) + 1
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.xlsx")} == before


# -- shards ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def resolved() -> Document:
    from reportkit.source import load

    return load(REAL_SOURCE)


def _names(document: Document, each: str, shard: tuple[int, int]) -> tuple[list[str], list[str]]:
    made, skipped = editions(each, Meeting(), document, BlockScheme.load(None), shard)
    return [e.name for e in made], [line.split()[3].rstrip(":") for line in skipped]


def test_shards_split_the_candidates_round_robin(resolved: Document) -> None:
    # candidates: 全国 (0), then the 47 prefectures by code (01 → 1 … 47 → 47); 1/3 takes 0, 3, 6 …
    made, skipped = _names(resolved, "prefecture", (1, 3))
    assert made == ["全国", "03-岩手県", "06-山形県", "09-栃木県", "12-千葉県", "21-岐阜県",
                    "24-三重県", "27-大阪府", "33-岡山県", "39-高知県"]  # fmt: skip
    assert skipped == ["新潟県", "福井県", "和歌山県", "徳島県", "長崎県", "宮崎県"]


def test_shards_are_disjoint_and_cover_every_edition(resolved: Document) -> None:
    whole, _ = _names(resolved, "prefecture", (1, 1))
    assert whole == ["全国", *WITH_CASES]
    for shards in (2, 4, 7, 48, 60):
        parts = [_names(resolved, "prefecture", (k, shards))[0] for k in range(1, shards + 1)]
        assert sorted(name for part in parts for name in part) == sorted(whole)
        assert sum(len(part) for part in parts) == len(whole)


def test_block_editions_follow_the_scheme_with_sub_blocks(resolved: Document) -> None:
    made, skipped = _names(resolved, "block", (1, 1))
    assert made == [
        "全国",
        "北海道",
        "東北",
        "関東信越",
        "東海北陸",
        "近畿",
        "中国四国",
        "四国",
        "九州",
    ]
    assert skipped == []


def test_edition_keeps_the_base_meeting_and_narrows_its_place(resolved: Document) -> None:
    base = Meeting(id="m", name="主管課長会議", number="資料3", select=Selection(sections=[1]))
    made, _ = editions("prefecture", base, resolved, BlockScheme.load(None))
    tokyo = next(e for e in made if e.name == "13-東京都").meeting
    assert (tokyo.name, tokyo.number) == ("主管課長会議 東京都版", "資料3")
    assert tokyo.select == Selection(prefectures=["東京都"], sections=[1])
    assert made[0].meeting == base.model_copy(update={"name": "主管課長会議 全国版"})
    unnamed, _ = editions("block", Meeting(), resolved, BlockScheme.load(None))
    assert [e.meeting.name for e in unnamed][:3] == ["全国版", "北海道版", "東北版"]


@pytest.mark.parametrize("text", ["0/3", "4/3", "a/b", "3", "1/0", "-1/2", ""])
def test_bad_shards_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_shard(text)
    assert parse_shard("2/4") == (2, 4)


def test_cli_refuses_misused_options(tmp_path: Path) -> None:
    base = ["build", "--source", str(REAL_SOURCE), "--output-dir", str(tmp_path)]
    done = run_cli(*base, "--each", "prefecture", "--shard", "5/4")
    assert done.returncode == 2 and "K must be between 1 and N" in done.stderr
    done = run_cli(*base, "--shard", "1/2")
    assert done.returncode == 2 and "--shard K/N splits the editions of --each" in done.stderr
    done = run_cli("build", "--each", "prefecture", "--meeting", "kanto-shinetsu", "-q",
                   "--output-dir", str(tmp_path))  # fmt: skip
    assert done.returncode == 1 and "already narrows by place" in done.stderr
    assert "Traceback" not in done.stderr and not list(tmp_path.iterdir())


def test_a_shard_without_editions_succeeds_and_says_so(tmp_path: Path) -> None:
    # 48 candidates in 60 shards: shard 41/60 holds candidate 40 only, 40 福岡県 (no case)
    done = run_cli("build", "--each", "prefecture", "--shard", "41/60", "--source",
                   str(REAL_SOURCE), "--output-dir", str(tmp_path / "out"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "no edition for 福岡県: none of its local governments has a case",
        "nothing to build in shard 41/60",
    ]


# -- progress ------------------------------------------------------------------------------------
def test_progress_is_one_line_per_output_off_a_terminal_and_silent_with_q(tmp_path: Path) -> None:
    base = ["build", "--each", "block", "--shard", "2/3", "--format", "docx", "--source",
            str(REAL_SOURCE)]  # fmt: skip
    done = run_cli(*base, "--output-dir", str(tmp_path / "a"))
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("[")]  # not lint
    assert len(lines) == 3  # 北海道, 東海北陸, 四国: one docx each
    for number, line in enumerate(lines, 1):
        assert line.startswith(f"[{number}/3 ") and "docx" in line and "rendered in" in line
    quiet = run_cli(*base, "--output-dir", str(tmp_path / "b"), "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    main, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reportkit", "build", "--each", "block", "--shard", "2/3",
             "--format", "docx", "--source", str(REAL_SOURCE), "--output-dir", str(tmp_path)],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal, text=True, timeout=300,
            env=os.environ | {"COLUMNS": "120"}, check=False,
        )  # fmt: skip
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(main)
    assert done.returncode == 0
    text = shown.decode("utf-8", "replace")
    assert "editions 0/3" in text and "editions 3/3" in text
    assert "rendered in" not in text  # the bar, not the log lines
    assert done.stdout.count("written") == 3


def test_workflow_matrix_builds_every_shard_once() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/reports.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["editions"]
    shards = int(job["env"]["SHARDS"])
    assert job["strategy"]["matrix"]["shard"] == list(range(1, shards + 1))
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any(
        "reportkit build --each prefecture" in run
        and "--shard ${{ matrix.shard }}/${{ env.SHARDS }}" in run
        for run in runs
    )
    artifacts = [s["with"]["name"] for s in job["steps"] if "upload-artifact" in s.get("uses", "")]
    assert artifacts == ["editions-${{ matrix.shard }}-of-${{ env.SHARDS }}"]
