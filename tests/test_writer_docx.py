"""The Word briefing: read back with python-docx, the raw parts, LibreOffice and the CLI."""

from __future__ import annotations

import hashlib
import io
import re
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

from reportkit.model import Case
from reportkit.view import Fonts, View
from reportkit.writers.docx import render

from .conftest import EPOCH, REAL_SOURCE, libreoffice_pdf_text, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
EMPHASIS_STYLES = {"強調", "出典（強調）"}
ATTRIBUTION_STYLES = {"出典", "出典（強調）"}


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
    cases = list(real_view.document.cases())
    paragraphs = styled(word, "List Bullet")
    assert [p.text for p in paragraphs] == [c.text + c.attribution.text for c in cases]
    assert len(paragraphs) == len(source_case_lines()) == 61
    assert paragraphs[0].text.endswith("介護サービス事業所に制度周知等を行う。【鳥羽市】")
    assert paragraphs[2].text.endswith("徹底されている。(東村山市)")


def _emphasis_mask(case: Case) -> list[bool]:
    mask = [run.emphasis for run in case.runs for _ in run.text]
    return mask + [case.attribution.emphasis] * len(case.attribution.text)


def _styled_mask(paragraph: Paragraph) -> list[bool]:
    return [
        run.style is not None and run.style.name in EMPHASIS_STYLES
        for run in paragraph.runs
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
    two_pieces = next(p for p in paragraphs if p.text.startswith("複雑な問題を抱える"))
    assert [r.text for r in two_pieces.runs if r.style.name == "強調"] == [
        "相談者のニーズに迅速に対応するため、日払いや寮付といった求人",
        "就労支援員が独自開拓。",
    ]
    emphasised = sum(line.count("**") for line in source_case_lines()) // 2
    assert emphasised == sum(
        1
        for p in paragraphs
        for i, r in enumerate(p.runs)
        if r.style.name in EMPHASIS_STYLES
        and not (i and p.runs[i - 1].style.name in EMPHASIS_STYLES)
    )


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


def test_header_names_meeting_and_number_footer_has_page_field(
    data: bytes, word: WordDocument
) -> None:
    for section in word.sections:
        header = section.header.paragraphs[0]
        assert header.text.startswith("主管課長会議") and header.text.endswith("資料3")
        assert header.runs[-1].style.name == "資料番号"
        assert _instructions(section.footer._element) == ["PAGE"]
    assert not _instructions(part(data, "word/header1.xml"))


def test_contents_field_follows_the_title_block_and_updates_on_open(
    data: bytes, word: WordDocument
) -> None:
    body = part(data, "word/document.xml")
    assert _instructions(body) == [r'TOC \o "1-2" \h \z \u']
    names = [p.style.name for p in word.paragraphs]
    begin = next(
        i
        for i, p in enumerate(word.paragraphs)
        if p._p.find(f".//{{{W}}}fldChar[@{{{W}}}fldCharType='begin']") is not None
    )
    assert names.index("Title") < names.index("Date") < names.index("TOC Heading") < begin
    assert begin < names.index("Heading 1")
    entries = [p.text for p in word.paragraphs if p.style.name in {"toc 1", "toc 2"}]
    assert entries[:2] == ["集計", "1．新規相談・プラン作成"] and "（6）プラン作成" in entries
    settings = part(data, "word/settings.xml")
    flag = settings.find(f"{{{W}}}updateFields")
    assert flag is not None and flag.get(qn("w:val")) == "true"


def test_settings_are_japanese_and_claim_nothing(data: bytes) -> None:
    settings = part(data, "word/settings.xml")
    spacing = settings.find(f"{{{W}}}characterSpacingControl")
    assert spacing.get(qn("w:val")) == "compressPunctuation"
    assert settings.find(f"{{{W}}}proofState") is None  # spelling was never checked
    assert settings.find(f"{{{W}}}savePreviewPicture") is None
    names = [etree.QName(child).localname for child in settings]
    assert names.index("updateFields") < names.index("compat")  # schema order


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
        "A&B<C> を実施。【鳥羽市】",
        "出張相談\tを実施。【仙台市、川崎市】",
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

