"""The Word briefing: read back with python-docx, the raw parts, LibreOffice and the CLI."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from reportkit.building.plan import make_view
from reportkit.model import Case, derive_key
from reportkit.source import load
from reportkit.view import Fonts, Meeting, Selection, View
from reportkit.writers.docx import render

from .conftest import EPOCH, REAL_SOURCE, libreoffice_pdf_text, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMPHASIS_STYLES = {"強調", "出典（強調）"}
ATTRIBUTION_STYLES = {"出典", "出典（強調）"}
TEXT_WIDTH_TWIPS = 11906 - 2 * 1417  # A4 width less two 25 mm margins, as Word stores them
RIGHT_EDGE_PT = 524.4  # 210 mm - 25 mm = 185 mm from the page's left edge, in points


@pytest.fixture(scope="module")
def data(real_view: View) -> bytes:
    return render(real_view)


@pytest.fixture(scope="module")
def word(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def styled(word: WordDocument, name: str) -> list[Paragraph]:
    return [p for p in word.paragraphs if p.style is not None and p.style.name == name]


def source_case_lines() -> list[str]:
    lines = REAL_SOURCE.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("- ")]


@pytest.fixture(scope="module")
def kanto_view() -> View:
    """The 関東信越 block edition of the real source (資料2)."""
    meeting = Meeting(
        name="関東信越ブロック会議", number="資料2", select=Selection(blocks=["関東信越"])
    )
    return make_view(load(REAL_SOURCE), REAL_SOURCE, meeting=meeting)


@pytest.fixture(scope="module")
def kanto_data(kanto_view: View) -> bytes:
    return render(kanto_view)


@pytest.fixture(scope="module")
def kanto(kanto_data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(kanto_data))


# -- structure ---------------------------------------------------------------------------


def test_heading_1_paragraphs_are_exactly_the_sections(word: WordDocument, real_view: View) -> None:
    headings = [p.text for p in styled(word, "Heading 1")]
    assert headings == [f"{s.number}．{s.title}" for s in real_view.document.sections]
    assert headings[0] == "1．新規相談・プラン作成" and len(headings) == 4


def test_heading_2_paragraphs_are_exactly_the_explicit_topics(
    word: WordDocument, real_view: View
) -> None:
    headings = [p.text for p in styled(word, "Heading 2")]
    explicit = [t for _, t in real_view.document.topics() if not t.implicit]
    assert headings == [f"（{topic.number}）{topic.title}" for topic in explicit]
    assert headings[1] == "（2）関係機関からつながる関係づくり"
    assert len(headings) == 17  # 18 topics, one of them the implicit topic of section 3
    assert "（支援における関係機関連携）" not in headings


def test_headings_sit_in_document_order(word: WordDocument, real_view: View) -> None:
    """Section 3 has no topic headings: its cases follow its Heading 1 directly."""
    order = [p.style.name for p in word.paragraphs if p.style.name in {"Heading 1", "List Bullet"}]
    third = [p.text for p in styled(word, "Heading 1")].index("3．支援における関係機関連携")
    position = [i for i, name in enumerate(order) if name == "Heading 1"][third]
    assert order[position + 1 : position + 9] == ["List Bullet"] * 8
    assert order[position + 9] == "Heading 1"


def test_each_case_paragraph_is_its_text_and_attribution(
    word: WordDocument, real_view: View
) -> None:
    """Number, full-width space, text, tab, attribution: as the PDF prints the case."""
    cases = list(real_view.document.cases())
    paragraphs = styled(word, "List Bullet")
    # python-docx shows the soft break some attributions start a line after as "\n".
    assert [p.text.replace("\n\t", "\t") for p in paragraphs] == [
        f"{c.id}　{c.text}\t{c.attribution.text}" for c in cases
    ]
    assert len(paragraphs) == len(source_case_lines()) == 61
    assert paragraphs[0].text.startswith("1-1-1　地域内での結びつきが強く")
    assert paragraphs[0].text.endswith("介護サービス事業所に制度周知等を行う。\t【鳥羽市】")
    assert paragraphs[2].text.startswith("1-1-3　市役所として")
    assert paragraphs[2].text.endswith("徹底されている。\t(東村山市)")
    # Section 3 has no topic headings: its cases are numbered in its one implicit topic.
    assert [p.text.split("　")[0] for p in paragraphs][-8 - 8 : -8][0] == "3-1-1"


def _run_style(run: etree._Element) -> str | None:
    style = run.find(f"{{{W}}}rPr/{{{W}}}rStyle")
    return None if style is None else style.get(qn("w:val"))


def _case_paragraphs(body: etree._Element) -> list[etree._Element]:
    style = f"{{{W}}}pPr/{{{W}}}pStyle[@{{{W}}}val='ListBullet']"
    return [p for p in body.iter(f"{{{W}}}p") if p.find(style) is not None]


def test_case_paragraph_contract(data: bytes, real_view: View) -> None:
    """Bookmark _RK_<key>, 事例番号 run, text runs, a tab run, attribution runs, bookmark end."""
    body = part(data, "word/document.xml")
    cases = list(real_view.document.cases())
    paragraphs = _case_paragraphs(body)
    assert len(paragraphs) == len(cases)
    for case, paragraph in zip(cases, paragraphs, strict=True):
        start, *runs, end = [c for c in paragraph if etree.QName(c).localname != "pPr"]
        assert etree.QName(start).localname == "bookmarkStart"
        assert etree.QName(end).localname == "bookmarkEnd"
        assert start.get(qn("w:id")) == end.get(qn("w:id"))
        assert start.get(qn("w:name")) == f"_RK_{case.key}"
        assert {etree.QName(r).localname for r in runs} == {"r"}
        styles_of = [_run_style(r) for r in runs]
        assert styles_of[0] == "CaseNumber" and "".join(runs[0].itertext()) == f"{case.id}　"
        tab = next(i for i, r in enumerate(runs) if r.find(f"{{{W}}}tab") is not None)
        assert [etree.QName(c).localname for c in runs[tab]] == ["tab"]  # a run of its own
        breaks = [i for i, r in enumerate(runs) if r.find(f"{{{W}}}br") is not None]
        assert breaks in ([], [tab - 1])  # a soft break, if any, directly before the tab
        if breaks:
            assert [etree.QName(c).localname for c in runs[tab - 1]] == ["br"]
            assert runs[tab - 1].find(f"{{{W}}}br").get(qn("w:type")) is None  # a line break
        assert set(styles_of[1:tab]) <= {None, "CaseEmphasis"}
        assert set(styles_of[tab + 1 :]) <= {"Attribution", "AttributionEmphasis"}
        assert "".join(t for r in runs[tab + 1 :] for t in r.itertext()) == case.attribution.text
    ids = [b.get(qn("w:id")) for b in body.iter(f"{{{W}}}bookmarkStart")]
    assert len(ids) == len(set(ids))


def test_case_bookmark_is_the_key_of_the_source_words(data: bytes) -> None:
    """1-1-1's key, derived by hand from its source line: words and actor, markup removed."""
    line = source_case_lines()[0]
    words = line.removeprefix("- ").replace("**", "")
    text, actor = words.removesuffix("【鳥羽市】"), "鳥羽市"
    first = _case_paragraphs(part(data, "word/document.xml"))[0]
    name = first.find(f"{{{W}}}bookmarkStart").get(qn("w:name"))
    assert name == f"_RK_{derive_key(text, actor)}"
    assert re.fullmatch(r"_RK_k[0-9a-f]{10}", name)


