"""The web edition: valid, self-contained, accessible HTML that agrees with the model.

Part one reads the page back with html5lib (no browser). Part two opens it in Debian's
Chromium through Playwright and runs axe-core, the keyboard, two viewport widths and
print media; it skips without ``chromium`` locally and fails in CI.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest

from reportkit.labels import section_label, topic_label
from reportkit.model import Document
from reportkit.view import Meeting, View
from reportkit.writers.html import render

from .conftest import REAL_SOURCE, ROOT, run_cli

SVG = "{http://www.w3.org/2000/svg}"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# -- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_html(real_view: View) -> bytes:
    return render(real_view)


@pytest.fixture(scope="module")
def block_view() -> View:
    """The shipped block meeting of reportkit.toml (関東信越ブロック会議)."""
    from reportkit.building.plan import Request, plan

    request = Request(fmt="html", settings=ROOT / "reportkit.toml", meetings=("kanto-shinetsu",))
    (target,) = plan(request).targets
    return target.view


@pytest.fixture(scope="module")
def block_html(block_view: View) -> bytes:
    return render(block_view)


def parse(data: bytes) -> ET.Element:
    """The page as html5lib parses it; any parse error fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(data.decode("utf-8"))


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def by_class(root: ET.Element, tag: str, css: str) -> list[ET.Element]:
    return [e for e in root.iter(tag) if css in (e.get("class") or "").split()]


def visible_text(element: ET.Element) -> str:
    """Text without the screen-reader-only parts (class "vh")."""
    hidden = {id(e) for e in by_class(element, "span", "vh")}

    def walk(node: ET.Element) -> Iterator[str]:
        if id(node) in hidden:
            yield node.tail or ""
            return
        yield node.text or ""
        for child in node:
            yield from walk(child)
        if node is not element:
            yield node.tail or ""

    return "".join(walk(element))


def small_view(tmp_path: Path, source: str, **meeting: Any) -> View:
    from reportkit.building.plan import make_view
    from reportkit.source import load

    path = tmp_path / "small.md"
    path.write_text(source, encoding="utf-8")
    return make_view(load(path), path, None, Meeting(**meeting))


def hand_counts(document: Document) -> dict[str, int]:
    """Cases per prefecture, counted here from the actors (a case counts once per prefecture)."""
    counts: dict[str, int] = {}
    for case in document.cases():
        for prefecture in {
            a.government.prefecture for a in case.attribution.actors if a.government
        }:
            counts[prefecture] = counts.get(prefecture, 0) + 1
    return counts


# -- parsing without a browser ----------------------------------------------------------------


@pytest.mark.parametrize("page", ["real_html", "block_html"])
def test_page_is_valid_html5_in_japanese(page: str, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(page)
    assert data.startswith(b"<!DOCTYPE html>\n")
    root = parse(data)
    assert root.tag == "html" and root.get("lang") == "ja"
    head = root.find("head")
    assert head is not None and head[0].tag == "meta" and head[0].get("charset") == "utf-8"
    viewport = [m for m in head.iter("meta") if m.get("name") == "viewport"]
    assert viewport and "width=device-width" in (viewport[0].get("content") or "")
    assert (head.findtext("title") or "").startswith("自治体における様々な取組事例")


@pytest.mark.parametrize("page", ["real_html", "block_html"])
def test_links_ids_and_text_alternatives(page: str, request: pytest.FixtureRequest) -> None:
    root = parse(request.getfixturevalue(page))
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)), "duplicate ids"
    hrefs = [a.get("href") or "" for a in root.iter("a")]
    assert hrefs and all(h.startswith("#") and h[1:] in ids for h in hrefs)
    for element in root.iter():
        for reference in ("aria-labelledby", "aria-describedby"):
            for target in (element.get(reference) or "").split():
                assert target in ids, f"{reference}={target}"
    assert not list(root.iter("img")) and not list(root.iter("object"))
    svgs = list(root.iter(f"{SVG}svg"))
    assert len(svgs) == 1
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text and svg.get("aria-labelledby") == title.get("id")
        assert desc is not None and "都道府県別の事例数" in (desc.text or "")


