"""reportkit diff: matching two editions, the summary, and the 新旧対照表 read back.

Every pair below is written by hand with the change worked out by hand; the docx is read
back with python-docx, the PDF with pypdf (the underlines, from the content stream) and
pdftotext (the characters above each underline), the xlsx with openpyxl.
"""

from __future__ import annotations

import io
import json
import math
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pypdf
import pytest
import yaml
from docx.text.run import Run as WordRun

from reportkit.model import Document
from reportkit.readers.markdown import read as read_markdown
from reportkit.revise import compare as compare_module
from reportkit.revise.compare import THRESHOLD, Comparison, Row, compare
from reportkit.revise.marks import case_marks
from reportkit.revise.pdf import GRID_WIDTH
from reportkit.revise.summary import markdown

from .conftest import REAL_SOURCE, ROOT, needs, run_cli

BASE = """取組事例集
1. 新規相談
(相談機関の役割)
- 相談の入口で生活困窮状況を把握し、自立支援につなげている。【国立市】
- 市役所として複合的な課題を抱えている人にはまず自立相談支援機関を案内している。【東村山市】
(関係機関との関係づくり)
- 関係機関に対して制度説明を実施し、相談件数の増加につながった。【尼崎市】
- 広報誌を毎月発行し、対象者像の共有を図っている。【川崎市】
2. 任意事業
(就労準備支援事業)
- 就労準備支援事業を近隣の市と共同で実施している。【鳥羽市】
- 農家の協力を得て就労体験の場を確保している。【八街市】
"""


def _doc(text: str, name: str = "x.md") -> Document:
    return read_markdown(text.encode("utf-8"), name)


def _edit(old: str, new: str, base: str = BASE) -> str:
    assert base.count(old) == 1, old
    return base.replace(old, new)


def _compare(new_text: str, old_text: str = BASE) -> Comparison:
    return compare(_doc(old_text, "old.md"), _doc(new_text, "new.md"), "old.md", "new.md")


def _only_change(comparison: Comparison) -> Row:
    changes = comparison.changes
    assert len(changes) == 1, [(r.level, r.kind) for r in changes]
    return changes[0]


# -- matching --------------------------------------------------------------------------


def test_identical_sources_have_no_changes() -> None:
    comparison = _compare(BASE)
    assert comparison.unchanged
    assert all(row.kind is None for row in comparison.rows)
    assert "変更はありません（事例 6件）" in markdown(comparison)


def test_a_case_reworded_in_mid_sentence_underlines_exactly_the_new_words() -> None:
    # 生活 | 困窮状況 → の困りごと | を把握し… (the shared 困 is absorbed: one change)
    row = _only_change(_compare(_edit("生活困窮状況を把握", "生活の困りごとを把握")))
    assert (row.kind, row.aspects) == ("changed", ("text",))
    assert row.old and row.new and row.old.case and row.new.case
    assert row.old.case.id == row.new.case.id == "1-1-1"
    marks = case_marks(row.old.case, row.new.case)
    assert marks.old.changed_text() == ["困窮状況"]
    assert marks.new.changed_text() == ["の困りごと"]


def test_emphasis_added_is_an_emphasis_change_on_both_sides() -> None:
    new = _edit("まず自立相談支援機関を案内", "まず**自立相談支援機関を案内**")
    row = _only_change(_compare(new))
    assert (row.kind, row.aspects) == ("changed", ("emphasis",))
    assert row.old and row.new and row.old.case and row.new.case
    marks = case_marks(row.old.case, row.new.case)
    assert marks.old.changed_text() == marks.new.changed_text() == ["自立相談支援機関を案内"]
    assert [m.text for m in marks.new.body if m.emphasis] == ["自立相談支援機関を案内"]
    assert "強調を追加:「自立相談支援機関を案内」" in markdown(_compare(new))


def test_attribution_changed_marks_only_the_added_actor() -> None:
    row = _only_change(_compare(_edit("【川崎市】", "【川崎市、横浜市】")))
    assert (row.kind, row.aspects) == ("changed", ("attribution",))
    assert row.old and row.new and row.old.case and row.new.case
    marks = case_marks(row.old.case, row.new.case)
    assert marks.old.changed_text() == []
    assert marks.new.changed_text() == ["、横浜市"]
    assert [m.text for m in marks.new.tail] == ["【川崎市", "、横浜市", "】"]