def test_case_number_style_and_right_tab_stop(word: WordDocument, data: bytes) -> None:
    number = word.styles["事例番号"]
    assert number.type == WD_STYLE_TYPE.CHARACTER and number.style_id == "CaseNumber"
    styles_xml = part(data, "word/styles.xml")
    stops = styles_xml.findall(
        f"{{{W}}}style[@{{{W}}}styleId='ListBullet']/{{{W}}}pPr/{{{W}}}tabs/{{{W}}}tab"
    )
    assert [(t.get(qn("w:val")), t.get(qn("w:pos"))) for t in stops] == [
        ("right", str(TEXT_WIDTH_TWIPS))
    ]


def test_an_attribution_without_room_on_the_last_line_starts_its_own(
    word: WordDocument,
) -> None:
    """Lines hold 41.7 em (437.85 pt less the ○ indent, at 10.5 pt), counted by hand.

    1-5-2 is one line: 1-5-2　 at 8 pt (2.7 em), 35 full-width characters and 1 with its
    two quarter-em spaces (36 em); 【仙台市、川崎市】 needs 8 more. 1-1-1 ends on
    「込んで、…を行う。」 (23 em) and 1-6-2 on 「れる。」: their attributions fit beside.
    """
    by_id = {p.text.split("　")[0]: p.text for p in styled(word, "List Bullet")}
    assert by_id["1-5-2"].endswith("設置。\n\t【仙台市、川崎市】")
    assert by_id["1-1-1"].endswith("を行う。\t【鳥羽市】")
    assert by_id["1-6-2"].endswith("挙げられる。\t【駒ヶ根市】")
    assert sum("\n" in text for text in by_id.values()) < len(by_id) // 4


def _emphasis_mask(case: Case) -> list[bool]:
    mask = [run.emphasis for run in case.runs for _ in run.text]
    return mask + [case.attribution.emphasis] * len(case.attribution.text)


def _styled_mask(paragraph: Paragraph) -> list[bool]:
    """Emphasis per character of the text and attribution (number run and tab left out)."""
    runs = [r for r in paragraph.runs[1:] if r.text not in ("\t", "\n")]
    return [
        run.style is not None and run.style.name in EMPHASIS_STYLES
        for run in runs
        for _ in run.text
    ]


