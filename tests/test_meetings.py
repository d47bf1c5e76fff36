"""Meetings: reportkit.toml validation and the selections they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.meetings.selection import select, select_for
from reportkit.meetings.settings import load_settings
from reportkit.model import Document
from reportkit.places.blocks import default_scheme
from reportkit.source import load
from reportkit.view import Selection

from .conftest import REAL_SOURCE, ROOT

# Worked out by hand from source/torikumi-jirei.md and the 地方厚生局 blocks: every case
# with an actor in 茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 山梨 長野.
KANTO_SHINETSU = [
    "1-1-2", "1-1-3", "1-2-2", "1-2-3", "1-2-5", "1-3-2", "1-4-2", "1-5-2", "1-6-1", "1-6-2",
    "1-6-4", "2-1-2", "2-2-3", "2-4-2", "2-6-4", "2-7-1", "2-8-1", "3-1-2", "3-1-5", "4-1-1",
    "4-1-2", "4-2-1", "4-3-3",
]  # fmt: skip
# 大阪府 itself or a municipality of Osaka: 豊中市, 柏原市 (twice), 大阪府 (4 cases).
OSAKA = ["1-5-4", "2-1-3", "2-1-6", "3-1-2", "3-1-3", "4-1-1", "4-3-2"]
# 四国 (a sub-block of 中国四国): only 高知市.
SHIKOKU = ["3-1-1"]


@pytest.fixture(scope="module")
def resolved() -> Document:
    return load(REAL_SOURCE)


def _ids(document: Document) -> list[str]:
    return [case.id for case in document.cases()]


def test_block_selection(resolved: Document) -> None:
    assert _ids(select(resolved, Selection(blocks=["関東信越"]))) == KANTO_SHINETSU


def test_prefecture_selection(resolved: Document) -> None:
    assert _ids(select(resolved, Selection(prefectures=["大阪府"]))) == OSAKA


def test_sub_block_selection(resolved: Document) -> None:
    assert _ids(select(resolved, Selection(blocks=["四国"]))) == SHIKOKU


def test_section_and_topic_selection(resolved: Document) -> None:
    chosen = select(resolved, Selection(sections=[3]))
    assert _ids(chosen) == [f"3-1-{n}" for n in range(1, 9)]
    chosen = select(resolved, Selection(topics=["プラン作成"], blocks=["関東信越"]))
    assert _ids(chosen) == ["1-6-1", "1-6-2", "1-6-4"]
    # ids and numbers stay those of the whole collection
    assert chosen.sections[0].topics[0].number == 6


def test_everything_is_the_default(resolved: Document) -> None:
    assert select(resolved, Selection()) is resolved


def test_shipped_profiles_are_valid(resolved: Document) -> None:
    config = load_settings(ROOT / "reportkit.toml")
    ids = [p.id for p in config.settings.meeting]
    assert len(ids) == 2
    block = next(p for p in config.settings.meeting if p.select.blocks)
    assert _ids(select_for(block, resolved, default_scheme(), config)) == KANTO_SHINETSU
    whole = next(p for p in config.settings.meeting if p.select.everything)
    assert len(_ids(select_for(whole, resolved, default_scheme(), config))) == 61


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reportkit.toml"
    path.write_text(text, encoding="utf-8")
    return path


PROFILE = '[[meeting]]\nid = "m"\nname = "会議"\n'


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (PROFILE + 'colour = "red"\n', 4, "unknown key 'colour'"),
        ('organisation = "x"\nsorce = "a.md"\n', 2, "unknown key 'sorce'"),
        (PROFILE + '[meeting.select]\nbloks = ["東北"]\n', 5, "unknown key 'bloks'"),
        (PROFILE + 'formats = ["pdf", "odt"]\n', 4, "unknown format odt"),
        (PROFILE + "date = 2026-13-01\n", 4, "not valid TOML"),
        (PROFILE + 'date = "tomorrow"\n', 4, "date"),
        ('[[meeting]]\nname = "会議"\n', 1, "id"),
        (PROFILE + PROFILE, 4, "used twice"),
        ('[[meeting]]\nid = "a b"\nname = "x"\n', 2, "id"),
    ],
    ids=[
        "meeting key",
        "top key",
        "select key",
        "format",
        "toml",
        "date",
        "no id",
        "duplicate",
        "bad id",
    ],
)
def test_invalid_config_names_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = _config(tmp_path, text)
    with pytest.raises(SourceError) as caught:
        load_settings(path)
    problems = caught.value.problems
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]
    assert all(p.path == str(path) for p in problems)


@pytest.mark.parametrize(
    ("select_text", "line", "words"),
    [
        ('blocks = ["関東"]', 5, "unknown block 関東"),
        ('prefectures = ["東京"]', 5, "unknown prefecture 東京"),
        ("sections = [9]", 5, "unknown section 9"),
        ('topics = ["存在しない"]', 5, "unknown topic 存在しない"),
        ('prefectures = ["青森県"]', 4, "selects no case"),
    ],
    ids=["block", "prefecture", "section", "topic", "empty"],
)
def test_selection_errors(
    tmp_path: Path, resolved: Document, select_text: str, line: int, words: str
) -> None:
    config = load_settings(_config(tmp_path, PROFILE + "[meeting.select]\n" + select_text + "\n"))
    profile = config.settings.meeting[0]
    with pytest.raises(SourceError) as caught:
        select_for(profile, resolved, default_scheme(), config)
    problems = caught.value.problems
    assert any(p.line == line and words in p.message for p in problems), [str(p) for p in problems]
