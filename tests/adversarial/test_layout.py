"""A source that validates builds, or validate refuses it at the line with the limit.

Each source is generated (see sources.py); the PDF is read back with pdftotext.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from reportkit import formats
from reportkit.model import MAX_CASES, MAX_HEADING, MAX_NOTE, MAX_TITLE

from ..conftest import run_cli
from .sources import SENTENCE, long_case, many_cases_of_one_actor, one_case, repeated, source


def _pages(pdf: Path) -> list[str]:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    # without white space and the page number at the foot ("- 3 -")
    return [re.sub(r"-\d+-$", "", re.sub(r"\s+", "", page)) for page in done.stdout.split("\f")]


def _build(tmp_path: Path, text: str, *formats: str) -> Path:
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    for fmt in formats or ("all",):
        done = run_cli("build", "--source", str(path), "--output-dir", str(tmp_path / "out"),
                       "--format", fmt, cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
    return tmp_path / "out"


def _refused(tmp_path: Path, text: str, line: int, *words: str) -> str:
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "build"):
        done = run_cli(command, *([str(path)] if command == "validate" else ["--source", str(path)]),
                       cwd=tmp_path)  # fmt: skip
        assert done.returncode == 1, done.stderr
        assert f"s.md:{line}:" in done.stderr, done.stderr
        assert all(word in done.stderr for word in words), done.stderr
        assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    return done.stderr


@pytest.mark.tools("pdftotext")
def test_a_case_longer_than_a_page_continues_on_the_next(tmp_path: Path) -> None:
    text = long_case(3500)
    pages = _pages(_build(tmp_path, text, "pdf") / "s.pdf")
    start = next(i for i, page in enumerate(pages) if "1-1-1" in page)
    end = next(i for i, page in enumerate(pages) if "【鳥羽市】" in page and i >= start)
    assert end > start  # the attribution is on a later page than the case's start
    case = text.split("- ", 1)[1].split("【", 1)[0]
    assert case in "".join(pages[start : end + 1]).replace("1-1-1", "")


def _index_columns(pdf: Path) -> list[tuple[int, list[str]]]:
    """(page, lines) of each index column, read alone from its strip on, by pdftotext.

    Each half of an index page is cropped (above the page number, 11 mm from the foot,
    while the text ends 22 mm from it) so the two columns are not read as one line.
    """
    pages = pypdf.PdfReader(pdf).pages
    half, above_footer = int(pages[0].mediabox.width / 2), int(pages[0].mediabox.height) - 50
    columns: list[tuple[int, list[str]]] = []
    for page in range(1, len(pages) + 1):
        for left in (0, half):
            done = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", "-layout", "-f", str(page), "-l", str(page),
                 "-x", str(left), "-y", "0", "-W", str(half), "-H", str(above_footer),
                 str(pdf), "-"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            lines = [
                line
                for line in (re.sub(r"\s+", "", row) for row in done.stdout.split("\n"))
                if line
            ]
            strip = next((i for i, line in enumerate(lines) if line.startswith("三重県")), None)
            if strip is not None:
                columns.append((page, lines[strip:]))
    return columns


@pytest.mark.tools("pdftotext")
def test_an_index_entry_of_400_cases_wraps_over_columns_and_pages(tmp_path: Path) -> None:
    """Read column by column, the entry holds each of the 400 references once, in order,
    with the page its case is on; every column it runs on to is headed 「三重県（続き）」
    and holds two lines or more."""
    pdf = _build(tmp_path, many_cases_of_one_actor(400), "pdf") / "s.pdf"
    pages = _pages(pdf)
    columns = _index_columns(pdf)
    assert len(columns) >= 3 and len({page for page, _ in columns}) >= 2, columns
    strips = [lines[0] for _, lines in columns]
    assert strips == ["三重県"] + ["三重県（続き）"] * (len(columns) - 1)
    assert all(len(lines) >= 3 for _, lines in columns), [len(lines) for _, lines in columns]
    entry = "".join(line for _, lines in columns for line in lines[1:])
    assert entry.startswith("鳥羽市1-1-1(p.1)、")
    references = [(int(n), int(p)) for n, p in re.findall(r"1-1-(\d+)\(p\.(\d+)\)", entry)]
    assert [number for number, _ in references] == list(range(1, 401))
    assert all(f"1-1-{n}○事例{n}として" in pages[p - 1] for n, p in references)


def test_every_limit_at_once_builds_all_formats(tmp_path: Path) -> None:
    """Title, subtitle, note and headings at their limits, with the meeting's at theirs."""
    text = source(
        repeated("その背景と工夫", MAX_TITLE),
        "※" + repeated("厚生労働省において集約したもの。", MAX_NOTE - 1),
        "1. " + repeated("新規相談・プラン作成の工夫", MAX_HEADING),
        "(" + repeated("相談機関としての役割", MAX_HEADING) + ")",
        f"- {SENTENCE}【鳥羽市】",
        title=repeated("自治体における様々な取組事例", MAX_TITLE),
    )
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    done = run_cli(
        "build", "--source", str(path), "--output-dir", str(tmp_path / "out"),
        "--number", repeated("参考資料", 20), "--meeting-name", repeated("主管課長会議", 50),
        "--organisation", repeated("生活困窮者自立支援室", 60), cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("s.*")) == sorted(
        f"s{writer.suffix}" for writer in formats.WRITERS.values()
    )


@pytest.mark.parametrize(
    ("what", "make", "line"),
    [
        ("title", lambda n: source("1. 項目", "- 事例。【鳥羽市】", title="題" * n), 1),
        ("section", lambda n: source("1. " + "項" * n, "- 事例。【鳥羽市】"), 3),
        ("topic", lambda n: source("1. 項目", "(" + "分" * n + ")", "- 事例。【鳥羽市】"), 5),
    ],
)
def test_a_title_over_its_limit_is_refused_at_its_line(
    tmp_path: Path, what: str, make: object, line: int
) -> None:
    limit = MAX_TITLE if what == "title" else MAX_HEADING
    assert callable(make)
    _refused(tmp_path, make(limit + 1), line, f"{limit + 1:,} characters long (at most {limit})")
    _build(tmp_path, make(limit), "docx")  # at the limit it builds


def test_ten_thousand_character_title_is_one_error(tmp_path: Path) -> None:
    """The line is over the line limit too: the message is the first cause, once."""
    stderr = _refused(
        tmp_path, source("1. " + "項" * 9_990, "- 事例。【鳥羽市】"), 3, "at most 200"
    )
    assert stderr.count("error:") == 1


def test_a_256_character_title_is_refused_not_truncated_by_word(tmp_path: Path) -> None:
    _refused(tmp_path, one_case("事例。").replace("自治体", "題" * 253, 1), 1, "at most 60")


def test_more_cases_than_the_limit_are_refused_at_the_first_too_many(tmp_path: Path) -> None:
    cases = "\n".join("- 事例。【鳥羽市】" for _ in range(MAX_CASES + 1))
    path = tmp_path / "s.md"
    path.write_text(source("1. 項目", cases), encoding="utf-8")
    done = run_cli("validate", str(path), cwd=tmp_path)
    assert done.returncode == 1
    first_line_of_cases = 5
    assert (
        f"s.md:{first_line_of_cases + MAX_CASES}:1: error: more than 100,000 cases" in done.stderr
    )
    assert done.stderr.count("error:") == 1
