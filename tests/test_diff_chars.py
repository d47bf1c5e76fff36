"""Character-level differences of Japanese text (revise/chars.py), worked out by hand."""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportkit.revise.chars import Edit, changed_spans, clean_up, diff_chars, similarity


def _changes(old: str, new: str) -> list[tuple[str, str]]:
    return [(e.old, e.new) for e in diff_chars(old, new) if e.changed]


def test_identical_texts_are_one_equal_stretch() -> None:
    assert diff_chars("制度周知を行う。", "制度周知を行う。") == [
        Edit("制度周知を行う。", "制度周知を行う。")
    ]
    assert diff_chars("", "") == []


def test_the_real_typo_fix_inserts_exactly_the_long_vowel_mark() -> None:
    # ハロワーク -> ハローワーク: the one character added is ー (U+30FC), after ロ
    assert diff_chars("ハロワークの就労支援", "ハローワークの就労支援") == [
        Edit("ハロ", "ハロ"),
        Edit("", "ー"),
        Edit("ワークの就労支援", "ワークの就労支援"),
    ]


def test_a_reworded_clause_is_one_change() -> None:
    # raw: 相談件数 | は日に日→が着実 | に増 | 加し→え | ている。 ; the island に増 (2) is no
    # longer than the changes on either side (4 and 2), so it is absorbed
    old, new = "相談件数は日に日に増加している。", "相談件数が着実に増えている。"
    raw = SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    assert sum(1 for tag, *_ in raw if tag != "equal") == 2
    assert diff_chars(old, new) == [
        Edit("相談件数", "相談件数"),
        Edit("は日に日に増加し", "が着実に増え"),
        Edit("ている。", "ている。"),
    ]


def test_a_shared_particle_between_two_changes_is_absorbed() -> None:
    # 生活 | +の | 困 | 窮状況→りごと : the island 困 (1) sits between changes of 1 and 3
    assert _changes("生活困窮状況を把握", "生活の困りごとを把握") == [("困窮状況", "の困りごと")]


def test_separate_word_replacements_stay_separate() -> None:
    # the islands の関係 (3) and に制度を (4) are longer than the one- and two-character changes
    assert _changes("市内の関係機関に制度を説明した。", "市外の関係団体に制度を周知した。") == [
        ("内", "外"),
        ("機関", "団体"),
        ("説明", "周知"),
    ]


def test_autojunk_is_off_so_frequent_particles_still_match() -> None:
    """With difflib's default heuristic, の (over 1 % of a 280-character text) is junk and
    one insertion becomes a 170-character replacement."""
    old = "制度の周知により相談の件数が増加し、関係機関の連携の強化につながった。" * 8
    new = old[:150] + "大幅に" + old[150:]
    default = SequenceMatcher(None, old, new).get_opcodes()
    assert [tag for tag, *_ in default if tag != "equal"] == ["replace"]
    assert _changes(old, new) == [("", "大幅に")]


# -- the clean-up rule, on hand-made edit lists ------------------------------------------


def test_an_island_as_long_as_both_neighbours_is_absorbed() -> None:
    edits = [Edit("あい", "かき"), Edit("うえ", "うえ"), Edit("おか", "くけ")]
    assert clean_up(edits) == [Edit("あいうえおか", "かきうえくけ")]


def test_an_island_one_longer_than_a_neighbour_stays() -> None:
    edits = [Edit("あい", "かき"), Edit("うえお", "うえお"), Edit("おか", "くけ")]
    assert clean_up(edits) == edits


def test_an_island_longer_than_the_smaller_neighbour_stays() -> None:
    edits = [Edit("あ", "か"), Edit("うえ", "うえ"), Edit("おか", "くけ")]
    assert clean_up(edits) == edits


def test_the_rule_applies_again_to_a_merged_change() -> None:
    # い (1) goes first; the merged change (3) then swallows うえ (2), next to a change of 2
    edits = [
        Edit("あ", "か"),
        Edit("い", "い"),
        Edit("う", "き"),
        Edit("えお", "えお"),
        Edit("かき", "さし"),
    ]
    assert clean_up(edits) == [Edit("あいうえおかき", "かいきえおさし")]


def test_equalities_at_either_end_are_kept() -> None:
    edits = [Edit("ア", "ア"), Edit("イ", "ウ"), Edit("エ", "エ")]
    assert clean_up(edits) == edits


def test_adjacent_changes_and_equalities_are_merged_and_empty_edits_dropped() -> None:
    edits = [Edit("あ", ""), Edit("", "い"), Edit("", ""), Edit("う", "う"), Edit("え", "え")]
    assert clean_up(edits) == [Edit("あ", "い"), Edit("うえ", "うえ")]


def test_changed_spans_on_each_side() -> None:
    edits = diff_chars("生活困窮状況を把握", "生活の困りごとを把握")
    assert changed_spans(edits) == ([(2, 6)], [(2, 7)])
    # a pure insertion has nothing to mark on the old side
    assert changed_spans(diff_chars("ハロワーク", "ハローワーク")) == ([], [(2, 3)])


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("あいうえ", "あいうえ", 1.0),
        ("あいうえ", "かきくけ", 0.0),
        ("あいうえ", "あいかき", 0.5),  # 2 × 2 / 8
        ("", "", 1.0),
    ],
)
def test_similarity(old: str, new: str, expected: float) -> None:
    assert similarity(old, new) == pytest.approx(expected)


_JAPANESE = st.text(alphabet="のにをはがあいうえお漢字相談支援。、ー", max_size=60)


@settings(max_examples=300, deadline=None)
@given(_JAPANESE, _JAPANESE)
def test_edits_rebuild_both_texts_and_obey_the_rule(old: str, new: str) -> None:
    edits = diff_chars(old, new)
    assert "".join(e.old for e in edits) == old
    assert "".join(e.new for e in edits) == new
    assert all(e.old or e.new for e in edits)
    for before, after in pairwise(edits):
        assert before.changed != after.changed  # changes and equalities alternate
    for index in range(1, len(edits) - 1):
        island, left, right = edits[index], edits[index - 1], edits[index + 1]
        if not island.changed:  # no equality the rule would still absorb
            size = len(island.old)
            left_size = max(len(left.old), len(left.new))
            right_size = max(len(right.old), len(right.new))
            assert size > left_size or size > right_size
