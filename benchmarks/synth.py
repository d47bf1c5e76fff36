"""Synthetic 取組事例 sources of any size, for benchmarks (``python benchmarks/synth.py N``).

:func:`generate` writes a valid source in the real format (see DESIGN.md) with ``n`` cases:
the real document's front matter, numbered sections with ``(続き)`` page-break
continuations, topics (one with a nested ``(…)``, continued ones ``(…・続き)``), sections
without topics, emphasis in one or several pieces (inside 「」, spanning the attribution),
and every attribution variation the reader knows: one actor, several with 、 and ・,
等 and 等多数, groups such as 静岡県内7市, prefectures, wards (横浜市港北区),
prefecture-qualified names for names that exist twice (広島県府中市, 北海道伊達市),
ヶ/ケ spelling variants, 【非公表】 and trailing ``(…)``. Every name comes from the
packaged gazetteer and is written so that it names exactly one local government: a bare
ambiguous name (府中市) is never written.

Actors are drawn from shuffled decks, so the cases spread over every municipality
(5,000 cases touch all 1,741) before any repeats. Output depends only on ``n`` and
``seed``: the same pair gives the same text, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportkit.places import gazetteer

TITLE = "自治体における様々な取組事例"
SUBTITLE = "様々な取組事例"
NOTE = (
    "※厚生労働省生活困窮者自立支援室において、全国担当者会議、主管課長会議、ブロック会議、"
    "ヒアリング等で情報収集・発信した事例を集約したもの。"
)

# (section title, topic titles); an empty tuple is a section without topics.
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("新規相談・プラン作成", ("相談機関としての役割", "関係機関からつながる関係づくり",
     "都道府県管轄地域(郡部福祉事務所)における工夫", "地域資源を活用した周知", "相談窓口の工夫",
     "プラン作成")),
    ("任意事業等の実施", ("就労支援全般", "就労準備支援事業", "家計相談支援事業の活用",
     "一時生活支援事業の広域実施", "住居確保給付金", "子どもの学習支援事業",
     "子どもをきっかけとした世帯支援の取組", "その他")),
    ("支援における関係機関連携", ()),
    ("都道府県の取組(郡部福祉事務所以外についての取組)", ("任意事業の実施促進",
     "管内自治体の支援員に対する研修", "その他管内自治体の取組支援")),
    ("居住支援・住まいの確保", ("居住支援法人との連携", "公営住宅の活用", "退去後の生活再建")),
    ("地域づくり・参加支援", ("居場所づくり", "社会参加の場の開拓", "農福連携")),
    ("庁内連携・体制整備", ("庁内連携会議", "税・保険料担当との連携", "人材育成")),
    ("災害時の生活再建支援", ()),
)  # fmt: skip

OPENERS = (
    "関係機関に対して制度説明を実施した中で、具体的な対象者像がわからないとの声があったことを受け",
    "新規相談件数の実績を分析したところ、離れた地区からの相談が少ないことが判明したため",
    "地域内での結びつきが強く支え合いによって生計を維持している世帯が多い土地柄であるが",
    "町村が点在し福祉事務所も区域外にあるという地域の特性を踏まえ",
    "生活困窮者世帯の相談には、収入があっても家計が回らないケースが多いことから",
    "制度開始時から他機関・団体と顔の見える関係づくりを心掛け",
    "派遣の仕事を失うと同時に住む場所も失う相談が続いたことを受け",
    "相談者の約6割に少額の債務があることから",
    "支援対象者に比べて相談員が不足していたことから",
    "大学がなく学生ボランティアの確保が難しい地域であることを踏まえ",
    "高齢の親と無職の子が同居する世帯からの相談が増えていることを受け",
    "庁内の各課が把握した滞納情報を共有する仕組みがなかったことから",
    "冬季に就労先が減少する地域であることを踏まえ",
    "ひきこもり状態にある若者の相談が家族から寄せられることが多いため",
    "外国籍住民からの相談が増加していることを受け",
    "公共交通機関が少なく窓口への来所が難しい住民が多いことから",
    "初回相談後に継続的な支援につながらないケースがあったため",
    "社協が長年培ってきた地区社協を母体とする地域福祉活動を生かし",
    "災害後に生活再建の相談が急増したことを受け",
    "商工会議所や農業委員会と協議を重ねた結果",
    "ハローワーク等の敷居が高いと感じている人が多いことから",
    "子どもの貧困対策を含む低所得者対策を一体的に進めるため",
)

ACTIONS = (
    "庁内の窓口担当者を中心に少人数の研修を実施",
    "窓口から遠い公民館等で月1回の出張相談会を開催",
    "児童扶養手当の現況届の期間中に、ひとり親支援窓口の隣に出張窓口を設置",
    "介護サービス事業所や民生委員に制度の周知を依頼",
    "具体的な支援事例を掲載した関係機関向けの広報誌を毎月発行",
    "自治会の協力を得て周知チラシの全戸回覧を実施",
    "就労支援員が地元企業を訪問し、日払いや寮付といった求人を独自開拓",
    "家計相談支援事業と就労支援を一体的に実施",
    "弁護士会と連携して債務整理の無料相談会を開催",
    "教育委員会の協力を得て教員OBを確保し、訪問型の学習支援を開始",
    "認定就労訓練事業所の開拓を社会福祉法人と共同で推進",
    "不動産業者と協定を結び、保証人なしで入居できる物件の情報提供を依頼",
    "税・保険料の担当課と滞納者の情報を共有する仕組みを構築",
    "支援会議を毎月開催し、対応困難ケースの支援方針を協議",
    "フードバンクと連携し、食料支援と就労体験を組み合わせた支援を展開",
    "休日・夜間の相談窓口を試行的に開設",
    "農家の協力を得て農作業を中心とした就労体験の場を確保",
    "空き店舗を活用した居場所としてのサロンを開設",
    "管内町村の支援員向け研修を県社協に委託して企画",
    "SNSを活用した相談受付を開始",
    "ハローワークの職員が定期的に窓口に出向く巡回相談を実施",
    "相談窓口以外に4地区の公民館等で「何でも相談会」(出張相談会)を実施",
    "管内自治体及び関係機関・団体(社協、労働局、地域若者サポートステーション等)が参画する推進検討会議を開催",
    "実施主体(7市)間で協定を締結しつつ、一つの事業主体に対して各市が個々に委託",
    "都道府県社協や社福法人が緊急支援(現物給付)事業を実施",
    "アセスメントからプランまで週2～3回の頻度で集中的に訪問支援を実施",
    "絵本作家によるワークショップ等、地域の多様な大人たちとの出会いや社会体験の機会を創出",
    "事業所アンケートを元にした事業所訪問・協力依頼、取組事例集の作成等を実施",
)

RESULTS = (
    "相談件数の増加につながった",
    "相談件数が大幅に増加した",
    "支援の幅を拡げている",
    "早期の相談につながるケースが増えている",
    "就労につながる人が増えた",
    "高いプラン作成率となっている",
    "関係機関からの紹介件数が倍増した",
    "家計の見直しにより滞納の解消につながった",
    "地域の支え合いの輪が広がっている",
    "支援が途切れずに継続できるようになった",
    "実施率の向上につなげた",
    "住まいの確保と就労を同時に進められるようになった",
    "本人の就労意欲が回復・向上し、就労につながっている",
    "同意が得やすくなり、スムーズな任意事業利用につなげている",
)

QUOTES = (
    "何でも相談会",
    "顔の見える関係",
    "暮らし応援対策室",
    "バックアップ事業",
    "地域未来塾",
    "子ども食堂",
    "断らない相談",
    "まずは話を聞く",
    "市役所のどの部署に相談したらよいかわからない相談を受けること",
    "複合的な課題を抱えている人にはまず自立相談支援機関を案内する",
)

QUOTE_FRAMES = ("「{}」を掲げ", "「{}」と題して", "「{}」を合言葉に", "「{}」を位置づけ")

# Attribution kinds and the weight of each among cases not chosen to show a variation.
KINDS: tuple[tuple[str, float], ...] = (
    ("single", 52),
    ("prefecture", 8),
    ("ward", 3),
    ("qualified", 2),
    ("variant", 1),
    ("trailing", 5),
    ("trailing_several", 1),
    ("several_comma", 10),
    ("several_dot", 4),
    ("open", 6),
    ("open_many", 3),
    ("group", 3),
    ("undisclosed", 0.5),
)
# Variations every source of at least this many cases shows (positions drawn at random).
REQUIRED = (
    "single",
    "prefecture",
    "ward",
    "qualified_fuchu_hiroshima",
    "qualified_fuchu_tokyo",
    "qualified_date_hokkaido",
    "variant",
    "trailing",
    "trailing_several",
    "several_comma",
    "several_dot",
    "open",
    "open_many",
    "group",
    "undisclosed",
)
GROUP_KINDS = ("市", "町", "村", "市町", "町村", "市町村")
MUNICIPAL_KINDS = (
    gazetteer.DESIGNATED_CITY,
    gazetteer.SPECIAL_WARD,
    "市",
    "町",
    "村",
)
TYPO = ("ハローワーク", "ハロワーク")  # the real source's misspelling: a lint warning
WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass(frozen=True)
class Place:
    """One local government and the ways the generator may write it."""

    entry: gazetteer.Entry
    written: str  # the shortest form that names only this entry


class _Deck:
    """Draw places without repeats until every one was drawn, then reshuffle."""

    def __init__(self, rng: random.Random, places: Sequence[Place]) -> None:
        self.rng = rng
        self.places = list(places)
        self.pile: list[Place] = []

    def draw(self, avoid: Sequence[Place] = ()) -> Place:
        for _ in range(len(self.places) + 1):
            if not self.pile:
                self.pile = self.places[:]
                self.rng.shuffle(self.pile)
            place = self.pile.pop()
            if place not in avoid:
                return place
        raise ValueError("deck too small")


class _Places:
    """The gazetteer split into decks, with the written forms checked to be unambiguous."""

    def __init__(self, rng: random.Random) -> None:
        places = gazetteer.load()
        self.gazetteer = places

        def place(entry: gazetteer.Entry) -> Place:
            written = places.written_form(entry)
            if places.candidates(written) != [entry]:  # the generator never writes a guess
                raise AssertionError(f"{written} does not name only {entry}")
            return Place(entry, written)

        self.prefectures = [place(e) for e in places.entries if e.kind == gazetteer.PREFECTURE]
        municipal = [place(e) for e in places.entries if e.kind in MUNICIPAL_KINDS]
        wards = [place(e) for e in places.entries if e.kind == gazetteer.WARD]
        self.municipal = _Deck(rng, municipal)
        self.wards = _Deck(rng, wards)
        self.prefecture_deck = _Deck(rng, self.prefectures)
        self.any_deck = _Deck(rng, municipal + self.prefectures)
        self.ambiguous = [p for p in municipal if len(places.candidates(p.entry.name)) > 1]
        self.variants = [
            (p, v) for p in municipal if (v := p.written.replace("ヶ", "ケ")) != p.written
        ]
        self.variants = [(p, v) for p, v in self.variants if places.candidates(v) == [p.entry]]
        self.unambiguous = [p for p in municipal if p.written == p.entry.name]
        # how many cities, towns, villages each prefecture has (for plausible groups)
        self.kind_counts: dict[tuple[str, str], int] = {}
        for p in municipal:
            kind = "市" if p.entry.kind in (gazetteer.DESIGNATED_CITY, "市") else p.entry.kind
            key = (p.entry.prefecture, kind)
            self.kind_counts[key] = self.kind_counts.get(key, 0) + 1

    def qualified(self, prefecture: str, name: str) -> str:
        entry = next(
            p.entry
            for p in self.ambiguous
            if (p.entry.prefecture, p.entry.name) == (prefecture, name)
        )
        return entry.prefecture + entry.name

    def group_size(self, prefecture: str, kind: str) -> int:
        return sum(self.kind_counts.get((prefecture, k), 0) for k in kind)


class _Generator:
    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.rng = random.Random(seed)
        self.places = _Places(self.rng)

    # -- attributions -------------------------------------------------------------------
    def _names(self, count: int) -> list[str]:
        """``count`` different actors, mostly municipalities, sometimes a prefecture."""
        chosen: list[Place] = []
        for _ in range(count):
            deck = self.places.any_deck if self.rng.random() < 0.3 else self.places.municipal
            chosen.append(deck.draw(avoid=chosen))
        return [p.written for p in chosen]

    def _group(self) -> str:
        rng = self.rng
        while True:
            prefecture = self.places.prefecture_deck.draw().entry.name
            kind = rng.choice(GROUP_KINDS)
            size = self.places.group_size(prefecture, kind)
            if size >= 3:
                count = str(rng.randint(2, min(size - 1, 15)))
                if rng.random() < 0.1:
                    count = count.translate(WIDE_DIGITS)
                return f"{prefecture}内{count}{kind}"

    def attribution(self, kind: str) -> tuple[str, str]:
        """(the written names, the bracket style) of one attribution of ``kind``."""
        rng, places = self.rng, self.places
        several = rng.choice((2, 2, 2, 3, 3, 4, 5))
        if kind == "single":
            return places.municipal.draw().written, "【】"
        if kind == "prefecture":
            return places.prefecture_deck.draw().written, "【】"
        if kind == "ward":
            return places.wards.draw().written, "【】"
        if kind == "qualified":
            if rng.random() < 0.6:
                return rng.choice(places.ambiguous).written, "【】"
            plain = rng.choice(places.unambiguous).entry  # qualified though it needs not be
            return plain.prefecture + plain.name, "【】"
        if kind.startswith("qualified_"):
            fixed = {
                "qualified_fuchu_hiroshima": ("広島県", "府中市"),
                "qualified_fuchu_tokyo": ("東京都", "府中市"),
                "qualified_date_hokkaido": ("北海道", "伊達市"),
            }
            return places.qualified(*fixed[kind]), "【】"
        if kind == "variant":
            return rng.choice(places.variants)[1], "【】"
        if kind == "trailing":
            return places.municipal.draw().written, "()"
        if kind == "trailing_several":
            return "、".join(self._names(2)), "()"
        if kind == "several_comma":
            return "、".join(self._names(several)), "【】"
        if kind == "several_dot":
            return "・".join(self._names(2)), "【】"
        if kind == "open":
            return "、".join(self._names(rng.choice((1, 2, 3, 4)))) + "等", "【】"
        if kind == "open_many":
            return "、".join(self._names(rng.choice((1, 3, 4, 5)))) + "等多数", "【】"
        if kind == "group":
            names = [self._group()]
            if rng.random() < 0.25:
                names.append(places.municipal.draw().written)
                rng.shuffle(names)
            return "、".join(names), "【】"
        if kind == "undisclosed":
            return "非公表", "【】"
        raise ValueError(kind)

    # -- case text ----------------------------------------------------------------------
    def _target_length(self) -> int:
        """Like the real cases: mostly 50–130 characters, a few up to 200."""
        return max(40, min(200, int(self.rng.lognormvariate(4.3, 0.4))))

    def _sentence(self) -> list[str]:
        """One sentence as clauses (the last carries the 。)."""
        rng = self.rng
        clauses: list[str] = []
        shape = rng.random()
        if shape < 0.45:
            clauses.append(rng.choice(OPENERS))
        if rng.random() < 0.15:
            clauses.append(rng.choice(QUOTE_FRAMES).format(rng.choice(QUOTES)))
        action = rng.choice(ACTIONS)
        if rng.random() < 0.6:
            clauses += [action + "し", rng.choice(RESULTS)]
        else:
            clauses.append(action)
        return clauses

    def text(self) -> list[list[str]]:
        """Sentences of clauses, about as long as a real case."""
        target = self._target_length()
        sentences = [self._sentence()]
        length = _length(sentences[0])
        while length < target:
            extra = self._sentence()
            if length + _length(extra) > 200:
                break
            sentences.append(extra)
            length += _length(extra)
        if self.rng.random() < 0.005:  # the real source's typo, now and then
            sentences = [[c.replace(*TYPO) for c in s] for s in sentences]
        return sentences

    def case(self, kind: str) -> str:
        """One case line: text with emphasis, then its attribution."""
        rng = self.rng
        sentences = self.text()
        # pieces: (text, emphasised); clauses joined by 、 and ending in 。
        flat = [(c, si, ci) for si, s in enumerate(sentences) for ci, c in enumerate(s)]
        names, brackets = self.attribution(kind)
        mode = rng.random()
        spanning = brackets == "【】" and mode >= 0.86  # emphasis spans the attribution
        emphasised: set[int] = set()
        if mode < 0.30:
            pass
        elif mode < 0.62:
            emphasised = {rng.randrange(len(flat))}
        elif mode < 0.80:
            emphasised = set(rng.sample(range(len(flat)), min(len(flat), rng.choice((2, 3)))))
        elif spanning and rng.random() < 0.25:  # only the last sentence: …。**…【高知市】**
            emphasised = set(range(len(flat) - len(sentences[-1]), len(flat)))
        elif mode >= 0.80:
            emphasised = set(range(len(flat)))
        # pieces: (text, emphasised); clauses joined by 、 and ending in 。
        pieces: list[tuple[str, bool]] = []
        for index, (clause, si, ci) in enumerate(flat):
            last = ci == len(sentences[si]) - 1
            mark = index in emphasised
            if mark and clause.startswith("「") and "」" in clause:
                close = clause.index("」")  # emphasis inside the quotation marks
                pieces += [("「", False), (clause[1:close], True), (clause[close:], False)]
            else:
                pieces.append((clause, mark))
            joined = index + 1 in emphasised or (spanning and index + 1 == len(flat))
            pieces.append(("。" if last else "、", mark and joined))
        opening, closing = ("【", "】") if brackets == "【】" else ("(", ")")
        pieces.append((opening + names + closing, spanning))
        return "- " + _mark(pieces)

    # -- document -----------------------------------------------------------------------
    def layout(self) -> list[tuple[int, int]]:
        """(section index, topic index or -1) of every case, in document order."""
        slots = [(s, t) for s, (_, topics) in enumerate(SECTIONS) for t in range(len(topics) or 1)]
        slots = slots[: self.n]
        weights = [self.rng.uniform(0.4, 1.6) for _ in slots]
        extra = self.n - len(slots)
        total = sum(weights)
        shares = [extra * w / total for w in weights]
        counts = [1 + int(s) for s in shares]
        leftovers = sorted(range(len(slots)), key=lambda i: int(shares[i]) - shares[i])
        for i in leftovers[: self.n - sum(counts)]:
            counts[i] += 1
        layout: list[tuple[int, int]] = []
        for (section, topic), count in zip(slots, counts, strict=True):
            layout += [(section, topic if SECTIONS[section][1] else -1)] * count
        return layout

    def kinds(self) -> list[str]:
        names = [k for k, _ in KINDS]
        weights = [w for _, w in KINDS]
        kinds = self.rng.choices(names, weights, k=self.n)
        if self.n >= len(REQUIRED):
            for position, kind in zip(
                self.rng.sample(range(self.n), len(REQUIRED)), REQUIRED, strict=True
            ):
                kinds[position] = kind
        return kinds

    def source(self) -> str:
        rng = self.rng
        out = [TITLE, "", SUBTITLE, "", NOTE]
        open_section = open_topic = None
        on_page, page = 0, rng.randint(8, 14)

        def heading(text: str) -> None:
            out.extend(("", text))

        for (s, t), kind in zip(self.layout(), self.kinds(), strict=True):
            title, topics = SECTIONS[s]
            number = f"{s + 1}"
            if rng.random() < 0.02:
                number = number.translate(WIDE_DIGITS)
            before = len(out)
            if s != open_section:
                heading(f"{number}. {title}")
                open_section, open_topic, on_page = s, None, 0
            elif on_page >= page:  # a page break: the section (and topic) continue
                heading(f"{number}. {title}(続き)")
                on_page, page = 0, rng.randint(8, 14)
                if t == open_topic and t >= 0:
                    style = "({}・続き)" if rng.random() < 0.9 else "（{}（続き））"
                    heading(style.format(topics[t]))
            if t != open_topic:
                if t >= 0:
                    heading(("({})" if rng.random() < 0.95 else "（{}）").format(topics[t]))
                open_topic = t
            if len(out) > before:
                out.append("")
            out.append(self.case(kind))
            on_page += 1
        return "\n".join(out) + "\n"


def _length(sentence: list[str]) -> int:
    """Characters of a sentence with its 、 and 。."""
    return sum(map(len, sentence)) + len(sentence)


def _mark(pieces: list[tuple[str, bool]]) -> str:
    """Join pieces, wrapping each run of emphasised ones in ``**``."""
    merged: list[tuple[str, bool]] = []
    for text, emphasis in pieces:
        if merged and merged[-1][1] == emphasis:
            merged[-1] = (merged[-1][0] + text, emphasis)
        else:
            merged.append((text, emphasis))
    return "".join(f"**{t}**" if e else t for t, e in merged)


def generate(n: int, seed: int = 0) -> str:
    """A valid source text with ``n`` cases; the same ``n`` and ``seed`` give the same text."""
    if n < 1:
        raise ValueError("n must be at least 1")
    return _Generator(n, seed).source()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of cases")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    text = generate(args.n, args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
