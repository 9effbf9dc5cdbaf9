"""Matching lone notes by content, step by step (_core/matching)."""

from __future__ import annotations

from collections import Counter

from sphinxext_notes._core import matching
from sphinxext_notes._core.fingerprint import feature
from sphinxext_notes._core.matching import Lone, Pair, candidates, join, near_misses, scores


def urls(*names: str) -> set[int]:
    return {feature("url", f"https://{name}.example/") for name in names}


def numbers(*values: str) -> set[int]:
    return {feature("num", value) for value in values}


def lone(source: str, lang: str, *parts: set[int]) -> Lone:
    return Lone(source, lang, frozenset().union(*parts))


def test_candidates_share_identifying_features_across_languages():
    notes = [
        lone("a", "en", urls("x", "y")),
        lone("b", "fr", urls("x", "y", "z")),
        lone("c", "en", urls("y")),
        lone("d", "de", urls("q")),
    ]
    assert candidates(notes) == Counter({(0, 1): 2, (1, 2): 1})


def test_numbers_alone_make_no_candidates():
    notes = [lone("a", "en", numbers("2023", "13")), lone("b", "fr", numbers("2023", "13"))]
    assert candidates(notes) == Counter()


def test_a_feature_too_many_notes_share_makes_no_candidates(monkeypatch):
    monkeypatch.setattr(matching, "COMMON", 2)
    notes = [lone(str(i), lang, urls("x")) for i, lang in enumerate(["en", "fr", "de"])]
    assert candidates(notes) == Counter()


def test_scores_keep_pairs_similar_enough_best_first():
    notes = [
        lone("a", "en", urls("x", "y")),
        lone("b", "fr", urls("x", "y")),
        lone("c", "de", urls("x"), numbers("10", "11", "12", "13")),
    ]
    found = scores(notes, Counter({(0, 1): 2, (0, 2): 1, (1, 2): 1}))
    assert found == [Pair(0, 1, 1.0, True)]


def test_links_and_code_join_on_similarity_and_two_shared():
    notes = [
        lone("a", "en", urls("x", "y"), numbers("10", "11")),
        lone("b", "fr", urls("x", "y"), numbers("12", "13")),
        lone("c", "de", urls("x"), numbers("10")),
    ]
    found = scores(notes, Counter({(0, 1): 2, (0, 2): 1}))
    assert [(p.i, p.j, p.joins) for p in found] == [(0, 2, False), (0, 1, False)]
    assert scores(notes[:1] * 2, Counter({(0, 1): 2})) == [Pair(0, 1, 1.0, True)]


def test_join_never_puts_two_notes_of_one_language_in_a_group():
    notes = [lone("a", "en", set()), lone("b", "fr", set()), lone("c", "en", set())]
    groups, missed = join(notes, [Pair(0, 1, 0.9, True), Pair(1, 2, 0.8, True)])
    assert sorted(groups) == [[0, 1], [2]]
    assert missed == {1: Pair(1, 2, 0.8, True), 2: Pair(1, 2, 0.8, True)}


def test_join_keeps_each_notes_best_missed_pair():
    notes = [lone("a", "en", set()), lone("b", "fr", set()), lone("c", "de", set())]
    groups, missed = join(notes, [Pair(0, 1, 0.4, False), Pair(0, 2, 0.3, False)])
    assert sorted(groups) == [[0], [1], [2]]
    assert missed == {
        0: Pair(0, 1, 0.4, False),
        1: Pair(0, 1, 0.4, False),
        2: Pair(0, 2, 0.3, False),
    }


def test_near_misses_warn_notes_left_alone_naming_the_other_file():
    notes = [lone("a.md", "en", set()), lone("b.md", "fr", set()), lone("c.md", "de", set())]
    pair = Pair(1, 2, 0.3, False)
    problems = near_misses(notes, [[0, 1], [2]], {1: pair, 2: pair})
    assert [(p.source, p.kind) for p in problems] == [("c.md", "group")]
    assert "'b.md'" in problems[0].message
    assert "0.30" in problems[0].message
