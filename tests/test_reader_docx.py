"""The docx reader: a briefing edited in Word reads back into the model it should hold.

Each edit is made with python-docx (and raw WordprocessingML where Word writes markup
python-docx has no API for) on a briefing the writer generated; each expected model is
the source's, with the edited case written out by hand.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

from reportkit.building.plan import make_view
from reportkit.errors import Problem, SourceError
from reportkit.model import Document, derive_key
from reportkit.readers.docx import read
from reportkit.readers.docx.styles import Mark, Role, Styles
from reportkit.readers.options import ReadOptions
from reportkit.source import load
from reportkit.view import Selection, View
from reportkit.writers.docx import render

from .conftest import REAL_SOURCE, run_cli
from .docx_edits import (
    body_number,
    case_paragraphs,
    content,
    edited,
    element,
    insert_after,
    run,
    runs,
    set_content,
    styled,
)


@pytest.fixture(scope="module")
def briefing(real_view: View) -> bytes:
    return render(real_view)


@pytest.fixture
def expected(real_document: Document) -> Any:
    """The source's content, to be changed by hand where a test edits the briefing."""
    return copy.deepcopy(content(real_document))


def read_back(data: bytes, changes: str = "refuse") -> tuple[Document, list[Problem]]:
    warnings: list[Problem] = []
    options = ReadOptions(changes=changes, warn=warnings.append)  # type: ignore[arg-type]
    return read(data, "edited.docx", options), warnings


def errors_of(data: bytes, changes: str = "refuse") -> list[Problem]:
    with pytest.raises(SourceError) as caught:
        read(data, "edited.docx", ReadOptions(changes=changes))  # type: ignore[arg-type]
    return caught.value.problems


def case(expected: Any, section: int, topic: int, index: int) -> Any:
    return expected["sections"][section - 1]["topics"][topic - 1]["cases"][index - 1]


# -- the briefing as written -----------------------------------------------------------


def test_the_real_briefing_reads_back_as_its_source(
    briefing: bytes, real_document: Document
) -> None:
    document, warnings = read_back(briefing)
    assert content(document) == content(real_document)
    assert warnings == []
    assert document.source_name == "edited.docx"


def test_each_case_paragraph_carries_its_key_as_a_hidden_bookmark(
    briefing: bytes, real_document: Document
) -> None:
    word = docx.Document(io.BytesIO(briefing))
    names = [p._p.find(qn("w:bookmarkStart")).get(qn("w:name")) for p in case_paragraphs(word)]
    assert names == [f"_RK_{c.key}" for c in real_document.cases()]
    assert names[0] == "_RK_" + derive_key(
        "地域内での結びつきが強く支え合いによって生計を維持しているケースが多い土地柄であるが、"
        "制度施行により生活困窮の相談のハードルが下がった。老々介護や8050問題等を見込んで、"
        "介護サービス事業所に制度周知等を行う。",
        "鳥羽市",
    )


# What each style a briefing is written in stands for, as the contract has it.
WRITTEN_ROLES = {
    "Title": Role.TITLE,
    "Subtitle": Role.SUBTITLE,
    "Note": Role.NOTE,
    "Date": Role.GENERATED,
    "Issuer": Role.GENERATED,
    "TOCHeading": Role.GENERATED,
    "TOC1": Role.GENERATED,
    "TOC2": Role.GENERATED,
    "SmallNote": Role.GENERATED,
    "SummaryHeading": Role.GENERATED,
    "SummaryText": Role.GENERATED,
    "Caption": Role.GENERATED,
    "TableHeading": Role.GENERATED,
    "TableText": Role.GENERATED,
    "TableNumber": Role.GENERATED,
    "Heading1": Role.SECTION,
    "Heading2": Role.TOPIC,
    "ListBullet": Role.CASE,
}
WRITTEN_MARKS = {
    "CaseNumber": Mark.CASE_NUMBER,
    "CaseEmphasis": Mark.EMPHASIS,
    "Attribution": Mark.ATTRIBUTION,
    "AttributionEmphasis": Mark.ATTRIBUTION_EMPHASIS,
}


