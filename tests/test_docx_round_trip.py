"""Round trips through the Word briefing: model -> docx -> model, docx -> md -> build, the CLI.

Equality is of content: lines and columns name a paragraph in a briefing and a line in a
source, so they are left out (:func:`tests.docx_edits.content`).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from benchmarks.synth import generate
from docx.document import Document as WordDocument

from reportkit.building.plan import Request, make_view, plan
from reportkit.model import Document
from reportkit.readers import read
from reportkit.readers.markdown import read_markdown
from reportkit.source import load
from reportkit.view import View
from reportkit.writers.docx import render
from reportkit.writers.markdown import write as write_markdown

from .conftest import REAL_SOURCE, ROOT, run_cli
from .docx_edits import case_paragraphs, content, edited, run, set_content


def _briefing_path(tmp_path: Path, view: View, name: str = "briefing.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(render(view))
    return path


def _numbered_by_position(document: Document) -> Any:
    """The content a briefing of ``document`` reads back as: cases numbered 1.. per topic."""
    data = content(document)
    for section in data["sections"]:
        for topic in section["topics"]:
            for index, case in enumerate(topic["cases"], start=1):
                case["id"] = f"{section['number']}-{topic['number']}-{index}"
    return data


@pytest.mark.parametrize("meeting", ["shukan-kacho", "kanto-shinetsu"])
def test_each_shipped_meeting_reads_back(tmp_path: Path, meeting: str) -> None:
    """A block edition keeps the national section and topic numbers its headings print;
    its cases, whose national numbers have gaps there, are numbered by position."""
    [target] = plan(
        Request(fmt="docx", settings=ROOT / "reportkit.toml", meetings=(meeting,))
    ).targets
    path = _briefing_path(tmp_path, target.view)
    again = load(path)
    assert _numbered_by_position(again) == _numbered_by_position(target.view.document)
    assert [c.key for c in again.cases()] == [c.key for c in target.view.document.cases()]
    if meeting == "kanto-shinetsu":
        assert [c.id for c in again.cases()] != [c.id for c in target.view.document.cases()]
    else:
        assert content(again) == content(target.view.document)


@pytest.fixture(scope="session")
def synthetic_5000(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    """5,000 synthetic cases: the source read, and its briefing built once per session."""
    directory = tmp_path_factory.mktemp("synth5000")
    source = directory / "synth.md"
    source.write_text(generate(5000, seed=1), encoding="utf-8")
    document = load(source)
    path = directory / "synth.docx"
    path.write_bytes(render(make_view(document, source)))
    return document, path


def test_a_5000_case_briefing_reads_back(synthetic_5000: tuple[Document, Path]) -> None:
    document, path = synthetic_5000
    again = load(path)
    assert sum(1 for _ in again.cases()) == 5000
    assert content(again) == content(document)


def test_a_5000_case_briefing_converts_to_the_canonical_source(
    synthetic_5000: tuple[Document, Path],
) -> None:
    document, path = synthetic_5000
    assert write_markdown(read(path)) == write_markdown(document)


@pytest.mark.tools("soffice")
def test_a_briefing_resaved_by_libreoffice_reads_back(
    tmp_path: Path, real_view: View, real_document: Document
) -> None:
    path = _briefing_path(tmp_path, real_view)
    out = tmp_path / "resaved"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    resaved = out / "briefing.docx"
    assert done.returncode == 0 and resaved.is_file(), done.stderr
    styles = zipfile.ZipFile(resaved).read("word/styles.xml").decode("utf-8")
    assert 'w:styleId="Attribution"' not in styles  # LibreOffice renamed the custom ids
    assert content(read(resaved)) == content(real_document)


# -- the Markdown source ---------------------------------------------------------------


def test_a_reworded_case_keeps_its_key_through_markdown(
    tmp_path: Path, real_view: View, real_document: Document
) -> None:
    def reword(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[0],
            run("支え合いで生計を維持する世帯が多い土地柄であるが、相談のハードルが下がった。"),
            run("【鳥羽市】", "Attribution"),
        )

    path = tmp_path / "edited.docx"
    path.write_bytes(edited(render(real_view), reword))
    first = next(real_document.cases())
    text = write_markdown(read(path)).decode("utf-8")
    assert (
        "- 支え合いで生計を維持する世帯が多い土地柄であるが、相談のハードルが下がった。"
        f"【鳥羽市】 <!-- key:{first.key} -->\n" in text
    )
    assert text.count("<!-- key:") == 1  # no other case needs one
    again = read_markdown(text, "back.md")
    assert next(again.cases()).key == first.key
    assert write_markdown(again).decode("utf-8") == text  # a fixed point


def test_markdown_is_a_fixed_point_after_the_first_canonicalisation(tmp_path: Path) -> None:
    source = tmp_path / "synth.md"
    source.write_text(generate(300, seed=3), encoding="utf-8")
    once = write_markdown(read(source))
    twice = write_markdown(read_markdown(once.decode("utf-8"), "once.md"))
    assert once == twice
    assert content(read_markdown(once.decode(), "once.md")) == content(read(source))


def test_convert_in_place_rewrites_a_source_canonically(tmp_path: Path) -> None:
    source = tmp_path / "torikumi-jirei.md"
    shutil.copy(REAL_SOURCE, source)
    done = run_cli("convert", str(source), "--in-place")
    assert done.returncode == 0, done.stderr
    text = source.read_text(encoding="utf-8")
    assert text.startswith("自治体における様々な取組事例\n\n様々な取組事例\n\n※")
    assert "(続き)" not in text and "続き)" not in text
    assert content(read(source)) == content(read(REAL_SOURCE))
    mtime = source.stat().st_mtime_ns
    assert run_cli("convert", str(source), "--in-place").returncode == 0
    assert source.stat().st_mtime_ns == mtime  # already canonical: not rewritten
    refused = run_cli("convert", str(source), "--in-place", "--to", "json")
    assert refused.returncode == 2 and "--in-place" in refused.stderr
    briefing = tmp_path / "b.docx"
    briefing.write_bytes(b"PK")
    refused = run_cli("convert", str(briefing), "--in-place")
    assert refused.returncode == 2 and "--to md -o FILE" in refused.stderr


# -- the command line ------------------------------------------------------------------


def _pandoc_like(path: Path) -> None:
    """The real source's text in python-docx's default template, as pandoc would style it."""
    word = docx.Document()
    for line in REAL_SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("- "):
            word.add_paragraph(line[2:], style="List Bullet")
        elif line[0].isdigit():
            word.add_heading(line, level=1)
        elif line.startswith("("):
            word.add_heading(line, level=2)
        else:
            word.add_paragraph(line, style="Title" if not word.paragraphs else None)
    word.save(path)


def _empty(path: Path) -> None:
    docx.Document().save(path)


def _random_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("notes/readme.txt", "これは Word 文書ではありません。")


def _truncated(path: Path) -> None:
    """A .docx cut short in transfer: its first half."""
    word = io.BytesIO()
    docx.Document().save(word)
    path.write_bytes(word.getvalue()[: len(word.getvalue()) // 2])


def _ole_without_word(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))


def _too_many_entries(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as package:
        for index in range(2_001):
            package.writestr(f"word/media/{index}.xml", "")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_pandoc_like, "not a reportkit briefing: the document has none of its styles "
                       "(expected 見出し 1 (heading 1), 見出し 2 (heading 2), 箇条書き "
                       "(List Bullet), 出典, 強調)"),
        (_empty, "not a reportkit briefing"),
        (_random_zip, "not a Word document: the package has no main document part"),
        (_truncated, "not a .docx: the file is not a zip package, or it is truncated or damaged"),
        (_ole_without_word, "an OLE compound file (an old Office format), not a .docx"),
        (_too_many_entries, "the package holds 2,001 entries"),
    ],
    ids=["pandoc-like", "empty", "random-zip", "truncated", "ole", "zip-bomb-entries"],
)  # fmt: skip
def test_what_is_not_a_briefing_is_one_clear_error(tmp_path: Path, make: Any, message: str) -> None:
    path = tmp_path / "input.docx"
    make(path)
    for args in (
        ["validate", str(path)],
        ["convert", str(path), "--to", "md"],
        ["build", "--source", str(path), "--output-dir", str(tmp_path / "out")],
    ):
        done = run_cli(*args)
        assert done.returncode == 1, (args, done.stderr)
        lines = [line for line in done.stderr.splitlines() if not line.startswith("  hint: ")]
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith(f"{path}: error: ") and message in lines[0], done.stderr
        assert "Traceback" not in done.stderr


def test_a_part_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bound on a part's size, lowered so the test stays small: 2 MiB of zeros."""
    from reportkit.errors import SourceError
    from reportkit.readers.docx import package
    from reportkit.readers.docx import read as read_docx

    monkeypatch.setattr(package, "MAX_PART_BYTES", 1024 * 1024)
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("word/document.xml", b"<" + b" " * (2 * 1024 * 1024))
    assert len(data.getvalue()) < 10_000
    with pytest.raises(SourceError, match=r"word/document\.xml unpacks to more than 1 MiB"):
        read_docx(data.getvalue(), "bomb.docx")


