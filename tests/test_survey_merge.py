"""Returned forms, filled with openpyxl as a prefecture would, merged into the source.

The expected sources and messages below are worked out by hand from the rows.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result

from reportkit.cli import main
from reportkit.labels import section_label
from reportkit.places import gazetteer
from reportkit.readers.markdown import read_markdown
from reportkit.source import load
from reportkit.survey import answers
from reportkit.survey.form import Survey, render
from reportkit.view import source_timestamp

from .conftest import REAL_SOURCE

SMALL = """\
取組事例集（照会テスト）
1. 新規相談・プラン作成
(相談機関としての役割)
- 既存の事例。【鳥羽市】
(関係機関からつながる関係づくり)
- 関係機関に説明した。【川崎市】
2. 支援における関係機関連携
- 庁内連携会議を設けた。【国立市】
"""
S1, S2 = "1．新規相談・プラン作成", "2．支援における関係機関連携"
T11, T12 = "相談機関としての役割", "関係機関からつながる関係づくり"
OFFICE = ("福祉課", "059-000-0000")

# 回答団体, 大項目, 中項目, 取組内容, 強調したい部分, 実施団体, 等, 担当部署, 連絡先 (rows 2-14)
ROWS: list[list[object]] = [
    ["三重県", S1, T11, "相談窓口を一本化した。", "相談窓口を一本化", "津市", "", *OFFICE],
    ["北海道", S1, T12, "電力会社と協定を結んだ。", "", "札幌市、旭川市", "等", *OFFICE],
    ["宮城県", S2, "―", "県内の支援員研修を行った。", "", "宮城県", "等多数", *OFFICE],
    ["広島県", S1, T11, "府中の取組。", "", "府中市", "", *OFFICE],  # ambiguous: refused
    ["広島県", S1, T11, "府中の取組。", "", "広島県府中市", "", *OFFICE],
    [
        "栃木県",
        S1,
        T12,
        "　子どもの学習支援を始めた。　",
        "学習支援",
        "宇都宮市・ 京都市",
        "",
        *OFFICE,
    ],
    ["静岡県", S2, "―", "7市で共同実施した。", "", "静岡県内7市", "", *OFFICE],
    ["横浜市", S1, T12, "港北区の取組。", "", "横浜市港北区", "", *OFFICE],
    ["鳥羽市", S1, T11, "既存の 事例", "", "鳥羽市", "", *OFFICE],  # in the source already
    ["北海道", S1, T12, "電力会社と協定を結んだ", "", "旭川市、札幌市", "", *OFFICE],  # = row 3
    [None, None, None, None, None, None, None, "福祉課", None],  # no case: an empty row
    ["東京都", S2, "―", "名前を伏せた取組。", "", "非公表", "", *OFFICE],
    [
        "国立市",
        "1.新規相談・プラン作成",
        T11,
        "夜間の相談窓口を開いた。",
        "",
        "国立市",
        "",
        *OFFICE,
    ],
]

# Worked out by hand: new cases after the existing ones, in 団体コード order of their
# first actor (国立市 13215 < 津市 24201 < 広島県府中市 34208; 札幌市 01100 < 宇都宮市
# 09201 < 横浜市港北区 14109; 宮城県 04000 < 静岡県内7市 22000 < 非公表 last).
MERGED = """\
取組事例集（照会テスト）

1. 新規相談・プラン作成

(相談機関としての役割)
- 既存の事例。【鳥羽市】
- 夜間の相談窓口を開いた。【国立市】
- **相談窓口を一本化**した。【津市】
- 府中の取組。【広島県府中市】

(関係機関からつながる関係づくり)
- 関係機関に説明した。【川崎市】
- 電力会社と協定を結んだ。【札幌市、旭川市等】
- 子どもの**学習支援**を始めた。【宇都宮市、京都市】
- 港北区の取組。【横浜市港北区】

2. 支援における関係機関連携

