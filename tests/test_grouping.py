"""Grouping notes into translations: by key, by file name, by content (_core/grouping)."""

from __future__ import annotations

import datetime as dt

from conftest import kinds, make, members, note_of, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxext_notes._core.grouping import group_notes
from sphinxext_notes._core.notes import Note
from sphinxext_notes._core.structure import prose_features

# --- grouping ------------------------------------------------------------------------


def test_the_five_seeds_are_one_note_grouped_by_fingerprint():
    groups, problems = group_notes(seeds(), "en")
    assert len(groups) == 1
    group = groups[0]
    assert group.grouped_by == "fingerprint"
    assert group.original is None
    assert list(group.members) == ["es", "fr", "hi", "ja", "zh"]
    assert group.key == "000_b2d1b9e4c37a037b"
    assert group.slug == "ascenso-y-caida-de-01-ai"  # the x-default's (Spanish) title
    assert problems == []


def test_the_seeds_group_the_same_in_any_order():
    forward, _ = group_notes(seeds(), "en")
    backward, _ = group_notes(reversed(seeds()), "en")
    assert [members(g) for g in forward] == [members(g) for g in backward]


def test_the_seeds_stay_one_note_beside_an_unrelated_one():
    other = make("notes/other-en.md", "title: O", "https://else.example/1 https://else.example/2")
    groups, _ = group_notes([*seeds(), other], "en")
    assert [len(g.members) for g in groups] == [5, 1]


def test_two_unrelated_notes_in_two_languages_are_not_merged():
    a = make("notes/alpha.md", "title: A\nlang: en", "https://a.example/1 https://a.example/2")
    b = make("notes/beta.md", "title: B\nlang: fr", "https://b.example/1 https://b.example/2")
    groups, problems = group_notes([a, b], "en")
    assert [members(g) for g in groups] == [{"en": "notes/alpha.md"}, {"fr": "notes/beta.md"}]
    assert problems == []


def test_notes_sharing_links_and_code_in_two_languages_are_merged():
    body = "See https://a.example/1 and https://a.example/2.\n\n```\nprint(1)\n```\n"
    a = make("notes/alpha.md", "title: A\nlang: en", body)
    b = make("notes/beta.md", "title: B\nlang: fr\ntranslated: true", "Voir. " + body)
    groups, _ = group_notes([b, a], "en")
    assert [(g.key, g.grouped_by, members(g), g.original) for g in groups] == [
        ("alpha", "fingerprint", {"en": "notes/alpha.md", "fr": "notes/beta.md"}, "en")
    ]


def test_links_to_one_page_in_two_languages_are_one_link():
    """Astro's docs link ``/fr/guides/images/`` in French, ``/zh-cn/guides/images/``
    in Chinese: without the language, translations share their links."""
    body = "[Images](/{0}/guides/images/), [API](/{0}/reference/api/#image).\n"
    en = make("notes/alpha.md", "title: A\nlang: en", body.format("en"))
    zh = make("notes/beta.md", "title: B\nlang: zh-CN\ntranslated: true", body.format("zh-cn"))
    groups, _ = group_notes([en, zh], "en")
    assert [members(g) for g in groups] == [{"en": "notes/alpha.md", "zh-CN": "notes/beta.md"}]


def test_links_two_notes_of_one_language_hold_do_not_join_a_translation():
    """Astro's error pages end with the same two links, in every language."""
    body = "Error {0}.\n\n[API](/{1}/reference/api/#params), [Routing](/{1}/routing/#paths)\n"
    notes = [
        make("notes/a.md", "title: A\nlang: en", body.format("A", "en")),
        make("notes/b.md", "title: B\nlang: en", body.format("B", "en")),
        make("notes/c.md", "title: C\nlang: fr", body.format("C", "fr")),
    ]
    groups, _ = group_notes(notes, "en")
    assert len(groups) == 3


