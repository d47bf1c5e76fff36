"""The handout's pages as a meeting sees them: page 1, filled pages, links, block editions.

Both meetings of reportkit.toml are built with the command line and read back with
pdftotext (word boxes), pypdf (links) and pdftoppm (pixels of the map).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import pypdf
import pytest

from reportkit.labels import MULTIPLE_COUNTING_NOTE, NUMBERS_NOTE
from reportkit.summary import actor_index
from reportkit.view import View
from reportkit.writers.pdf.text import JText, Span, TextStyle

from .conftest import run_cli

PAGE_HEIGHT = 841.89
FRAME_TOP = FRAME_BOTTOM = 62.36  # 22 mm margins
pytestmark = pytest.mark.tools("pdftotext", "pdftoppm")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float  # from the top of the page
    x1: float
    y1: float


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handouts")
    done = run_cli("build", "--all-meetings", "--format", "pdf", "--output-dir", str(out), "-q")
    assert done.returncode == 0, done.stderr
    return out


def words(pdf: Path) -> list[list[Word]]:
    """Every page's words with their boxes (pdftotext -bbox)."""
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        found = re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        pages.append([Word(m.group(5), *(float(m.group(i)) for i in range(1, 5))) for m in found])
    return pages


def lines(pdf: Path) -> list[list[str]]:
    """Every page's lines (pdftotext -layout), without blank lines and the page number."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for number, page in enumerate(text.split("\f")[:-1], 1):
        kept = [ln.strip() for ln in page.splitlines() if ln.strip()]
        pages.append([ln for ln in kept if ln != f"- {number} -"])
    return pages


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- page 1 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "number", "name", "date"),
    [
        ("shukan-kacho", "資料3", "社会・援護局関係主管課長会議", "令和9年3月4日"),
        ("kanto-shinetsu", "資料2", "関東信越ブロック会議", "令和8年12月10日"),
    ],
)
def test_page_1_is_a_meeting_paper_with_the_overview(
    handouts: Path, meeting: str, number: str, name: str, date: str
) -> None:
    first = words(handouts / f"{meeting}.pdf")[0]
    text = squash("".join(w.text for w in first))
    for expected in (number, name, date, "自治体における様々な取組事例", "取組事例の概要"):
        assert expected in text, expected
    assert "1．新規相談・プラン作成" in text  # the counts table starts on page 1 too

    def top(word: str) -> float:
        return min(w.y0 for w in first if word in w.text)

    assert top(number) < top(date) < top("自治体における様々な取組事例") < top("取組事例の概要")
    box = next(w for w in first if w.text == number)
    assert box.x1 > 595.28 - 80 and box.y0 < 60  # the number in the top right corner


# -- no wasted pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("meeting", ["shukan-kacho", "kanto-shinetsu"])
def test_every_page_but_the_last_is_filled(handouts: Path, meeting: str) -> None:
    pages = words(handouts / f"{meeting}.pdf")
    frame = PAGE_HEIGHT - FRAME_TOP - FRAME_BOTTOM
    filled = []
    for page in pages[:-1]:
        lowest = max(w.y1 for w in page if w.y1 < PAGE_HEIGHT - 40)  # above the page number
        filled.append(round((lowest - FRAME_TOP) / frame, 2))
    assert min(filled) >= 0.75, filled


@pytest.mark.parametrize("meeting", ["shukan-kacho", "kanto-shinetsu"])
def test_index_columns_end_level_on_the_last_page(handouts: Path, meeting: str) -> None:
    last = [w for w in words(handouts / f"{meeting}.pdf")[-1] if w.y1 < PAGE_HEIGHT - 40]
    index_top = min((w.y0 for w in last if w.text == "団体別索引"), default=0.0)
    middle = 595.28 / 2
    left = [w.y1 for w in last if w.x1 < middle and w.y0 > index_top]
    right = [w.y1 for w in last if w.x0 > middle and w.y0 > index_top]
    assert left and right, "both index columns hold entries on the last page"
    assert abs(max(left) - max(right)) <= 3 * 13.0 + 20  # within about three entry lines


CASE_START = re.compile(r"^\d+-\d+-\d+\s*○")
HEADING = re.compile(r"^(\d+．|（\d+）|取組事例の概要|団体別索引|事例の所在)")


@pytest.mark.parametrize("meeting", ["shukan-kacho", "kanto-shinetsu"])
def test_no_paragraph_leaves_a_single_line_at_a_page_foot_or_top(
    handouts: Path, meeting: str
) -> None:
    pages = lines(handouts / f"{meeting}.pdf")
    single = []
    for number, (page, following) in enumerate(pairwise(pages), 1):
        body = [ln for ln in page if CASE_START.match(ln) or not HEADING.match(ln)]
        starts = [i for i, ln in enumerate(page) if CASE_START.match(ln)]
        runs_on = bool(following) and not (
            CASE_START.match(following[0]) or HEADING.match(following[0])
        )
        if not runs_on or not starts or not body:
            continue
        if starts[-1] == len(page) - 1:
            single.append((number, "foot", page[-1]))
        rest = next(
            (i for i, ln in enumerate(following) if CASE_START.match(ln) or HEADING.match(ln)),
            len(following),
        )
        if rest == 1:
            single.append((number + 1, "top", following[0]))
    assert single == []


def test_a_short_paragraph_is_not_split() -> None:
    style = TextStyle("Helvetica", 10)
    for count in (2, 3):
        paragraph = JText([Span("\n".join(["line"] * count), style)], leading=12, align="left")
        paragraph.wrap(200, 1000)
        assert paragraph.split(200, 12 * (count - 1)) == [], count
    four = JText([Span("\n".join(["line"] * 4), style)], leading=12, align="left")
    four.wrap(200, 1000)
    assert four.split(200, 12 * 1.5) == []  # one line would be left alone
    first, rest = four.split(200, 12 * 2.5)
    assert (first.wrap(200, 1000)[1], rest.wrap(200, 1000)[1]) == (24, 24)


# -- links -------------------------------------------------------------------------------------


def _links(reader: pypdf.PdfReader, page_index: int) -> list[tuple[list[float], int]]:
    """(rectangle, destination page index) of every internal link on a page."""
    found = []
    for annotation in reader.pages[page_index].get("/Annots") or []:
        link = annotation.get_object()
        dest = link.get("/Dest")
        if dest is None:
            continue
        found.append(([float(v) for v in link["/Rect"]], reader.get_page_number(dest[0])))
    return found


def _text_in(pdf: Path, page: int, rect: list[float]) -> str:
    """The text pdftotext finds inside a link's rectangle (page 1-based)."""
    x0, y0, x1, y1 = rect
    left, top, width, height = (str(round(v)) for v in (x0, PAGE_HEIGHT - y1, x1 - x0, y1 - y0))
    pages = ["-f", str(page), "-l", str(page), "-r", "72"]
    done = subprocess.run(
        ["pdftotext", *pages, "-x", left, "-y", top, "-W", width, "-H", height, str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return squash(done.stdout)


def test_index_references_link_to_their_cases(handouts: Path, real_view: View) -> None:
    pdf = handouts / "shukan-kacho.pdf"
    reader = pypdf.PdfReader(pdf)
    texts = [squash(page.extract_text()) for page in reader.pages]
    start = next(i for i, t in enumerate(texts) if "団体別索引" in t and i > 0)
    checked = 0
    for index in range(start, len(texts)):
        for rect, target in _links(reader, index):
            shown = _text_in(pdf, index + 1, rect).strip("、")  # the separators beside
            found = re.fullmatch(r"(\d+-\d+-\d+)\(p\.(\d+)\)", shown)
            if not found:
                continue
            assert target + 1 == int(found.group(2)), shown
            assert found.group(1) in texts[target]  # the case's number is on that page
            checked += 1
    references = sum(len(re.findall(r"\d+-\d+-\d+\(p\.\d+\)", t)) for t in texts[start:])
    expected = sum(len(entry.cases) for entry in actor_index(real_view.document))
    assert checked == references == expected


def test_overview_counts_link_to_their_sections_and_topics(handouts: Path) -> None:
    pdf = handouts / "shukan-kacho.pdf"
    reader = pypdf.PdfReader(pdf)
    texts = [squash(page.extract_text()) for page in reader.pages]
    counts = 0
    for rect, target in _links(reader, 0):
        shown = _text_in(pdf, 1, rect)
        if not re.fullmatch(r"\d+件", shown):
            continue
        counts += 1
        assert 0 < target < len(texts) - 1  # a case page, not page 1 itself
    # 4 sections, 17 explicit topics, the total and the summary sentence's count
    assert counts >= 4 + 17 + 1


def test_outline_shows_on_opening_with_the_sections_open(handouts: Path) -> None:
    reader = pypdf.PdfReader(handouts / "shukan-kacho.pdf")
    root = reader.trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    item = root["/Outlines"]["/First"].get_object()
    opened = []
    while True:
        if "/First" in item:
            opened.append(item["/Count"] > 0)
        if "/Next" not in item:
            break
        item = item["/Next"].get_object()
    assert opened and all(opened)


# -- the block edition -------------------------------------------------------------------------


def test_block_edition_counts_its_own_and_the_others_apart(handouts: Path) -> None:
    pages = [
        squash(p.extract_text()) for p in pypdf.PdfReader(handouts / "kanto-shinetsu.pdf").pages
    ]
    # the figures of issue 15, counted by hand: 17 of the 25 actors lie in 関東信越
    assert "23件（関東信越の17団体、ほか8団体）" in pages[0]
    assert squash(NUMBERS_NOTE) in pages[0]
    chart = next(i for i, p in enumerate(pages) if "全国の事例数（ブロック別）" in p)
    assert squash(MULTIPLE_COUNTING_NOTE) in pages[chart]
    whole = squash(pypdf.PdfReader(handouts / "shukan-kacho.pdf").pages[0].extract_text())
    assert "61件（52団体）" in whole and squash(NUMBERS_NOTE) not in whole


def test_block_edition_index_lists_the_co_actors_apart(handouts: Path) -> None:
    text = "".join(
        squash(p.extract_text()) for p in pypdf.PdfReader(handouts / "kanto-shinetsu.pdf").pages
    )
    index = text[text.rindex("団体別索引") :]
    apart = index.index("関東信越以外の団体")
    for own in ("宇都宮市", "川崎市", "茨城県"):
        assert 0 < index.index(own) < apart, own
    for other in ("仙台市", "京都市", "熊本県"):
        assert index.index(other) > apart, other


def _pixels(pdf: Path, page: int, tmp: Path) -> tuple[int, int, bytes]:
    """The page rendered at 72 dpi (one pixel a point) as raw RGB."""
    stem = tmp / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "72",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    data = (tmp / "page.ppm").read_bytes()
    header = re.match(rb"P6\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header
    return int(header.group(1)), int(header.group(2)), data[header.end() :]


def _tile_colour(label: str, page: list[Word], image: tuple[int, int, bytes]) -> tuple[int, ...]:
    width, _, data = image
    word = next(w for w in page if w.text == label)
    x, y = round((word.x0 + word.x1) / 2), round(word.y0 - 3)
    offset = (y * width + x) * 3
    return tuple(data[offset : offset + 3])


@pytest.mark.parametrize("meeting", ["kanto-shinetsu", "shukan-kacho"])
def test_block_map_outlines_the_region_and_mutes_the_rest(
    handouts: Path, meeting: str, tmp_path: Path
) -> None:
    pdf = handouts / f"{meeting}.pdf"
    pages = words(pdf)
    number = next(i for i, p in enumerate(pages) if any("事例の所在" in w.text for w in p))
    image = _pixels(pdf, number + 1, tmp_path)
    page = pages[number]
    tokyo = _tile_colour("東京", page, image)
    osaka = _tile_colour("大阪", page, image)
    assert tokyo[2] - tokyo[0] > 60  # 東京 (7 cases nationally, 5 here) is blue
    if meeting == "kanto-shinetsu":
        assert max(osaka) - min(osaka) < 12 and max(osaka) < 235  # 大阪: grey, not blue
    else:
        assert osaka[2] - osaka[0] > 60
    # between 山梨 (関東信越) and 静岡 (東海北陸) below it runs the region's outline
    width, _, data = image
    yamanashi = next(w for w in page if w.text == "山梨")
    shizuoka = next(w for w in page if w.text == "静岡")
    x = round((yamanashi.x0 + yamanashi.x1) / 2)
    column = [
        tuple(data[(y * width + x) * 3 : (y * width + x) * 3 + 3])
        for y in range(round(yamanashi.y1), round(shizuoka.y0))
    ]
    navy = [rgb for rgb in column if rgb[2] > rgb[0] + 30 and sum(rgb) < 330]
    assert bool(navy) == (meeting == "kanto-shinetsu"), column
