"""One clear first message: the cause before its consequences, once, and visibly."""

from __future__ import annotations

from pathlib import Path

import pytest

from .sources import source
from .test_inputs import failed, quick


def _validate(tmp_path: Path, text: str, *args: str) -> str:
    path = tmp_path / "s.md"
    path.write_text(text, encoding="utf-8")
    done = quick("validate", str(path), *args, cwd=tmp_path)
    return failed(done)


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


def test_an_esc_in_the_first_case_is_the_only_error(tmp_path: Path) -> None:
    text = source("1. 新規相談", "(相談機関としての役割)", "- 相談\x1bの入口。【鳥羽市】")
    errors = _errors(_validate(tmp_path, text))
    assert errors == [
        f"{tmp_path / 's.md'}:7:5: error: control character U+001B is not allowed in the text"
    ]


def test_a_control_character_in_a_section_heading_does_not_renumber_the_rest(
    tmp_path: Path,
) -> None:
    text = source("1. 新規\x07相談", "- 事例。【鳥羽市】", "2. 任意事業", "- 事例。【国立市】")
    errors = _errors(_validate(tmp_path, text))
    assert len(errors) == 1 and "U+0007" in errors[0] and ":3:" in errors[0]


WEB_PAGE = "\n".join(
    ["生活困窮者自立支援制度について｜厚生労働省", "ホーム > 福祉・介護 > 生活保護・福祉一般"]
    + [f"本文の段落その{i}。制度の概要を説明します。" for i in range(40)]
)
TABLE = "\n".join(["団体名\t取組\t件数"] + [f"鳥羽市\t相談支援\t{i}" for i in range(40)])
COLUMN = "\n".join(
    ["コラム：支援の現場から", "1. はじめに"]
    + [f"支援員の声その{i}。現場では工夫が続く。" for i in range(40)]
)


@pytest.mark.parametrize("text", [WEB_PAGE, TABLE, COLUMN], ids=["web page", "table", "column"])
def test_a_file_in_another_format_gets_one_message(tmp_path: Path, text: str) -> None:
    stderr = _validate(tmp_path, text)
    assert len(_errors(stderr)) == 1, stderr
    assert "does not look like a 取組事例 source" in stderr
    assert "1. 新規相談・プラン作成" in stderr and "【鳥羽市】" in stderr  # what it must start with


def test_errors_stop_at_max_errors_with_a_count_of_the_rest(tmp_path: Path) -> None:
    cases = "\n".join(f"- 事例{i}。" for i in range(200_000))  # none has an attribution
    stderr = _validate(tmp_path, source("1. 新規相談", cases))
    assert len(_errors(stderr)) == 20
    # 200,000 cases without attribution, and one for more cases than reportkit builds
    assert "… and 199,981 more problems (stopped after 20; --max-errors 0 shows all)" in stderr
    assert len(stderr.splitlines()) < 60
    stderr = _validate(tmp_path, source("1. 新規相談", cases), "--max-errors", "3")
    assert len(_errors(stderr)) == 3 and "199,998 more problems" in stderr


def test_invisible_characters_are_shown_in_messages(tmp_path: Path) -> None:
    stderr = _validate(tmp_path, source("1. 新規相談", "- 事例。【鳥\u200b羽市】"))
    assert "鳥<U+200B>羽市 is not a known local government" in stderr
    stderr = _validate(tmp_path, source("1. 新規相談", "- 事例。【\u202e鳥羽市】"))
    assert "<U+202E>鳥羽市" in stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (source("1. \u200b\u200b", "- 事例。【鳥羽市】"), 3),
        (source("1. 新規", "(\u2066\u2069)", "- 事例。【鳥羽市】"), 5),
        (source("1. 新規", "- 事例。【鳥羽市】", title="\ufeff\u200d"), 1),
    ],
    ids=["section", "topic", "title"],
)
def test_a_heading_of_invisible_characters_only_is_refused(
    tmp_path: Path, text: str, line: int
) -> None:
    errors = _errors(_validate(tmp_path, text))
    assert len(errors) == 1 and f"s.md:{line}:1:" in errors[0], errors
    assert "empty once invisible characters are removed" in errors[0] and "<U+" in errors[0]
