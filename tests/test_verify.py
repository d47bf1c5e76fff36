"""`reportkit verify` and the build's check: real outputs, edited, must be caught.

Every edit is made to a file a real build wrote, with the independent libraries (pypdf,
python-docx, the zip's XML); the manifest's hash is then set to the edited file's, so
what catches the edit is the comparison of contents, not the hash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
from click.testing import CliRunner

from reportkit import formats
from reportkit.cli import main

from .conftest import REAL_SOURCE, ROOT, run_cli

MEETINGS = ("kanto-shinetsu", "shukan-kacho")


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with both meetings built in every format."""
    root = tmp_path_factory.mktemp("verify") / "project"
    (root / "source").mkdir(parents=True)
    shutil.copy(REAL_SOURCE, root / "source" / REAL_SOURCE.name)
    shutil.copy(ROOT / "reportkit.toml", root / "reportkit.toml")
    done = run_cli("build", "--all-meetings", "-q", cwd=root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def project(pristine: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(pristine, root)
    return root


def verify(root: Path, *args: str) -> tuple[int, str, str]:
    done = run_cli("verify", *args, cwd=root)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def restamp(root: Path, name: str) -> None:
    """Record the edited file's hash in the manifest, as if the build had written it."""
    manifest = root / "output" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["outputs"][name]["sha256"] = hashlib.sha256(
        (root / "output" / name).read_bytes()
    ).hexdigest()
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def source_line(text: str) -> int:
    lines = REAL_SOURCE.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if text in line)


def edit_docx(path: Path, change: object) -> None:
    document = docx.Document(str(path))
    cases = [p for p in document.paragraphs if p.style.style_id == "ListBullet"]
    change(cases)  # type: ignore[operator]
    document.save(str(path))


def edit_xml(path: Path, member: str, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts[member].decode("utf-8")
    assert xml.count(old) == 1, old
    parts[member] = xml.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)


# -- agreement ---------------------------------------------------------------------------------


def test_a_fresh_build_agrees_and_the_table_says_what_was_compared(pristine: Path) -> None:
    code, out, err = verify(pristine)
    assert code == 0, err
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:-1]}
    for meeting, cases in (("shukan-kacho", "61"), ("kanto-shinetsu", "23")):
        for suffix in (".pdf", ".docx", ".xlsx", ".html"):
            row = rows[f"output/{meeting}{suffix}"]
            assert row[:4] == [cases] * 4, (meeting, suffix, row)
    # counts: 4 sections + 17 topics in the handout; 52 local governments in its index
    assert rows["output/shukan-kacho.pdf"][4:] == ["21", "-", "52"]
    assert rows["output/shukan-kacho.xlsx"][4:] == ["18", "7", "52"]
    assert out.splitlines()[-1] == "8 outputs agree with the source"


# -- what verify catches -------------------------------------------------------------------------


def test_a_case_missing_from_the_briefing(project: Path) -> None:
    path = project / "output" / "shukan-kacho.docx"
    edit_docx(path, lambda cases: cases[4]._p.getparent().remove(cases[4]._p))
    restamp(project, path.name)
    code, out, err = verify(project)
    assert code == 1
    assert "case 1-2-2 is missing from output/shukan-kacho.docx" in err  # the fifth case
    assert "no case 1-2-2 (60 cases read)" in err
    assert "shukan-kacho.docx" not in out.split("\n", 1)[1]  # no row for the failing file


def test_a_case_missing_from_the_handout(project: Path) -> None:
    path = project / "output" / "kanto-shinetsu.pdf"
    reader = pypdf.PdfReader(path)
    writer = pypdf.PdfWriter()
    for number, page in enumerate(reader.pages):
        if number != 2:  # drop page 3
            writer.add_page(page)
    buffer = io.BytesIO()
    writer.write(buffer)
    path.write_bytes(buffer.getvalue())
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    found = re.search(r"case (\d+-\d+-\d+) is missing from output/kanto-shinetsu.pdf", err)
    assert found, err
    assert re.search(r"torikumi-jirei\.md:\d+: case " + found.group(1), err)


