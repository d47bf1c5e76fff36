"""Lint warnings: misspellings from the word list, actors named twice in one case."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.places.resolve import resolve
from reportkit.readers.lint import lint, load_words, misspellings
from reportkit.readers.markdown import read_markdown

from .conftest import REAL_SOURCE, run_cli


def test_real_source_warns_once_about_harowaku(real_document: Document) -> None:
    lines = REAL_SOURCE.read_text(encoding="utf-8").splitlines()
    where = [
        (n, line.index("ハロワーク") + 1) for n, line in enumerate(lines, 1) if "ハロワーク" in line
    ]
    assert len(where) == 1
    assert sum(line.count("ハローワーク") for line in lines) >= 2  # correct forms stay silent
    resolved = resolve(real_document, str(REAL_SOURCE))
    found = [p for p in lint(resolved, str(REAL_SOURCE)) if "misspelling" in p.message]
    ((line, column),) = where
    assert [str(p) for p in found] == [
        f"{REAL_SOURCE}:{line}:{column}: warning: ハロワーク looks like a misspelling of "
        "ハローワーク\n  hint: write ハローワーク (word list: schema/lint-words.toml)"
    ]
    assert all(p.severity == "warning" for p in found)


def test_right_form_containing_the_wrong_one_is_not_reported() -> None:
    words = {"ハロー": "ハローワーク"}
    assert misspellings("ハローワークに行く", words) == []
    assert misspellings("ハローと言う。ハローワーク", words) == [(0, "ハロー", "ハローワーク")]
    assert misspellings("ハローワーク", load_words()) == []
    assert misspellings("ハロワークとハロワーク", load_words()) == [
        (0, "ハロワーク", "ハローワーク"),
        (6, "ハロワーク", "ハローワーク"),
    ]


def write_source(tmp_path: Path, *cases: str) -> tuple[Path, Document]:
    path = tmp_path / "s.md"
    path.write_text("表題\n1. 節\n(話題)\n" + "".join(f"- {c}\n" for c in cases), encoding="utf-8")
    return path, read_markdown(path.read_text(encoding="utf-8"), str(path))


def test_misspellings_everywhere_with_columns(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(
        "シュミレーション集\n1. ハロワーク連携\n(話題)\n- **ハロワーク**とハロワーク。【鳥羽市】\n",
        encoding="utf-8",
    )
    doc = read_markdown(path.read_text(encoding="utf-8"), str(path))
    found = [(p.line, p.column, p.message.split()[0]) for p in lint(doc, str(path))]
    assert found == [
        (1, 1, "シュミレーション"),
        (2, 4, "ハロワーク"),
        (4, 5, "ハロワーク"),
        (4, 13, "ハロワーク"),
    ]


def test_actor_named_twice(tmp_path: Path) -> None:
    path, doc = write_source(
        tmp_path, "本文。【仙台市、仙台市】", "本文。【駒ヶ根市・駒ケ根市】", "本文。【仙台市】"
    )
    expected = [
        f"{path}:4:11: warning: 仙台市 is named twice in case 1-1-1\n"
        "  hint: name each actor once in an attribution",
        f"{path}:5:12: warning: 駒ケ根市 is named twice in case 1-1-2 (first as 駒ヶ根市)\n"
        "  hint: name each actor once in an attribution",
    ]
    assert [str(p) for p in lint(resolve(doc, str(path)), str(path))] == expected
    assert [str(p) for p in lint(doc, str(path))] == expected  # unresolved works too


def test_custom_and_broken_word_lists(tmp_path: Path) -> None:
    words = tmp_path / "words.toml"
    words.write_text('[misspellings]\n"鳥羽" = "とば"\n', encoding="utf-8")
    path, doc = write_source(tmp_path, "鳥羽の本文。【鳥羽市】")
    found = lint(doc, str(path), load_words(words))
    assert [p.message for p in found] == ["鳥羽 looks like a misspelling of とば"]
    words.write_text('[misspellings]\n"a" = "a"\n"b" = 3\n', encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_words(words)
    assert [str(p) for p in raised.value.problems] == [
        f"{words}:3:1: error: misspellings.b: must be text in quotes\n"
        '  hint: write lines "wrong" = "right" under [misspellings]'
    ]
    words.write_text('[misspellings]\n"a" = "a"\n', encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_words(words)
    assert [str(p) for p in raised.value.problems] == [
        f"{words}:2:1: error: a: the wrong and right forms are equal"
    ]


def test_validate_prints_the_warning_and_strict_fails() -> None:
    run = run_cli

    done = run("validate")
    assert done.returncode == 0, done.stderr
    assert "warning: ハロワーク looks like a misspelling of ハローワーク" in done.stderr
    assert ", 7 warnings" in done.stdout
    assert run("validate", "--strict").returncode == 1


def test_whole_case_and_whole_section_emphasis(tmp_path: Path) -> None:
    path = tmp_path / "s.md"
    path.write_text(
        "表題\n1. 節\n(話題)\n- **全部。**【鳥羽市】\n- 一部の**強調**。【鳥羽市】\n"
        "2. 全部強調の節\n- **一。【鳥羽市】**\n- **二。**【仙台市】\n",
        encoding="utf-8",
    )
    doc = read_markdown(path.read_text(encoding="utf-8"), str(path))
    assert [str(p) for p in lint(doc, str(path))] == [
        f"{path}:4:3: warning: the whole text of case 1-1-1 is emphasised\n"
        "  hint: emphasise the phrase that matters (**…**), not the whole text",
        f"{path}:6:1: warning: the whole of section 2 is emphasised (all 2 cases)\n"
        "  hint: emphasise the phrase that matters (**…**), not the whole text",
    ]


def test_real_source_warns_about_its_wholly_emphasised_section_3(real_document: Document) -> None:
    lines = REAL_SOURCE.read_text(encoding="utf-8").splitlines()
    section_line = lines.index("3. 支援における関係機関連携") + 1
    found = lint(real_document, str(REAL_SOURCE))
    whole = [p for p in found if p.message.startswith("the whole of section")]
    assert [(p.line, p.message) for p in whole] == [
        (section_line, "the whole of section 3 is emphasised (all 8 cases)")
    ]


def test_build_prints_the_warnings_validate_prints(tmp_path: Path) -> None:
    validated = run_cli("validate")
    built = run_cli("build", "--format", "xlsx", "--output-dir", str(tmp_path))
    assert built.returncode == 0, built.stderr
    warnings = [line for line in validated.stderr.splitlines() if line]
    assert len(warnings) == 14  # 7 warnings, each with its hint
    progress = [line for line in built.stderr.splitlines() if line.startswith("[")]
    assert len(progress) == 1 and "xlsx" in progress[0]  # one output rendered
    assert [line for line in built.stderr.splitlines() if line and line not in progress] == warnings
    quiet = run_cli("build", "--format", "xlsx", "--output-dir", str(tmp_path), "-q", "--force")
    assert quiet.stderr == ""
