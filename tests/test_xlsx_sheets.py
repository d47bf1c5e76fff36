"""The workbook as analysts use it: a filterable long sheet, live totals, real borders,
a header on every sheet and an honest block edition.

Both meetings of reportkit.toml are built with the command line and read back with
openpyxl, the zip's XML and LibreOffice.
"""

from __future__ import annotations

import math
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.cell.cell import MergedCell
from openpyxl.worksheet.worksheet import Worksheet

from reportkit.labels import MULTIPLE_COUNTING_NOTE, NUMBERS_NOTE
from reportkit.model import Document
from reportkit.view import View

from .conftest import libreoffice_pdf_text, run_cli

MATRIX, CASES, TOTALS, RECORDS = "マトリクス", "事例一覧", "集計", "事例×団体"
COLUMNS = ["事例番号", "団体コード", "団体名", "都道府県", "ブロック", "大項目", "中項目"]
OUTSIDE_CAPTION = "関東信越以外の団体（共同の事例）"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("books")
    done = run_cli("build", "--all-meetings", "--format", "xlsx", "--output-dir", str(out), "-q")
    assert done.returncode == 0, done.stderr
    return out


def book(built: Path, meeting: str, values: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(built / f"{meeting}.xlsx", data_only=values)


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def rows_of(ws: Worksheet) -> list[list[object]]:
    return [[cell.value for cell in row] for row in ws.iter_rows(min_row=2)]


# -- the long sheet --------------------------------------------------------------------------


def test_long_sheet_has_a_row_per_case_and_local_government(built: Path, real_view: View) -> None:
    ws = book(built, "shukan-kacho")[RECORDS]
    assert [c.value for c in ws[1]] == COLUMNS  # header in row 1, nothing above
    assert not ws.merged_cells.ranges
    rows = rows_of(ws)
    assert all(any(v is not None for v in row) for row in rows)  # no blank rows
    expected = []
    document: Document = real_view.document
    for section in document.sections:
        for topic in section.topics:
            for case in topic.cases:
                actors = sorted(case.attribution.actors, key=lambda a: a.government.code)
                for actor in actors or [None]:
                    if actor is None:
                        expected.append([case.id, None, None, None, None])
                        continue
                    government = actor.government
                    code = None if actor.group else government.code
                    name = actor.written if actor.group else government.name
                    expected.append([case.id, code, name, government.prefecture, government.block])
                    expected[-1] += [f"{section.number}．{section.title}", topic.title]
    assert [row[:5] for row in rows] == [row[:5] for row in expected]
    assert len(rows) == 74  # 61 cases; 11 of them name 2 to 5 actors
    for row in rows:
        for value in row[:5]:  # one value a cell: no lists, no layout spaces
            assert not (isinstance(value, str) and ("、" in value or value != value.strip()))
        assert row[1] is None or (isinstance(row[1], str) and re.fullmatch(r"\d{5}", row[1]))
    assert ws.tables["CaseActors"].ref == f"A1:G{len(rows) + 1}"


def test_a_filter_on_one_prefecture_finds_every_case_it_shares(built: Path) -> None:
    ws = book(built, "shukan-kacho")[RECORDS]
    kanagawa = {row[0] for row in rows_of(ws) if row[3] == "神奈川県"}
    # 3-1-2 is 【埼玉県、神奈川県、大阪府、大分県等】, 1-5-2 【仙台市、川崎市】
    assert {"3-1-2", "1-5-2"} <= kanagawa
    cases = book(built, "shukan-kacho")[CASES]
    listed = {
        row[0] for row in cases.iter_rows(min_row=2, values_only=True) if row[5] == "神奈川県"
    }
    assert "3-1-2" not in listed  # 事例一覧's cell lists four prefectures


def test_case_list_has_no_source_line_column(built: Path) -> None:
    header = [c.value for c in book(built, "shukan-kacho")[CASES][1]]
    assert "行" not in header
    assert header == [
        "ID",
        "大項目",
        "中項目",
        "団体",
        "ほか",
        "都道府県",
        "ブロック",
        "本文",
        "強調",
    ]


# -- totals ----------------------------------------------------------------------------------


def _sheet_xml(path: Path, index: int) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode("utf-8")


def test_matrix_totals_are_subtotals_with_cached_values(built: Path, real_view: View) -> None:
    path = built / "shukan-kacho.xlsx"
    ws = book(built, "shukan-kacho")[MATRIX]
    xml = _sheet_xml(path, 1)
    sums_row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "計（延べ）")
    last = sums_row - 1
    found = re.findall(
        rf'<c r="([A-Z]+){sums_row}"[^>]*><f>SUBTOTAL\(109,([A-Z]+)3:([A-Z]+){last}\)</f>'
        r"<v>(\d+)</v>",
        xml,
    )
    assert len(found) == 18 + 1  # every type column and the total column
    pairs = sum(len({a.key for a in c.attribution.actors}) for c in real_view.document.cases())
    by_column = {
        column: int(value) for column, first, end, value in found if first == end == column
    }
    assert len(by_column) == len(found)
    assert max(by_column.values()) == pairs == 74  # the total column's 延べ
    # each actor's row total is a SUM of its row, its value cached too
    sums = re.findall(
        r'<c r="[A-Z]+(\d+)"[^>]*><f>SUM\(([A-Z]+)\1:([A-Z]+)\1\)</f><v>(\d+)</v>', xml
    )
    assert len(sums) == last - 2 == 52