- 庁内連携会議を設けた。【国立市】
- 県内の支援員研修を行った。【宮城県等多数】
- 7市で共同実施した。【静岡県内7市】
- 名前を伏せた取組。【非公表】
"""
AMBIGUOUS = (
    "回答!F5: error: 実施団体: 府中市 is ambiguous: 東京都府中市 (13206) or 広島県府中市 (34208)"
    "\n  hint: write 「東京都府中市」 or 「広島県府中市」"
)


# -- helpers ------------------------------------------------------------------------------
def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def make_form(source: Path, out: Path, *options: str) -> Path:
    result = run("survey", "form", "--source", str(source), "-o", str(out), *options)
    assert result.exit_code == 0, result.output
    return out


def fill(form: Path, rows: list[list[object]], out: Path, first: int = 2) -> Path:
    """Type ``rows`` into the 回答 sheet from row ``first``, as a prefecture would."""
    book = openpyxl.load_workbook(form)
    ws = book["回答"]
    for row, values in enumerate(rows, start=first):
        for column, value in enumerate(values, start=1):
            ws.cell(row, column).value = value
    book.save(out)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small source and its blank form."""
    folder = tmp_path_factory.mktemp("small")
    source = folder / "source.md"
    source.write_text(SMALL, encoding="utf-8")
    return source, make_form(source, folder / "form.xlsx")


def fresh_source(tmp_path: Path) -> Path:
    source = tmp_path / "source.md"
    source.write_text(SMALL, encoding="utf-8")
    return source


# -- the table of hand-worked rows ------------------------------------------------------------
def test_filled_form_merges_into_the_expected_source(
    tmp_path: Path, small: tuple[Path, Path]
) -> None:
    source = fresh_source(tmp_path)
    filled = fill(small[1], ROWS, tmp_path / "三重県.xlsx")
    refused = run("survey", "merge", str(source), str(filled))
    assert refused.exit_code == 1
    assert f"{filled}:{AMBIGUOUS}" in refused.output
    assert refused.output.count("error:") == 1
    assert source.read_text(encoding="utf-8") == SMALL  # nothing written

    report = tmp_path / "report.json"
    done = run(
        "survey", "merge", str(source), str(filled), "--skip-invalid", "--report", str(report)
    )
    assert done.exit_code == 0, done.output
    assert source.read_text(encoding="utf-8") == MERGED
    assert f"{filled}:{AMBIGUOUS.replace('error', 'warning')}" in done.output
    rows = json.loads(report.read_text(encoding="utf-8"))["forms"][0]["rows"]
    outcome = {row["row"]: (row["status"], row["case"] or row["reason"]) for row in rows}
    assert outcome == {
        2: ("added", "1-1-3"),
        3: ("added", "1-2-2"),
        4: ("added", "2-1-2"),
        5: (
            "invalid",
            "F5: 実施団体: 府中市 is ambiguous: 東京都府中市 (13206) or 広島県府中市 (34208)",
        ),
        6: ("added", "1-1-4"),
        7: ("added", "1-2-3"),
        8: ("added", "2-1-3"),
        9: ("added", "1-2-4"),
        10: ("duplicate", "same as case 1-1-1 of the source"),
        11: ("duplicate", f"same as {filled} row 3"),
        13: ("added", "2-1-4"),
        14: ("added", "1-1-2"),
    }
    assert next(r for r in rows if r["row"] == 2)["respondent"] == "三重県"
    assert next(r for r in rows if r["row"] == 2)["contact"] == "059-000-0000"


def test_the_merged_source_resolves_every_new_actor(tmp_path: Path) -> None:
    source = tmp_path / "merged.md"
    source.write_text(MERGED, encoding="utf-8")
    document = load(source)
    codes = {a.written: a.government.code for _, a in document.actors() if a.government}
    assert codes["広島県府中市"] == "34208" and codes["横浜市港北区"] == "14109"
    assert codes["静岡県内7市"] == "22000" and codes["宮城県"] == "04000"
    assert [c.attribution.open_list for c in document.cases()].count("等多数") == 1


def test_markdown_report(tmp_path: Path, small: tuple[Path, Path]) -> None:
    source = fresh_source(tmp_path)
    filled = fill(small[1], ROWS, tmp_path / "form.xlsx")
    report = tmp_path / "report.md"
    done = run(
        "survey", "merge", str(source), str(filled), "--skip-invalid", "--report", str(report)
    )
    assert done.exit_code == 0, done.output
    text = report.read_text(encoding="utf-8")
    assert "追加 9 件、重複 2 件、不備 1 件" in text
    assert f"## {filled}" in text
    assert (
        "| 2 | 追加 | 1-1-3 | 1．新規相談・プラン作成 （1）相談機関としての役割 | 津市 | 福祉課 |"
        " 059-000-0000 |  |" in text
    )
    assert "| 11 | 重複のため追加せず |" in text and f"same as {filled} row 3 |" in text
    assert f"{source}: 9 cases added from 1 forms; skipped: 2 duplicates, 1 invalid" in done.output


