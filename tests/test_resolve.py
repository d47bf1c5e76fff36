"""Resolution of every actor, its error messages, and the ``reportkit actors`` listing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.model import Actor, Attribution, Case, Document, Group, Kind, Run, Section, Topic
from reportkit.places.blocks import BlockScheme
from reportkit.places.resolve import lookup, resolve
from reportkit.readers.markdown import read_markdown

from .conftest import REAL_SOURCE, run_cli
from .test_gazetteer import OFFICIAL_CODES

HEAD = "表題\n1. 節\n(話題)\n"


def document(*cases: str) -> Document:
    """A small source: one topic holding ``cases`` (lines 4, 5, …)."""
    return read_markdown(HEAD + "".join(f"- {c}\n" for c in cases), "test.md")


def errors(doc: Document) -> list[str]:
    with pytest.raises(SourceError) as raised:
        resolve(doc, "test.md")
    return [str(p) for p in raised.value.problems]


def test_every_actor_of_the_real_source(real_document: Document) -> None:
    resolved = resolve(real_document, str(REAL_SOURCE))
    assert resolved.resolved
    seen = set()
    for _case, actor in resolved.actors():
        assert actor.government is not None
        if actor.group is not None:
            assert actor.written == "静岡県内7市"
            assert (actor.government.code, actor.group.count, actor.group.kind) == (
                "22000",
                7,
                "市",
            )
            continue
        assert actor.government.code == OFFICIAL_CODES[actor.written], actor.written
        seen.add(actor.written)
    assert seen == set(OFFICIAL_CODES)  # the table covers every actor, and all are used


def test_resolution_sets_every_field(real_document: Document) -> None:
    resolved = resolve(real_document, str(REAL_SOURCE))
    entity = {a.written: a.government for _, a in resolved.actors() if a.government is not None}
    kochi = entity["高知市"]
    assert (kochi.prefecture, kochi.kind, kochi.block, kochi.sub_block) == (
        "高知県", Kind.CITY, "中国四国", "四国",
    )  # fmt: skip
    assert (entity["横浜市"].kind, entity["横浜市"].block) == (Kind.DESIGNATED_CITY, "関東信越")
    assert (entity["宮城県"].kind, entity["宮城県"].block) == (Kind.PREFECTURE, "東北")
    assert entity["北栄町"].county == "東伯郡" and entity["北栄町"].kind == Kind.TOWN
    assert entity["那覇市"].block == "九州" and entity["鳥羽市"].block == "東海北陸"
    # The original document is left as read.
    assert not real_document.resolved


def test_prefixed_ward_ke_and_width_forms() -> None:
    doc = resolve(
        document(
            "本文。【広島県府中市、横浜市港北区】", "本文。【駒ケ根市・ﾆｾｺ町、東京都　府中市】"
        ),
        "test.md",
    )
    codes = [(a.written, a.government.code) for _, a in doc.actors() if a.government]
    assert codes == [
        ("広島県府中市", "34208"),
        ("横浜市港北区", "14109"),
        ("駒ケ根市", "20210"),
        ("ﾆｾｺ町", "01395"),
        ("東京都\u3000府中市", "13206"),
    ]
    ward = next(a.government for _, a in doc.actors() if a.written == "横浜市港北区")
    assert ward is not None
    assert (ward.name, ward.kind, ward.parent_code) == ("横浜市港北区", Kind.WARD, "14100")
    komagane = next(a.government for _, a in doc.actors() if a.written == "駒ケ根市")
    assert komagane is not None and komagane.name == "駒ヶ根市"  # the official spelling


def test_all_problems_at_once_with_exact_messages() -> None:
    doc = document(
        "本文。【府中市】", "本文。【鳥羽市、伊達市】", "本文。【駒ヶ根】", "本文。【XYZ町】"
    )
    assert errors(doc) == [
        "test.md:4:7: error: 府中市 is ambiguous: 東京都府中市 (13206) or 広島県府中市 (34208)\n"
        "  hint: write 【東京都府中市】 or 【広島県府中市】",
        "test.md:5:11: error: 伊達市 is ambiguous: 北海道伊達市 (01233) or 福島県伊達市 (07213)\n"
        "  hint: write 【北海道伊達市】 or 【福島県伊達市】",
        "test.md:6:7: error: 駒ヶ根 is not a known local government; closest: 駒ヶ根市 (20210)\n"
        "  hint: did you mean 【駒ヶ根市】?",
        "test.md:7:7: error: XYZ町 is not a known local government\n"
        "  hint: write the official name of a prefecture, city, ward, town or village",
    ]


def test_groups_resolve_to_their_prefecture() -> None:
    doc = resolve(document("本文。【静岡県内7市】"), "test.md")
    actor = next(a for _, a in doc.actors())
    assert actor.government is not None and actor.group is not None
    assert (actor.government.code, actor.government.name, actor.government.kind) == (
        "22000",
        "静岡県",
        "都道府県",
    )
    assert actor.group.count == 7 and actor.label == "静岡県内7市"
    assert actor.key == "22000+0007市"


def test_group_with_a_bad_prefecture() -> None:
    case = Case(
        id="1-1-1",
        runs=[Run(text="本文。")],
        line=4,
        attribution=Attribution(
            written="静岡市内3区",
            actors=[
                Actor(
                    written="静岡市内3区",
                    line=4,
                    column=7,
                    group=Group(prefecture="静岡市", count=3, kind="区"),
                )
            ],
        ),
    )
    doc = Document(
        title="表題",
        sections=[
            Section(
                number=1,
                title="節",
                line=2,
                topics=[Topic(number=1, title="話題", line=3, cases=[case])],
            )
        ],
    )
    assert errors(doc) == [
        "test.md:4:7: error: 静岡市内3区: 静岡市 is not a prefecture\n"
        "  hint: write the prefecture of 静岡市: 【静岡県】"
    ]


def test_open_lists_stay_markers() -> None:
    doc = resolve(document("本文。【横浜市等多数】", "本文。【埼玉県、大分県等】"), "test.md")
    cases = list(doc.cases())
    assert cases[0].attribution.open_list == "等多数"
    assert [a.government.code for a in cases[0].attribution.actors if a.government] == ["14100"]
    assert cases[1].attribution.open_list == "等"


def test_custom_blocks(tmp_path: Path) -> None:
    path = tmp_path / "one.toml"
    names = ", ".join(f'"{n}"' for n in _prefecture_names())
    path.write_text(f'[[blocks]]\nname = "全国"\nprefectures = [{names}]\n', encoding="utf-8")
    doc = resolve(document("本文。【高知市】"), "test.md", BlockScheme.load(path))
    entity = next(a.government for _, a in doc.actors())
    assert entity is not None and (entity.block, entity.sub_block) == ("全国", None)
    assert lookup("高知市").block == "中国四国"


def _prefecture_names() -> list[str]:
    from reportkit.places import gazetteer

    return [e.name for e in gazetteer.load().prefectures()]


run = run_cli


def test_actors_command_csv() -> None:
    done = run("actors")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert list(rows[0]) == ["code", "name", "prefecture", "kind", "block", "sub_block", "cases"]
    codes = [row["code"] for row in rows]
    assert codes == sorted(codes)
    assert rows[0]["name"] == "岩見沢市" and rows[-1]["name"] == "名護市"
    by_name = {row["name"]: row for row in rows}
    assert set(OFFICIAL_CODES) | {"静岡県内7市"} == set(by_name)
    for name, code in OFFICIAL_CODES.items():
        assert by_name[name]["code"] == code
    assert by_name["仙台市"]["cases"] == "1-2-4 1-5-2 2-2-2"
    assert by_name["仙台市"]["kind"] == "政令指定都市" and by_name["仙台市"]["block"] == "東北"
    assert by_name["高知市"]["sub_block"] == "四国"
    group = by_name["静岡県内7市"]
    assert (group["code"], group["prefecture"], group["kind"]) == ("22000", "静岡県", "市")
    assert codes.index("22000") < codes.index("22130")


def test_actors_command_json_and_blocks(tmp_path: Path) -> None:
    done = run("actors", str(REAL_SOURCE), "--json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    group = next(row for row in rows if row["name"] == "静岡県内7市")
    assert group["count"] == 7 and group["cases"] == ["2-4-1"]
    assert next(row for row in rows if row["name"] == "横浜市")["count"] is None
    scheme = tmp_path / "one.toml"
    names = ", ".join(f'"{n}"' for n in _prefecture_names())
    scheme.write_text(f'[[blocks]]\nname = "全国"\nprefectures = [{names}]\n', encoding="utf-8")
    done = run("actors", "--json", "--blocks", str(scheme))
    assert done.returncode == 0, done.stderr
    assert {row["block"] for row in json.loads(done.stdout)} == {"全国"}


def test_actors_command_errors(tmp_path: Path) -> None:
    source = tmp_path / "s.md"
    source.write_text(HEAD + "- 本文。【府中市】\n", encoding="utf-8")
    done = run("actors", str(source))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{source}:4:7: error: 府中市 is ambiguous" in done.stderr
    scheme = tmp_path / "bad.toml"
    scheme.write_text("[[blocks]\n", encoding="utf-8")
    done = run("actors", "--blocks", str(scheme))
    assert done.returncode == 1 and f"{scheme}:1:" in done.stderr


def test_resolve_leaves_its_input_as_it_was(real_document: Document) -> None:
    before = real_document.model_dump_json()
    resolved = resolve(real_document, str(REAL_SOURCE))
    assert real_document.model_dump_json() == before
    assert all(actor.government is None for _, actor in real_document.actors())
    # every node on the path to an actor is a new object, so changing the result later
    # cannot reach the input either
    old = list(real_document.actors())
    new = list(resolved.actors())
    assert len(old) == len(new) > 0
    for (old_case, old_actor), (new_case, new_actor) in zip(old, new, strict=True):
        assert new_actor is not old_actor and new_case is not old_case
        assert new_case.attribution is not old_case.attribution
        assert new_case.attribution.actors is not old_case.attribution.actors
        assert new_case.model_dump(exclude={"attribution"}) == old_case.model_dump(
            exclude={"attribution"}
        )
    assert resolved.sections is not real_document.sections
    for old_section, new_section in zip(real_document.sections, resolved.sections, strict=True):
        assert new_section is not old_section and new_section.topics is not old_section.topics
        for old_topic, new_topic in zip(old_section.topics, new_section.topics, strict=True):
            assert new_topic is not old_topic and new_topic.cases is not old_topic.cases


def test_a_failed_resolution_leaves_its_input_as_it_was() -> None:
    doc = document("取組【仙台市、XYZ町】", "取組【川崎市】")
    before = doc.model_dump_json()
    [problem] = errors(doc)
    assert problem.startswith("test.md:4:10: error: XYZ町 is not a known local government\n")
    assert doc.model_dump_json() == before