def test_emphasis_runs_carry_the_emphasis_style_at_the_source_spans(
    word: WordDocument, real_view: View
) -> None:
    cases = list(real_view.document.cases())
    paragraphs = styled(word, "List Bullet")
    for case, paragraph in zip(cases, paragraphs, strict=True):
        assert _styled_mask(paragraph) == _emphasis_mask(case), case.id
    # Spans checked against the source text itself, not only against the model.
    first = [r.text for r in paragraphs[0].runs if r.style.name == "強調"]
    assert first == ["制度施行により生活困窮の相談のハードルが下がった"]
    two_pieces = next(p for p in paragraphs if "　複雑な問題を抱える" in p.text)
    assert [r.text for r in two_pieces.runs if r.style.name == "強調"] == [
        "相談者のニーズに迅速に対応するため、日払いや寮付といった求人",
        "就労支援員が独自開拓。",
    ]
    emphasised = sum(line.count("**") for line in source_case_lines()) // 2
    spans = 0
    for paragraph in paragraphs:
        flags = [
            r.style.name in EMPHASIS_STYLES for r in paragraph.runs if r.text not in ("\t", "\n")
        ]
        spans += sum(1 for i, flag in enumerate(flags) if flag and not (i and flags[i - 1]))
    assert emphasised == spans


def test_attribution_has_its_own_character_style(word: WordDocument, real_view: View) -> None:
    cases = list(real_view.document.cases())
    for case, paragraph in zip(cases, styled(word, "List Bullet"), strict=True):
        last = paragraph.runs[-1]
        assert last.text == case.attribution.text
        assert last.style.name == ("出典（強調）" if case.attribution.emphasis else "出典")
        assert all(r.style.name not in ATTRIBUTION_STYLES for r in paragraph.runs[:-1])
    kochi = next(p for p in styled(word, "List Bullet") if p.text.endswith("【高知市】"))
    assert kochi.runs[-1].style.name == "出典（強調）"  # **…【高知市】** in the source


def test_character_styles_are_real_styles(word: WordDocument) -> None:
    emphasis = word.styles["強調"]
    assert emphasis.type == WD_STYLE_TYPE.CHARACTER
    assert emphasis.font.bold and emphasis.font.underline
    assert word.styles["出典"].type == WD_STYLE_TYPE.CHARACTER
    attribution_emphasis = word.styles["出典（強調）"]
    assert attribution_emphasis.base_style.name == "出典" and attribution_emphasis.font.bold
    assert word.styles["List Bullet"].type == WD_STYLE_TYPE.PARAGRAPH
    assert word.styles["List Bullet"].style_id == "ListBullet"


def test_no_direct_formatting_in_the_body(data: bytes) -> None:
    """Paragraphs name a style and nothing else; runs name a character style or nothing."""
    body = part(data, "word/document.xml")
    for ppr in body.iter(f"{{{W}}}pPr"):
        assert [etree.QName(c).localname for c in ppr] == ["pStyle"]
    for rpr in body.iter(f"{{{W}}}rPr"):
        assert [etree.QName(c).localname for c in rpr] == ["rStyle"]


def test_case_list_is_a_real_bullet_list(data: bytes, word: WordDocument) -> None:
    numbering = part(data, "word/numbering.xml")
    ppr = word.styles["List Bullet"].element.pPr
    num_id = ppr.numPr.numId.val
    num = numbering.find(f"{{{W}}}num[@{{{W}}}numId='{num_id}']")
    abstract_id = num.find(f"{{{W}}}abstractNumId").get(qn("w:val"))
    level = numbering.find(f"{{{W}}}abstractNum[@{{{W}}}abstractNumId='{abstract_id}']/{{{W}}}lvl")
    assert level.find(f"{{{W}}}numFmt").get(qn("w:val")) == "bullet"
    assert level.find(f"{{{W}}}lvlText").get(qn("w:val")) == "○"


# -- page, fonts, language ---------------------------------------------------------------


def test_every_section_is_a4_portrait(word: WordDocument) -> None:
    assert len(word.sections) >= 1
    for section in word.sections:
        assert section.orientation == WD_ORIENT.PORTRAIT
        assert abs(section.page_width.mm - 210) < 0.1
        assert abs(section.page_height.mm - 297) < 0.1
        assert abs(section.top_margin.mm - 30) < 0.1
        assert abs(section.bottom_margin.mm - 25) < 0.1
        assert abs(section.left_margin.mm - 25) < 0.1
        assert abs(section.right_margin.mm - 25) < 0.1


def _fonts_of(styles_xml: etree._Element, style_id: str) -> etree._Element:
    found = styles_xml.find(f"{{{W}}}style[@{{{W}}}styleId='{style_id}']/{{{W}}}rPr/{{{W}}}rFonts")
    assert found is not None, style_id
    return found