def test_a_case_added() -> None:
    line = "- 相談窓口を市役所1階に移設し、来所相談が増えた。【松阪市】\n"
    row = _only_change(
        _compare(_edit("(関係機関との関係づくり)\n", line + "(関係機関との関係づくり)\n"))
    )
    assert row.kind == "added" and row.old is None
    assert row.new and row.new.case and row.new.case.id == "1-1-3"


def test_a_case_removed() -> None:
    row = _only_change(
        _compare(_edit("- 広報誌を毎月発行し、対象者像の共有を図っている。【川崎市】\n", ""))
    )
    assert row.kind == "removed" and row.new is None
    assert row.old and row.old.case and row.old.case.id == "1-2-2"


def test_a_case_moved_to_another_topic() -> None:
    line = "- 就労準備支援事業を近隣の市と共同で実施している。【鳥羽市】\n"
    new = _edit(line, "")
    new = _edit("【川崎市】\n", "【川崎市】\n" + line, new)
    row = _only_change(_compare(new))
    assert (row.kind, row.aspects) == ("moved", ())
    assert row.old and row.new and row.old.case and row.new.case
    assert (row.old.case.id, row.new.case.id) == ("2-1-1", "1-2-3")
    text = markdown(_compare(new))
    assert "移動 1件" in text and "2-1-1 → 1-2-3" in text


def test_a_case_moved_and_reworded_is_one_move() -> None:
    line = "- 就労準備支援事業を近隣の市と共同で実施している。【鳥羽市】\n"
    new = _edit(line, "")
    new = _edit("【川崎市】\n", "【川崎市】\n" + line.replace("近隣の市", "近隣の2市"), new)
    row = _only_change(_compare(new))
    assert (row.kind, row.aspects) == ("moved", ("text",))


def test_a_topic_renamed() -> None:
    comparison = _compare(_edit("(相談機関の役割)", "(相談機関としての役割)"))
    row = _only_change(comparison)
    assert (row.level, row.kind) == ("topic", "renamed")
    assert row.old and row.new
    assert (row.old.title, row.new.title) == ("相談機関の役割", "相談機関としての役割")
    assert comparison.count("case", "moved") == 0


def test_a_section_removed_whose_topic_moved_to_another() -> None:
    new = _edit("2. 任意事業\n(就労準備支援事業)\n", "(就労準備支援事業)\n")
    comparison = _compare(new)
    # section 2 is gone; its topic now sits in section 1: a moved topic, its cases stay
    assert comparison.count("section", "removed") == 1
    assert comparison.count("topic", "moved") == 1
    assert comparison.count("case", "moved") == 0


def _pair(old_text: str, new_text: str) -> str:
    """A source whose topic holds one case, and the same source with it replaced."""
    return (
        f"表題\n1. 節\n(題)\n- {old_text}【鳥羽市】\n",
        f"表題\n1. 節\n(題)\n- {new_text}【鳥羽市】\n",
    )


def test_the_threshold_is_inclusive_at_exactly_0_6() -> None:
    # 15 + 5 characters on each side; 7 of the text and the 5 of 【鳥羽市】 match:
    # 2 × 12 / 40 = 0.6 -> the same case, changed
    old, new = _pair("あいうえおかきくけこさしすせそ", "あいうえおかきたちつてとなにぬ")
    comparison = compare(_doc(old), _doc(new))
    assert THRESHOLD == 0.6
    assert [row.kind for row in comparison.changes] == ["changed"]


def test_just_below_the_threshold_is_removed_and_added() -> None:
    # one more new character: 2 × 12 / 41 = 0.585 -> a case removed and another added
    old, new = _pair("あいうえおかきくけこさしすせそ", "あいうえおかきたちつてとなにぬね")
    comparison = compare(_doc(old), _doc(new))
    assert sorted(str(row.kind) for row in comparison.changes) == ["added", "removed"]


