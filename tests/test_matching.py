"""Matching lone notes by content, step by step (_core/matching)."""

from __future__ import annotations

from collections import Counter

from conftest import ROOTS

from sphinxext_notes._core import matching
from sphinxext_notes._core.fingerprint import feature
from sphinxext_notes._core.matching import (
    Lone,
    Pair,
    candidates,
    join,
    match,
    near_misses,
    prose_candidates,
    prose_scores,
    scores,
)
from sphinxext_notes._core.notes import body_features, body_prose_features
from sphinxext_notes._core.structure import prose_features


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
        lone("c", "en", urls("z")),
        lone("d", "de", urls("q")),
    ]
    assert candidates(notes) == Counter({(0, 1): 2, (1, 2): 1})


def test_a_feature_two_notes_of_one_language_hold_makes_no_candidates():
    notes = [
        lone("a", "en", urls("x", "y")),
        lone("b", "fr", urls("x", "y")),
        lone("c", "en", urls("y")),
    ]
    assert candidates(notes) == Counter({(0, 1): 1})


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
    assert "too weak" in problems[0].message


def test_a_near_miss_refused_for_its_language_says_so():
    notes = [lone("a.md", "en", set()), lone("b.md", "fr", set()), lone("c.md", "fr", set())]
    pair = Pair(0, 2, 0.9, True)  # a and b joined first; c is French too
    problems = near_misses(notes, [[0, 1], [2]], {2: pair})
    assert [p.source for p in problems] == ["c.md"]
    assert "already has a note in 'fr'" in problems[0].message
    assert "too weak" not in problems[0].message


# --- what prose keeps -----------------------------------------------------------------

PROSE = ROOTS / "test-prose" / "notes"
#: The hand-written notes of the prose root: two notes on TCP and UDP, translated.
TCP_OR_UDP = {"en": "a1f3.md", "ja": "b7c2.md", "ar": "c9e4.md", "hi": "d2a8.md"}
WHY_QUIC = {"en": "e5b1.md", "ja": "f8d6.md"}


def prose(name: str, lang: str) -> Lone:
    raw = (PROSE / name).read_bytes()
    return Lone(name, lang, body_features(raw) | body_prose_features(raw))


def test_prose_candidates_share_two_features_across_languages():
    notes = [lone("a", "en", urls("x", "y")), lone("b", "fr", urls("x", "y")), lone("c", "de")]
    notes.append(lone("d", "en", urls("x", "y")))
    assert prose_candidates(notes, [0, 1, 2, 3]) == {(0, 1), (1, 3)}
    assert prose_candidates(notes, [0, 2, 3]) == set()


def test_a_translation_joins_on_its_shape_and_names():
    notes = [prose(TCP_OR_UDP["en"], "en"), prose(TCP_OR_UDP["hi"], "hi")]
    assert [(p.i, p.j, p.joins) for p in prose_scores(notes, [(0, 1)])] == [(0, 1, True)]


def test_two_notes_on_one_subject_do_not_join():
    notes = [prose(WHY_QUIC["en"], "en"), prose(TCP_OR_UDP["ja"], "ja")]
    assert not any(p.joins for p in prose_scores(notes, [(0, 1)]))


def test_a_template_without_the_names_does_not_join():
    shape = "## A\n\nText.\n\n- one\n- two\n- three\n\n## B\n\nText.\n"
    en = Lone("en.md", "en", prose_features(shape + "TCP UDP QUIC HTTP TLS\n"))
    fr = Lone("fr.md", "fr", prose_features(shape + "TCP DNS BGP ARP NAT\n"))
    found = prose_scores([en, fr], [(0, 1)])
    assert not any(p.joins for p in found)


def test_names_two_notes_of_one_language_share_do_not_join_a_translation():
    """tldr-pages: ``adb`` in Chinese named only Android and the adb manual, as did
    ``adb reverse`` in English; it joined that page rather than ``adb``."""
    shape = "> About.\n\n- one:\n\n- two:\n\n- three:\n\n- four:\n"
    adb = prose_features(shape + "Android ADB Shell Install\n")
    reverse = prose_features(shape + "Android ADB TCP Forward\n")
    notes = [
        Lone("adb-en.md", "en", adb),
        Lone("reverse-en.md", "en", reverse),
        Lone("reverse-fr.md", "fr", reverse),
        Lone("adb-zh.md", "zh", prose_features(shape + "Android ADB\n")),
    ]
    groups, _ = match(notes, lambda i: frozenset())
    assert sorted(groups) == [[0], [1, 2], [3]]


#: A tldr page: a summary and examples, each a description and a command in code.
TLDR = "> {0}\n\n- {1}:\n\n`{4}`\n\n- {2}:\n\n`{5}`\n\n- {3}:\n\n`{6}`\n"
GIT_ADD = ("git add {{path}}", "git add -A", "git add -p")