def test_cached_totals_are_what_a_non_calculating_viewer_shows(built: Path) -> None:
    values = book(built, "shukan-kacho", values=True)
    ws = values[MATRIX]
    sums_row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "計（延べ）")
    for column in range(6, ws.max_column + 1):
        shown = ws.cell(sums_row, column).value
        counted = sum(ws.cell(r, column).value or 0 for r in range(3, sums_row))
        assert shown == counted, column
    totals = values[TOTALS]
    total = next(r for r in range(1, totals.max_row + 1) if totals.cell(r, 2).value == "計")
    assert totals.cell(total, 3).value == 61
    formulas = book(built, "shukan-kacho")[TOTALS]
    assert re.fullmatch(r"=SUBTOTAL\(109,C\d+:C\d+\)", formulas.cell(total, 3).value)


@pytest.mark.tools("soffice", "pdftotext")
def test_libreoffice_shows_the_totals(built: Path, tmp_path: Path) -> None:
    workbook = tmp_path / "matrix.xlsx"
    workbook.write_bytes((built / "shukan-kacho.xlsx").read_bytes())
    text = libreoffice_pdf_text(workbook)
    line = next(ln for ln in text.splitlines() if "計（延べ）" in ln)
    numbers = [int(n) for n in re.findall(r"\d+", line.split("計（延べ）", 1)[1])]
    # the 18 type columns' sums, then the total column: 74 actor-case pairs
    assert len(numbers) == 19 and numbers[-1] == 74 == sum(numbers[:-1])


# -- look and print --------------------------------------------------------------------------


def test_grid_borders_are_real_cell_borders(built: Path) -> None:
    with zipfile.ZipFile(built / "shukan-kacho.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                assert "<formula>TRUE</formula>" not in xml, name
    ws = book(built, "shukan-kacho")[MATRIX]
    last = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "計（延べ）")
    for row in range(3, last + 1):
        for column in range(1, ws.max_column + 1):
            cell = ws.cell(row, column)
            if isinstance(cell, MergedCell):  # the label of 計（延べ） spans the fixed columns
                continue
            assert cell.border.left.style and cell.border.bottom.style, cell.coordinate
    cases = book(built, "shukan-kacho")[CASES]
    for row in cases.iter_rows(min_row=2, max_row=cases.max_row):
        assert all(cell.border.top.style for cell in row)