def test_matching_is_not_quadratic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Content is compared only among left-over cases of a topic, not all with all."""
    from benchmarks.revise import revise
    from benchmarks.synth import generate

    calls = 0
    real = compare_module.SequenceMatcher

    class Counting(real):  # type: ignore[misc, valid-type]
        def ratio(self) -> float:
            nonlocal calls
            calls += 1
            return float(super().ratio())

    monkeypatch.setattr(compare_module, "SequenceMatcher", Counting)
    old_text = generate(1000, seed=3)
    comparison = compare(_doc(old_text), _doc(revise(old_text, 0.1, seed=3)))
    total = sum(1 for _ in comparison.old.cases())
    assert total == 1000
    assert comparison.count("case", "changed") >= 70
    assert calls < total  # all with all would be about a million


# -- the real source ---------------------------------------------------------------------


def test_the_real_source_against_its_canonical_form_has_no_changes(tmp_path: Path) -> None:
    canonical = tmp_path / "canonical.md"
    done = run_cli("convert", str(REAL_SOURCE), "--to", "md", "-o", str(canonical))
    assert done.returncode == 0, done.stderr
    assert canonical.read_bytes() != REAL_SOURCE.read_bytes()  # it really was rewritten
    done = run_cli("diff", str(REAL_SOURCE), str(canonical))
    assert done.returncode == 0, done.stderr
    assert "変更はありません（事例 61件）" in done.stdout


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real source with ハロワーク corrected to ハローワーク."""
    path = tmp_path_factory.mktemp("corrected") / "torikumi-jirei.md"
    text = REAL_SOURCE.read_text(encoding="utf-8")
    assert text.count("ハロワーク") == 1
    path.write_text(text.replace("ハロワーク", "ハローワーク"), encoding="utf-8")
    return path


def test_the_real_typo_fix_is_one_change_of_one_character(
    real_document: Document, corrected: Path
) -> None:
    from reportkit.readers import read

    comparison = compare(real_document, read(corrected))
    row = _only_change(comparison)
    assert (row.kind, row.aspects) == ("changed", ("text",))
    assert row.old and row.new and row.old.case and row.new.case
    assert row.new.case.id == "3-1-5"
    marks = case_marks(row.old.case, row.new.case)
    assert marks.old.changed_text() == []
    assert marks.new.changed_text() == ["ー"]
    done = run_cli("diff", str(REAL_SOURCE), str(corrected))
    assert done.returncode == 0
    assert (
        "変更 1件" in done.stdout and "「…支援を実施。ハロ**ー**ワークの就労支援…」" in done.stdout
    )