def test_a_password_protected_briefing_is_one_clear_error(tmp_path: Path, real_view: View) -> None:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _briefing_path(tmp_path, real_view)
    locked = tmp_path / "locked.docx"
    with open(plain, "rb") as source, open(locked, "wb") as target:
        OOXMLFile(source).encrypt("himitsu", target)
    assert msoffcrypto.olefile.isOleFile(str(locked))
    done = run_cli("validate", str(locked))
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"{locked}: error: the briefing is password-protected (encrypted)"
    )


@pytest.mark.tools("soffice")
def test_a_word_97_document_is_one_clear_error(tmp_path: Path, real_view: View) -> None:
    path = _briefing_path(tmp_path, real_view)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    for doc in (tmp_path / "briefing.doc", tmp_path / "renamed.docx"):
        if not doc.exists():
            shutil.copy(tmp_path / "briefing.doc", doc)
        done = run_cli("validate", str(doc))
        assert done.returncode == 1
        assert done.stderr.startswith(
            f"{doc}: error: a Word 97-2003 document (.doc), not a .docx"
        ), done.stderr


def test_tracked_changes_on_the_command_line(tmp_path: Path, real_view: View) -> None:
    def tracked(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[0],
            run("地域内での結びつきが強い土地柄であるが、相談のハードルが下がった。"),
            '<w:ins w:id="5" w:author="山田">' + run("介護事業所に周知した。") + "</w:ins>",
            run("【鳥羽市】", "Attribution"),
        )

    path = tmp_path / "edited.docx"
    path.write_bytes(edited(render(real_view), tracked))
    refused = run_cli("validate", str(path))
    assert refused.returncode == 1
    assert (
        "error: tracked change (insertion by 山田) still in the file: 「介護事業所に周知した。」"
        in (refused.stderr)
    )
    accepted = run_cli("convert", str(path), "--to", "md", "--accept-changes")
    assert accepted.returncode == 0, accepted.stderr
    assert (
        "- 地域内での結びつきが強い土地柄であるが、相談のハードルが下がった。介護事業所に周知した。【鳥羽市】"
        in (accepted.stdout)
    )
    rejected = run_cli("convert", str(path), "--to", "md", "--reject-changes")
    assert "- 地域内での結びつきが強い土地柄であるが、相談のハードルが下がった。【鳥羽市】" in (
        rejected.stdout
    )
    both = run_cli("validate", str(path), "--accept-changes", "--reject-changes")
    assert both.returncode == 2


