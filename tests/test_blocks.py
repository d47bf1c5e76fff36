"""Block schemes: the default 地方厚生局 scheme, custom files, and broken files."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.places import gazetteer
from reportkit.places.blocks import BlockScheme, default_scheme
from reportkit.schema_files import schema_file

from .conftest import ROOT

# The jurisdictions of the Regional Bureaus of Health and Welfare (地方厚生局), typed by hand.
EXPECTED = {
    "北海道": "北海道",
    "東北": "青森 岩手 宮城 秋田 山形 福島",
    "関東信越": "茨城 栃木 群馬 埼玉 千葉 東京 神奈川 新潟 山梨 長野",
    "東海北陸": "富山 石川 岐阜 静岡 愛知 三重",
    "近畿": "福井 滋賀 京都 大阪 兵庫 奈良 和歌山",
    "中国四国": "鳥取 島根 岡山 広島 山口 徳島 香川 愛媛 高知",
    "九州": "福岡 佐賀 長崎 熊本 大分 宮崎 鹿児島 沖縄",
}
SHIKOKU = {"徳島県", "香川県", "愛媛県", "高知県"}


def full_name(short: str) -> str:
    if short == "北海道":
        return short
    return short + {"東京": "都", "大阪": "府", "京都": "府"}.get(short, "県")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "blocks.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as raised:
        BlockScheme.load(path)
    return [str(p) for p in raised.value.problems]


def test_default_file_lists_each_prefecture_exactly_once() -> None:
    data = tomllib.loads((ROOT / "schema" / "blocks.toml").read_text(encoding="utf-8"))
    listed = Counter(
        name
        for block in data["blocks"]
        for table in [block, *block.get("sub_blocks", [])]
        for name in table["prefectures"]
    )
    prefectures = [e.name for e in gazetteer.load().prefectures()]
    assert len(prefectures) == 47
    assert listed == Counter(prefectures)


def test_every_prefecture_has_its_bureau_block() -> None:
    scheme = default_scheme()
    assert scheme.names == list(EXPECTED)
    expected = {full_name(p): b for b, names in EXPECTED.items() for p in names.split()}
    assert len(expected) == 47
    for prefecture, block in expected.items():
        sub = "四国" if prefecture in SHIKOKU else None
        assert scheme.block_of(prefecture) == (block, sub), prefecture
    assert scheme.block_of("福井県") == ("近畿", None)
    assert scheme.block_of("沖縄県") == ("九州", None)
    assert scheme.prefectures("四国") == ["徳島県", "香川県", "愛媛県", "高知県"]
    assert scheme.prefectures("中国四国")[:5] == ["鳥取県", "島根県", "岡山県", "広島県", "山口県"]
    with pytest.raises(KeyError):
        scheme.block_of("東京")


def test_default_path_and_cache() -> None:
    assert schema_file("blocks.toml") == ROOT / "schema" / "blocks.toml"
    assert BlockScheme.load() is default_scheme()


def test_custom_scheme(tmp_path: Path) -> None:
    names = [e.name for e in gazetteer.load().prefectures()]
    east, west = names[:23], names[23:]
    path = write(
        tmp_path,
        f'name = "東西"\n[[blocks]]\nname = "東日本"\nprefectures = {east!r}\n'
        f'[[blocks]]\nname = "西日本"\nprefectures = {west[:-1]!r}\n'
        f'[[blocks.sub_blocks]]\nname = "沖縄"\nprefectures = ["沖縄県"]\n'.replace("'", '"'),
    )
    scheme = BlockScheme.load(path)
    assert scheme.name == "東西" and scheme.names == ["東日本", "西日本"]
    assert scheme.block_of("愛知県") == ("東日本", None)  # 23000, the 23rd prefecture
    assert scheme.block_of("三重県") == ("西日本", None)
    assert scheme.block_of("沖縄県") == ("西日本", "沖縄")
    assert scheme.source == str(path)


def test_toml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "x"\n[[blocks]\nname = "a"\n')
    assert problems(path) == [
        f"{path}:2:9: error: not valid TOML: Expected ']]' at the end of an array declaration"
    ]


def test_unknown_duplicate_and_missing_prefectures(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "[[blocks]]\n"
        'name = "東"\n'
        'prefectures = ["北海道", "東京", "青森県"]\n'
        "[[blocks]]\n"
        'name = "西"\n'
        'prefectures = ["青森県"]\n',
    )
    found = problems(path)
    assert found[0].startswith(f"{path}: error: no block for 岩手県, 宮城県, ")
    assert found[0].endswith(
        "沖縄県\n  hint: every one of the 47 prefectures must be in exactly one block"
    )
    assert "東京都" in found[0]
    assert found[1:] == [
        f"{path}:3:23: error: 東京 in block 東 is not a prefecture\n  hint: did you mean 東京都?",
        f"{path}:6:16: error: 青森県 is in more than one block (again in block 西)\n"
        "  hint: list each prefecture once",
    ]


def test_structure_errors(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "colour = 1\n"
        "[[blocks]]\n"
        'name = "A"\n'
        "prefectures = 3\n"
        "[[blocks]]\n"
        'name = "A"\n'
        "[[blocks.sub_blocks]]\n"
        'prefectures = ["沖縄県"]\n',
    )
    found = problems(path)
    hint = "  hint: see schema/blocks.toml for the form of a scheme"
    assert found == [
        f"{path}:1:1: error: unknown key 'colour'\n  hint: allowed keys: blocks, name",
        f'{path}:4:1: error: blocks.prefectures: must be a list: ["…", "…"]\n{hint}',
        f"{path}:7:1: error: blocks.sub_blocks.name: is missing\n{hint}",
    ]
    # once the structure is right, names are checked
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("colour = 1\n", "")
        .replace("prefectures = 3", 'prefectures = ["北海道"]')
        .replace("[[blocks.sub_blocks]]\n", '[[blocks.sub_blocks]]\nname = "A"\n'),
        encoding="utf-8",
    )
    assert (
        f"{path}:5:1: error: the name A is used twice\n"
        "  hint: give every block and sub-block its own name"
    ) in problems(path)


def test_no_blocks_and_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'name = "empty"\n')
    assert problems(path) == [
        f"{path}: error: blocks: is missing\n"
        "  hint: see schema/blocks.toml for the form of a scheme"
    ]
    missing = tmp_path / "nope.toml"
    assert problems(missing) == [
        f"{missing}: error: cannot read the file: No such file or directory"
    ]