def test_a_changed_text(project: Path) -> None:
    path = project / "output" / "shukan-kacho.docx"

    def reword(cases: list) -> None:  # type: ignore[type-arg]
        text = next(run for run in cases[0].runs if "結びつき" in run.text)  # not the number
        text.text = text.text.replace("結びつき", "つながり")

    edit_docx(path, reword)
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    line = source_line("地域内での結びつきが強く")
    assert "output/shukan-kacho.docx: the text of case 1-1-1 differs" in err
    assert re.search(r"output/shukan-kacho.docx 段落 \d+: 地域内でのつながり", err)
    assert f"torikumi-jirei.md:{line}: 地域内での結びつき" in err


def test_a_dropped_emphasis_in_the_briefing(project: Path) -> None:
    path = project / "output" / "shukan-kacho.docx"

    def plain(cases: list) -> None:  # type: ignore[type-arg]
        for run in cases[1].runs:
            if run.style is not None and run.style.style_id == "CaseEmphasis":
                run.style = None

    edit_docx(path, plain)
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    assert "output/shukan-kacho.docx: the emphasis of case 1-1-2 differs" in err
    assert "emphasised []" in err and "相談の入口では生活困窮が主訴でなくとも" in err


def test_a_dropped_emphasis_in_the_workbook(project: Path) -> None:
    path = project / "output" / "shukan-kacho.xlsx"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    # 事例一覧, column 強調 (I) of case 1-1-1 (row 2)
    cell = re.search(r'<c r="I2"[^>]*><is><t>([^<]*)</t></is></c>', xml)
    assert cell and "制度施行により生活困窮の相談のハードルが下がった" in html.unescape(
        cell.group(1)
    )
    edit_xml(path, "xl/worksheets/sheet2.xml", cell.group(0), '<c r="I2" t="inlineStr"></c>')
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    assert "output/shukan-kacho.xlsx: the emphasis of case 1-1-1 differs" in err
    assert "事例一覧!H2" in err


def test_a_wrong_count_in_the_workbook(project: Path) -> None:
    path = project / "output" / "shukan-kacho.xlsx"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet3.xml").decode()
    # 集計: the row of 1．（2）関係機関からつながる関係づくり, 5 cases
    cell = re.search(r'<c r="(C\d+)"[^>]*><v>5</v></c>', xml)
    assert cell
    edit_xml(path, "xl/worksheets/sheet3.xml", cell.group(0), cell.group(0).replace(">5<", ">6<"))
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    assert "output/shukan-kacho.xlsx: the count of topic 1-2 differs" in err
    assert f"集計!{cell.group(1)}: 6" in err and "torikumi-jirei.md: 5" in err


def test_a_total_without_its_cached_value(project: Path) -> None:
    path = project / "output" / "kanto-shinetsu.xlsx"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    total = re.search(r"(<f>SUM\([A-Z]+3:[A-Z]+3\)</f>)<v>\d+</v>", xml)
    assert total
    edit_xml(path, "xl/worksheets/sheet1.xml", total.group(0), total.group(1) + "<v></v>")
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    assert "output/kanto-shinetsu.xlsx: the count of 茨城県 茨城県 differs" in err


def test_a_stale_file_from_an_older_build(project: Path) -> None:
    old = (project / "output" / "shukan-kacho.xlsx").read_bytes()
    source = project / "source" / REAL_SOURCE.name
    source.write_text(
        source.read_text(encoding="utf-8").replace("地域内での結びつき", "地域内でのつながり"),
        encoding="utf-8",
    )
    done = run_cli("build", "--all-meetings", "-q", cwd=project)
    assert done.returncode == 0, done.stderr
    assert verify(project)[0] == 0
    (project / "output" / "shukan-kacho.xlsx").write_bytes(old)  # an older build's file
    code, _, err = verify(project)
    assert code == 1
    assert "output/shukan-kacho.xlsx: the text of case 1-1-1 differs" in err
    assert "its sha256 is not the one manifest.json records" in err


def test_outputs_of_an_older_source_are_stale(project: Path) -> None:
    source = project / "source" / REAL_SOURCE.name
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, _, err = verify(project)
    assert code == 1
    assert "is stale: it was built from another version of source/torikumi-jirei.md" in err
    assert "hint: run 'reportkit build'" in err


def test_a_file_replaced_after_the_build(project: Path) -> None:
    path = project / "output" / "shukan-kacho.pdf"
    path.write_bytes(path.read_bytes() + b"\n% appended\n")
    code, _, err = verify(project)
    assert code == 1
    assert "output/shukan-kacho.pdf: not the file the build wrote" in err


def test_no_manifest_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = verify(tmp_path, str(tmp_path / "nothing"))
    assert code == 1
    assert "no outputs recorded (manifest.json missing or empty)" in err