@pytest.mark.tools("soffice")
def test_form_resaved_by_libreoffice_merges_the_same(
    tmp_path: Path, small: tuple[Path, Path]
) -> None:
    filled = fill(small[1], ROWS, tmp_path / "filled.xlsx")
    saved = tmp_path / "lo"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
            str(saved),
            str(filled),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    resaved = saved / "filled.xlsx"
    assert done.returncode == 0 and resaved.is_file(), done.stderr
    assert resaved.read_bytes() != filled.read_bytes()
    source = fresh_source(tmp_path)
    result = run("survey", "merge", str(source), str(resaved), "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert source.read_text(encoding="utf-8") == MERGED


def test_merged_source_builds_with_new_cases_in_every_format(
    tmp_path: Path, small: tuple[Path, Path]
) -> None:
    """The round: form → filled → merged → built; new cases under their topics everywhere."""
    import docx
    from pypdf import PdfReader

    source = fresh_source(tmp_path)
    filled = fill(small[1], ROWS, tmp_path / "form.xlsx")
    assert run("survey", "merge", str(source), str(filled), "--skip-invalid").exit_code == 0
    out = tmp_path / "out"
    built = run("build", "--source", str(source), "--output-dir", str(out))
    assert built.exit_code == 0, built.output
    paragraphs = [p.text for p in docx.Document(str(out / "source.docx")).paragraphs]
    text = "\n".join(paragraphs)
    # the last occurrence of a topic heading is in the body (the first is in the contents)
    first, second = text.rindex(f"（1）{T11}"), text.rindex(f"（2）{T12}")
    assert first < text.index("府中の取組。") < second < text.index("港北区の取組。")
    assert text.index("2．支援における関係機関連携") < text.index("名前を伏せた取組。")
    book = openpyxl.load_workbook(out / "source.xlsx")
    rows = {row[0]: row for row in book["事例一覧"].iter_rows(values_only=True)}
    # ID, 大項目, 中項目, 団体, ほか, 都道府県, ブロック, 本文, 強調
    assert rows["1-1-4"][2:8] == (T11, "府中市", None, "広島県", "中国四国", "府中の取組。")
    assert rows["1-1-3"][8] == "相談窓口を一本化"
    assert rows["1-2-3"][3:7] == ("宇都宮市、京都市", None, "栃木県、京都府", "関東信越、近畿")
    pdf = "".join(page.extract_text() for page in PdfReader(out / "source.pdf").pages)
    assert "府中の取組" in pdf and "相談窓口を一本化" in pdf


# -- bad forms: one exact message each, exit 1, the source untouched ---------------------------------
BASE = ["三重県", S1, T11, "相談窓口を一本化した。", "", "津市", "", *OFFICE]


def cell(column: str, value: object) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        book["回答"][f"{column}2"].value = value

    return change


def both(*changes: Callable[[openpyxl.Workbook], None]) -> Callable[[openpyxl.Workbook], None]:
    def change(book: openpyxl.Workbook) -> None:
        for one in changes:
            one(book)

    return change


def rename(book: openpyxl.Workbook) -> None:
    book["回答"].title = "Sheet1"


def delete_column(book: openpyxl.Workbook) -> None:
    book["回答"].delete_cols(5)


def insert_row(book: openpyxl.Workbook) -> None:
    book["回答"].insert_rows(1)


def merge_cells(book: openpyxl.Workbook) -> None:
    book["回答"].merge_cells("D2:E2")


CELL_CASES: dict[str, tuple[Callable[[openpyxl.Workbook], None], str]] = {
    "number": (
        cell("I", 590000000),
        "回答!I2: error: 連絡先: the number 590000000 where text belongs (a leading 0 is lost)",
    ),
    "date": (
        cell("D", datetime(2026, 4, 1)),
        "回答!D2: error: 取組内容: a date or time (2026-04-01T00:00:00) where text belongs",
    ),
    "formula": (cell("H", "=A1"), "回答!H2: error: 担当部署: a formula (=A1) where text belongs"),
    "apostrophe": (
        cell("D", "'相談窓口を一本化した。"),
        "回答!D2: error: 取組内容: starts with ' (an apostrophe)",
    ),
    "control": (
        cell("D", "相談窓口を_x0007_一本化した。"),
        "回答!D2: error: 取組内容: control character U+0007 is not allowed",
    ),
    "line-break": (
        cell("D", "相談窓口を\n一本化した。"),
        "回答!D2: error: 取組内容: a line break in the cell",
    ),
    "required": (cell("D", None), "回答!D2: error: 取組内容 is empty"),
    "section": (
        cell("B", "9．その他"),
        "回答!B2: error: 大項目 「9．その他」 is not a 大項目 of the source",
    ),
    "topic": (
        cell("B", S2),
        f"回答!C2: error: 中項目 「{T11}」 belongs to 大項目 「{S1}」, not to 「{S2}」",
    ),
    "emphasis": (
        cell("E", "相談件数"),
        "回答!E2: error: 強調したい部分 「相談件数」 does not occur in 取組内容",
    ),
    "unknown": (
        cell("F", "鳥羽氏"),
        "回答!F2: error: 実施団体: 鳥羽氏 is not a known local government; closest: 鳥羽市 (24211)"
        "\n  hint: did you mean 「鳥羽市」?",
    ),
    "ambiguous": (
        cell("F", "府中市"),
        "回答!F2: error: 実施団体: 府中市 is ambiguous: 東京都府中市 (13206) or 広島県府中市 (34208)",
    ),
    "open-list": (cell("G", "など"), "回答!G2: error: 等: など is not one of 等、等多数"),
    "open-list-in-names": (cell("F", "津市等"), "回答!F2: error: 実施団体: 津市等 ends with 等"),
    "respondent": (
        cell("A", "架空市"),
        "回答!A2: error: 回答団体: 架空市 is not a known local government",
    ),
    "ward-respondent": (
        cell("A", "横浜市港北区"),
        "回答!A2: error: 回答団体: 横浜市港北区 is a ward; its city answers\n  hint: choose 横浜市",
    ),
    "renamed-sheet": (
        rename,
        ": error: the form has no sheet 回答 (its sheets: 記入要領、Sheet1、リスト)",
    ),
    "deleted-column": (
        delete_column,
        "回答!E1: error: column 強調したい部分 is missing: E1 holds 実施団体, "
        "so a column was deleted or moved",
    ),
    "moved-header": (
        insert_row,
        "回答!A2: error: the header was moved to A2; it belongs in row 1 from column A",
    ),
    "merged-cells": (merge_cells, "回答!D2: error: merged cells D2:E2: one value per cell"),
    "below-the-area": (
        both(cell("A", "三重県"), lambda b: b["回答"].cell(250, 4, "追加の事例")),
        "回答!D250: error: a value below the input area (rows 2-201)",
    ),
    "right-of-the-area": (
        lambda b: b["回答"].cell(3, 12, "メモ"),
        "回答!L3: error: a value right of the input area (columns A-J)",
    ),
}


@pytest.mark.parametrize("kind", list(CELL_CASES))
def test_bad_form(kind: str, tmp_path: Path, small: tuple[Path, Path]) -> None:
    change, expected = CELL_CASES[kind]
    source = fresh_source(tmp_path)
    book = openpyxl.load_workbook(fill(small[1], [BASE], tmp_path / "base.xlsx"))
    change(book)
    bad = tmp_path / f"{kind}.xlsx"
    book.save(bad)
    result = run("survey", "merge", str(source), str(bad))
    assert result.exit_code == 1
    assert f"{bad}{'' if expected.startswith(':') else ':'}{expected}" in result.output
    assert result.output.count("error:") == 1, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert source.read_text(encoding="utf-8") == SMALL


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
FILE_CASES: dict[str, tuple[str, bytes, str]] = {
    "xls": (
        "form.xls",
        OLE2 + b"\0" * 504,
        "error: an Excel 97-2003 workbook (.xls), not the .xlsx form",
    ),
    # the layout of an encrypted OOXML file: an OLE2 file with an EncryptedPackage stream
    "password": (
        "form.xlsx",
        OLE2 + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
        "error: the workbook is protected with a password (encrypted), so it cannot be read",
    ),
    "csv": (
        "form.csv",
        "回答団体,大項目\n三重県,1．新規相談・プラン作成\n".encode("cp932"),
        "error: a CSV or text file, not the .xlsx form",
    ),
    "ods": ("form.ods", b"", "error: an OpenDocument spreadsheet (.ods), not the .xlsx form"),
    "broken-zip": ("form.xlsx", b"PK\x03\x04" + b"\0" * 100, "error: a damaged .xlsx file"),
}


@pytest.mark.parametrize("kind", list(FILE_CASES))
def test_wrong_file(kind: str, tmp_path: Path) -> None:
    name, data, expected = FILE_CASES[kind]
    if kind == "ods":
        import zipfile

        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
            archive.writestr("content.xml", "<office:document-content/>")
        data = buffer.getvalue()
    source = fresh_source(tmp_path)
    bad = tmp_path / name
    bad.write_bytes(data)
    result = run("survey", "merge", str(source), str(bad))
    assert result.exit_code == 1
    assert f"{bad}: {expected}" in result.output
    assert source.read_text(encoding="utf-8") == SMALL


def test_form_of_another_survey(tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(SMALL.replace("取組事例集（照会テスト）", "別の事例集"), encoding="utf-8")
    form = fill(make_form(other, tmp_path / "other.xlsx"), [BASE], tmp_path / "other-filled.xlsx")
    source = fresh_source(tmp_path)
    result = run("survey", "merge", str(source), str(form))
    assert result.exit_code == 1
    assert (
        f"{form}: error: a form of another survey: it asks for cases of 「別の事例集」, "
        "the source is 「取組事例集（照会テスト）」" in result.output
    )


def test_workbook_that_is_not_a_form(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "回答"
    book.active.append(["回答団体", "大項目"])
    book.save(tmp_path / "mine.xlsx")
    source = fresh_source(tmp_path)
    result = run("survey", "merge", str(source), str(tmp_path / "mine.xlsx"))
    assert result.exit_code == 1
    assert (
        "mine.xlsx: error: not a reportkit 照会様式 (the workbook has no survey mark)"
        in result.output
    )


def test_respondent_outside_the_prefecture_of_the_form(tmp_path: Path) -> None:
    source = fresh_source(tmp_path)
    form = make_form(source, tmp_path / "mie.xlsx", "--prefecture", "三重県")
    filled = fill(form, [["東京都", *BASE[1:]]], tmp_path / "filled.xlsx")
    result = run("survey", "merge", str(source), str(filled))
    assert result.exit_code == 1
    assert (
        f"{filled}:回答!A2: error: 回答団体: 東京都 is not in 三重県, to which this form was sent"
        in result.output
    )


def test_too_large_a_file(
    tmp_path: Path, small: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answers, "MAX_BYTES", 1000)
    size = small[1].stat().st_size
    document = load(small[0])
    form = answers.read_form(small[1], document, "form.xlsx")
    assert [str(p) for p in form.problems] == [
        f"form.xlsx: error: the file has {size:,} bytes; a filled form has far less (at most 1,000)"
        "\n  hint: send the 照会様式 as it was filled in, without pictures or other sheets"
    ]


def test_every_problem_of_every_form_at_once(tmp_path: Path, small: tuple[Path, Path]) -> None:
    source = fresh_source(tmp_path)
    one = fill(
        small[1],
        [
            [*BASE[:3], None, *BASE[4:]],  # 取組内容 empty
            [*BASE[:5], "府中市", *BASE[6:8], 590000000],  # two problems in one row
        ],
        tmp_path / "a.xlsx",
    )
    two = tmp_path / "b.csv"
    two.write_text("a,b\n", encoding="utf-8")
    result = run("survey", "merge", str(source), str(two), str(one))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{one}:回答!D2",
        f"{one}:回答!F3",
        f"{one}:回答!I3",
        f"{two}",
    ]


@pytest.mark.tools("soffice")
def test_real_xls_saved_by_libreoffice(tmp_path: Path, small: tuple[Path, Path]) -> None:
    filled = fill(small[1], [BASE], tmp_path / "filled.xlsx")
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(filled),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    source = fresh_source(tmp_path)
    result = run("survey", "merge", str(source), str(tmp_path / "filled.xls"))
    assert result.exit_code == 1
    assert (
        "filled.xls: error: an Excel 97-2003 workbook (.xls), not the .xlsx form" in result.output
    )


# -- 47 forms × 100 rows ---------------------------------------------------------------------
JOINT = [
    "岩手県",
    S1,
    T11,
    "青森県と岩手県が共同で研修を実施した。",
    "",
    "青森県、岩手県",
    "",
    *OFFICE,
]


@pytest.fixture(scope="session")
def national(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, list[Path], dict[str, tuple[int, str]]]:
    """The real source and 47 filled forms of 100 rows, one per prefecture.

    Returns the forms and, per new text, the (section number, 中項目) its row named.
    """
    folder = tmp_path_factory.mktemp("national")
    document = load(REAL_SOURCE)
    template = folder / "form.xlsx"
    template.write_bytes(render(Survey(document, source_timestamp(REAL_SOURCE))))
    topics = [(s, "―" if t.implicit else t.title) for s, t in document.topics()]
    places = gazetteer.load()
    book = openpyxl.load_workbook(template)
    ws = book["回答"]
    forms, placed = [], {}
    for number, prefecture in enumerate(places.prefectures()):
        towns = [
            e for e in places.entries if e.prefecture == prefecture.name and e.kind != "都道府県"
        ]
        for i in range(100):
            section, topic = topics[(i + number) % len(topics)]
            text = f"{prefecture.name}の取組その{i + 1}。関係機関と連携し、相談支援を実施した。"
            placed[text] = (section.number, topic)
            row = [
                prefecture.name,
                section_label(section),
                topic,
                text,
                "相談支援" if i % 2 else "",
                places.written_form(towns[i % len(towns)]),
                ["", "等", "等多数"][i % 3],
                *OFFICE,
            ]
            if i == 99 and prefecture.code in ("02000", "03000"):
                row = JOINT  # the same case from two prefectures
            for column, value in enumerate(row, start=1):
                ws.cell(i + 2, column).value = value
        path = folder / f"{prefecture.code[:2]}.xlsx"
        book.save(path)
        forms.append(path)
    return REAL_SOURCE, forms, placed


def test_47_forms_of_100_rows_merge_in_any_order(
    tmp_path: Path, national: tuple[Path, list[Path], dict[str, tuple[int, str]]]
) -> None:
    real, forms, placed = national
    results = []
    for order, paths in (("given", forms), ("reversed", forms[::-1])):
        source = tmp_path / f"{order}.md"
        shutil.copyfile(real, source)
        report = tmp_path / f"{order}.json"
        done = run("survey", "merge", str(source), *map(str, paths), "--report", str(report))
        assert done.exit_code == 0, done.output
        assert "4699 cases added from 47 forms; skipped: 1 duplicates, 0 invalid" in done.output
        results.append((source.read_bytes(), report.read_bytes()))
    assert results[0] == results[1]

    merged = load(tmp_path / "given.md")
    assert sum(1 for _ in merged.cases()) == 61 + 4699
    joint = [c for c in merged.cases() if c.text == JOINT[3]]
    assert len(joint) == 1 and joint[0].attribution.written == "青森県、岩手県"
    duplicate = [
        row
        for form in json.loads(results[0][1])["forms"]
        for row in form["rows"]
        if row["status"] == "duplicate"
    ]
    assert len(duplicate) == 1 and duplicate[0]["reason"] == f"same as {forms[1]} row 101"
    original = {c.key for c in read_markdown(real.read_text(encoding="utf-8"), "x").cases()}
    for section, topic in merged.topics():
        new = [c for c in topic.cases if c.key not in original]
        title = "―" if topic.implicit else topic.title
        for case in new:
            if case.text != JOINT[3]:
                assert placed[case.text] == (section.number, title), case.text
        codes = [c.attribution.actors[0].government.code for c in new]
        assert codes == sorted(codes), topic.title
        assert topic.cases[: len(topic.cases) - len(new)] == [
            c for c in topic.cases if c.key in original
        ]