@pytest.mark.parametrize("edition", ["national", "kanto"])
def test_the_reader_knows_every_style_the_writer_uses(
    edition: str, briefing: bytes, real_view: View
) -> None:
    """Every body paragraph is in a named style the reader reads or knows as generated."""
    view = real_view
    if edition == "kanto":
        meeting = real_view.meeting.model_copy(
            update={"select": Selection(blocks=["関東信越"]), "number": "資料2"}
        )
        view = make_view(real_view.document, REAL_SOURCE, meeting=meeting)
    data = briefing if edition == "national" else render(view)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        known = Styles(etree.fromstring(package.read("word/styles.xml")))
    paragraphs = list(body.iter(qn("w:p")))
    used = [p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") for p in paragraphs]
    assert None not in used  # no paragraph falls back to Normal
    roles = {style.get(qn("w:val")): known.role(style.get(qn("w:val"))) for style in used}
    assert roles == WRITTEN_ROLES
    marks = {r.get(qn("w:val")) for r in body.iter(qn("w:rStyle"))}
    assert {mark: known.mark(mark) for mark in marks} == WRITTEN_MARKS


# -- the edit suite --------------------------------------------------------------------


def test_a_reworded_case_with_runs_split_mid_word_keeps_its_key(
    briefing: bytes, expected: Any, real_document: Document
) -> None:
    def reword(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[1],
            run("自立相談支"),
            run("援機関の役割の一つに「市役所のどの部署に相談"),
            run("したらよいかわからない相談を受けること」を位置付け、"),
            run("相談の入口では生活困窮が主訴でなくとも、", "CaseEmphasis"),
            run("インテークの中で生活困窮状況が明らかになれば自立支", "CaseEmphasis"),
            run("援を実施", "CaseEmphasis"),
            run("している。"),
            run("【国立", "Attribution"),
            run("市】", "Attribution"),
        )

    document, _ = read_back(edited(briefing, reword))
    reworded = case(expected, 1, 1, 2)
    reworded["runs"] = runs(
        ("自立相談支援機関の役割の一つに「市役所のどの部署に相談したらよいかわからない"
         "相談を受けること」を位置付け、", False),
        ("相談の入口では生活困窮が主訴でなくとも、インテークの中で生活困窮状況が明らかに"
         "なれば自立支援を実施", True),
        ("している。", False),
    )  # fmt: skip
    assert content(document) == expected
    original = list(real_document.cases())[1]
    assert list(document.cases())[1].key == original.key


def test_emphasis_added_in_the_middle_of_a_case(briefing: bytes, expected: Any) -> None:
    def emphasise(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[4],
            run("自立相談支援機関における具体的な支援事例を掲載した関係機関向けの"),
            run("広報誌を毎月発行", "CaseEmphasis"),
            run("し、自立相談支援機関につなぐ方の対象者像の共有を図っている。"),
            run("【川崎市】", "Attribution"),
        )

    document, _ = read_back(edited(briefing, emphasise))
    case(expected, 1, 2, 2)["runs"] = runs(
        ("自立相談支援機関における具体的な支援事例を掲載した関係機関向けの", False),
        ("広報誌を毎月発行", True),
        ("し、自立相談支援機関につなぐ方の対象者像の共有を図っている。", False),
    )
    assert content(document) == expected


def test_a_deleted_case_renumbers_the_cases_after_it(briefing: bytes, expected: Any) -> None:
    def delete(word: WordDocument) -> None:
        gone = case_paragraphs(word)[5]  # 1-2-3, 八街市
        gone._p.getparent().remove(gone._p)

    document, _ = read_back(edited(briefing, delete))
    cases = expected["sections"][0]["topics"][1]["cases"]
    assert case(expected, 1, 2, 3)["attribution"]["written"] == "八街市"
    del cases[2]
    for index, kept in enumerate(cases, start=1):
        kept["id"] = f"1-2-{index}"
    assert content(document) == expected
    assert [c.id for c in document.cases()][4:6] == ["1-2-2", "1-2-3"]


@pytest.mark.parametrize("styled_attribution", [True, False], ids=["出典", "typed"])
def test_a_case_added_with_or_without_the_attribution_style(
    briefing: bytes, expected: Any, styled_attribution: bool
) -> None:
    text = "庁舎の1階に総合相談窓口を設け、税・保険料の窓口と同じ場所で相談を受けている。"

    def add(word: WordDocument) -> None:
        after = case_paragraphs(word)[2]  # the last case of 1-1
        attribution = run("【志摩市】", "Attribution" if styled_attribution else None)
        insert_after(after, "ListBullet", run(text), attribution)

    document, _ = read_back(edited(briefing, add))
    expected["sections"][0]["topics"][0]["cases"].append(
        {
            "id": "1-1-4",
            "key": derive_key(text, "志摩市"),
            "runs": runs((text, False)),
            "attribution": {
                "written": "志摩市",
                "brackets": "【】",
                "actors": [{"written": "志摩市", "group": None, "government": None}],
                "open_list": None,
                "undisclosed": False,
                "emphasis": False,
            },
        }
    )
    assert content(document) == expected


def test_a_topic_typed_without_its_number_is_numbered_by_position(
    briefing: bytes, expected: Any
) -> None:
    text = "生活保護の窓口と同じフロアに相談窓口を移し、相互に案内している。"

    def add(word: WordDocument) -> None:
        last_of_section_1 = case_paragraphs(word)[19]
        heading = insert_after(last_of_section_1, "Heading2", run("窓口の配置"))
        insert_after(heading, "ListBullet", run(text), run("(鳥羽市)", "Attribution"))

    document, _ = read_back(edited(briefing, add))
    assert case(expected, 1, 6, 4)["id"] == "1-6-4"  # the case the new topic follows
    expected["sections"][0]["topics"].append(
        {
            "number": 7,
            "title": "窓口の配置",
            "implicit": False,
            "cases": [
                {
                    "id": "1-7-1",
                    "key": derive_key(text, "鳥羽市"),
                    "runs": runs((text, False)),
                    "attribution": {
                        "written": "鳥羽市",
                        "brackets": "()",
                        "actors": [{"written": "鳥羽市", "group": None, "government": None}],
                        "open_list": None,
                        "undisclosed": False,
                        "emphasis": False,
                    },
                }
            ],
        }
    )
    assert content(document) == expected


def test_a_renamed_section(briefing: bytes, expected: Any) -> None:
    def rename(word: WordDocument) -> None:
        heading = styled(word, "Heading1")[1]
        assert heading.text == "2．任意事業等の実施"
        set_content(heading, run("2．任意事業"), run("等の実施状況"))

    document, _ = read_back(edited(briefing, rename))
    expected["sections"][1]["title"] = "任意事業等の実施状況"
    assert content(document) == expected


def test_an_attribution_that_needs_its_prefecture_is_an_error_at_its_paragraph(
    briefing: bytes, tmp_path: Path
) -> None:
    word = docx.Document(io.BytesIO(briefing))
    first = case_paragraphs(word)[0]
    for r in first.runs:
        if r.style is not None and r.style.name == "出典":
            r.text = "【府中市】"
    number = body_number(word, first)
    path = tmp_path / "edited.docx"
    word.save(path)
    with pytest.raises(SourceError) as caught:
        load(path)
    [problem] = caught.value.problems
    assert str(problem).startswith(f"{path}:段落{number}（事例 1-1-1）: error: ")
    assert "府中市" in problem.message and "広島県府中市" in str(problem)


# -- tracked changes and comments ------------------------------------------------------

_BY = 'w:id="{}" w:author="山田" w:date="2026-11-20T10:00:00Z"'


def _tracked(word: WordDocument) -> None:
    """In 1-1-3: 「徹底されている」 becomes 「徹底され、定着している」, tracked."""
    set_content(
        case_paragraphs(word)[2],
        run("市役所として「"),
        run("複合的な課題を抱えている人にはまず自立相談支援機関を案内する", "CaseEmphasis"),
        run("」ことが徹底され"),
        f"<w:del {_BY.format(901)}><w:r><w:delText>ている</w:delText></w:r></w:del>",
        f"<w:ins {_BY.format(902)}>{run('、定着している')}</w:ins>",
        run("。"),
        run("(東村山市)", "Attribution"),
    )


def test_tracked_changes_are_refused_one_error_each(briefing: bytes) -> None:
    data = edited(briefing, _tracked)
    word = docx.Document(io.BytesIO(data))
    number = body_number(word, case_paragraphs(word)[2])
    problems = errors_of(data)
    assert [str(p).split("\n")[0] for p in problems] == [
        f"edited.docx:段落{number}: error: tracked change (deletion by 山田) "
        "still in the file: 「ている」",
        f"edited.docx:段落{number}: error: tracked change (insertion by 山田) "
        "still in the file: 「、定着している」",
    ]
    assert all("校閲 → 承諾" in p.hint and "--accept-changes" in p.hint for p in problems)


@pytest.mark.parametrize(
    ("changes", "ending"),
    [("accept", "」ことが徹底され、定着している。"), ("reject", "」ことが徹底されている。")],
)
def test_tracked_changes_accepted_or_rejected(
    briefing: bytes, expected: Any, changes: str, ending: str
) -> None:
    document, _ = read_back(edited(briefing, _tracked), changes)
    case(expected, 1, 1, 3)["runs"][2]["text"] = ending
    if changes == "reject":
        assert ending == "」ことが徹底されている。"  # the source's own words
    assert content(document) == expected


def test_a_comment_is_a_warning_and_the_text_reads_as_before(
    briefing: bytes, real_document: Document
) -> None:
    def comment(word: WordDocument) -> None:
        target = case_paragraphs(word)[3]
        word.add_comment(target.runs[1], text="件数の根拠を確認", author="佐藤")

    data = edited(briefing, comment)
    word = docx.Document(io.BytesIO(data))
    number = body_number(word, case_paragraphs(word)[3])
    document, warnings = read_back(data)
    assert content(document) == content(real_document)
    assert [str(w).split("\n")[0] for w in warnings] == [
        f"edited.docx:段落{number}: warning: comment by 佐藤 is not carried into the source: "
        "「件数の根拠を確認」"
    ]


# -- what real editing leaves in a paragraph -------------------------------------------


def test_markup_word_leaves_in_a_case_is_read_as_the_text_it_shows(
    briefing: bytes, expected: Any
) -> None:
    """Hyperlink, smart tag, content control, fields, bookmarks, breaks, spaces, proofing."""

    def markup(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[6],  # 1-2-4 仙台市
            '<w:proofErr w:type="spellStart"/>',
            run("消費生活センターや"),
            '<w:hyperlink w:anchor="x">' + run("障害福祉サービス事業所") + "</w:hyperlink>",
            '<w:smartTag w:uri="urn:x" w:element="place">' + run("、地域") + "</w:smartTag>",
            "<w:sdt><w:sdtPr/><w:sdtContent>" + run("包括支援センター") + "</w:sdtContent></w:sdt>",
            '<w:bookmarkStart w:id="77" w:name="_GoBack"/><w:bookmarkEnd w:id="77"/>',
            '<w:fldSimple w:instr=" QUOTE &quot;等&quot; ">' + run("等") + "</w:fldSimple>",
            '<w:r><w:rPr><w:rStyle w:val="CaseEmphasis"/></w:rPr><w:t>約</w:t>'
            '<w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> = 300 </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + run("300", "CaseEmphasis")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            '<w:r><w:rPr><w:rStyle w:val="CaseEmphasis"/></w:rPr>'
            "<w:t>の関係機関へ制度説明し、</w:t><w:br/><w:t>相談件数倍増の一因</w:t></w:r>",
            run("となった。　 "),
            "<w:r><w:tab/></w:r>",
            run("【仙台市】", "Attribution"),
        )

    document, _ = read_back(edited(briefing, markup))
    assert content(document) == expected  # exactly the source's case 1-2-4


@pytest.mark.parametrize("line_break", ["", "<w:r><w:br/></w:r>"], ids=["tab", "break+tab"])
def test_a_case_paragraph_as_the_writer_contract_has_it(
    briefing: bytes, expected: Any, line_break: str
) -> None:
    """Bookmark, 事例番号 run with its full-width space, text, a tab, 出典 runs; a soft
    break before the tab (the attribution on a line of its own) is layout, not text."""

    def contract(word: WordDocument) -> None:
        styles = word.styles.element
        styles.append(
            docx.oxml.parse_xml(
                '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                ' w:type="character" w:customStyle="1" w:styleId="CaseNumber">'
                '<w:name w:val="事例番号"/></w:style>'
            )
        )
        set_content(
            case_paragraphs(word)[0],
            run("1-1-1　", "CaseNumber"),
            run(
                "地域内での結びつきが強く支え合いによって生計を維持しているケースが多い土地柄であるが、"
            ),
            run("制度施行により生活困窮の相談のハードルが下がった", "CaseEmphasis"),
            run("。老々介護や8050問題等を見込んで、介護サービス事業所に制度周知等を行う。"),
            line_break,
            "<w:r><w:tab/></w:r>",
            run("【鳥羽市】", "Attribution"),
        )

    document, _ = read_back(edited(briefing, contract))
    assert content(document) == expected


def test_text_typed_into_the_case_number_run_is_kept(briefing: bytes, expected: Any) -> None:
    """Word continues a run's style: text typed after 1-1-1 lands in 事例番号 too."""

    def typed(word: WordDocument) -> None:
        word.styles.element.append(
            docx.oxml.parse_xml(
                '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                ' w:type="character" w:styleId="a5"><w:name w:val="事例番号"/></w:style>'
            )
        )
        set_content(
            case_paragraphs(word)[1],
            run("1-1-2　自立相談支援機関の役割の一つに", "a5"),
            run("「市役所のどの部署に相談したらよいかわからない相談を受けること」を位置づけ、"),
            run(
                "相談の入口では生活困窮が主訴でなくともインテークの中で生活困窮状況が明らかに"
                "なれば、自立支援を実施",
                "CaseEmphasis",
            ),
            run("している。【国立市】"),
        )

    document, _ = read_back(edited(briefing, typed))
    assert content(document) == expected


def test_empty_paragraphs_and_a_section_typed_without_its_number(
    briefing: bytes, expected: Any
) -> None:
    text = "豪雨災害の被災世帯を戸別に訪問し、生活再建の相談につないだ。"

    def add(word: WordDocument) -> None:
        last = case_paragraphs(word)[-1]
        blank = insert_after(last, "ListBullet")
        heading = insert_after(blank, "Heading1", run("災害時の生活再建支援"))
        empty = insert_after(heading, "Normal", run("　 "))
        insert_after(empty, "ListBullet", run(text + "【熊本市】"))

    document, _ = read_back(edited(briefing, add))
    expected["sections"].append(
        {
            "number": 5,
            "title": "災害時の生活再建支援",
            "topics": [
                {
                    "number": 1,
                    "title": "災害時の生活再建支援",
                    "implicit": True,
                    "cases": [
                        {
                            "id": "5-1-1",
                            "key": derive_key(text, "熊本市"),
                            "runs": runs((text, False)),
                            "attribution": {
                                "written": "熊本市",
                                "brackets": "【】",
                                "actors": [
                                    {"written": "熊本市", "group": None, "government": None}
                                ],
                                "open_list": None,
                                "undisclosed": False,
                                "emphasis": False,
                            },
                        }
                    ],
                }
            ],
        }
    )
    assert content(document) == expected


def test_styles_renamed_by_a_localised_word(briefing: bytes, real_document: Document) -> None:
    """Japanese Word names styles by number and kana (見出し 1 is id 1, a custom one a0)."""
    ids = {
        "Title": ("af", "表題"),
        "Heading1": ("1", "見出し 1"),
        "Heading2": ("2", "見出し 2"),
        "ListBullet": ("a", "箇条書き"),
        "Note": ("a1", "注記"),
        "CaseEmphasis": ("a2", "強調"),
        "Attribution": ("a3", "出典"),
        "AttributionEmphasis": ("a4", "出典（強調）"),
    }
    package = zipfile.ZipFile(io.BytesIO(briefing))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as renamed:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "word/styles.xml":
                data = _renamed_styles(data, ids)
            elif item.filename in ("word/document.xml", "word/numbering.xml"):
                xml = data.decode("utf-8")
                for old, (new, _) in ids.items():
                    for tag in ("pStyle", "rStyle"):
                        xml = xml.replace(f'<w:{tag} w:val="{old}"/>', f'<w:{tag} w:val="{new}"/>')
                data = xml.encode("utf-8")
            renamed.writestr(item, data)
    document, _ = read_back(out.getvalue())
    assert content(document) == content(real_document)
    assert 'w:styleId="1"' in zipfile.ZipFile(out).read("word/styles.xml").decode()


def _renamed_styles(data: bytes, ids: dict[str, tuple[str, str]]) -> bytes:
    root = etree.fromstring(data)
    for style in root.iter(qn("w:style")):
        for reference in ("w:basedOn", "w:next", "w:link"):
            found = style.find(qn(reference))
            if found is not None and found.get(qn("w:val")) in ids:
                found.set(qn("w:val"), ids[found.get(qn("w:val"))][0])
        old = style.get(qn("w:styleId"))
        if old in ids:
            style.set(qn("w:styleId"), ids[old][0])
            style.find(qn("w:name")).set(qn("w:val"), ids[old][1])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def test_a_style_based_on_a_briefing_style_counts_as_it(briefing: bytes, expected: Any) -> None:
    def derived(word: WordDocument) -> None:
        word.styles.element.append(
            docx.oxml.parse_xml(
                '<w:style xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                ' w:type="paragraph" w:customStyle="1" w:styleId="MyCase">'
                '<w:name w:val="事例（課内用）"/><w:basedOn w:val="ListBullet"/></w:style>'
            )
        )
        case_paragraphs(word)[0]._p.pPr.find(qn("w:pStyle")).set(qn("w:val"), "MyCase")

    document, _ = read_back(edited(briefing, derived))
    assert content(document) == expected


# -- what is refused -------------------------------------------------------------------


def test_text_in_a_style_a_briefing_does_not_use_is_an_error_quoting_it(briefing: bytes) -> None:
    def stray(word: WordDocument) -> None:
        insert_after(
            case_paragraphs(word)[0],
            "Normal",
            run("※この事例は令和7年度のヒアリングで追加したもの"),
        )

    data = edited(briefing, stray)
    word = docx.Document(io.BytesIO(data))
    number = body_number(word, case_paragraphs(word)[0]) + 1
    [problem] = errors_of(data)
    assert str(problem).split("\n")[0] == (
        f"edited.docx:段落{number}: error: text in the style 「Normal」, which a briefing does "
        "not use: 「※この事例は令和7年度のヒアリングで追加…」"
    )
    assert "箇条書き" in problem.hint


def test_a_case_without_attribution_names_its_paragraph_and_case(briefing: bytes) -> None:
    def cut(word: WordDocument) -> None:
        set_content(case_paragraphs(word)[3], run("関係機関に対して制度説明を実施した。"))

    data = edited(briefing, cut)
    word = docx.Document(io.BytesIO(data))
    number = body_number(word, case_paragraphs(word)[3])
    [problem] = errors_of(data)
    assert str(problem).startswith(
        f"edited.docx:段落{number}（事例 1-2-1）: error: the case has no attribution: "
        "「関係機関に対して制度説明を実施した。」"
    )


def test_a_tracked_move_and_a_deleted_paragraph_mark(briefing: bytes, expected: Any) -> None:
    """1-1-3 with 市役所として moved to the front (w:moveFrom/w:moveTo); 1-2-1 typed onto
    two paragraphs whose joining (a deleted paragraph mark) is tracked. Accepted, both
    read as the source; rejected, the words stay where they were and 1-2-1 stays cut."""

    def edit(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[2],
            f"<w:moveTo {_BY.format(911)}>{run('市役所として')}</w:moveTo>",
            run("「"),
            run("複合的な課題を抱えている人にはまず自立相談支援機関を案内する", "CaseEmphasis"),
            run("」ことが"),
            f"<w:moveFrom {_BY.format(912)}>{run('市役所として')}</w:moveFrom>",
            run("徹底されている。"),
            run("(東村山市)", "Attribution"),
        )
        first = case_paragraphs(word)[3]
        set_content(
            first,
            run("関係機関に対して制度説明を実施した中で、具体的な対象者像がわからないとの声が"),
            run("あったことを受け、"),
            run("庁内の窓口担当者を中心に少人数の", "CaseEmphasis"),
        )
        first._p.get_or_add_pPr().append(element(f"<w:rPr><w:del {_BY.format(913)}/></w:rPr>"))
        insert_after(
            first,
            "ListBullet",
            run("研修を実施し、相談件数の増加", "CaseEmphasis"),
            run("につながった。"),
            run("【尼崎市】", "Attribution"),
        )

    data = edited(briefing, edit)
    word = docx.Document(io.BytesIO(data))
    moved, cut = (body_number(word, case_paragraphs(word)[i]) for i in (2, 3))
    assert [(p.line, p.message.split(" still")[0]) for p in errors_of(data)] == [
        (moved, "tracked change (move (new place) by 山田)"),
        (moved, "tracked change (move (old place) by 山田)"),
        (cut, "tracked change (paragraph mark deleted by 山田)"),
    ]
    accepted, _ = read_back(data, "accept")
    assert content(accepted) == expected
    [problem] = errors_of(data, "reject")
    assert str(problem).startswith(
        f"edited.docx:段落{cut}（事例 1-2-1）: error: the case has no attribution"
    )


def test_build_and_validate_print_a_briefings_warnings_at_its_paragraphs(
    briefing: bytes, tmp_path: Path
) -> None:
    source = tmp_path / "edited.docx"
    source.write_bytes(briefing)
    validated = run_cli("validate", str(source))
    built = run_cli(
        "build", "--source", str(source), "--format", "html", "--output-dir", str(tmp_path / "o")
    )
    assert validated.returncode == 0, validated.stderr
    assert built.returncode == 0, built.stderr
    warned = [line for line in validated.stderr.splitlines() if ": warning: " in line]
    # the real source's emphasis and spelling warnings, each at a paragraph of the briefing
    assert len(warned) == 7
    assert all(
        re.match(rf"{re.escape(str(source))}:段落\d+(（事例 [\d-]+）)?: ", w) for w in warned
    )
    assert [line for line in built.stderr.splitlines() if ": warning: " in line] == warned