def test_a_translation_joins_on_its_inline_code():
    en = TLDR.format("Stage files.", "Stage a file", "Stage all", "Pick parts", *GIT_ADD)
    zh = TLDR.format("暂存文件。", "暂存一个文件", "暂存全部", "交互式暂存", *GIT_ADD)
    notes = [Lone("en.md", "en", prose_features(en)), Lone("zh.md", "zh", prose_features(zh))]
    assert [(p.i, p.j, p.joins) for p in prose_scores(notes, [(0, 1)])] == [(0, 1, True)]


def test_two_pages_on_one_command_sharing_some_code_do_not_join():
    add = (*GIT_ADD, "git status", "git diff")
    commit = ("git commit -m", "git commit -a", "git commit --amend", "git status", "git diff")
    page = "> {0}\n\n" + "".join(f"- {{{i}}}:\n\n`{{{i + 5}}}`\n\n" for i in range(1, 6))
    en = page.format("Stage.", "Stage a file", "Stage all", "Pick", "Status", "Diff", *add)
    zh = page.format("提交。", "提交", "全部提交", "修改", "状态", "差异", *commit)
    notes = [Lone("en.md", "en", prose_features(en)), Lone("zh.md", "zh", prose_features(zh))]
    assert not any(p.joins for p in prose_scores(notes, [(0, 1)]))


def tldr(summary: str, link: str) -> frozenset[int]:
    """A page of :data:`TLDR` in English, with a link."""
    body = TLDR.format(summary, "Stage a file", "Stage all", "Pick parts", *GIT_ADD) + link
    raw = body.encode()
    return body_features(raw) | body_prose_features(raw)


def test_notes_that_link_different_pages_do_not_join():
    """tldr-pages: the Persian ``uname`` is an older text with the examples of the
    macOS ``uname`` page, which links another manual."""
    one, other = "<https://one.example/git-add>", "<https://other.example/git-add>"
    notes = [Lone("a.md", "en", tldr("Stage.", one)), Lone("b.md", "fa", tldr("Add.", other))]
    assert [(p.i, p.j, p.joins) for p in prose_scores(notes, [(0, 1)])] == [(0, 1, False)]


def test_links_to_a_site_in_each_language_may_differ():
    one, other = "https://en.wikipedia.org/wiki/Git", "https://fa.wikipedia.org/wiki/گیت"
    notes = [Lone("a.md", "en", tldr("Stage.", one)), Lone("b.md", "fa", tldr("Add.", other))]
    assert [(p.i, p.j, p.joins) for p in prose_scores(notes, [(0, 1)])] == [(0, 1, True)]


#: Paragraphs and a list that name an API's functions and options in camelCase and snake_case.
API = "{0}.\n\n{1} getStaticPaths {2} trailingSlash.\n\n- {3} base_url\n- {4}\n- {4}\n"


def test_a_translation_joins_on_its_identifiers():
    en = API.format("Routes", "Export", "with", "Set", "More")
    fr = API.format("Routes", "Exportez", "avec", "Réglez", "Plus")
    notes = [Lone("en.md", "en", prose_features(en)), Lone("fr.md", "fr", prose_features(fr))]
    assert [(p.i, p.j, p.joins) for p in prose_scores(notes, [(0, 1)])] == [(0, 1, True)]


def test_two_notes_on_one_api_sharing_identifiers_do_not_join():
    shape = "Text.\n\nText {0}.\n\n- {1}\n- {2}\n- {3}\n"
    routes = shape.format("getStaticPaths", "redirectToDefaultLocale", "prefixDefaultLocale", "x")
    pages = shape.format("getStaticPaths", "paginate", "pageSize", "currentPage")
    notes = [
        Lone("routes-en.md", "en", prose_features(routes)),
        Lone("pages-en.md", "en", prose_features(pages)),
        Lone("pages-ja.md", "ja", prose_features(pages)),
    ]
    groups, _ = match(notes, lambda i: frozenset())
    assert sorted(groups) == [[0], [1, 2]]


def test_a_short_note_is_not_matched_as_prose():
    body = "TCP and UDP, QUIC and HTTP.\n"
    notes = [Lone("a", "en", prose_features(body)), Lone("b", "fr", prose_features(body))]
    assert prose_scores(notes, [(0, 1)]) == []


def test_prose_joins_a_lone_note_to_the_group_that_lacks_its_language():
    en, ja = ((PROSE / TCP_OR_UDP[lang]).read_bytes() for lang in ("en", "ja"))
    linked = urls("x", "y")
    notes = [
        lone("en.md", "en", body_features(en), linked),
        lone("fr.md", "fr", linked),
        lone("ja.md", "ja", body_features(ja)),
    ]
    prose_of = {0: body_prose_features(en), 1: frozenset(), 2: body_prose_features(ja)}
    asked: list[int] = []
    groups, problems = match(notes, lambda i: asked.append(i) or prose_of[i])
    assert groups == [[0, 1, 2]]
    assert sorted(asked) == [0, 1, 2]
    assert problems == []


def test_prose_is_asked_about_no_note_when_links_group_them_all():
    notes = [lone("a", "en", urls("x", "y")), lone("b", "fr", urls("x", "y"))]
    asked: list[int] = []
    groups, _ = match(notes, lambda i: asked.append(i) or frozenset())
    assert groups == [[0, 1]]
    assert asked == []
