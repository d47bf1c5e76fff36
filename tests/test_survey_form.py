"""The 照会様式 read back with openpyxl, converted by LibreOffice, and written twice.

Expected lists are computed here from the model and the gazetteer data (not with the
form writer's helpers).
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.cli import main
from reportkit.model import Document
from reportkit.places import gazetteer

from .conftest import EPOCH, REAL_SOURCE, ROOT, libreoffice_pdf_text

HEADERS = [
    "回答団体",
    "大項目",
    "中項目",
    "取組内容",
    "強調したい部分",
    "実施団体",
    "等",
    "担当部署",
    "連絡先",
]
SETTINGS = """\
source = "{source}"
organisation = "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室"
contact = "自立支援係　電話 03-0000-0000（内線 1234）"

[[meeting]]
id = "kanto"
name = "関東信越ブロック会議"
[meeting.select]
blocks = ["関東信越"]
sections = [1, 3]
"""
WRITER_LIBRARIES = ("openpyxl", "docx", "reportlab")


def make_form(tmp_path: Path, *args: str, name: str = "form.xlsx") -> Path:
    settings = tmp_path / "reportkit.toml"
    if not settings.exists():
        settings.write_text(SETTINGS.format(source=REAL_SOURCE.as_posix()), encoding="utf-8")
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["survey", "form", "--settings", str(settings), "-o", str(out), *args]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def form_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_form(tmp_path_factory.mktemp("form"), "--deadline", "2026-12-18")


@pytest.fixture(scope="module")
def book(form_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(form_path)


def named_values(book: openpyxl.Workbook, name: str) -> list[str]:
    """The values of a named range (one column)."""
    (sheet, reference), *_ = list(book.defined_names[name].destinations)
    return [row[0].value for row in book[sheet][reference.replace("$", "")]]


def validations(ws: Worksheet) -> dict[str, object]:
    return {str(v.sqref): v for v in ws.data_validations.dataValidation}


# -- structure -------------------------------------------------------------------------
def test_sheets_and_the_hidden_list(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["記入要領", "回答", "リスト"]
    assert book["リスト"].sheet_state == "hidden"
    assert book["記入要領"].sheet_state == book["回答"].sheet_state == "visible"
    assert book.security.lockStructure


def test_header_and_200_input_rows(book: openpyxl.Workbook) -> None:
    ws = book["回答"]
    assert [c.value for c in ws[1]] == [*HEADERS, "入力チェック"]
    assert ws.max_row == 201
    assert ws.freeze_panes == "A2"
    assert not ws.merged_cells.ranges
    for row in (2, 101, 201):
        assert all(ws.cell(row, c).value is None for c in range(1, 10))
        assert ws.cell(row, 10).data_type == "f"


def test_validations_reference_the_hidden_lists(book: openpyxl.Workbook) -> None:
    found = validations(book["回答"])
    expected = {
        "A2:A201": ("list", "回答団体"),
        "B2:B201": ("list", "大項目"),
        "C2:C201": ("list", 'INDIRECT("中項目_"&MATCH($B2,大項目,0))'),
        "D2:D201": ("textLength", "1000"),
        "E2:E201": ("custom", "ISNUMBER(FIND(E2,$D2))"),
        "F2:F201": ("list", "実施団体"),
        "G2:G201": ("list", '"等,等多数"'),
        "H2:H201": ("textLength", "100"),
        "I2:I201": ("textLength", "100"),
    }
    assert {key: (v.type, v.formula1) for key, v in found.items()} == expected
    for key, validation in found.items():
        assert validation.showErrorMessage and validation.showInputMessage, key
        assert validation.prompt and validation.error, key
        assert len(validation.prompt) <= 255 and len(validation.promptTitle) <= 32
        # the messages are Japanese
        assert any("\u3040" <= c <= "\u30ff" for c in validation.prompt + validation.error)
        assert validation.errorStyle == ("warning" if key == "F2:F201" else None)
    for name in ("大項目", "回答団体", "実施団体", "中項目_1"):
        (sheet, _), *_ = list(book.defined_names[name].destinations)
        assert sheet == "リスト"


def test_topic_lists_match_the_document(book: openpyxl.Workbook, real_document: Document) -> None:
    sections = real_document.sections
    assert named_values(book, "大項目") == [f"{s.number}．{s.title}" for s in sections]
    assert len(sections) == 4 and sections[2].topics[0].implicit
    for position, section in enumerate(sections, start=1):
        titles = ["―" if t.implicit else t.title for t in section.topics]
        assert named_values(book, f"中項目_{position}") == titles
    assert named_values(book, "中項目_1")[0] == "相談機関としての役割"
    assert named_values(book, "中項目_3") == ["―"]


def test_name_lists_are_ranges_of_unambiguous_names(book: openpyxl.Workbook) -> None:
    places = gazetteer.load()
    actors = named_values(book, "実施団体")
    assert len(actors) == len(places.entries) == 1959
    codes = [places.lookup(name).code for name in actors]  # every name names one entry
    assert codes == sorted(codes) and len(set(codes)) == len(codes)
    assert "東京都府中市" in actors and "広島県府中市" in actors and "府中市" not in actors
    respondents = named_values(book, "回答団体")
    wards = sum(1 for e in places.entries if e.kind == "行政区")
    assert len(respondents) == 1959 - wards
    assert "横浜市" in respondents and "横浜市港北区" not in respondents
    assert respondents[0] == "北海道" and "沖縄県" in respondents


def test_protection_input_cells_unlocked(book: openpyxl.Workbook) -> None:
    ws = book["回答"]
    assert ws.protection.sheet and not ws.protection.password
    for row in (2, 201):
        for column in range(1, 10):
            cell = ws.cell(row, column)
            assert cell.protection.locked is False, cell.coordinate
            assert cell.number_format == "@", cell.coordinate  # typed numbers stay text
    assert ws["A1"].protection.locked and ws["J2"].protection.locked
    assert ws["A202"].protection.locked
    assert book["記入要領"].protection.sheet and book["リスト"].protection.sheet


def test_print_setup_and_widths(book: openpyxl.Workbook) -> None:
    ws = book["回答"]
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$1"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    widths = {c: ws.column_dimensions[c].width for c in "ABCDEFGHI"}
    assert widths["D"] >= 40 and widths["G"] <= 8  # 取組内容 wide, 等 narrow
    # each header fits its column: a full-width character is two units
    for index, header in enumerate(HEADERS):
        assert widths["ABCDEFGHI"[index]] >= 2 * len(header) + 2, header
    assert book["記入要領"].page_setup.orientation == "portrait"


def test_guide_says_deadline_contact_and_example(book: openpyxl.Workbook) -> None:
    text = "\n".join(
        str(c.value) for row in book["記入要領"].iter_rows() for c in row if c.value is not None
    )
    assert "令和8年12月18日（金）まで" in text  # 2026-12-18 is a Friday
    assert "自立支援係　電話 03-0000-0000（内線 1234）" in text
    assert "厚生労働省社会・援護局地域福祉課生活困窮者自立支援室" in text
    # the example row is the first case of the source (鳥羽市), with its emphasis; cells
    # of the table carry their own line breaks (禁則, as LibreOffice wraps without it)
    assert "制度施行により生活困窮の相談のハードルが下がった" in text.replace("\n", "")
    assert "鳥羽市" in text and "1．新規相談・プラン作成" in text
    for header in HEADERS:
        assert header in text


def test_survey_mark(book: openpyxl.Workbook) -> None:
    (sheet, reference), *_ = list(book.defined_names["reportkit_survey"].destinations)
    cells = [c.value for row in book[sheet][reference.replace("$", "")] for c in row]
    assert cells == ["reportkit 照会様式 1", "自治体における様々な取組事例", None, None]


# -- options -----------------------------------------------------------------------------
def test_prefecture_limits_the_respondents(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make_form(tmp_path, "--prefecture", "東京都"))
    respondents = named_values(book, "回答団体")
    places = gazetteer.load()
    tokyo = [e for e in places.entries if e.prefecture == "東京都"]
    assert len(respondents) == len(tokyo) == 63  # the prefecture, 23 wards, 26 市, 5 町, 8 村
    assert respondents[0] == "東京都" and "東京都府中市" in respondents
    assert all(places.lookup(name).prefecture == "東京都" for name in respondents)
    assert len(named_values(book, "実施団体")) == 1959  # cases may name any actor
    guide = "".join(str(c.value) for r in book["記入要領"].iter_rows() for c in r if c.value)
    assert "東京都におかれては、管内市区町村の回答も取りまとめてください。" in guide
    assert "依頼文に記載の期限まで" in guide  # no --deadline


def test_meeting_limits_topics_and_respondents(tmp_path: Path, real_document: Document) -> None:
    book = openpyxl.load_workbook(make_form(tmp_path, "--meeting", "kanto"))
    sections = [s for s in real_document.sections if s.number in (1, 3)]
    assert named_values(book, "大項目") == [f"{s.number}．{s.title}" for s in sections]
    kanto = {
        "茨城県",
        "栃木県",
        "群馬県",
        "埼玉県",
        "千葉県",
        "東京都",
        "神奈川県",
        "新潟県",
        "山梨県",
        "長野県",
    }
    places = gazetteer.load()
    respondents = named_values(book, "回答団体")
    assert {places.lookup(n).prefecture for n in respondents} == kanto
    guide = "".join(str(c.value) for r in book["記入要領"].iter_rows() for c in r if c.value)
    assert "「関東信越ブロック会議」の資料として" in guide


def test_prefecture_outside_the_meeting_region_is_refused(tmp_path: Path) -> None:
    make_form(tmp_path, "--prefecture", "東京都")  # writes the settings
    result = CliRunner().invoke(
        main,
        [
            *("survey", "form", "--settings", str(tmp_path / "reportkit.toml")),
            *("--meeting", "kanto", "--prefecture", "大阪府", "-o", str(tmp_path / "x.xlsx")),
        ],
    )
    assert result.exit_code == 1
    assert "--prefecture: 大阪府 is not in the region of meeting 'kanto'" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def test_unknown_prefecture_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["survey", "form", "--prefecture", "府中市", "-o", str(tmp_path / "x.xlsx")]
    )
    assert result.exit_code == 1
    assert "--prefecture: 府中市 is ambiguous" in result.output
    assert "Traceback" not in result.output


def test_default_output_name(tmp_path: Path) -> None:
    settings = tmp_path / "reportkit.toml"
    settings.write_text(
        f'source = "{REAL_SOURCE.as_posix()}"\noutput_dir = "out"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["survey", "form", "--settings", str(settings), "--prefecture", "広島県"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "照会様式_広島県.xlsx").is_file()


# -- reproducible, readable by LibreOffice, light on imports ---------------------------------
def test_two_builds_are_byte_identical(tmp_path: Path, form_path: Path) -> None:
    again = make_form(tmp_path, "--deadline", "2026-12-18", name="again.xlsx")
    assert again.read_bytes() == form_path.read_bytes()
    stamps = {info.date_time for info in zipfile.ZipFile(again).infolist()}
    assert stamps == {(2026, 11, 26, 0, 0, 0)}  # SOURCE_DATE_EPOCH, not the time of the build
    assert EPOCH == 1_795_651_200


@pytest.mark.tools("soffice", "pdftotext")
def test_libreoffice_converts_the_form(tmp_path: Path, form_path: Path) -> None:
    copy = tmp_path / "form.xlsx"
    copy.write_bytes(form_path.read_bytes())
    text = libreoffice_pdf_text(copy)
    assert "取組事例の照会" in text and "記入要領" in text
    assert "令和8年12月18日（金）まで" in text
    for header in ("回答団体", "取組内容", "強調したい部分", "入力チェック"):
        assert header in text


@pytest.mark.parametrize("args", [["survey", "--help"], ["survey", "merge", "--help"]])
def test_survey_help_does_not_import_writer_libraries(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from reportkit.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        f"loaded = [m for m in {WRITER_LIBRARIES!r} if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