# -- the build's check -----------------------------------------------------------------------------


def test_build_does_not_publish_an_output_that_disagrees(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(project / "output")
    lossy = dataclasses.replace(formats.WRITERS["xlsx"], module="tests.lossy_writer")
    monkeypatch.setitem(formats.WRITERS, "xlsx", lossy)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert "build failed, nothing was written" in result.output
    assert "case 4-3-4 is missing from torikumi-jirei.xlsx" in result.output
    assert not (project / "output").exists() or not any((project / "output").iterdir())
    published = CliRunner().invoke(main, ["build", "--jobs", "1", "-q", "--no-verify"])
    assert published.exit_code == 0, published.output
    assert (project / "output" / "torikumi-jirei.xlsx").is_file()


def _numbered(paragraph: docx.text.paragraph.Paragraph, case_id: str, key: str) -> None:
    """Rewrite a case paragraph as the briefing will write it: a hidden bookmark, the
    number in style CaseNumber, the text, a tab, then the attribution."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = paragraph._p
    runs = p.findall(docx.oxml.ns.qn("w:r"))
    attribution = [r for r in runs if r.style in ("Attribution", "AttributionEmphasis")]
    attribution[0].addprevious(parse_xml(f"<w:r {nsdecls('w')}><w:tab/></w:r>"))
    runs[0].addprevious(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="CaseNumber"/></w:rPr>'
            f"<w:t>{case_id}　</w:t></w:r>"
        )
    )
    p.insert(
        1 if p.pPr is not None else 0,
        parse_xml(
            f'<w:bookmarkStart {nsdecls("w")} w:id="{abs(hash(key)) % 10**6}" w:name="_RK_{key}"/>'
        ),
    )


def test_the_numbered_briefing_paragraph_is_read_too(project: Path) -> None:
    from reportkit.building.plan import make_view
    from reportkit.source import load

    path = project / "output" / "shukan-kacho.docx"
    cases = list(make_view(load(REAL_SOURCE), REAL_SOURCE).document.cases())

    def number(paragraphs: list) -> None:  # type: ignore[type-arg]
        for paragraph, case in zip(paragraphs, cases, strict=True):
            _numbered(paragraph, case.id, case.key)

    edit_docx(path, number)
    restamp(project, path.name)
    code, out, err = verify(project)
    assert code == 0, err
    assert "output/shukan-kacho.docx" in out

    def misnumber(paragraphs: list) -> None:  # type: ignore[type-arg]
        for run in paragraphs[2].runs:
            if run._r.style == "CaseNumber":
                run.text = "1-1-9　"

    edit_docx(path, misnumber)
    restamp(project, path.name)
    code, _, err = verify(project)
    assert code == 1
    assert "case 1-1-3 is missing from output/shukan-kacho.docx" in err


def _edit_html(root: Path, change: object) -> None:
    path = root / "output" / "shukan-kacho.html"
    text = path.read_text(encoding="utf-8")
    path.write_text(change(text), encoding="utf-8")  # type: ignore[operator]
    restamp(root, path.name)


def test_the_web_page_is_read_back_too(project: Path) -> None:
    code, out, _ = verify(project)
    assert code == 0
    row = next(line for line in out.splitlines() if "shukan-kacho.html" in line)
    assert row.split()[1:6] == ["61", "61", "61", "61", "21"]  # cases … topics (17 + 4)


def test_a_case_missing_from_the_web_page(project: Path) -> None:
    _edit_html(project, lambda text: re.sub(r'<li class="case" id="case-1-2-2">.*?</li>', "", text))
    code, _, err = verify(project)
    assert code == 1
    assert "case 1-2-2 is missing from output/shukan-kacho.html" in err


def test_a_changed_text_and_a_dropped_emphasis_in_the_web_page(project: Path) -> None:
    _edit_html(project, lambda text: text.replace("結びつき", "つながり", 1))
    code, _, err = verify(project)
    assert code == 1 and "output/shukan-kacho.html: the text of case 1-1-1 differs" in err
    _edit_html(
        project,
        lambda text: text.replace("つながり", "結びつき", 1).replace(
            "<strong>制度施行により生活困窮の相談のハードルが下がった</strong>",
            "制度施行により生活困窮の相談のハードルが下がった",
            1,
        ),
    )
    code, _, err = verify(project)
    assert code == 1 and "1-1-1" in err and "emphasis" in err