def test_json_summary(corrected: Path) -> None:
    done = run_cli("diff", str(REAL_SOURCE), str(corrected), "--format", "json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["counts"]["case"] == {"added": 0, "removed": 0, "changed": 1, "moved": 0}
    (change,) = summary["changes"]
    assert change["old"]["id"] == change["new"]["id"] == "3-1-5"
    assert change["edits"] == [{"old": "", "new": "ー"}]


# -- the 新旧対照表 read back ------------------------------------------------------------

REWORDED = _edit("生活困窮状況を把握", "生活の困りごとを把握")


@pytest.fixture(scope="module")
def pair_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pair")
    old, new = folder / "old.md", folder / "new.md"
    old.write_text(BASE, encoding="utf-8")
    new.write_text(REWORDED, encoding="utf-8")
    return old, new


def _render(tmp_path: Path, old: Path, new: Path, suffix: str, *args: str) -> Path:
    target = tmp_path / f"diff{suffix}"
    done = run_cli(
        "diff", str(old), str(new), "-o", str(target), "--number", "資料4",
        "--date", "2026-11-26", *args,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return target


def _underlined(run: WordRun) -> bool:
    """True when the run's character style, or a style it is based on, underlines."""
    style = run.style
    while style is not None:
        if style.font.underline:
            return True
        style = style.base_style
    return False


def _docx_sides(path: Path) -> list[tuple[str, str, str, str]]:
    """(left text, left underlined, right text, right underlined) per table row."""
    table = docx.Document(str(path)).tables[0]
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            runs = [run for p in cell.paragraphs for run in p.runs]
            cells += [
                "".join(r.text for r in runs),
                "".join(r.text for r in runs if _underlined(r)),
            ]
        rows.append((cells[0], cells[1], cells[2], cells[3]))
    return rows


def test_docx_underlines_sit_on_exactly_the_changed_characters(
    tmp_path: Path, pair_files: tuple[Path, Path]
) -> None:
    rows = _docx_sides(_render(tmp_path, *pair_files, ".docx"))
    assert rows[0][0] == "新" and rows[0][2] == "旧"  # 新 on the left by default
    assert [r[0] for r in rows[1:3]] == ["1．新規相談", "（1）相談機関の役割"]
    new_text, new_underlined, old_text, old_underlined = rows[3]
    assert old_text.startswith("1-1-1\u3000相談の入口で生活困窮状況を把握し")
    assert (
        new_text
        == "1-1-1\u3000相談の入口で生活の困りごとを把握し、自立支援につなげている。【国立市】"
    )
    assert (new_underlined, old_underlined) == ("の困りごと", "困窮状況")
    assert len(rows) == 4  # headings as context, then the one changed case


def test_docx_added_removed_and_order(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(BASE, encoding="utf-8")
    added = "- 相談窓口を市役所1階に移設し、来所相談が増えた。【松阪市】\n"
    text = _edit("- 広報誌を毎月発行し、対象者像の共有を図っている。【川崎市】\n", added)
    new.write_text(text, encoding="utf-8")
    rows = _docx_sides(_render(tmp_path, old, new, ".docx", "--order", "old-new"))
    assert rows[0][0] == "旧" and rows[0][2] == "新"
    case_rows = [r for r in rows if r[0].startswith(("（", "1-")) and "1-2" in r[0] + r[2]]
    # old on the left now: a removed case is (削除) on the new side, an added one (新設)
    assert ("（削除）" in [r[2] for r in case_rows]) and ("（新設）" in [r[0] for r in case_rows])
    for left, left_underlined, right, right_underlined in case_rows:
        if right == "（削除）":
            assert left_underlined == left.split("\u3000", 1)[1]  # the whole removed case
        if left == "（新設）":
            assert right_underlined == right.split("\u3000", 1)[1]


def test_docx_is_a4_landscape_with_named_styles_and_the_note(
    tmp_path: Path, pair_files: tuple[Path, Path]
) -> None:
    path = _render(tmp_path, *pair_files, ".docx")
    word = docx.Document(str(path))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)
    texts = [p.text for p in word.paragraphs]
    assert "（傍線部分は変更部分）" in texts
    assert "「取組事例集」新旧対照表" in texts and "令和8年11月26日" in texts
    assert section.different_first_page_header_footer
    assert "資料4" in section.first_page_header.paragraphs[0].text
    table = word.tables[0]
    assert table.style.name == "新旧対照表"
    names = {
        run.style.name
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
        for run in p.runs
        if run.style
    }
    assert "傍線" in names and "事例番号" in names
    ids = [style.style_id for style in word.styles]
    assert len(ids) == len(set(ids)), "each style is defined once"
    body = word.element.body.xml
    assert "<w:u " not in body and "<w:b/>" not in body  # no direct formatting


def test_docx_and_pdf_and_xlsx_are_reproducible(
    tmp_path: Path, pair_files: tuple[Path, Path]
) -> None:
    for suffix in (".docx", ".pdf", ".xlsx"):
        first = _render(tmp_path, *pair_files, suffix).read_bytes()
        second = _render(tmp_path, *pair_files, suffix).read_bytes()
        assert first == second, suffix


@pytest.mark.tools("soffice", "pdftotext")
def test_libreoffice_opens_the_docx(tmp_path: Path, pair_files: tuple[Path, Path]) -> None:
    from .conftest import libreoffice_pdf_text

    text = libreoffice_pdf_text(_render(tmp_path, *pair_files, ".docx"))
    squashed = "".join(text.split())
    for expected in (
        "新旧対照表",
        "（傍線部分は変更部分）",
        "生活の困りごと",
        "生活困窮状況",
        "-1-",
    ):
        assert expected in squashed, expected


class _Strokes:
    """Follows one page's content stream: line width (saved by q, restored by Q) and paths."""

    def __init__(self, page: int) -> None:
        self.page = page
        self.width = 1.0
        self.saved: list[float] = []
        self.start: tuple[float, float] | None = None
        self.found: list[tuple[int, float, float, float]] = []

    def visit(self, op: bytes, args: list[object], cm: list[float], tm: list[float]) -> None:
        if op == b"q":
            self.saved.append(self.width)
        elif op == b"Q":
            self.width = self.saved.pop()
        elif op == b"w":
            self.width = float(args[0])  # type: ignore[arg-type]
        elif op in (b"m", b"l"):
            x, y = (float(a) for a in args[:2])  # type: ignore[arg-type]
            point = (cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5])
            if op == b"m":
                self.start = point
            elif self.start and abs(self.start[1] - point[1]) < 0.01 and self.width != GRID_WIDTH:
                x0, x1 = sorted((self.start[0], point[0]))
                self.found.append((self.page, x0, x1, point[1]))


def _pdf_underlines(path: Path) -> list[tuple[int, float, float, float]]:
    """(page, x0, x1, y) of every stroked horizontal line that is not a table rule."""
    found: list[tuple[int, float, float, float]] = []
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages, start=1):
        strokes = _Strokes(number)
        page.extract_text(visitor_operand_before=strokes.visit)
        found += strokes.found
    return found