def test_styles_xml_names_the_east_asian_fonts_and_language(data: bytes) -> None:
    styles_xml = part(data, "word/styles.xml")
    defaults = styles_xml.find(f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr")
    fonts = defaults.find(f"{{{W}}}rFonts")
    assert fonts.get(qn("w:eastAsia")) == "游明朝"
    assert fonts.get(qn("w:hint")) == "eastAsia"
    assert defaults.find(f"{{{W}}}lang").get(qn("w:eastAsia")) == "ja-JP"
    assert _fonts_of(styles_xml, "Normal").get(qn("w:eastAsia")) == "游明朝"
    for heading in ("Title", "Heading1", "Heading2"):
        assert _fonts_of(styles_xml, heading).get(qn("w:eastAsia")) == "游ゴシック"
    for style in styles_xml.iter(f"{{{W}}}style"):
        if style.get(qn("w:type")) == "paragraph":
            lang = style.find(f"{{{W}}}rPr/{{{W}}}lang")
            assert lang is not None and lang.get(qn("w:eastAsia")) == "ja-JP", style.get(
                qn("w:styleId")
            )
    # Theme fonts would override the explicit ones: none may remain.
    assert not [f for f in styles_xml.iter(f"{{{W}}}rFonts") if any("Theme" in k for k in f.attrib)]


def test_fonts_are_configurable(real_view: View) -> None:
    view = real_view.model_copy(
        update={"fonts": Fonts(word_body="BIZ UD明朝", word_heading="BIZ UDゴシック")}
    )
    data = render(view)
    styles_xml = part(data, "word/styles.xml")
    assert _fonts_of(styles_xml, "Normal").get(qn("w:eastAsia")) == "BIZ UD明朝"
    assert _fonts_of(styles_xml, "Heading1").get(qn("w:eastAsia")) == "BIZ UDゴシック"
    names = [f.get(qn("w:name")) for f in part(data, "word/fontTable.xml")]
    assert "BIZ UD明朝" in names and "BIZ UDゴシック" in names
    assert b"\xe6\xb8\xb8\xe6\x98\x8e\xe6\x9c\x9d" not in zipfile.ZipFile(io.BytesIO(data)).read(
        "word/styles.xml"
    )  # 游明朝 is gone


# -- furniture ---------------------------------------------------------------------------


def _instructions(element: etree._Element) -> list[str]:
    return [t.text.strip() for t in element.iter(f"{{{W}}}instrText")]


def test_first_page_has_its_own_header_with_the_number_only_there(
    data: bytes, word: WordDocument
) -> None:
    """w:titlePg: page 1 names the meeting and boxes 資料3; later pages carry the title."""
    section = word.sections[0]
    assert section._sectPr.find(qn("w:titlePg")) is not None
    assert section.different_first_page_header_footer
    first = section.first_page_header.paragraphs
    assert [p.text for p in first] == ["主管課長会議\t\t資料3"]
    assert first[0].runs[-1].style.name == "資料番号" and first[0].runs[-1].text == "資料3"
    running = section.header.paragraphs
    assert [p.text for p in running] == ["自治体における様々な取組事例\t\t主管課長会議"]
    assert not any(r.style is not None and r.style.name == "資料番号" for r in running[0].runs)
    for footer in (section.first_page_footer, section.footer):
        assert _instructions(footer._element) == ["PAGE"]
        assert footer.paragraphs[0].text == "- 1 -"  # the field's result until it updates
    assert len(word.sections) == 1
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        headers = [n for n in package.namelist() if re.fullmatch(r"word/header\d+\.xml", n)]
    assert len(headers) == 2 and not any(_instructions(part(data, h)) for h in headers)


def test_contents_link_every_heading_and_ask_for_no_update(data: bytes, word: WordDocument) -> None:
    """A TOC field Word can update on request; until then every entry links to its heading."""
    body = part(data, "word/document.xml")
    assert _instructions(body) == [r'TOC \o "1-2" \h \z \u']
    assert not [c for c in body.iter(f"{{{W}}}fldChar") if c.get(qn("w:dirty"))]
    assert part(data, "word/settings.xml").find(f"{{{W}}}updateFields") is None
    names = [p.style.name for p in word.paragraphs]
    begin = next(
        i
        for i, p in enumerate(word.paragraphs)
        if p._p.find(f".//{{{W}}}fldChar[@{{{W}}}fldCharType='begin']") is not None
    )
    assert names.index("Title") < names.index("Date") < names.index("TOC Heading") < begin
    assert begin < names.index("Heading 1")
    entries = [p for p in word.paragraphs if p.style.name in {"toc 1", "toc 2"}]
    texts = [p.text for p in entries]
    assert texts[:2] == ["集計", "1．新規相談・プラン作成"] and "（6）プラン作成" in texts
    assert not [t for t in texts if re.search(r"\t|\d+$", t)]  # no page numbers to go stale
    headings = {
        b.get(qn("w:name")): "".join(b.getparent().itertext())
        for b in body.iter(f"{{{W}}}bookmarkStart")
        if not b.get(qn("w:name")).startswith("_RK_")
    }
    heading_styles = {"集計見出し", "Heading 1", "Heading 2"}
    assert len(headings) == sum(1 for p in word.paragraphs if p.style.name in heading_styles)
    for entry in entries:
        (link,) = entry._p.findall(f"{{{W}}}hyperlink")
        assert headings[link.get(qn("w:anchor"))] == entry.text
    assert len(entries) == len(headings)


def test_contents_say_how_to_use_them(word: WordDocument) -> None:
    notes = [p.text for p in styled(word, "注記（小）")]
    assert notes[0].startswith("※項目名から本文へ移動できる。ページ番号は")
    assert not [n for n in notes if "全国版と同じ番号" in n]  # the whole collection skips none


def test_settings_are_japanese_and_claim_nothing(data: bytes) -> None:
    settings = part(data, "word/settings.xml")
    spacing = settings.find(f"{{{W}}}characterSpacingControl")
    assert spacing.get(qn("w:val")) == "compressPunctuation"
    assert settings.find(f"{{{W}}}proofState") is None  # spelling was never checked
    assert settings.find(f"{{{W}}}savePreviewPicture") is None
    assert settings.find(f"{{{W}}}updateFields") is None  # Word would prompt on opening
    # A justified line ending in a soft break keeps its spacing (see case.py).
    compat = settings.find(f"{{{W}}}compat")
    assert etree.QName(compat[0]).localname == "doNotExpandShiftReturn"  # schema order


def test_title_block_has_title_date_issuer_and_note(word: WordDocument) -> None:
    assert [p.text for p in styled(word, "Title")] == ["自治体における様々な取組事例"]
    assert [p.text for p in styled(word, "Subtitle")] == ["様々な取組事例"]
    assert [p.text for p in styled(word, "Date")] == ["令和8年11月26日"]
    assert [p.text for p in styled(word, "発信元")] == [
        "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室"
    ]
    notes = [p.text for p in styled(word, "注記")]
    assert len(notes) == 1 and notes[0].startswith("※厚生労働省生活困窮者自立支援室において")


def _cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_summary_table_of_cases_per_topic(word: WordDocument, real_view: View) -> None:
    rows = _cells(word.tables[0])
    assert rows[0] == ["項目", "中項目", "事例数"]
    body, total = rows[1:-1], rows[-1]
    topics = list(real_view.document.topics())
    assert [int(r[2]) for r in body] == [len(t.cases) for _, t in topics]
    assert body[0][:2] == ["1．新規相談・プラン作成", "（1）相談機関としての役割"]
    assert body[1][0] == "1．新規相談・プラン作成"  # merged cell spans the section
    assert ["3．支援における関係機関連携", "―", "8"] in body
    assert total[0] == "合計" and total[-1] == "61"


def test_summary_table_of_actors_per_section(word: WordDocument, real_view: View) -> None:
    rows = _cells(word.tables[1])
    assert rows[0] == ["項目", "事例数", "団体数"]
    sections = real_view.document.sections
    assert len(rows) == 1 + 2 * len(sections)
    for index, section in enumerate(sections):
        counts, names = rows[1 + 2 * index], rows[2 + 2 * index]
        assert counts[:2] == [f"{section.number}．{section.title}", str(len(section.cases))]
        assert len(set(names)) == 1  # one cell spanning the row
        listed = names[0].split("、")
        assert len(listed) == int(counts[2]) == len(set(listed))
    # Section 4 names seven prefectures; 団体コード order is 08 < 11 < 20 < 27 < 31 < 43 < 44.
    assert rows[8][0] == "茨城県、埼玉県、長野県、大阪府、鳥取県、熊本県、大分県"
    assert rows[2][0].split("、")[:2] == ["宮城県", "仙台市"]  # a prefecture first
    assert rows[5][2] == "11"  # section 3: 11 actors named in its 8 cases


def test_block_table_only_for_a_block_handout(word: WordDocument, real_view: View) -> None:
    assert len(word.tables) == 2
    national = dict.fromkeys(real_view.blocks, 0) | {"東北": 12}
    view = real_view.model_copy(update={"national": national})
    rows = _cells(docx.Document(io.BytesIO(render(view))).tables[2])
    assert rows[0] == ["ブロック", "本資料の事例数", "全国の事例数"]
    assert [r[0] for r in rows[1:]] == list(real_view.blocks)
    tohoku = next(r for r in rows if r[0] == "東北")
    assert tohoku[2] == "12"
    # 東北 cases counted by hand in the source: 宮城県 1, 仙台市 3 (one shared with 川崎市),
    # 酒田市 2, いわき市 1, 宮古市 1, 石巻市 1, 山形県 1.
    assert tohoku[1] == "10"


def test_one_page_break_before_the_summary_from_its_style(data: bytes, word: WordDocument) -> None:
    """集計 starts page 2 through its style; the sections run on (no break, no empty lines)."""
    body = part(data, "word/document.xml")
    assert not [b for b in body.iter(f"{{{W}}}br") if b.get(qn("w:type")) == "page"]
    assert not [p for p in word.paragraphs if not p.text and p.style.name == "Normal"]
    breaking = [
        style.get(qn("w:styleId"))
        for style in part(data, "word/styles.xml").iter(f"{{{W}}}style")
        if style.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore") is not None
    ]
    assert breaking == ["SummaryHeading"]
    summary = word.styles["集計見出し"]
    assert summary.base_style.name == "Heading 1"
    assert summary.paragraph_format.page_break_before
    assert not word.styles["Heading 1"].paragraph_format.page_break_before
    assert [p.style.name for p in word.paragraphs].count("集計見出し") == 1


def test_counts_tables_say_how_groups_and_open_lists_count(word: WordDocument) -> None:
    """表2's notes: 静岡県内7市 (line 85) is one 団体; lines 71, 114, 126 end in 等 or 等多数."""
    notes = [p.text for p in styled(word, "注記（小）")]
    assert "※静岡県内7市は、団体名が示されていないため、まとめて1団体として数える。" in notes
    (open_list,) = [n for n in notes if "「等」「等多数」" in n]
    assert open_list.endswith("該当する事例：2-2-3、3-1-2、4-1-1")
    overview = [p.text for p in word.paragraphs if p.text.startswith("本資料には")]
    assert overview == ["本資料には4項目・17分類の取組事例61件（52団体）を収める。"]
    # 52 団体: the distinct names of 表2's lists, counted here from the lists themselves.
    names = {n for row in _cells(word.tables[1])[2::2] for n in row[0].split("、")}
    assert len(names) == 52


def test_block_table_says_cases_count_in_several_blocks(
    word: WordDocument, real_view: View
) -> None:
    view = real_view.model_copy(update={"national": dict.fromkeys(real_view.blocks, 1)})
    other = docx.Document(io.BytesIO(render(view)))
    body = other.element.body
    table = other.tables[2]._tbl
    after = table.getnext()
    assert Paragraph(after, other._body).text == (
        "※複数の団体による事例は、それぞれの団体のブロック・都道府県に数えているため、"
        "ブロック別・都道府県別の件数の合計は事例数と一致しない。"
    )
    assert body.index(after) == body.index(table) + 1


# -- block edition -----------------------------------------------------------------------


def test_block_edition_counts_its_own_and_other_local_governments(kanto: WordDocument) -> None:
    """The issue's count, checked by hand against 表2's lists below."""
    overview = [p.text for p in kanto.paragraphs if p.text.startswith("本資料には")]
    assert overview == [
        "本資料には4項目・15分類の取組事例23件（関東信越の17団体、ほか8団体）を収める。"
    ]
    rows = _cells(kanto.tables[1])
    assert rows[0] == ["項目", "事例数", "関東信越の団体数", "ほかの団体数"]
    # Section 3 in this edition: 3-1-2 【埼玉県、神奈川県、大阪府、大分県等】 and 3-1-5 【富津市】.
    assert rows[5] == ["3．支援における関係機関連携", "2", "3", "2"]
    local, elsewhere = rows[6][0].split("\n")
    assert local == "埼玉県、富津市、神奈川県"
    assert elsewhere == "関東信越以外の団体：大阪府、大分県"
    own = {n for row in rows[2::2] for n in row[0].split("\n")[0].split("、")}
    others = {
        n
        for row in rows[2::2]
        for line in row[0].split("\n")[1:]
        for n in line.removeprefix("関東信越以外の団体：").split("、")
    }
    assert len(own) == 17 and len(others) == 8 and not own & others
    assert others == {
        "仙台市",
        "浜松市",
        "名古屋市",
        "京都市",
        "大阪府",
        "大分県",
        "鳥取県",
        "熊本県",
    }


def test_block_edition_notes_co_actors_numbers_and_multiple_counting(kanto: WordDocument) -> None:
    notes = [p.text for p in styled(kanto, "注記（小）")]
    assert (
        "※項目番号・事例番号は全国版と同じ番号を用いているため、"
        "この資料に含まれない項目・事例の番号は欠けている。"
    ) in notes
    assert [n for n in notes if n.startswith("※関東信越以外の団体は、関東信越の団体と共同で")]
    assert [n for n in notes if n.startswith("※複数の団体による事例は")]
    (numbers,) = [i for i, p in enumerate(kanto.paragraphs) if "全国版と同じ番号" in p.text]
    toc = [i for i, p in enumerate(kanto.paragraphs) if p.style.name in {"toc 1", "toc 2"}]
    assert toc[-1] < numbers < [p.style.name for p in kanto.paragraphs].index("集計見出し")


def test_block_edition_keeps_the_national_numbers(kanto: WordDocument) -> None:
    """関東信越 has no case in 2.(3) or 2.(5): the topic numbers skip, as in the PDF."""
    topics = [p.text for p in styled(kanto, "Heading 2")]
    assert "（2）就労準備支援事業" in topics and "（4）一時生活支援事業の広域実施" in topics
    assert not [t for t in topics if t.startswith(("（3）家計", "（5）住居"))]
    numbers = [p.text.split("　")[0] for p in styled(kanto, "List Bullet")]
    assert numbers[:3] == ["1-1-2", "1-1-3", "1-2-2"]  # tests/test_meetings.py: KANTO_SHINETSU
    assert len(numbers) == 23


def test_block_edition_header_numbers_page_one_only(kanto: WordDocument) -> None:
    section = kanto.sections[0]
    assert [p.text for p in section.first_page_header.paragraphs] == [
        "関東信越ブロック会議\t\t資料2"
    ]
    assert [p.text for p in section.header.paragraphs] == [
        "自治体における様々な取組事例\t\t関東信越ブロック会議"
    ]


# -- metadata and determinism ------------------------------------------------------------


def test_core_properties(word: WordDocument) -> None:
    properties = word.core_properties
    when = datetime.fromtimestamp(EPOCH, UTC).replace(tzinfo=None)
    assert properties.title == "自治体における様々な取組事例"
    assert properties.subject == "主管課長会議 資料3"
    assert properties.author == "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室"
    assert properties.language == "ja-JP"
    assert properties.revision == 1
    for stamp in (properties.created, properties.modified, properties.last_printed):
        assert stamp.replace(tzinfo=None) == when


def test_long_properties_are_cut_with_an_ellipsis(real_view: View) -> None:
    """Word keeps 255 characters of a text property; python-docx refuses more."""
    title = "長い表題" * 80  # 320 characters
    document = real_view.document.model_copy(update={"title": title})
    meeting = real_view.meeting.model_copy(update={"organisation": "課" * 300})
    view = real_view.model_copy(update={"document": document, "meeting": meeting})
    properties = docx.Document(io.BytesIO(render(view))).core_properties
    assert properties.title == title[:254] + "…" and len(properties.title) == 255
    assert properties.author == "課" * 254 + "…"
    assert properties.last_modified_by == properties.author
    short = docx.Document(io.BytesIO(render(real_view))).core_properties
    assert short.title == "自治体における様々な取組事例"  # no ellipsis when it fits


def test_no_template_leftovers_or_volatile_content(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        assert names[0] == "[Content_Types].xml"
        assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n]
        assert not [n for n in names if n.startswith("customXml")]
        stamp = datetime.fromtimestamp(EPOCH, UTC).timetuple()[:6]
        assert {info.date_time for info in package.infolist()} == {stamp}
        for name in names:
            text = package.read(name)
            assert b"python-docx" not in text, name
            assert b"Macintosh" not in text, name
    app = part(data, "docProps/app.xml")
    assert app.findtext("{*}Application") == "reportkit"
    assert app.find("{*}Pages") is None  # Word counts pages itself; no stale count


def test_two_builds_are_byte_identical(real_view: View, data: bytes) -> None:
    again = render(real_view.model_copy(deep=True))
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(data).hexdigest()


def test_the_timestamp_comes_from_the_view(real_view: View, data: bytes) -> None:
    later = real_view.model_copy(update={"timestamp": datetime(2027, 1, 5, 3, 0, tzinfo=UTC)})
    other = docx.Document(io.BytesIO(render(later)))
    assert other.core_properties.created == datetime(2027, 1, 5, 3, 0, tzinfo=UTC)
    assert render(later) != data


# -- LibreOffice -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def libreoffice_text(data: bytes, tmp_path_factory: pytest.TempPathFactory) -> str:
    """Convert the briefing once per module; a private profile keeps parallel runs apart."""
    work = tmp_path_factory.mktemp("soffice")
    source = work / "briefing.docx"
    source.write_bytes(data)
    return libreoffice_pdf_text(source)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.tools("soffice", "pdftotext")
def test_libreoffice_converts_it_and_shows_every_case(
    libreoffice_text: str, real_view: View
) -> None:
    text = _squash(libreoffice_text)
    missing = [c.id for c in real_view.document.cases() if _squash(c.full_text) not in text]
    assert not missing
    for section in real_view.document.sections:
        assert _squash(section.title) in text
    assert "資料3" in text and "令和8年11月26日" in text


@pytest.fixture(scope="module")
def kanto_libreoffice_text(kanto_data: bytes, tmp_path_factory: pytest.TempPathFactory) -> str:
    work = tmp_path_factory.mktemp("soffice-kanto")
    source = work / "kanto.docx"
    source.write_bytes(kanto_data)
    return libreoffice_pdf_text(source)


def _pages(text: str) -> list[list[str]]:
    """Each page's non-blank lines, spaces squashed (pdftotext splits 資料3 into 資料 3)."""
    pages = [[_squash(line) for line in page.splitlines()] for page in text.split("\f")]
    return [[line for line in page if line] for page in pages if any(page)]


@pytest.mark.tools("soffice", "pdftotext")
@pytest.mark.parametrize(
    ("edition", "meeting", "number"),
    [("national", "主管課長会議", "資料3"), ("kanto", "関東信越ブロック会議", "資料2")],
)
def test_libreoffice_shows_the_number_on_page_one_and_the_title_after(
    edition: str, meeting: str, number: str, request: pytest.FixtureRequest
) -> None:
    fixture = "libreoffice_text" if edition == "national" else "kanto_libreoffice_text"
    first, *later = _pages(request.getfixturevalue(fixture))
    assert first[0] == meeting + number  # the header, then the title block
    assert first[1] == "自治体における様々な取組事例"
    assert later
    for page in later:
        assert page[0] == "自治体における様々な取組事例" + meeting
        assert not [line for line in page if number in line]


@pytest.mark.tools("soffice", "pdftotext")
def test_libreoffice_puts_the_summary_on_page_two_and_runs_the_sections_on(
    libreoffice_text: str, real_view: View
) -> None:
    """Page 1: title and contents; page 2 starts with 集計; no section forces a new page.

    Seen in the render: section 1 follows the summary tables on page 2, sections 2 and 3
    start part-way down a page (6 pages where a page per section made 8).
    """
    pages = _pages(libreoffice_text)
    sections = [_squash(f"{s.number}．{s.title}") for s in real_view.document.sections]
    first, second, *later = pages
    assert "目次" in first and "集計" in first  # the contents' entry, not the heading
    assert not [line for line in first if line.startswith("○")]  # no case on page 1
    assert second[1] == "集計"  # after the running header
    assert sections[0] in second
    for heading in sections[1:3]:
        (page,) = [page for page in later if heading in page]
        assert page.index(heading) > 1, heading  # below cases, not at the top of a page


def _line_ends(pdf: Path) -> list[tuple[str, float]]:
    """Each text line of the PDF: its words joined, and where it ends (pt)."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    lines = etree.fromstring(boxes).iter("{*}line")
    return [
        ("".join(w.text or "" for w in words), float(words[-1].get("xMax")))
        for words in ([w for w in line.iter("{*}word")] for line in lines)
        if words
    ]


@pytest.mark.tools("soffice", "pdftotext")
@pytest.mark.parametrize("edition", ["national", "kanto"])
def test_libreoffice_sets_every_attribution_whole_and_flush_right(
    edition: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each case's attribution ends a line of LibreOffice's PDF, whole, at 185 mm.

    A line that ends with an attribution is matched to the longest attribution it ends
    with; in reading order they are exactly the cases' (none broken like 【八王子 / 市】).
    """
    fixture = "libreoffice_text" if edition == "national" else "kanto_libreoffice_text"
    request.getfixturevalue(fixture)
    name = "soffice*/briefing.pdf" if edition == "national" else "soffice-kanto*/kanto.pdf"
    pdf = next(tmp_path_factory.getbasetemp().glob(name))
    view = request.getfixturevalue("real_view" if edition == "national" else "kanto_view")
    cases = list(view.document.cases())
    attributions = sorted({c.attribution.text for c in cases}, key=len, reverse=True)
    placed = [
        (next(a for a in attributions if text.endswith(a)), end)
        for text, end in _line_ends(pdf)
        if any(text.endswith(a) for a in attributions)
    ]
    assert [a for a, _ in placed] == [c.attribution.text for c in cases]
    assert len(placed) == (61 if edition == "national" else 23)
    assert all(abs(end - RIGHT_EDGE_PT) < 1.5 for _, end in placed), placed
    if edition == "national":
        # 1-5-3's last line of text, before 【いわき市】 on its own line, holds 36
        # full-width characters and a 1: set at its natural spacing, it stops about 5 em
        # short of the margin instead of being spread to it.
        (end,) = [end for text, end in _line_ends(pdf) if text.endswith("することとした。")]
        assert end < RIGHT_EDGE_PT - 3 * 10.5


# -- command line ------------------------------------------------------------------------


cli = run_cli


SMALL = (
    "表題\n\n"
    "1. 相談\n\n"
    "(窓口)\n\n"
    "- **A&B<C>** を実施。【鳥羽市】\n"
    "- 出張相談\tを実施。【仙台市、川崎市】\n"
)


def test_cli_builds_the_briefing_twice_identically(tmp_path: Path) -> None:
    source = tmp_path / "small.md"
    source.write_text(SMALL, encoding="utf-8")
    digests = []
    for name in ("one", "two"):
        done = cli("build", "--format", "docx", "--source", str(source), "--output-dir", name,
                   cwd=tmp_path)  # fmt: skip
        assert done.returncode == 0, done.stderr
        digests.append(hashlib.sha256((tmp_path / name / "small.docx").read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    word = docx.Document(str(tmp_path / "one" / "small.docx"))
    cases = [p for p in word.paragraphs if p.style.name == "List Bullet"]
    assert [p.text for p in cases] == [
        "1-1-1　A&B<C> を実施。\t【鳥羽市】",
        "1-1-2　出張相談\tを実施。\n\t【仙台市、川崎市】",  # a tab in the text: own line
    ]
    assert [r.text for r in cases[0].runs if r.style.name == "強調"] == ["A&B<C>"]


def test_cli_refuses_a_control_character_and_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "bad.md"
    source.write_text(SMALL.replace("出張相談", "出張\x0b相談"), encoding="utf-8")
    output = tmp_path / "out"
    done = cli("build", "--format", "docx", "--source", str(source), "--output-dir", str(output))
    assert done.returncode == 1
    assert f"{source}:8:" in done.stderr and "U+000B" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(output.glob("*.docx")) and not list(output.glob(".*.tmp"))


def test_cli_refuses_a_control_character_from_a_json_source(tmp_path: Path) -> None:
    """The JSON reader refuses it too, naming the line of the JSON file it is on."""
    source = tmp_path / "small.md"
    source.write_text(SMALL, encoding="utf-8")
    as_json = tmp_path / "small.json"
    assert cli("convert", str(source), "--to", "json", "-o", str(as_json)).returncode == 0
    as_json.write_text(
        as_json.read_text(encoding="utf-8").replace("出張相談", "出張\\u000b相談"),
        encoding="utf-8",
    )
    lines = as_json.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "出張\\u000b相談" in text)
    output = tmp_path / "out"
    done = cli("build", "--format", "docx", "--source", str(as_json), "--output-dir", str(output))
    assert done.returncode == 1
    assert f"{as_json}:{line}:" in done.stderr and "character U+000B is not allowed" in done.stderr
    assert "Traceback" not in done.stderr and not list(output.glob("*.docx"))


def test_each_style_is_defined_once(word: WordDocument) -> None:
    ids = [style.style_id for style in word.styles]
    assert len(ids) == len(set(ids))