def test_validate_prints_a_comment_as_a_warning(tmp_path: Path, real_view: View) -> None:
    def comment(word: WordDocument) -> None:
        word.add_comment(case_paragraphs(word)[0].runs[0], text="要確認", author="佐藤")

    path = tmp_path / "commented.docx"
    path.write_bytes(edited(render(real_view), comment))
    done = run_cli("validate", str(path))
    assert done.returncode == 0, done.stderr
    assert ": warning: comment by 佐藤 is not carried into the source: 「要確認」" in done.stderr
    # the comment, the source's own ハロワーク, and six wholly emphasised cases or sections
    assert "8 warnings" in done.stdout
    assert run_cli("validate", str(path), "--strict").returncode == 1


# -- done when: a briefing converted back builds the same outputs; edits show -----------


def _cases_in_docx(path: Path) -> list[tuple[str, list[tuple[str, str | None]]]]:
    word = docx.Document(str(path))
    return [
        (p.text, [(r.text, r.style.name if r.style is not None else None) for r in p.runs])
        for p in case_paragraphs(word)
    ]


def _sheet(path: Path, title: str) -> list[tuple[str, ...]]:
    """The sheet's cells as text (no column holds a source line: it would differ)."""
    rows = openpyxl.load_workbook(path, rich_text=True)[title].iter_rows(values_only=True)
    return [tuple(str(v) for v in row) for row in rows]


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_briefing_converted_back_builds_the_same_outputs(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    done = run_cli("build", "--source", str(REAL_SOURCE), "--output-dir", str(first))
    assert done.returncode == 0, done.stderr
    back = tmp_path / "torikumi-jirei.md"
    done = run_cli("convert", str(first / "torikumi-jirei.docx"), "--to", "md", "-o", str(back))
    assert done.returncode == 0, done.stderr
    done = run_cli("build", "--source", str(back), "--output-dir", str(second))
    assert done.returncode == 0, done.stderr
    # numbers, texts, emphasis and attributions, read back from each format
    assert _cases_in_docx(second / "torikumi-jirei.docx") == _cases_in_docx(
        first / "torikumi-jirei.docx"
    )
    for sheet in ("事例一覧", "マトリクス", "集計"):
        assert _sheet(second / "torikumi-jirei.xlsx", sheet) == _sheet(
            first / "torikumi-jirei.xlsx", sheet
        )
    assert _pdf_text(second / "torikumi-jirei.pdf") == _pdf_text(first / "torikumi-jirei.pdf")


def test_an_edited_briefing_shows_its_edits_in_the_rebuilt_pdf_and_excel(
    tmp_path: Path, real_view: View
) -> None:
    reworded = "ハローワークと毎週合同の相談会を開き、就労につながった。"

    def edit(word: WordDocument) -> None:
        set_content(
            case_paragraphs(word)[0],
            run(reworded[:10]),
            run(reworded[10:]),
            run("【鳥羽市】", "Attribution"),
        )
        gone = case_paragraphs(word)[1]
        gone._p.getparent().remove(gone._p)

    path = tmp_path / "edited.docx"
    path.write_bytes(edited(render(real_view), edit))
    back = tmp_path / "edited.md"
    assert run_cli("convert", str(path), "--to", "md", "-o", str(back)).returncode == 0
    out = tmp_path / "out"
    done = run_cli("build", "--source", str(back), "--output-dir", str(out))
    assert done.returncode == 0, done.stderr
    rows = _sheet(out / "edited.xlsx", "事例一覧")
    assert rows[1][0] == "1-1-1" and rows[1][7] == reworded
    assert rows[2][0] == "1-1-2" and rows[2][3] == "東村山市"  # 国立市's case is gone
    assert not any("国立市" in cell for row in rows for cell in row)
    text = "".join(_pdf_text(out / "edited.pdf").split())
    assert reworded in text and "国立市" not in text