def test_weak_evidence_is_a_warning_not_a_merge():
    a = make("notes/alpha.md", "title: A\nlang: en", "https://a.example/1 https://a.example/2")
    b = make("notes/beta.md", "title: B\nlang: fr", "https://a.example/1 https://b.example/2")
    groups, problems = group_notes([a, b], "en")
    assert len(groups) == 2
    assert kinds(problems) == [("notes/alpha.md", 1, "group"), ("notes/beta.md", 1, "group")]


def test_same_language_notes_are_never_merged_by_fingerprint():
    body = "https://a.example/1 https://a.example/2\n"
    a = make("notes/alpha.md", "title: A\nlang: en", body)
    b = make("notes/beta.md", "title: B\nlang: en", body)
    groups, _ = group_notes([a, b], "en")
    assert len(groups) == 2


def test_notes_with_an_explicit_key_are_not_merged_by_fingerprint():
    body = "https://a.example/1 https://a.example/2\n"
    a = make("notes/alpha.md", "title: A\nlang: en\ntranslation_key: a", body)
    b = make("notes/beta.md", "title: B\nlang: fr", body)
    groups, _ = group_notes([a, b], "en")
    assert len(groups) == 2


def test_file_names_group_translations():
    en = make("notes/2025-11-07-tcp-vs-udp-en.md", "title: T")
    es = make(
        "_notes/es/2025-11-07-tcp-vs-udp-es.md", "title: T\ntranslated: true", notes_dir="_notes"
    )
    groups, problems = group_notes([en, es], "en")
    assert [(g.key, g.grouped_by, list(g.members)) for g in groups] == [
        ("2025-11-07-tcp-vs-udp", "filename", ["en", "es"])
    ]
    assert groups[0].date == dt.date(2025, 11, 7)
    assert problems == []


def test_translation_key_and_translation_key_camel_case_group():
    a = make("notes/first.md", "title: A\nlang: en\ntranslation_key: k")
    b = make("notes/second.md", "title: B\nlang: fr\ntranslationKey: k\ntranslated: true")
    groups, problems = group_notes([a, b], "en")
    assert [(g.key, g.grouped_by, members(g)) for g in groups] == [
        ("k", "front-matter", {"en": "notes/first.md", "fr": "notes/second.md"})
    ]
    assert problems == []


def test_an_explicit_key_joins_a_file_name_key():
    a = make("notes/k-en.md", "title: A")
    b = make("notes/other.md", "title: B\nlang: fr\ntranslation_key: k\ntranslated: true")
    groups, _ = group_notes([a, b], "en")
    assert [(g.key, g.grouped_by, list(g.members)) for g in groups] == [
        ("k", "front-matter", ["en", "fr"])
    ]


def test_a_duplicate_language_makes_the_loser_its_own_note():
    a = make("notes/dup-a.md", "title: A\nlang: en\ntranslation_key: dup")
    b = make("notes/dup-b.md", "title: B\nlang: en\ntranslation_key: dup")
    groups, problems = group_notes([a, b], "en")
    assert [(g.key, g.grouped_by, members(g)) for g in groups] == [
        ("dup", "front-matter", {"en": "notes/dup-a.md"}),
        ("notes/dup-b", "filename", {"en": "notes/dup-b.md"}),
    ]
    assert kinds(problems) == [("notes/dup-b.md", 1, "group")]
    assert "notes/dup-a.md" in problems[0].message


def test_a_duplicate_language_conflict_does_not_depend_on_order():
    a = make("notes/dup-a.md", "title: A\nlang: en\ntranslation_key: dup")
    b = make("notes/dup-b.md", "title: B\nlang: en\ntranslation_key: dup")
    one = group_notes([a, b], "en")
    other = group_notes([b, a], "en")
    assert [(g.key, members(g), g.slug) for g in one[0]] == [
        (g.key, members(g), g.slug) for g in other[0]
    ]
    assert one[1] == other[1]


def test_an_original_wins_a_duplicate_language_over_a_translation():
    a = make("notes/dup-a.md", "title: A\nlang: en\ntranslation_key: dup\ntranslated: true")
    b = make("notes/dup-b.md", "title: B\nlang: en\ntranslation_key: dup")
    groups, problems = group_notes([a, b], "en")
    assert members(groups[0]) == {"en": "notes/dup-b.md"}
    assert kinds(problems) == [("notes/dup-a.md", 1, "group")]