def _text_above(path: Path, page: int, x0: float, x1: float, y: float) -> str:
    """The characters pdftotext finds just above an underline (72 dpi: points)."""
    height = 595.276
    left, right = math.ceil(x0), math.floor(x1)
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-x", str(left), "-y",
         str(math.floor(height - y - 9)), "-W", str(right - left), "-H", "8", str(path), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return "".join(done.stdout.split())


def _pdf_underlined_text(path: Path) -> tuple[str, str]:
    """What is underlined in the left and in the right column, in reading order."""
    sides: dict[bool, list[tuple[int, float, float, str]]] = {True: [], False: []}
    for page, x0, x1, y in _pdf_underlines(path):
        sides[x0 < 841.89 / 2].append((page, -y, x0, _text_above(path, page, x0, x1, y)))
    return tuple("".join(t for *_, t in sorted(sides[left])) for left in (True, False))  # type: ignore[return-value]


@pytest.mark.tools("pdftotext")
def test_pdf_underlines_sit_on_exactly_the_changed_characters(
    tmp_path: Path, pair_files: tuple[Path, Path]
) -> None:
    path = _render(tmp_path, *pair_files, ".pdf")
    assert _pdf_underlined_text(path) == ("の困りごと", "困窮状況")
    reader = pypdf.PdfReader(str(path))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape
    first = reader.pages[0].extract_text()
    for expected in ("資料4", "令和8年11月26日", "（傍線部分は変更部分）", "新", "旧", "- 1 -"):
        assert expected in first, expected
    assert reader.metadata is not None and reader.metadata.title == "取組事例集 新旧対照表"


@pytest.mark.tools("pdftotext")
def test_pdf_of_the_real_typo_fix_underlines_only_the_long_vowel_mark(
    tmp_path: Path, corrected: Path
) -> None:
    path = _render(tmp_path, REAL_SOURCE, corrected, ".pdf")
    assert _pdf_underlined_text(path) == ("ー", "")
    reversed_order = _render(tmp_path, REAL_SOURCE, corrected, ".pdf", "--order", "old-new")
    assert _pdf_underlined_text(reversed_order) == ("", "ー")


def test_docx_of_the_real_typo_fix_underlines_only_the_long_vowel_mark(
    tmp_path: Path, corrected: Path
) -> None:
    rows = _docx_sides(_render(tmp_path, REAL_SOURCE, corrected, ".docx"))
    # header, section 3 (its topic is implicit: no heading row), the case
    assert [r[1] for r in rows] == ["", "", "ー"]
    assert rows[1][0] == "3．支援における関係機関連携"
    assert rows[-1][2].startswith("3-1-5") and "ハロワーク" in rows[-1][2]


def test_xlsx_lists_every_change_as_a_row(tmp_path: Path) -> None:
    old, new = tmp_path / "old.md", tmp_path / "new.md"
    old.write_text(BASE, encoding="utf-8")
    text = _edit("生活困窮状況を把握", "生活の困りごとを把握")
    text = _edit("- 広報誌を毎月発行し、対象者像の共有を図っている。【川崎市】\n", "", text)
    text = _edit(
        "(就労準備支援事業)\n", "(就労準備支援事業)\n- 職業体験を実施した。【志摩市】\n", text
    )
    new.write_text(text, encoding="utf-8")
    sheet = openpyxl.load_workbook(_render(tmp_path, old, new, ".xlsx")).active
    assert sheet.title == "変更一覧"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["区分", "対象", "番号（旧）", "番号（新）", "団体", "旧", "新", "変更箇所"]
    assert [r[:5] for r in rows[1:]] == [
        ["変更", "事例", "1-1-1", "1-1-1", "国立市"],
        ["削除", "事例", "1-2-2", None, "川崎市"],
        ["追加", "事例", None, "2-1-1", "志摩市"],
    ]
    assert rows[1][7] == "「困窮状況」→「の困りごと」"
    assert rows[2][5] == "広報誌を毎月発行し、対象者像の共有を図っている。【川崎市】"


# -- the command line --------------------------------------------------------------------