@pytest.mark.parametrize("page", ["real_html", "block_html"])
def test_self_contained_no_script_no_request(page: str, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(page)
    root = parse(data)
    for tag in ("script", "link", "iframe", "img", "base"):
        assert not list(root.iter(tag)), tag
    assert not [e for e in root.iter() if e.get("src") is not None or e.get("srcset")]
    style = text_of(root.find("head/style"))  # type: ignore[arg-type]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    assert b"http://" not in data and b"https://" not in data
    policy = [m for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert policy and "default-src 'none'" in (policy[0].get("content") or "")


def test_cases_in_document_order_equal_the_model(real_view: View, real_html: bytes) -> None:
    root = parse(real_html)
    items = by_class(root, "li", "case")
    cases = list(real_view.document.cases())
    assert len(items) == len(cases) == 61
    for item, case in zip(items, cases, strict=True):
        assert item.get("id") == f"case-{case.id}"
        (number,) = by_class(item, "span", "case-number")
        (words,) = by_class(item, "p", "case-text")
        (source,) = by_class(item, "p", "source")
        assert visible_text(number) == case.id
        assert text_of(words) == case.text
        assert visible_text(source) == case.attribution.text
        assert text_of(source).startswith("出典：")  # announced as the source
        strong = [text_of(s) for s in words.iter("strong")]
        assert strong == case.emphasized
        assert bool(list(source.iter("strong"))) == case.attribution.emphasis


def test_case_examples_checked_by_hand(real_html: bytes) -> None:
    root = parse(real_html)
    first = root.find(".//li[@id='case-1-1-1']")
    assert first is not None
    assert "【鳥羽市】" in text_of(first)
    assert [text_of(s) for s in first.iter("strong")] == [
        "制度施行により生活困窮の相談のハードルが下がった"
    ]
    third = root.find(".//li[@id='case-1-1-3']")
    assert third is not None and text_of(third).endswith("(東村山市)")
    # the emphasis that spans the attribution: - **…連携の枠組みを構築。【高知市】**
    spanning = [li for li in by_class(root, "li", "case") if "【高知市】" in text_of(li)]
    assert len(spanning) == 1
    (source,) = by_class(spanning[0], "p", "source")
    assert [text_of(s) for s in source.iter("strong")] == ["【高知市】"]


def test_headings_contents_and_masthead(real_view: View, real_html: bytes) -> None:
    root = parse(real_html)
    document = real_view.document
    assert [text_of(h) for h in root.iter("h1")] == [document.title]
    h2 = [text_of(h) for h in root.iter("h2")]
    assert h2 == ["目次", "取組事例の概要", *map(section_label, document.sections), "団体別索引"]
    topics = [topic_label(t) for _, t in document.topics() if not t.implicit]
    h3 = [text_of(h) for h in root.iter("h3")]
    assert [h for h in h3 if h in topics] == topics
    nav = root.find(".//nav")
    assert nav is not None and nav.get("aria-labelledby") == "contents-title"
    toc = [a.get("href") for a in nav.iter("a")]
    sections = [f"#section-{s.number}" for s in document.sections]
    topic_links = [f"#topic-{s.number}-{t.number}" for s, t in document.topics() if not t.implicit]
    assert [h for h in toc if h in sections] == sections
    assert [h for h in toc if h and h.startswith("#topic-")] == topic_links
    assert toc[0] == "#overview" and toc[-1] == "#actor-index"
    body = root.find("body")
    assert body is not None
    skip = body[0]
    assert skip.tag == "a" and skip.get("href") == "#main" and text_of(skip) == "本文へ移動"
    header = root.find(".//header")
    assert header is not None
    assert "資料3" in text_of(header) and "主管課長会議" in text_of(header)
    time = header.find(".//time")
    assert time is not None
    assert (time.get("datetime"), time.text) == ("2026-11-26", "令和8年11月26日")
    assert root.find(".//main[@id='main']") is not None


def test_counts_table_has_caption_scopes_and_true_counts(real_view: View, real_html: bytes) -> None:
    root = parse(real_html)
    tables = list(root.iter("table"))
    assert tables and all(t.find("caption") is not None for t in tables)
    for table in tables:
        for th in table.iter("th"):
            assert th.get("scope") in {"col", "row"}
    counts = tables[0]
    rows = {
        text_of(tr.find("th")): text_of(tr.find("td"))  # type: ignore[arg-type]
        for tr in counts.iter("tr")
        if tr.find("td") is not None
    }
    for section in real_view.document.sections:
        assert rows[section_label(section)] == f"{len(section.cases)}件"
        for topic in section.topics:
            if not topic.implicit:
                assert rows[topic_label(topic)] == f"{len(topic.cases)}件"
    assert rows["合計"] == "61件"


def test_map_tiles_and_data_table_give_every_count(real_view: View, real_html: bytes) -> None:
    from reportkit.writers.tilegrid import TILES, short_name

    root = parse(real_html)
    counts = hand_counts(real_view.document)
    assert counts["宮城県"] == 5  # 宮城県 1-3-1, 仙台市 1-2-4 1-5-2 2-2-2, 石巻市 2-6-2
    tiles = {}
    for group in root.iter(f"{SVG}g"):
        texts = [t.text for t in group.iter(f"{SVG}text")]
        tiles[texts[0]] = texts[1]
    assert len(tiles) == 47
    for prefecture in TILES:
        assert tiles[short_name(prefecture)] == str(counts.get(prefecture, 0)), prefecture
    table = next(
        t for t in root.iter("table") if text_of(t.find("caption")) == "都道府県別の事例数"
    )  # type: ignore[arg-type]
    rows = [
        (text_of(r.find("th")), text_of(r.find("td")))
        for r in table.iter("tr")
        if r.find("td") is not None
    ]  # type: ignore[arg-type]
    shown = dict(rows[:-1])
    assert shown == {p: f"{n}件" for p, n in counts.items()}
    assert list(shown) == [p for p in TILES if p in counts]  # prefecture-code order
    rest, zero = rows[-1]
    assert zero == "0件"
    assert rest.removeprefix("事例のない都道府県：").split("、") == [
        p for p in TILES if p not in counts
    ]


def test_map_colours_meet_wcag_contrast() -> None:
    from reportkit.writers.html import tilemap

    for tile, label in tilemap.SHADES:
        assert contrast(tile, tilemap.PAGE) >= 3.0, tile
        assert contrast(label, tile) >= 4.5, (label, tile)
    fill, outline, label = tilemap.EMPTY
    assert contrast(outline, tilemap.PAGE) >= 3.0
    assert contrast(label, fill) >= 4.5 and contrast(tilemap.MUTED, fill) >= 4.5


def test_legend_names_every_class_in_words(real_html: bytes) -> None:
    root = parse(real_html)
    legend = by_class(root, "ul", "legend")[0]
    labels = [visible_text(li) for li in legend.iter("li")]
    assert labels[0] == "0件" and all(label.endswith("件") for label in labels)
    assert all(s.get("aria-hidden") == "true" for s in by_class(legend, "span", "swatch"))


def test_actor_index_in_code_order_links_every_case(real_view: View, real_html: bytes) -> None:
    root = parse(real_html)
    index = root.find(".//section[@id='actor-index']")
    assert index is not None
    expected: dict[str, list[str]] = {}
    codes: dict[str, str] = {}
    for case in real_view.document.cases():
        for actor in case.attribution.actors:
            label = actor.label
            ids = expected.setdefault(label, [])
            if case.id not in ids:
                ids.append(case.id)
            codes[label] = actor.government.code if actor.government else "99999"
    entries = []
    for block in by_class(index, "section", "prefecture"):
        prefecture = text_of(block.find("h3"))  # type: ignore[arg-type]
        for li in block.iter("li"):
            actor = text_of(by_class(li, "span", "actor")[0])
            links = [a.get("href") for a in li.iter("a")]
            assert [text_of(a) for a in li.iter("a")] == expected[actor]
            assert links == [f"#case-{i}" for i in expected[actor]]
            entries.append((prefecture, actor))
    assert sorted(a for _, a in entries) == sorted(expected)
    order = [codes[a] for _, a in entries]
    assert order == sorted(order), "団体コード order"
    assert ("宮城県", "仙台市") in entries
    assert expected["仙台市"] == ["1-2-4", "1-5-2", "2-2-2"]  # checked against the source


def test_block_edition_shows_the_national_comparison(
    block_view: View, block_html: bytes, real_view: View
) -> None:
    root = parse(block_html)
    assert block_view.national is not None
    table = next(t for t in root.iter("table") if "全国" in text_of(t.find("caption")))  # type: ignore[arg-type]
    header = [text_of(th) for th in table.find("thead").iter("th")]  # type: ignore[union-attr]
    assert header == ["ブロック", "本資料の事例数", "全国の事例数"]
    rows = [[text_of(c) for c in tr] for tr in table.find("tbody")]  # type: ignore[union-attr]
    national: dict[str, int] = {}
    for case in real_view.document.cases():
        for block in {a.government.block for a in case.attribution.actors if a.government}:
            national[block] = national.get(block, 0) + 1
    assert [r[0].removesuffix("（本資料の対象）") for r in rows] == block_view.blocks
    for name, _, everywhere in rows:
        assert everywhere == f"{national.get(name.removesuffix('（本資料の対象）'), 0)}件"
    kanto = next(r for r in rows if r[0].startswith("関東信越"))
    assert kanto == ["関東信越（本資料の対象）", "23件", "23件"]
    assert sum("本資料の対象" in r[0] for r in rows) == 1
    assert len(by_class(root, "li", "case")) == 23


def test_agrees_with_the_pdf_handout_case_for_case(block_view: View, block_html: bytes) -> None:
    """The same cases, numbers, texts and attributions, in the same order, as the PDF."""
    import io

    import pypdf

    from reportkit import formats

    pdf = formats.get_writer("pdf").render(block_view)
    pages = [
        page.extract_text().replace(f"- {n} -", "", 1)  # the page-number footer
        for n, page in enumerate(pypdf.PdfReader(io.BytesIO(pdf)).pages, 1)
    ]
    start = next(i for i, text in enumerate(pages) if "1-1-" in text)  # after the overview
    flow = squash("".join(pages[start:]).split("団体別索引")[0])
    at = 0
    for item in by_class(parse(block_html), "li", "case"):
        number = visible_text(by_class(item, "span", "case-number")[0])
        for part in (number, text_of(by_class(item, "p", "case-text")[0])):
            found = flow.find(squash(part), at)
            assert found >= 0, f"{number}: {part[:30]} not next in the PDF"
            at = found + len(squash(part))
        source = visible_text(by_class(item, "p", "source")[0])
        assert squash(source) in flow[max(0, at - 200) : at + 200], number
    assert re.findall(r"\d+-\d+-\d+", flow) == [
        visible_text(by_class(i, "span", "case-number")[0])
        for i in by_class(parse(block_html), "li", "case")
    ]


def test_whole_collection_has_no_national_comparison(real_html: bytes) -> None:
    assert not by_class(parse(real_html), "section", "national")


def test_a_block_edition_says_once_why_numbers_skip(block_html: bytes, real_html: bytes) -> None:
    page = block_html.decode("utf-8")
    assert page.count("全国版と同じ番号を用いている") == 1  # （2）→（4）: the national numbers
    assert "全国版と同じ番号" not in real_html.decode("utf-8")


def test_text_is_escaped_and_undisclosed_cases_render(tmp_path: Path) -> None:
    view = small_view(
        tmp_path,
        '表題 <b>&amp;</b>\n\n1. 節 <i>\n\n(分類 & "引用")\n\n'
        "- a < b かつ **c > d** & e。【鳥羽市】\n- 名を伏せた事例。【非公表】\n",
        name='会議 "<x>"',
        number="資料1",
    )
    data = render(view)
    root = parse(data)
    assert not list(root.iter("b")) and not list(root.iter("i")) and not list(root.iter("x"))
    assert text_of(root.find(".//h1")) == "表題 <b>&amp;</b>"  # type: ignore[arg-type]
    cases = by_class(root, "li", "case")
    assert text_of(by_class(cases[0], "p", "case-text")[0]) == "a < b かつ c > d & e。"
    assert visible_text(by_class(cases[1], "p", "source")[0]) == "【非公表】"
    assert text_of(root.find("head/title")) == '表題 <b>&amp;</b>（会議 "<x>" 資料1）'  # type: ignore[arg-type]
    description = [m.get("content") for m in root.iter("meta") if m.get("name") == "description"]
    assert description == ["表題 <b>&amp;</b>"]  # an attribute value survives quotes and <>


def test_synthetic_collection_is_valid_with_every_variation(tmp_path: Path) -> None:
    from benchmarks.synth import generate

    view = small_view(tmp_path, generate(400, seed=3))
    root = parse(render(view))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert {a.get("href", "")[1:] for a in root.iter("a")} <= set(ids)
    cases = list(view.document.cases())
    items = by_class(root, "li", "case")
    assert [i.get("id") for i in items] == [f"case-{c.id}" for c in cases]
    assert [text_of(by_class(i, "p", "case-text")[0]) for i in items] == [c.text for c in cases]
    index = root.find(".//section[@id='actor-index']")
    assert index is not None
    linked = {a.get("href") for a in index.iter("a")}
    assert linked == {f"#case-{c.id}" for c in cases if c.attribution.actors}


def test_render_is_deterministic(real_view: View, real_html: bytes, tmp_path: Path) -> None:
    assert render(real_view) == real_html
    digests = set()
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = run_cli(
            "build",
            "--format",
            "html",
            "--source",
            str(REAL_SOURCE),
            "--output-dir",
            str(out),
            env=env,
        )
        assert done.returncode == 0, done.stderr
        digests.add(hashlib.sha256((out / "torikumi-jirei.html").read_bytes()).hexdigest())
    assert len(digests) == 1


def test_tile_grid_is_in_prefecture_code_order_without_overlaps() -> None:
    from reportkit.places.gazetteer import load
    from reportkit.writers.tilegrid import TILES

    prefectures = sorted(load().prefectures(), key=lambda entry: entry.code)
    assert list(TILES) == [entry.name for entry in prefectures]
    cells = [(c + i, r) for c, r, w in TILES.values() for i in range(w)]
    assert len(cells) == len(set(cells))


def contrast(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# -- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's, not a download) for the whole module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=shutil.which("chromium"),
            headless=True,
            args=["--no-sandbox"] if os.geteuid() == 0 else [],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def pages(
    real_html: bytes, block_html: bytes, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The real and the block page as files, each written once."""
    directory = tmp_path_factory.mktemp("html")
    urls = {}
    for name, data in (("real", real_html), ("block", block_html)):
        path = directory / f"{name}.html"
        path.write_bytes(data)
        urls[name] = path.as_uri()
    return urls


def open_page(browser: Any, url: str, width: int = 1280) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(url)
    return page


@pytest.mark.tools("chromium")
@pytest.mark.parametrize("name", ["real", "block"])
def test_axe_finds_no_wcag_aa_violation(browser: Any, pages: dict[str, str], name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = open_page(browser, pages[name])
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.reload()
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    violations = [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]
    assert violations == []
    assert results.response["passes"], "axe ran no rule"
    assert requests == [pages[name]], "the page requests nothing but itself"
    page.close()


@pytest.mark.tools("chromium")
@pytest.mark.parametrize("name", ["real", "block"])
def test_tab_reaches_every_link_in_order(browser: Any, pages: dict[str, str], name: str) -> None:
    page = open_page(browser, pages[name])
    links = page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href)")
    reached = []
    for _ in links:
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.href || document.activeElement.tagName")
        )
    assert reached == links
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "BODY"  # nothing else is focusable
    page.goto(pages[name])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "本文へ移動"
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0  # shown
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.close()


@pytest.mark.tools("chromium")
@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("name", ["real", "block"])
def test_no_horizontal_scrolling(
    browser: Any, pages: dict[str, str], name: str, width: int
) -> None:
    page = open_page(browser, pages[name], width)
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
    assert inner == width and scroll <= inner
    widest = page.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width
    page.close()


@pytest.mark.tools("chromium")
@pytest.mark.parametrize("name", ["real", "block"])
def test_inner_text_reads_every_case_in_order(
    browser: Any, pages: dict[str, str], name: str, real_view: View, block_view: View
) -> None:
    view = real_view if name == "real" else block_view
    page = open_page(browser, pages[name], 320)
    text = squash(page.evaluate("document.body.innerText"))
    page.close()
    at = 0
    for case in view.document.cases():
        for part in (case.id, case.text, case.attribution.text):
            found = text.find(squash(part), at)
            assert found >= 0, f"{case.id}: {part[:30]} missing or out of order"
            at = found + len(squash(part))


@pytest.mark.tools("chromium")
def test_tile_colours_as_rendered_meet_contrast(browser: Any, pages: dict[str, str]) -> None:
    page = open_page(browser, pages["real"])
    tiles = page.evaluate(
        """[...document.querySelectorAll('svg .tile')].map(g => [
            getComputedStyle(g.querySelector('rect')).fill,
            getComputedStyle(g.querySelector('rect')).stroke,
            [...g.querySelectorAll('text')].map(t => getComputedStyle(t).fill)])"""
    )
    page.close()
    assert len(tiles) == 47
    for fill, stroke, labels in tiles:
        edge = stroke if fill == "rgb(255, 255, 255)" else fill
        assert contrast(hex_of(edge), "#ffffff") >= 3.0, (fill, stroke)
        for label in labels:
            assert contrast(hex_of(label), hex_of(fill)) >= 4.5, (label, fill)


@pytest.mark.tools("chromium", "pdfinfo")
def test_print_media_breaks_pages_and_hides_navigation(
    browser: Any, pages: dict[str, str], tmp_path: Path
) -> None:
    page = open_page(browser, pages["block"])
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({
            parts: [...document.querySelectorAll('main > section')].map(
                s => getComputedStyle(s).breakBefore),
            skip: getComputedStyle(document.querySelector('.skip-link')).display,
            contents: getComputedStyle(document.querySelector('nav')).display,
            link: getComputedStyle(document.querySelector('#actor-index a')).textDecorationLine,
        })"""
    )
    assert set(styles["parts"]) == {"page"} and len(styles["parts"]) == 6
    assert styles["skip"] == styles["contents"] == "none" and styles["link"] == "none"
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:.*\(A4\)", info.stdout), info.stdout


def squash(text: str) -> str:
    return "".join(text.split())


def hex_of(rgb: str) -> str:
    """rgb(1, 2, 3) -> #010203."""
    r, g, b = (int(n) for n in re.findall(r"\d+", rgb)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_writer_needs_no_library_but_the_standard_one() -> None:
    code = (
        "import sys\n"
        "from reportkit.building.plan import make_view\n"
        "from reportkit.source import load\n"
        "from reportkit import formats\n"
        f"path = __import__('pathlib').Path({str(REAL_SOURCE)!r})\n"
        "data = formats.get_writer('html').render(make_view(load(path), path))\n"
        "assert data.startswith(b'<!DOCTYPE html>')\n"
        "print(sorted({'reportlab', 'docx', 'openpyxl', 'jinja2'} & set(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
