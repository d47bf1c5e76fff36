"""The map of Japan as inline SVG: the tile grid of :mod:`reportkit.writers.tilegrid`,
each tile labelled with its prefecture and count, with a legend and a data table, so the
map is never the only way to read a number.

Colours meet WCAG 2.1 AA on the white page: every shaded tile at least 3:1 against the
page (1.4.11), every label at least 4.5:1 against its tile (1.4.3); a tile without cases
is white with a 4.5:1 outline. The printed count, not the shade, is what carries the
number (1.4.1).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from reportkit.labels import MAP_NOTE, MAP_TITLE
from reportkit.summary import cases_by_prefecture
from reportkit.view import View
from reportkit.writers.html.markup import MAP, text
from reportkit.writers.tilegrid import COLUMNS, ROWS, TILES, Class, class_of, classes, short_name

PAGE = "#ffffff"
INK = "#1a1a1a"
MUTED = "#5b6573"
#: (tile, label) per class level, light to dark, in about even steps of lightness.
SHADES: tuple[tuple[str, str], ...] = (
    ("#5b8fd0", "#000000"),
    ("#3a6eb0", "#ffffff"),
    ("#285390", "#ffffff"),
    ("#183a6a", "#ffffff"),
    ("#0a1f40", "#ffffff"),
)
#: (tile, outline, label) of a prefecture without cases.
EMPTY = (PAGE, "#767676", INK)

UNIT = 100  # one tile in SVG user units
GAP = 8
TABLE_CAPTION = "都道府県別の事例数"
NONE = "事例のない都道府県："


def stylesheet() -> str:
    """The CSS rules that colour tiles and legend swatches by class level."""
    rules = [
        f".tile.empty rect{{fill:{EMPTY[0]};stroke:{EMPTY[1]};stroke-width:3}}"
        f".tile.empty .count{{fill:{MUTED}}}.tile.empty .name{{fill:{EMPTY[2]}}}"
        f".swatch.empty{{background:{EMPTY[0]};border-color:{EMPTY[1]}}}"
    ]
    for level, (tile, label) in enumerate(SHADES):
        rules.append(
            f".tile.level-{level} rect{{fill:{tile}}}.tile.level-{level} text{{fill:{label}}}"
            f".swatch.level-{level}{{background:{tile};border-color:{tile}}}"
        )
    return "".join(rules)


def _css_class(klass: Class | None) -> str:
    return "empty" if klass is None else f"level-{klass.level}"


def _tile(prefecture: str, count: int, found: list[Class]) -> str:
    column, row, span = TILES[prefecture]
    x, y = column * UNIT + GAP / 2, row * UNIT + GAP / 2
    width, height = span * UNIT - GAP, UNIT - GAP
    middle = x + width / 2
    return (
        f'<g class="tile {_css_class(class_of(count, found))}">'
        f'<rect x="{x:g}" y="{y:g}" width="{width:g}" height="{height:g}"/>'
        f'<text class="name" x="{middle:g}" y="{y + 38:g}">{short_name(prefecture)}</text>'
        f'<text class="count" x="{middle:g}" y="{y + 78:g}">{count:,}</text></g>'
    )


def description(counts: Mapping[str, int]) -> str:
    """What the map shows, in words, for the SVG's ``<desc>``."""
    most = max(counts.values(), default=0)
    if most == 0:
        peak = "事例のある都道府県はない。"
    else:
        names = "・".join(p for p in TILES if counts.get(p, 0) == most)
        peak = f"最も多いのは{names}（{most:,}件）。"
    return (
        "47都道府県を日本地図の形に並べたタイル図。各タイルに都道府県名と事例数を記し、"
        f"事例が多いほど濃い色で塗る（0件は白）。{peak}"
        f"同じ数値を表「{TABLE_CAPTION}」に掲げる。"
    )


def svg(counts: Mapping[str, int], found: list[Class]) -> str:
    """The tile map, shaded by the classes ``found``: role="img" with a title and a
    description."""
    tiles = "".join(_tile(p, counts.get(p, 0), found) for p in TILES)
    return (
        f'<svg class="tilemap" role="img" viewBox="0 0 {COLUMNS * UNIT} {ROWS * UNIT}" '
        'aria-labelledby="map-title" aria-describedby="map-desc">'
        f'<title id="map-title">{MAP_TITLE}</title>'
        f'<desc id="map-desc">{text(description(counts))}</desc>{tiles}</svg>'
    )


def legend(found: list[Class]) -> str:
    """凡例: a swatch and the range of counts of each shade."""
    items = [(None, "0"), *((klass, klass.label) for klass in found)]
    entries = "".join(
        f'<li><span class="swatch {_css_class(klass)}" aria-hidden="true"></span>{label}件</li>'
        for klass, label in items
    )
    return f'<p class="legend-title">凡例（事例数）</p><ul class="legend">{entries}</ul>'


def data_table(counts: Mapping[str, int]) -> Iterator[str]:
    """都道府県 | 事例数 in prefecture-code order; the prefectures without cases share the
    last row, so the table stays beside the map and still gives every number."""
    none = [prefecture for prefecture in TILES if not counts.get(prefecture)]
    yield f'<table class="prefectures"><caption>{TABLE_CAPTION}</caption>'
    yield '<thead><tr><th scope="col">都道府県</th><th scope="col">事例数</th></tr></thead><tbody>'
    for prefecture in TILES:
        if counts.get(prefecture):
            yield f'<tr><th scope="row">{prefecture}</th><td>{counts[prefecture]:,}件</td></tr>'
    if none:
        names = "、".join(none)
        yield f'<tr class="rest"><th scope="row">{NONE}{names}</th><td>0件</td></tr>'
    yield "</tbody></table>"


def map_section(view: View) -> Iterator[str]:
    """The map with its legend and note, and the data table beside it."""
    counts = cases_by_prefecture(view.document)
    found = classes(counts.get(p, 0) for p in TILES)
    note = "".join(text(line) for line in MAP_NOTE.split("\n"))
    yield f'<section class="map-section" id="{MAP}"><h3>{MAP_TITLE}</h3><div class="map-layout">'
    yield f'<div class="map-figure">{svg(counts, found)}{legend(found)}'
    yield f'<p class="note">{note}</p></div>'
    yield from data_table(counts)
    yield "</div></section>"