def test_rev_compares_the_committed_source_with_the_working_file(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    source = tmp_path / "src.md"
    source.write_text(BASE, encoding="utf-8")
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", "src.md")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "first")
    source.write_text(REWORDED, encoding="utf-8")
    done = run_cli("diff", "--rev", "HEAD", "src.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# 新旧対照: HEAD:src.md → src.md")
    assert "変更 1件" in done.stdout and "~~困窮状況~~" in done.stdout
    bad = run_cli("diff", "--rev", "no-such-rev", "src.md", cwd=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "no-such-rev:src.md: error: git cannot show the source at no-such-rev" in bad.stderr


def test_an_invalid_source_exits_1_with_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text("表題\n1. 節\n- 本文。【鳥羽市\n", encoding="utf-8")
    done = run_cli("diff", str(REAL_SOURCE), str(bad))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{bad}:3:" in done.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_cli("diff", str(REAL_SOURCE)).returncode == 2
    done = run_cli("diff", str(REAL_SOURCE), str(REAL_SOURCE), "--format", "pdf")
    assert done.returncode == 2 and "-o FILE" in done.stderr


def test_help_has_examples_and_the_exit_status() -> None:
    done = run_cli("diff", "--help")
    assert done.returncode == 0
    assert "reportkit diff --rev HEAD~1" in done.stdout
    assert "Exit status is 0 whether or not anything changed" in done.stdout


def test_the_markdown_summary_does_not_import_writer_libraries() -> None:
    code = (
        "import sys\n"
        "from reportkit.cli import main\n"
        f"try:\n    main(['diff', {str(REAL_SOURCE)!r}, {str(REAL_SOURCE)!r}])\n"
        "except SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "loaded = [m for m in ('reportlab', 'docx', 'openpyxl') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_a_revised_real_source_summary_reads_in_a_minute(real_document: Document) -> None:
    """The shipped source against a revision with every kind of change."""
    text = REAL_SOURCE.read_text(encoding="utf-8")
    text = text.replace("(相談機関としての役割)", "(相談機関の役割)")
    text = text.replace(
        "介護サービス事業所に制度周知等を行う。", "介護サービス事業所への制度周知を行っている。"
    )
    removed = next(line for line in text.split("\n") if "【八街市】" in line)
    text = text.replace(removed + "\n", "")
    comparison = compare(real_document, _doc(text, "revised.md"), "旧", "新")
    summary = markdown(comparison)
    assert "事例 61件 → 60件: 追加 0件、削除 1件、変更 1件、移動 0件" in summary
    assert "中項目の名称変更 1件" in summary
    assert len(summary.splitlines()) < 20
    assert io.StringIO(summary).readline().startswith("# 新旧対照: 旧 → 新")


def test_the_workflow_writes_the_summary_of_a_push(tmp_path: Path) -> None:
    """The CI step, run as the workflow runs it, in a repository with two commits."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/reports.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    (step,) = [s for s in steps if "reportkit diff --rev HEAD~1" in s.get("run", "")]
    assert "--format md" in step["run"] and '>> "$GITHUB_STEP_SUMMARY"' in step["run"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] in (0, 2)  # HEAD~1 must be fetched
    if not (Path(sys.prefix) / "bin" / "reportkit").is_file():
        needs("reportkit installed in a virtualenv")
    (tmp_path / ".venv").symlink_to(sys.prefix)
    source = tmp_path / "source" / "torikumi-jirei.md"
    source.parent.mkdir()
    text = REAL_SOURCE.read_text(encoding="utf-8")
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    for content in (text, text.replace("ハロワーク", "ハローワーク")):
        source.write_text(content, encoding="utf-8")
        for args in (["init", "-q"], ["add", "source"], [*identity, "commit", "-qm", "edition"]):
            subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)
    summary = tmp_path / "summary.md"
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    written = summary.read_text(encoding="utf-8")
    assert written.startswith(
        "# 新旧対照: HEAD~1:source/torikumi-jirei.md → source/torikumi-jirei.md"
    )
    assert "変更 1件" in written and "ハロ**ー**ワーク" in written


@pytest.mark.tools("pdffonts")
def test_pdf_embeds_every_font(tmp_path: Path, pair_files: tuple[Path, Path]) -> None:
    path = _render(tmp_path, *pair_files, ".pdf")
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = [line.split() for line in done.stdout.splitlines()[2:]]
    assert rows
    assert all(row[-5] == "yes" for row in rows), done.stdout  # the emb column
