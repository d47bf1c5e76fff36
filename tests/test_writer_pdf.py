"""The PDF handout, read back with pypdf, pdftotext, pdffonts and qpdf."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.textobject import PDFTextObject

from reportkit.labels import section_label as section_title
from reportkit.labels import topic_label as topic_title
from reportkit.model import Document
from reportkit.summary import actor_index, cases_by_block
from reportkit.view import Fonts, Meeting, View
from reportkit.writers.pdf import fonts as pdf_fonts
from reportkit.writers.pdf import render
from reportkit.writers.pdf.kinsoku import NO_END, NO_START

from .conftest import ROOT, needs

BIZ_UD = Path("/usr/share/fonts/truetype/bizud-mincho/BIZUDMincho-Regular.ttf")
IPAEX = Path("/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf")


def _squash(text: str) -> str:
    """Text without any whitespace (line breaks, spaces, no-break spaces)."""
    return re.sub(r"\s+", "", text.replace("\u00a0", " "))


def _pdftotext(path: Path, *args: str) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *args, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def _flow_text(pages: list[str]) -> str:
    """The pages' text run together without their page-number footers."""
    return "".join(text.replace(f"- {n} -", "", 1) for n, text in enumerate(pages, 1))


@pytest.fixture(scope="module")
def real_pdf(real_view: View) -> bytes:
    return render(real_view)


@pytest.fixture(scope="module")
def real_pdf_file(real_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "handout.pdf"
    path.write_bytes(real_pdf)
    return path


def _write_source(
    path: Path, sections: list[tuple[str, list[tuple[str | None, list[str]]]]]
) -> Path:
    lines = ["合成された取組事例集", "", "試験用の副題", "", "※試験のために合成した事例。", ""]
    for number, (title, topics) in enumerate(sections, 1):
        lines += [f"{number}. {title}", ""]
        for topic, cases in topics:
            if topic is not None:
                lines += [f"({topic})", ""]
            lines += [f"- {case}" for case in cases]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _view_of(source: Path, **meeting: object) -> View:
    from reportkit.building.plan import make_view
    from reportkit.source import load

    return make_view(load(source), source, None, Meeting(**meeting))


# -- text ---------------------------------------------------------------------------------


def test_pypdf_text_has_every_case_and_attribution(real_view: View, real_pdf: bytes) -> None:
    text = _squash(_flow_text(_pages_text(real_pdf)))
    for case in real_view.document.cases():
        assert _squash(case.text) in text, case.id
        assert _squash(case.attribution.text) in text, case.id
        assert _squash(case.full_text) in text, case.id  # the attribution follows its case


@pytest.mark.tools("pdftotext")
def test_pdftotext_text_has_every_case_and_attribution(
    real_view: View, real_pdf_file: Path
) -> None:
    pages = _pdftotext(real_pdf_file).split("\f")
    text = _squash(_flow_text(pages))
    for case in real_view.document.cases():
        assert _squash(case.text) in text, case.id
        assert _squash(case.attribution.text) in text, case.id


def test_emphasis_is_set_in_the_strong_face_and_nothing_else(
    real_view: View, real_pdf: bytes
) -> None:
    strong: list[str] = []
    plain: list[str] = []

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        name = str((font or {}).get("/BaseFont", ""))
        (strong if name.endswith("Bold") else plain).append(text)

    for page in pypdf.PdfReader(io.BytesIO(real_pdf)).pages:
        page.extract_text(visitor_text=visit)
    strong_text, plain_text = _squash("".join(strong)), _squash("".join(plain))
    for case in real_view.document.cases():
        for run in case.runs:
            if run.emphasis:
                assert _squash(run.text) in strong_text, (case.id, run.text)
            elif len(run.text) >= 12:
                assert _squash(run.text) in plain_text, (case.id, run.text)
                assert _squash(run.text) not in strong_text, (case.id, run.text)


# -- fonts --------------------------------------------------------------------------------


def _pdffonts(path: Path) -> list[list[str]]:
    done = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in done.stdout.splitlines()[2:]]


@pytest.mark.tools("pdffonts")
@pytest.mark.skipif(
    not BIZ_UD.exists(), reason="needs fonts-morisawa-bizud-mincho (CI installs it)"
)
def test_japanese_fonts_are_embedded_as_subsets(real_pdf_file: Path) -> None:
    rows = _pdffonts(real_pdf_file)
    names = {row[0].split("+", 1)[-1] for row in rows}
    assert {"BIZUDMincho-Regular", "BIZUDGothic-Regular", "BIZUDGothic-Bold"} <= names
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert (emb, sub) == ("yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+.+", name), row