def test_section_headings_fit_in_two_lines(built: Path) -> None:
    ws = book(built, "shukan-kacho")[MATRIX]
    widths = {
        column: ws.column_dimensions[openpyxl.utils.get_column_letter(column)].width
        for column in range(1, ws.max_column + 1)
    }
    spans = [r for r in ws.merged_cells.ranges if r.min_row == 1 and r.min_col > 5]
    starts = {r.min_col: r.max_col for r in spans}
    lines = 0
    for column in range(6, ws.max_column):
        label = ws.cell(1, column).value
        if not label:
            continue
        room = sum(widths[c] for c in range(column, starts.get(column, column) + 1)) - 1.5
        lines = max(lines, math.ceil(width(label) / room))
        assert width(label) <= 2 * room, label
    assert "3．支援における関係機関連携" in [ws.cell(1, c).value for c in range(6, ws.max_column)]
    assert ws.row_dimensions[1].height >= lines * 11.5


def test_chart_categories_name_their_section(built: Path) -> None:
    path = built / "shukan-kacho.xlsx"
    ws = book(built, "shukan-kacho")[TOTALS]
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    ref = re.search(r"<(?:c:)?cat>.*?<(?:c:)?f>'集計'!\$B\$(\d+):\$B\$(\d+)</", chart, re.S)
    assert ref, chart[:500]
    labels = [ws.cell(r, 2).value for r in range(int(ref.group(1)), int(ref.group(2)) + 1)]
    assert len(labels) == 18
    assert all(re.match(r"^\d．", label) for label in labels), labels
    assert "2．（8）その他" in labels and len(set(labels)) == len(labels)


@pytest.mark.parametrize(
    ("meeting", "number"), [("shukan-kacho", "資料3"), ("kanto-shinetsu", "資料2")]
)
def test_every_sheet_carries_the_document_number(built: Path, meeting: str, number: str) -> None:
    for ws in book(built, meeting).worksheets:
        assert number in (ws.oddHeader.right.text or ""), ws.title


# -- the block edition -----------------------------------------------------------------------


def test_block_matrix_groups_the_co_actors_apart(built: Path) -> None:
    ws = book(built, "kanto-shinetsu")[MATRIX]
    captions = [r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == OUTSIDE_CAPTION]
    assert len(captions) == 1
    caption = captions[0]
    last = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "計（延べ）") - 1
    own = [ws.cell(r, 5).value for r in range(3, caption)]
    others = [ws.cell(r, 5).value for r in range(caption + 1, last + 1)]
    assert own and set(own) == {"関東信越"} and len(own) == 17
    assert len(others) == 8 and "関東信越" not in others
    assert {ws.cell(r, 3).value for r in range(caption + 1, last + 1)} >= {
        "仙台市",
        "京都市",
        "熊本県",
    }
    for row in range(caption + 1, last + 1):  # a foldable group in a shade of its own
        assert ws.row_dimensions[row].outlineLevel == 1
        assert ws.cell(row, 3).fill.fgColor.rgb != ws.cell(3, 3).fill.fgColor.rgb
    notes = " ".join(str(ws.cell(r, 1).value) for r in range(last + 1, ws.max_row + 1))
    assert NUMBERS_NOTE in notes


def test_block_totals_and_long_sheet_say_whose_cases(built: Path) -> None:
    workbook = book(built, "kanto-shinetsu")
    totals = workbook[TOTALS]
    texts = [str(totals.cell(r, 1).value) for r in range(1, totals.max_row + 1)]
    assert any("23件（関東信越の17団体、ほか8団体）" in t for t in texts)
    assert any(MULTIPLE_COUNTING_NOTE in t for t in texts)
    records = workbook[RECORDS]
    assert [c.value for c in records[1]] == [*COLUMNS, "対象地域"]
    marks = {(row[4], row[7]) for row in records.iter_rows(min_row=2, values_only=True)}
    assert ("関東信越", "関東信越") in marks and ("東北", "対象地域外") in marks
    assert all((block == "関東信越") == (mark == "関東信越") for block, mark in marks)


def test_two_builds_of_the_workbook_are_identical(built: Path, tmp_path: Path) -> None:
    done = run_cli(
        "build",
        "--meeting",
        "kanto-shinetsu",
        "--format",
        "xlsx",
        "--output-dir",
        str(tmp_path),
        "-q",
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "kanto-shinetsu.xlsx").read_bytes() == (
        built / "kanto-shinetsu.xlsx"
    ).read_bytes()