def test_a_loser_whose_key_is_taken_gets_another_key():
    a = make("notes/x-en.md", "title: A\ntranslation_key: notes/x-fr")
    b = make("notes/x-fr.md", "title: B\nlang: en\ntranslation_key: notes/x-fr")
    groups, _ = group_notes([a, b], "en")
    assert [g.key for g in groups] == ["notes/x-fr", "notes/x-fr~"]
    assert len({g.slug for g in groups}) == 2


def test_two_originals_are_a_problem_and_the_default_language_wins():
    en = make("notes/two.en.md", "title: A")
    fr = make("notes/two.fr.md", "title: B")
    groups, problems = group_notes([fr, en], "en")
    assert [(g.key, g.original, list(g.members)) for g in groups] == [("two", "en", ["en", "fr"])]
    assert kinds(problems) == [("notes/two.fr.md", 1, "group")]
    assert "notes/two.en.md" in problems[0].message


def test_two_originals_with_another_default_language():
    en = make("notes/two.en.md", "title: A")
    fr = make("notes/two.fr.md", "title: B")
    groups, problems = group_notes([en, fr], "fr")
    assert groups[0].original == "fr"
    assert kinds(problems) == [("notes/two.en.md", 1, "group")]


def test_two_originals_without_the_default_language_take_the_first_source():
    es = make("notes/two.es.md", "title: A")
    fr = make("notes/two.fr.md", "title: B")
    groups, problems = group_notes([fr, es], "en")
    assert groups[0].original == "es"
    assert kinds(problems) == [("notes/two.fr.md", 1, "group")]


def test_the_original_is_the_untranslated_member():
    en = make("notes/x.en.md", "title: A\ntranslated: true")
    fr = make("notes/x.fr.md", "title: B")
    groups, problems = group_notes([en, fr], "en")
    assert groups[0].original == "fr"
    assert problems == []


def test_group_date_is_the_earliest():
    en = make("notes/x.en.md", "title: A\ndate: 2025-03-01")
    fr = make("notes/x.fr.md", "title: B\ndate: 2025-01-01\ntranslated: true")
    es = make("notes/x.es.md", "title: C\ntranslated: true")
    assert group_notes([en, fr, es], "en")[0][0].date == dt.date(2025, 1, 1)


def test_groups_are_sorted_by_key_with_unique_slugs():
    notes = [make(f"notes/{name}-en.md", "title: T") for name in ("b", "a", "Case", "case")]
    groups, _ = group_notes(notes, "en")
    assert [g.key for g in groups] == ["Case", "a", "b", "case"]
    assert [g.slug for g in groups] == ["case", "a", "b", "case-2"]


def test_a_language_only_a_name_ending_gives_is_a_warning():
    groups, problems = group_notes([make("notes/how-to.md", "title: How to")], "en")
    assert members(groups[0]) == {"to": "notes/how-to.md"}  # kept, where the name put it
    assert kinds(problems) == [("notes/how-to.md", 1, "lang")]
    assert "add 'lang: to'" in problems[0].message


def test_a_name_ending_is_trusted_when_a_translation_or_the_default_confirms_it():
    notes = [
        make("notes/tcp-es.md", "title: TCP"),
        make("notes/tcp-fr.md", "title: TCP\ntranslated: true"),
        make("notes/udp-en.md", "title: UDP"),
        make("notes/es/how-to.md", "title: Cómo"),
        make("notes/why.it.md", "title: Perché"),
    ]
    groups, problems = group_notes(notes, "en")
    assert len(groups) == 4
    assert problems == []


# --- grouping: properties ------------------------------------------------------------