def test_handout_is_small(real_pdf: bytes) -> None:
    assert len(real_pdf) < 400_000


@pytest.mark.tools("pdffonts")
def test_configured_font_is_used(real_view: View, tmp_path: Path) -> None:
    if not IPAEX.exists():
        needs("fonts-ipaexfont-mincho")
    view = real_view.model_copy(update={"fonts": Fonts(pdf_body=IPAEX)})
    path = tmp_path / "ipaex.pdf"
    path.write_bytes(render(view))
    names = {row[0].split("+", 1)[-1] for row in _pdffonts(path)}
    assert "IPAexMincho" in names
    assert "BIZUDMincho-Regular" not in names


def test_unusable_configured_font_is_a_clear_error(real_view: View, tmp_path: Path) -> None:
    from reportkit.errors import BuildError

    fake = tmp_path / "not-a-font.ttf"
    fake.write_bytes(b"this is not a font")
    view = real_view.model_copy(update={"fonts": Fonts(pdf_body=fake)})
    with pytest.raises(BuildError, match="TrueType"):
        render(view)


@pytest.fixture
def no_japanese_fonts(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Font discovery finds nothing: no known files, no fontconfig."""
    monkeypatch.setattr(pdf_fonts, "SEARCH_DIRS", (tmp_path / "no-fonts",))
    monkeypatch.setattr(pdf_fonts, "FC_MATCH", None)


def _font_file(name: str) -> Path:
    found = sorted(Path("/usr/share/fonts").rglob(name))
    if not found:
        needs(f"{name} (the IPA fonts)")
    return found[0]


def test_discovery_order_and_single_weight_fallbacks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Known file names in the search directories, best first; no bold: heading face."""
    fonts_dir = tmp_path / "fonts" / "nested"
    fonts_dir.mkdir(parents=True)
    for name in ("ipam.ttf", "ipaexm.ttf", "ipag.ttf"):
        (fonts_dir / name).symlink_to(_font_file(name))
    monkeypatch.setattr(pdf_fonts, "SEARCH_DIRS", (tmp_path / "fonts",))
    monkeypatch.setattr(pdf_fonts, "FC_MATCH", None)
    found = pdf_fonts.find_fonts(Fonts())
    assert found.body.path is not None and found.body.path.name == "ipaexm.ttf"  # IPAex > IPA
    assert found.heading.path is not None and found.heading.path.name == "ipag.ttf"
    assert found.strong == found.heading  # IPA has no bold: emphasis is gothic + underline
    assert found.embedded
    configured = pdf_fonts.find_fonts(Fonts(pdf_heading=_font_file("ipaexg.ttf")))
    assert configured.heading.path == configured.strong.path == _font_file("ipaexg.ttf")


@pytest.mark.parametrize("cid", [False, True], ids=["truetype", "cid"])
def test_scaled_widths_are_reportlabs_string_widths(
    cid: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The cached per-character widths layout uses are what reportlab measures."""
    if cid:
        monkeypatch.setattr(pdf_fonts, "SEARCH_DIRS", (tmp_path / "no-fonts",))
        monkeypatch.setattr(pdf_fonts, "FC_MATCH", None)
    found = pdf_fonts.find_fonts(Fonts())
    assert found.embedded is not cid
    text = "○市民の声を聴き、「相談」へ。ABC 123（続き）ｶﾅ\ue000"
    for face in (found.body, found.heading):
        for size in (7, 10.5):
            scaled = pdf_fonts.scaled_widths(face.name, size)
            for ch in text:
                assert scaled[ch] == pytest.approx(pdfmetrics.stringWidth(ch, face.name, size))
            assert scaled["あ"] > scaled["a"] > 0
            assert pdf_fonts.scaled_widths(face.name, size) is scaled  # one table per size
    assert pdf_fonts.scaled_widths(found.body.name, 7)["あ"] == pytest.approx(
        pdf_fonts.scaled_widths(found.body.name, 10.5)["あ"] * 7 / 10.5
    )


@pytest.mark.tools("fc-match")
def test_fontconfig_is_asked_when_no_known_file_is_found(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pdf_fonts, "SEARCH_DIRS", (tmp_path,))
    found = pdf_fonts.find_fonts(Fonts())
    assert found.embedded
    done = subprocess.run(
        ["fc-match", "-f", "%{file}", "serif:lang=ja"], capture_output=True, text=True, check=True
    )
    assert found.body.path == Path(done.stdout)


@pytest.mark.usefixtures("no_japanese_fonts")
def test_cid_fallback_builds_and_warns_once(
    real_view: View, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with caplog.at_level(logging.WARNING, logger="reportkit"):
        data = render(real_view)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    message = warnings[0].getMessage()
    assert "NOT embedded" in message
    assert "apt install fonts-morisawa-bizud-mincho" in message and "--font" in message
    reader = pypdf.PdfReader(io.BytesIO(data))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert {"/HeiseiMin-W3", "/HeiseiKakuGo-W5"} <= {f.split("+")[-1] for f in fonts}


def test_cli_shows_the_fallback_warning_on_stderr(tmp_path: Path) -> None:
    """A real process (pytest's log capture would hide it): the warning reaches stderr."""
    script = (
        "import sys\n"
        "from reportkit.writers.pdf import fonts\n"
        "fonts.SEARCH_DIRS, fonts.FC_MATCH = (), None\n"
        "from reportkit.cli import main\n"
        "sys.exit(main())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "build", "--format", "pdf", "--output-dir", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("no Japanese TrueType font found") == 1, done.stderr
    assert "apt install fonts-morisawa-bizud-mincho" in done.stderr
    assert (tmp_path / "torikumi-jirei.pdf").read_bytes().startswith(b"%PDF-")


# -- structure ----------------------------------------------------------------------------


@pytest.mark.tools("qpdf")
def test_qpdf_check_passes(real_pdf_file: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(real_pdf_file)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors" in done.stdout


def test_a4_portrait_with_page_numbers(real_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(real_pdf))
    for number, page in enumerate(reader.pages, 1):
        box = page.mediabox
        assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
        assert f"- {number} -" in page.extract_text()


def test_outline_has_sections_and_explicit_topics(real_view: View, real_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(real_pdf))
    outline = reader.outline
    top = [item for item in outline if not isinstance(item, list)]
    sections = real_view.document.sections
    assert [item.title for item in top] == [
        "取組事例の概要",
        *(section_title(s) for s in sections),
        "団体別索引",
    ]
    children: dict[str, list[str]] = {}
    for i, item in enumerate(outline):
        if isinstance(item, list):
            children[outline[i - 1].title] = [child.title for child in item]
    for section in sections:
        expected = [topic_title(t) for t in section.topics if not t.implicit]
        assert children.get(section_title(section), []) == expected
    # each bookmark leads to the page that shows its heading
    texts = _pages_text(real_pdf)
    for item in top[1:-1]:
        page = reader.get_destination_page_number(item)
        assert _squash(item.title) in _squash(texts[page]), item.title


def test_metadata_language_and_dates(real_view: View, real_pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(real_pdf))
    info = reader.metadata
    assert info.title == real_view.document.title
    assert info.author == real_view.meeting.organisation
    assert "主管課長会議" in info.subject and "資料3" in info.subject
    assert info["/CreationDate"] == info["/ModDate"] == "D:20261126000000+00'00'"
    assert reader.trailer["/Root"]["/Lang"] == "ja-JP"


def test_first_page_carries_the_document_number(real_view: View, real_pdf: bytes) -> None:
    first = _pages_text(real_pdf)[0]
    assert "資料3" in first
    assert "令和8年11月26日" in first
    assert "主管課長会議" in first
    assert _squash(real_view.document.note or "") in _squash(first)
    assert _squash(real_view.meeting.organisation or "") in _squash(first)
    unnumbered = real_view.model_copy(
        update={"meeting": real_view.meeting.model_copy(update={"number": None})}
    )
    first = _pages_text(render(unnumbered))[0]
    assert "資料3" not in first and not re.search(r"資料\s*\d", first)
    assert "令和8年11月26日" in first


def test_overview_counts_every_section_and_topic(real_view: View, real_pdf: bytes) -> None:
    overview = _squash("".join(_pages_text(real_pdf)[:2]))  # page 1, its map on page 2
    assert "取組事例の概要" in overview
    for section in real_view.document.sections:
        assert _squash(f"{section_title(section)}{len(section.cases)}件") in overview
        for topic in section.topics:
            if not topic.implicit:
                assert _squash(f"{topic_title(topic)}{len(topic.cases)}件") in overview
    assert "合計61件" in overview
    assert "事例の所在（都道府県別）" in overview
    assert "全国の事例数" not in overview  # not a block handout


def test_map_shows_every_prefecture_with_its_count(real_view: View, real_pdf: bytes) -> None:
    from reportkit.summary import cases_by_prefecture
    from reportkit.writers.pdf.tilemap import TILES, short_name

    assert len(TILES) == 47
    counts = cases_by_prefecture(real_view.document)
    overview = "\n".join(_pages_text(real_pdf)[:2])
    for prefecture in TILES:
        label = short_name(prefecture)
        assert label in overview
        if counts.get(prefecture):
            assert re.search(rf"{label}\s*{counts[prefecture]}\b", overview), prefecture


def test_index_lists_every_actor_in_code_order_with_true_pages(
    real_view: View, real_pdf: bytes
) -> None:
    texts = _pages_text(real_pdf)
    start = next(i for i, t in enumerate(texts) if "団体別索引" in t and i > 1)
    index = "\n".join(texts[start:])
    entries = actor_index(real_view.document)
    positions = []
    for entry in entries:
        match = re.search(rf"^{re.escape(entry.label)}\s", index, re.MULTILINE)
        assert match, entry.label
        positions.append(match.start())
        refs = index[match.end() :].split("\n")[0]
        for case in entry.cases:
            found = re.search(rf"{re.escape(case.id)}\s*\(p\.(\d+)\)", index[match.end() :])
            assert found, (entry.label, case.id, refs)
            page = int(found.group(1))
            head = _squash(case.text)[:25]
            assert head in _squash(texts[page - 1]), (case.id, page)
    assert positions == sorted(positions)  # 団体コード order


# -- determinism ---------------------------------------------------------------------------


def test_two_builds_are_byte_identical(
    real_view: View, real_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the view, not the environment, decides
    again = render(real_view)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(real_pdf).hexdigest()


def test_text_is_shown_as_reportlabs_public_text_out_shows_it(
    real_view: View, real_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pen's private ``_textOut`` shortcut writes what public ``textOut`` writes."""
    monkeypatch.delattr(PDFTextObject, "_textOut")
    assert render(real_view) == real_pdf


# -- 禁則 and headings on a source that forces many line breaks --------------------------------


def _piled_case(k: int) -> str:
    """A long case with 、。「」 falling at every column as k varies."""
    filler = "支援" * (k % 7) + "相" * (k % 3)
    return (
        f"{filler}「就労支援」、「家計改善」。関係機関（社協、ハローワーク）と連携し、"
        f"「断らない相談」を実施。{'あ' * (k % 5)}相談件数は増加した。「居場所」、「学習支援」、"
        f"そして「食」。**「子ども食堂」、「学習会」。**地域の「つながり」を、さらに強化。【仙台市】"
    )


@pytest.fixture(scope="module")
def piled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("piled")
    source = _write_source(
        folder / "piled.md",
        [
            (
                f"合成項目{s}",
                [
                    (f"合成分類{s}-{t}", [_piled_case(s * 31 + t * 7 + c) for c in range(6)])
                    for t in range(1, 5)
                ],
            )
            for s in range(1, 5)
        ],
    )
    path = folder / "piled.pdf"
    path.write_bytes(render(_view_of(source, number="資料1")))
    return path


@pytest.mark.tools("pdftotext")
def test_no_line_starts_with_closing_marks(piled_pdf: Path) -> None:
    lines = [line.strip() for line in _pdftotext(piled_pdf).splitlines() if line.strip()]
    assert len(lines) > 500
    starts = [line for line in lines if line[0] in NO_START]
    ends = [line for line in lines if line[-1] in NO_END]
    assert starts == []
    assert ends == []
    # and the source really forces breaks next to those marks: many lines end in them
    assert sum(line[-1] in "、。」" for line in lines) > 50


@pytest.fixture(scope="module")
def many_headings_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Many short topics of varying length, so that headings fall at every page position."""
    folder = tmp_path_factory.mktemp("headings")
    sections = [
        (
            f"合成項目{s}",
            [
                (
                    f"合成分類{s}-{t}",
                    [
                        _piled_case(s * 13 + t * 5 + c)
                        .replace("**", "")
                        .split("【")[0][: 40 + 23 * ((s + t + c) % 5)]
                        + "【仙台市】"
                        for c in range(1 + (s * t) % 3)
                    ],
                )
                for t in range(1, 13)
            ],
        )
        for s in range(1, 7)
    ]
    source = _write_source(folder / "headings.md", sections)
    path = folder / "headings.pdf"
    path.write_bytes(render(_view_of(source)))
    return path


def test_no_heading_alone_at_the_foot_of_a_page(many_headings_pdf: Path) -> None:
    reader = pypdf.PdfReader(many_headings_pdf)
    assert len(reader.pages) > 12
    headings = re.compile(r"^(\d+．合成項目\d+|（\d+）合成分類[\d-]+)$")
    alone = []
    for number, page in enumerate(reader.pages, 1):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        body = [line for line in lines if line != f"- {number} -"]
        if body and headings.match(body[-1]):
            alone.append((number, body[-1]))
    assert alone == []


# -- block handout --------------------------------------------------------------------------


def test_block_handout_shows_the_national_comparison(real_view: View) -> None:
    from reportkit.meetings.selection import select
    from reportkit.places.blocks import default_scheme
    from reportkit.view import Selection
    from reportkit.writers.pdf.overview import handout_blocks

    blocks = default_scheme().names
    national = cases_by_block(real_view.document, blocks)
    tohoku: Document = select(real_view.document, Selection(blocks=["東北"]))
    view = real_view.model_copy(update={"document": tohoku, "national": national, "blocks": blocks})
    # 仙台市・川崎市 share a case, so 関東信越 has cases here too, but not all of them
    assert cases_by_block(tohoku, blocks)["関東信越"] > 0
    assert handout_blocks(view) == ["東北"]
    page = pypdf.PdfReader(io.BytesIO(render(view))).pages[0]
    overview = _squash(page.extract_text())
    assert "全国の事例数（ブロック別）" in overview
    for block in blocks:
        assert _squash(f"{block}{national[block]}件") in overview, block
    assert f"取組事例{sum(1 for _ in tohoku.cases())}件" in overview
    bold: list[str] = []

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        if str((font or {}).get("/BaseFont", "")).endswith("Bold") and text.strip():
            bold.append(text.strip())

    page.extract_text(visitor_text=visit)
    assert "東北" in bold  # the handout's block stands out
    assert not {"北海道", "関東信越", "九州"} & set(bold)


# -- command line ----------------------------------------------------------------------------


def test_cli_builds_the_pdf(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportkit",
            "build",
            "--format",
            "pdf",
            "--output-dir",
            str(tmp_path),
            "--number",
            "資料3",
            "--meeting-name",
            "主管課長会議",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "torikumi-jirei.pdf").read_bytes()
    first = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "資料3" in first and "主管課長会議" in first


# -- map classes -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "counts",
    [[1, 1, 1, 2, 2, 3, 3, 5, 7, 7], list(range(1, 101)), [134, 52, 9, 12, 44, 45], [4], [0, 0]],
)
def test_map_classes_cover_every_count_once(counts: list[int]) -> None:
    from reportkit.writers.pdf.tilemap import SHADES, classes

    found = classes(counts)
    assert len(found) <= len(SHADES)
    if not any(counts):
        assert found == []
        return
    assert found[0].low == 1 and found[-1].high == max(counts)
    for before, after in pairwise(found):
        assert after.low == before.high + 1
    for count in filter(None, counts):
        assert sum(c.low <= count <= c.high for c in found) == 1
    if counts == list(range(1, 101)):  # quantiles: every shade holds a fifth
        assert [c.high - c.low + 1 for c in found] == [20] * 5


# -- a long index -----------------------------------------------------------------------------


def test_long_index_repeats_the_prefecture_atop_each_page(tmp_path: Path) -> None:
    from benchmarks.synth import generate

    source = tmp_path / "synthetic.md"
    source.write_text(generate(300, seed=4), encoding="utf-8")
    view = _view_of(source)
    texts = _pages_text(render(view))
    start = next(i for i, t in enumerate(texts) if "団体別索引" in t and i > 1)
    assert len(texts) - start >= 3
    prefectures = {entry.government.prefecture for entry in actor_index(view.document)}
    continued = 0
    for number, text in enumerate(texts[start + 1 :], start + 2):
        lines = [line.strip() for line in text.splitlines() if line.strip() != f"- {number} -"]
        head = lines[0].removesuffix("（続き）")
        assert head in prefectures, (number, lines[:2])
        continued += lines[0].endswith("（続き）")
    assert continued >= 1
