"""The source reader on the real document and on every variation the source format allows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit.errors import SourceError
from reportkit.model import Document
from reportkit.readers import read
from reportkit.readers.markdown import read_markdown
from reportkit.readers.text import decode

# Written by hand from source/torikumi-jirei.md (not from the reader's output):
# id, topic, actors as written, open-list marker, emphasised phrases, brackets.
EXPECTED_CASES: list[tuple[str, str, list[str], str | None, list[str], str]] = [
    (
        "1-1-1",
        "相談機関としての役割",
        ["鳥羽市"],
        None,
        ["制度施行により生活困窮の相談のハードルが下がった"],
        "【】",
    ),
    (
        "1-1-3",
        "相談機関としての役割",
        ["東村山市"],
        None,
        ["複合的な課題を抱えている人にはまず自立相談支援機関を案内する"],
        "()",
    ),
    ("1-2-2", "関係機関からつながる関係づくり", ["川崎市"], None, [], "【】"),
    # from the continued topic "(関係機関からつながる関係づくり・続き)"
    ("1-2-5", "関係機関からつながる関係づくり", ["ひたちなか市"], None, [], "【】"),
    ("1-3-1", "都道府県管轄地域(郡部福祉事務所)における工夫", ["宮城県"], None, [], "【】"),
    ("1-5-1", "相談窓口の工夫", ["那覇市"], None, [], "【】"),
    ("1-5-2", "相談窓口の工夫", ["仙台市", "川崎市"], None, [], "【】"),
    ("1-6-2", "プラン作成", ["駒ヶ根市"], None, [], "【】"),
    (
        "2-1-1",
        "就労支援全般",
        ["酒田市"],
        None,
        [
            "就労支援員が丁寧に相談に乗ることで、本人の就労意欲が回復・向上し、就労につながっている。"
        ],
        "【】",
    ),
    (
        "2-1-2",
        "就労支援全般",
        ["東村山市"],
        None,
        ["相談者のニーズに迅速に対応するため、日払いや寮付といった求人", "就労支援員が独自開拓。"],
        "【】",
    ),
    (
        "2-2-3",
        "就労準備支援事業",
        ["浜松市", "名古屋市", "船橋市", "八王子市", "横浜市"],
        "等多数",
        ["資産収入要件について、施行規則第4条第2号に基づく運用を積極的に実施。"],
        "【】",
    ),
    (
        "2-4-1",
        "一時生活支援事業の広域実施",
        ["静岡県内7市"],
        None,
        ["実施主体(7市)間で協定を締結しつつ、一つの事業主体に対して各市が個々に委託"],
        "【】",
    ),
    (
        "2-6-3",
        "子どもの学習支援事業",
        ["石川県", "桑名市"],
        None,
        [
            "困窮者法に基づく学習支援事業と、ひとり親家庭等生活向上事業による学習支援とを一体的に実施"
        ],
        "【】",
    ),
    (
        "2-7-1",
        "子どもをきっかけとした世帯支援の取組",
        ["宇都宮市", "京都市"],
        None,
        [
            "子どもの学習支援事業の利用開始時に、生活困窮世帯の親に自立相談支援窓口にご相談に来てもらうようにしている"
        ],
        "【】",
    ),
    (
        "3-1-1",
        "支援における関係機関連携",
        ["高知市"],
        None,
        [
            "約30の関係機関が参加する連絡会での事例報告・情報交換や、司法・医療・学識等の専門家から"
            "対応困難ケース等についての助言を受ける支援検討部会、庁内連絡会など、目的に応じて"
            "関係機関との連携の枠組みを構築。"
        ],
        "【】",
    ),
    (
        "3-1-2",
        "支援における関係機関連携",
        ["埼玉県", "神奈川県", "大阪府", "大分県"],
        "等",
        ["都道府県社協や社福法人が緊急支援(現物給付)事業を実施。"],
        "【】",
    ),
    (
        "4-1-1",
        "任意事業の実施促進",
        ["長野県", "大阪府", "鳥取県", "熊本県"],
        "等多数",
        ["県との共同実施に関する働きかけを実施。実施率の向上につなげた。"],
        "【】",
    ),
    (
        "4-3-4",
        "その他管内自治体の取組支援",
        ["大分県"],
        None,
        [
            "個人情報共有や認定就労訓練事業の認定に係る県独自のガイドラインを策定し、管内自治体の取組を支援。"
        ],
        "【】",
    ),
]


def _cases(document: Document) -> dict[str, tuple]:
    found = {}
    for section, topic in document.topics():
        for case in topic.cases:
            found[case.id] = (section, topic, case)
    return found


def test_real_source_shape(real_document: Document) -> None:
    assert len(real_document.sections) == 4
    assert [s.number for s in real_document.sections] == [1, 2, 3, 4]
    topics = [t for _, t in real_document.topics()]
    assert len(topics) >= 15
    assert len(list(real_document.cases())) == 61
    assert real_document.title == "自治体における様々な取組事例"
    assert real_document.subtitle == "様々な取組事例"
    assert real_document.note is not None and real_document.note.startswith("※厚生労働省")
    # section 1 appears three times in the source ("(続き)"), but is one section
    assert real_document.sections[0].title == "新規相談・プラン作成"
    assert [t.title for t in real_document.sections[0].topics] == [
        "相談機関としての役割",
        "関係機関からつながる関係づくり",
        "都道府県管轄地域(郡部福祉事務所)における工夫",
        "地域資源を活用した周知",
        "相談窓口の工夫",
        "プラン作成",
    ]
    # section 3 has no topic headings: one implicit topic stands for it
    section3 = real_document.sections[2]
    assert [(t.title, t.implicit) for t in section3.topics] == [("支援における関係機関連携", True)]
    assert len(section3.cases) == 8
    # a section title with its own parentheses is not a continuation
    assert real_document.sections[3].title == "都道府県の取組(郡部福祉事務所以外についての取組)"


@pytest.mark.parametrize("expected", EXPECTED_CASES, ids=[e[0] for e in EXPECTED_CASES])
def test_real_source_cases(real_document: Document, expected: tuple) -> None:
    case_id, topic_title, actors, open_list, emphasis, brackets = expected
    _, topic, case = _cases(real_document)[case_id]
    assert topic.title == topic_title
    assert [a.written for a in case.attribution.actors] == actors
    assert case.attribution.open_list == open_list
    assert case.emphasized == emphasis
    assert case.attribution.brackets == brackets


def test_real_source_details(real_document: Document) -> None:
    cases = {case_id: case for case_id, (_, _, case) in _cases(real_document).items()}
    # ids are unique and every case keeps its source line
    assert len(cases) == 61
    assert cases["1-1-1"].line == 13
    assert cases["4-3-4"].line == 139
    # a (…) inside the text is not an attribution
    assert "「何でも相談会」(出張相談会)を実施" in cases["1-5-1"].text
    assert cases["2-6-1"].text.endswith(
        "(絵本作家によるワークショップ、留学生を招いての異文化交流等)。"
    )
    # emphasis spanning the attribution
    assert cases["3-1-1"].attribution.emphasis is True
    assert cases["2-1-1"].attribution.emphasis is False
    # quotation marks around emphasis stay outside the run
    assert cases["1-1-3"].runs[0].text == "市役所として「"
    assert cases["1-1-3"].runs[2].text.startswith("」ことが")
    # the trailing (…) attribution prints as written
    assert cases["1-1-3"].full_text.endswith("徹底されている。(東村山市)")
    # the unnamed group keeps prefecture, count and kind
    group = cases["2-4-1"].attribution.actors[0].group
    assert group is not None
    assert (group.prefecture, group.count, group.kind) == ("静岡県", 7, "市")
    # the typo stays as written: lint warns about it, the reader never fixes it
    assert "ハロワーク" in cases["3-1-5"].text
    # actor columns point at the name in the line
    line = Path(__file__).resolve().parent.parent.joinpath("source/torikumi-jirei.md")
    text = line.read_text(encoding="utf-8").splitlines()[cases["1-5-2"].line - 1]
    for actor in cases["1-5-2"].attribution.actors:
        assert text[actor.column - 1 :].startswith(actor.written)


MINIMAL = """\
表題
1. 節
(項目)
- 本文。【鳥羽市】
"""


def _one_case(body: str) -> Document:
    return read_markdown(MINIMAL.replace("- 本文。【鳥羽市】", body), "t.md")


def test_variations_of_attribution() -> None:
    case = next(_one_case("- 本文。【広島県府中市】").cases())
    assert [a.written for a in case.attribution.actors] == ["広島県府中市"]
    case = next(_one_case("- 本文。【横浜市港北区、駒ケ根市】").cases())
    assert [a.written for a in case.attribution.actors] == ["横浜市港北区", "駒ケ根市"]
    case = next(_one_case("- 本文。（鳥羽市）").cases())
    assert case.attribution.brackets == "()"
    case = next(_one_case("- 本文。【静岡県内７市】").cases())
    assert case.attribution.actors[0].group is not None
    assert case.attribution.actors[0].group.count == 7
    case = next(_one_case("- 本文。【非公表】").cases())
    assert case.attribution.undisclosed and case.attribution.actors == []
    case = next(_one_case("- **前半**と**後半**。【鳥羽市、伊勢市等】").cases())
    assert case.emphasized == ["前半", "後半"]
    assert case.attribution.open_list == "等"


def test_variations_of_encoding_and_headings() -> None:
    text = "\ufeff表題\r\n\r\n副題\r\n※注記\r\n１．節\r\n（項目）\r\n- 本文。【鳥羽市】\r\n"
    document = read_markdown(decode(text.encode("utf-8"), "t.md"), "t.md")
    assert document.title == "表題"
    assert document.subtitle == "副題"
    assert document.note == "※注記"
    assert document.sections[0].number == 1
    assert document.sections[0].topics[0].title == "項目"
    assert next(document.cases()).text == "本文。"


def test_continuations_merge() -> None:
    text = (
        "表題\n1. 節\n(甲)\n- 一。【鳥羽市】\n(乙)\n- 二。【鳥羽市】\n"
        "1. 節(続き)\n(甲・続き)\n- 三。【鳥羽市】\n2. 次\n- 四。【鳥羽市】\n"
    )
    document = read_markdown(text, "t.md")
    first = document.sections[0]
    assert [t.title for t in first.topics] == ["甲", "乙"]
    assert [c.id for c in first.topics[0].cases] == ["1-1-1", "1-1-2"]
    assert [c.text for c in first.topics[0].cases] == ["一。", "三。"]
    assert document.sections[1].topics[0].implicit


# (name, source text, expected line, words the message must contain)
MALFORMED: list[tuple[str, bytes, int, str]] = [
    ("empty file", b"", 1, "empty"),
    ("only blank lines", b"\n\n  \n", 1, "empty"),
    ("only a title", "表題\n".encode(), 1, "no numbered section"),
    (
        "case before any section",
        "表題\n- 本文。【鳥羽市】\n".encode(),
        2,
        "before the first section",
    ),
    ("topic before any section", "表題\n(項目)\n".encode(), 2, "before the first section"),
    ("unclosed 【", "表題\n1. 節\n- 本文。【鳥羽市\n".encode(), 3, "unclosed"),
    ("】 without 【", "表題\n1. 節\n- 本文。鳥羽市】\n".encode(), 3, "without an opening"),
    ("unbalanced **", "表題\n1. 節\n- **本文。【鳥羽市】\n".encode(), 3, "unbalanced"),
    (
        "topic with no cases",
        "表題\n1. 節\n(甲)\n(乙)\n- 本文。【鳥羽市】\n".encode(),
        3,
        "no cases",
    ),
    ("section with no cases", "表題\n1. 節\n2. 次\n- 本文。【鳥羽市】\n".encode(), 2, "no cases"),
    (
        "section numbers out of order",
        "表題\n1. 節\n- 本文。【鳥羽市】\n3. 次\n- 本文。【鳥羽市】\n".encode(),
        4,
        "out of order",
    ),
    ("empty attribution", "表題\n1. 節\n- 本文。【】\n".encode(), 3, "empty attribution"),
    ("no attribution", "表題\n1. 節\n- 本文だけ。\n".encode(), 3, "no attribution"),
    (
        "text after attribution",
        "表題\n1. 節\n- 本文。【鳥羽市】です\n".encode(),
        3,
        "after the attribution",
    ),
    ("empty case", "表題\n1. 節\n- 本文。【鳥羽市】\n- \n".encode(), 4, "empty case"),
    ("empty case text", "表題\n1. 節\n- 【鳥羽市】\n".encode(), 3, "case text is empty"),
    ("empty name", "表題\n1. 節\n- 本文。【鳥羽市、】\n".encode(), 3, "empty name"),
    ("control character", "表題\n1. 節\n- 本\x0b文。【鳥羽市】\n".encode(), 3, "U+000B"),
    ("NUL byte", "表題\n1. 節\n- 本\0文。【鳥羽市】\n".encode(), 3, "NUL"),
    ("invalid UTF-8", "表題\n1. 節\n- 本文。【鳥羽市】\n".encode("cp932"), 1, "not UTF-8"),
    (
        "1 MB single line",
        ("表題\n1. 節\n- " + "あ" * 1_000_000 + "【鳥羽市】\n").encode(),
        3,
        "characters long",
    ),
    (
        "unknown topic continuation",
        "表題\n1. 節\n(甲)\n- 本文。【鳥羽市】\n(乙・続き)\n- 本文。【鳥羽市】\n".encode(),
        5,
        "does not have",
    ),
    (
        "mismatched section continuation",
        "表題\n1. 節\n- 本文。【鳥羽市】\n1. 別(続き)\n- 本文。【鳥羽市】\n".encode(),
        4,
        "continues section",
    ),
    (
        "duplicate topic",
        "表題\n1. 節\n(甲)\n- 本文。【鳥羽市】\n(甲)\n- 本文。【鳥羽市】\n".encode(),
        5,
        "twice",
    ),
    ("stray text", "表題\n1. 節\n- 本文。【鳥羽市】\nただの文\n".encode(), 4, "unexpected text"),
    (
        "cases then topics in a section",
        "表題\n1. 節\n- 本文。【鳥羽市】\n(甲)\n- 本文。【鳥羽市】\n".encode(),
        4,
        "without a topic",
    ),
    ("heading as first line", "1. 節\n- 本文。【鳥羽市】\n".encode(), 1, "document title"),
    ("nested 【", "表題\n1. 節\n- 本文。【鳥羽【市】\n".encode(), 3, "inside another"),
]


@pytest.mark.parametrize(
    ("name", "data", "line", "words"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_source_reports_line(
    tmp_path: Path, name: str, data: bytes, line: int, words: str
) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        read(path)
    messages = [str(p) for p in caught.value.problems]
    assert any(p.line == line and words in p.message for p in caught.value.problems), messages
    assert all(p.hint for p in caught.value.problems), messages
    assert all(m.startswith(f"{path}:") for m in messages)


def test_all_problems_reported_at_once() -> None:
    text = "表題\n1. 節\n- 本文。\n- **本文。【鳥羽市】\n- 本文。【】\n- 本文。【鳥羽市】\n"
    with pytest.raises(SourceError) as caught:
        read_markdown(text, "t.md")
    assert [p.line for p in caught.value.problems] == [3, 4, 5]


def test_problem_format_names_file_line_column() -> None:
    with pytest.raises(SourceError) as caught:
        read_markdown("表題\n1. 節\n- 本文。【鳥羽市\n", "src/x.md")
    (problem,) = caught.value.problems
    assert str(problem).startswith("src/x.md:3:6: error: unclosed '【'")
    assert "hint:" in str(problem)