URLS = [f"https://x.example/{i}" for i in range(6)]
names = st.tuples(
    st.sampled_from(["", "es/", "sub/"]),
    st.text(alphabet="abAé1-_", min_size=1, max_size=5).filter(lambda s: s[0] not in "-_"),
    st.sampled_from(["", "-en", ".fr", "_es", "-pt-br"]),
)
entries = st.lists(
    st.tuples(
        names,
        st.sampled_from([None, "k1", "k2", "ab"]),
        st.sampled_from([None, "en", "fr", "es", "pt-BR"]),
        st.booleans(),
        st.lists(st.sampled_from(URLS), max_size=4),
    ),
    max_size=12,
    unique_by=lambda e: e[0],
)


def build(entry) -> Note:
    (folder, stem, marker), key, lang, translated, urls = entry
    front = [f"title: {stem}", f"translated: {str(translated).lower()}"]
    front += [f"translation_key: {key}"] if key else []
    front += [f"lang: {lang}"] if lang else []
    body = "\n".join(f"- <{url}>" for url in urls) + "\n"
    note, _ = note_of(
        f"notes/{folder}{stem}{marker}.md", "---\n" + "\n".join(front) + "\n---\n" + body
    )
    return note


def summary(result) -> tuple:
    groups, problems = result
    return [(g.key, g.slug, g.grouped_by, g.original, members(g)) for g in groups], problems


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries, data=st.data())
def test_grouping_does_not_depend_on_input_order(entries, data):
    notes = [build(e) for e in entries]
    shuffled = data.draw(st.permutations(notes))
    assert summary(group_notes(shuffled, "en")) == summary(group_notes(notes, "en"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=entries)
def test_every_note_is_in_exactly_one_group_under_a_unique_slug(entries):
    notes = [build(e) for e in entries]
    groups, _ = group_notes(notes, "en")
    placed = [n.source for g in groups for n in g.members.values()]
    assert sorted(placed) == sorted(n.source for n in notes)
    assert all(lang == n.lang for g in groups for lang, n in g.members.items())
    assert len({g.slug for g in groups}) == len(groups)
    assert len({g.key for g in groups}) == len(groups)
    assert all(g.original is None or not g.members[g.original].translated for g in groups)


def test_language_neutral_front_matter_counts_for_prose():
    body = "## {0}\n\n{1} and Shared.\n\n## {0}\n\ntext.\n\n- a\n- b\n- c\n"
    bodies = {"notes/x1.md": body.format("one", "Alpha"), "notes/x2.md": body.format("un", "Echo")}

    def read(front: str) -> list[Note]:
        return [
            make("notes/x1.md", f"title: A\nlang: en\n{front}", bodies["notes/x1.md"]),
            make("notes/x2.md", f"title: B\nlang: fr\n{front}", bodies["notes/x2.md"]),
        ]

    def prose(note: Note) -> frozenset[int]:
        return prose_features(bodies[note.source])

    alike, _ = group_notes(read("date: 2025-11-07\nimage: cover.png"), "en", prose=prose)
    apart, _ = group_notes(read("type: note"), "en", prose=prose)
    assert [members(g) for g in alike] == [{"en": "notes/x1.md", "fr": "notes/x2.md"}]
    assert len(apart) == 2


# --- slugs: the slug key and titles ------------------------------------------------


def slug_problems(problems) -> list[tuple[str, int | None]]:
    return [(p.source, p.line) for p in problems if p.kind == "slug"]


def test_a_slug_key_sets_the_slug():
    groups, problems = group_notes([make("notes/x-en.md", "title: X\nslug: Green Tea")], "en")
    assert groups[0].slug == "green-tea"
    assert problems == []


def test_conflicting_slugs_in_a_group_warn_and_the_originals_wins():
    en = make("notes/x-en.md", "title: X\nslug: green-tea")
    es = make("notes/x-es.md", "title: X\ntranslated: true\nslug: te-verde")
    groups, problems = group_notes([es, en], "fr")
    assert groups[0].slug == "green-tea"
    assert slug_problems(problems) == [("notes/x-es.md", 4)]
    assert "'notes/x-en.md'" in problems[0].message


def test_without_an_original_the_default_languages_slug_wins():
    en = make("notes/x-en.md", "title: X\ntranslated: true\nslug: green-tea")
    es = make("notes/x-es.md", "title: X\ntranslated: true\nslug: te-verde")
    groups, problems = group_notes([en, es], "es")
    assert groups[0].slug == "te-verde"
    assert slug_problems(problems) == [("notes/x-en.md", 4)]


def test_a_translations_slug_serves_when_the_original_has_none():
    en = make("notes/x-en.md", "title: X")
    es = make("notes/x-es.md", "title: X\ntranslated: true\nslug: te-verde")
    groups, problems = group_notes([en, es], "en")
    assert groups[0].slug == "te-verde"
    assert problems == []


def test_a_stated_slug_beats_another_notes_key():
    about = make("notes/about-en.md", "title: A")
    other = make("notes/other-en.md", "title: O\nslug: about")
    groups, problems = group_notes([about, other], "en")
    assert {g.key: g.slug for g in groups} == {"about": "about-2", "other": "about"}
    assert problems == []


def test_two_notes_stating_one_slug_warn_and_the_second_is_numbered():
    a = make("notes/a-en.md", "title: A\nslug: tea")
    b = make("notes/b-en.md", "title: B\nslug: tea")
    groups, problems = group_notes([b, a], "en")
    assert {g.key: g.slug for g in groups} == {"a": "tea", "b": "tea-2"}
    assert slug_problems(problems) == [("notes/b-en.md", 3)]
    assert "taken by note 'a'" in problems[0].message and "'tea-2'" in problems[0].message


def test_a_stated_slug_that_an_ordinary_document_has_is_numbered_with_a_warning():
    groups, problems = group_notes(
        [make("notes/x-en.md", "title: X\nslug: about")], "en", {"about"}
    )
    assert groups[0].slug == "about-2"
    assert slug_problems(problems) == [("notes/x-en.md", 3)]
    assert "ordinary document" in problems[0].message


def test_a_slug_that_is_no_string_is_ignored_with_a_warning():
    note, problems = note_of("notes/x-en.md", "---\ntitle: X\nslug: [a, b]\n---\n")
    assert note is not None and note.slug is None
    assert slug_problems(problems) == [("notes/x-en.md", 3)]


def hashed(lang: str, title: str, translated: bool = True) -> Note:
    front = f"title: {title}\nlang: {lang}\ntranslated: {str(translated).lower()}"
    return make("notes/000_b2d1b9e4c37a037b.md", front)


def test_a_hashed_key_gives_way_to_the_originals_title():
    groups, _ = group_notes([hashed("fr", "Thé vert", translated=False)], "en")
    assert groups[0].slug == "the-vert"


def test_a_hashed_note_without_original_takes_the_default_languages_title():
    groups, _ = group_notes([hashed("es", "Té verde")], "es")
    assert groups[0].slug == "te-verde"


def test_the_seeds_take_the_x_defaults_title():
    groups, _ = group_notes(seeds(), "de")
    assert groups[0].slug == "ascenso-y-caida-de-01-ai"
    groups, _ = group_notes(seeds(), "ja")
    assert groups[0].slug == "01-ai-no-tai-tou-to-diao-luo"


def test_a_title_slug_gives_way_to_a_key_slug():
    named = make("notes/green-tea-en.md", "title: G")
    groups, _ = group_notes([hashed("en", "Green tea", translated=False), named], "en")
    slugs = {g.key: g.slug for g in groups}
    assert slugs == {"000_b2d1b9e4c37a037b": "green-tea-2", "green-tea": "green-tea"}


def test_a_hashed_translation_key_is_kept():
    note = make("notes/x-en.md", "title: Green tea\ntranslation_key: 0b8b1077e6e418bc")
    groups, _ = group_notes([note], "en")
    assert groups[0].slug == "0b8b1077e6e418bc"


def test_a_readable_key_is_kept_over_the_title():
    groups, _ = group_notes([make("notes/tea-en.md", "title: Green tea")], "en")
    assert groups[0].slug == "tea"
