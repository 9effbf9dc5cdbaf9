"""Reading notes, grouping them into translations, and the catalog over a folder."""

from __future__ import annotations

import datetime as dt
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinxext_notes._core import scan as scan_module
from sphinxext_notes._core.fingerprint import feature
from sphinxext_notes._core.grouping import group_notes
from sphinxext_notes._core.notes import Note, read_note
from sphinxext_notes._core.scan import build_catalog

SEEDS = Path(__file__).parent / "roots" / "test-seeds" / "notes"


def note_of(source: str, text: str | bytes, notes_dir: str = "notes", default: str = "en"):
    raw = text.encode() if isinstance(text, str) else text
    return read_note(source, raw, notes_dir, default)


def make(source: str, front: str, body: str = "Body.\n", notes_dir: str = "notes") -> Note:
    note, _ = note_of(source, f"---\n{front}\n---\n\n{body}", notes_dir)
    assert note is not None
    return note


def kinds(problems) -> list[tuple[str, int | None, str]]:
    return [(p.source, p.line, p.kind) for p in problems]


def members(group) -> dict[str, str]:
    return {lang: note.source for lang, note in group.members.items()}


def seeds() -> list[Note]:
    found = []
    for path in sorted(SEEDS.iterdir()):
        note, problems = note_of(f"notes/{path.name}", path.read_bytes())
        assert problems == []
        found.append(note)
    return found


# --- read_note: language -------------------------------------------------------------


def test_language_from_the_lang_key():
    note, problems = note_of("notes/x.md", "---\ntitle: X\nlang: fr\n---\n")
    assert note.lang == "fr"
    assert problems == []


def test_lang_key_is_normalised():
    assert make("notes/x.md", "title: X\nlang: pt_br").lang == "pt-BR"


def test_lang_key_wins_over_folder_and_marker():
    assert make("_notes/es/x-es.md", "title: X\nlang: fr", notes_dir="_notes").lang == "fr"


def test_language_from_the_folder():
    note = make("_notes/es/x-es.md", "title: X", notes_dir="_notes")
    assert note.lang == "es"
    assert note.name_key == "x"


def test_language_from_a_dot_marker():
    note = make("notes/x.fr.md", "title: X")
    assert (note.lang, note.name_key) == ("fr", "x")


def test_language_from_a_two_part_marker():
    note = make("notes/x-pt-br.md", "title: X")
    assert (note.lang, note.name_key) == ("pt-BR", "x")


def test_language_from_an_underscore_marker():
    note = make("notes/x_es.md", "title: X")
    assert (note.lang, note.name_key) == ("es", "x")


def test_a_folder_and_a_script_alias():
    note = make("_notes/hant/x-hant.md", "title: X", notes_dir="_notes")
    assert (note.lang, note.name_key) == ("zh-Hant", "x")


def test_a_bad_lang_is_a_problem_on_its_line_and_the_path_decides():
    note, problems = note_of("notes/x-es.md", "---\ntitle: X\nlang: xx\n---\n")
    assert note.lang == "es"
    assert kinds(problems) == [("notes/x-es.md", 3, "lang")]


def test_a_non_string_lang_is_a_problem():
    note, problems = note_of("notes/x-es.md", "---\nlang: 7\ntitle: X\n---\n")
    assert note.lang == "es"
    assert kinds(problems) == [("notes/x-es.md", 2, "lang")]


def test_no_language_anywhere_falls_back_to_the_default_with_a_problem():
    note, problems = note_of("notes/x.md", "---\ntitle: X\n---\n", default="de")
    assert note.lang == "de"
    assert kinds(problems) == [("notes/x.md", 1, "lang")]


# --- read_note: keys -----------------------------------------------------------------


def test_name_keys_of_a_folder_note_and_a_marked_note_match():
    spanish = make("_notes/es/2025-11-07-tcp-vs-udp-es.md", "title: T", notes_dir="_notes")
    english = make("notes/2025-11-07-tcp-vs-udp-en.md", "title: T")
    assert spanish.name_key == english.name_key == "2025-11-07-tcp-vs-udp"


def test_a_numeric_suffix_is_not_a_marker():
    note = make("notes/tcp-vs-udp-1.md", "title: T\nlang: en")
    assert note.name_key == "tcp-vs-udp-1"
    assert note.name_key != make("notes/tcp-vs-udp-en.md", "title: T").name_key


def test_a_marker_of_another_language_stays_in_the_key():
    assert make("notes/x-es.md", "title: X\nlang: fr").name_key == "x-es"


def test_other_folders_stay_in_the_key():
    note = make("notes/sub/es/x-es.md", "title: X")
    assert (note.lang, note.name_key) == ("es", "sub/x")


def test_name_keys_are_nfc():
    nfd = make("notes/cafe\u0301-en.md", "title: X")
    nfc = make("notes/caf\u00e9-en.md", "title: X")
    assert nfd.name_key == nfc.name_key == "caf\u00e9"


def test_translation_key_is_the_explicit_key():
    assert make("notes/x.md", "title: X\nlang: en\ntranslation_key: k").explicit_key == "k"


def test_translation_key_in_camel_case_is_the_explicit_key():
    assert make("notes/x.md", "title: X\nlang: en\ntranslationKey: k").explicit_key == "k"


def test_a_numeric_translation_key_becomes_a_string():
    assert make("notes/x.md", "title: X\nlang: en\ntranslation_key: 42").explicit_key == "42"


def test_a_list_translation_key_is_ignored_with_a_problem():
    note, problems = note_of("notes/x.md", "---\ntitle: X\nlang: en\ntranslation_key: [1]\n---\n")
    assert note.explicit_key is None
    assert kinds(problems) == [("notes/x.md", 4, "group")]


# --- read_note: date, title, status --------------------------------------------------


def test_date_from_the_file_name():
    assert make("notes/2025-11-07-x-en.md", "title: X").date == dt.date(2025, 11, 7)


def test_date_from_front_matter_wins_over_the_file_name():
    note = make("notes/2025-11-07-x-en.md", "title: X\ndate: 2024-01-02")
    assert note.date == dt.date(2024, 1, 2)


def test_a_datetime_in_front_matter_becomes_a_date():
    assert make("notes/x-en.md", "title: X\ndate: 2024-01-02 23:30:00").date == dt.date(2024, 1, 2)


def test_a_quoted_date_string_is_read():
    assert make("notes/x-en.md", "title: X\ndate: '2024-01-02'").date == dt.date(2024, 1, 2)


def test_an_impossible_date_in_the_file_name_is_no_date():
    assert make("notes/2025-02-30-x-en.md", "title: X").date is None


def test_no_date_is_none():
    assert make("notes/x-en.md", "title: X").date is None


def test_an_impossible_date_in_front_matter_is_a_problem_not_a_crash():
    note, problems = note_of("notes/x-en.md", "---\ntitle: X\ndate: 2025-02-30\n---\n")
    assert note is not None
    assert kinds(problems) == [("notes/x-en.md", 3, "frontmatter")]


def test_status_original():
    assert make("notes/x-en.md", "title: X").status == "original"


def test_status_translated():
    assert make("notes/x-en.md", "title: X\ntranslated: true").status == "translated"


def test_status_machine_translated():
    note = make("notes/x-en.md", "title: X\ntranslated: true\ngenerated: true")
    assert note.status == "machine-translated"


def test_string_flags_are_read():
    note = make("notes/x-en.md", "title: X\ntranslated: 'yes'\ngenerated: 'no'")
    assert note.status == "translated"


def test_title_from_front_matter():
    note, problems = note_of("notes/x-en.md", "---\ntitle: '  The title '\n---\n# Heading\n")
    assert (note.title, note.title_line) == ("The title", None)
    assert problems == []


def test_title_falls_back_to_the_first_heading_with_its_line():
    note, problems = note_of("notes/x-en.md", "---\nlang: en\n---\n\nText.\n\n## The heading ##\n")
    assert (note.title, note.title_line) == ("The heading", 6)
    assert kinds(problems) == [("notes/x-en.md", 7, "title")]


def test_a_heading_in_a_code_block_is_not_the_title():
    note = make("notes/x-en.md", "lang: en", "```\n# comment\n```\n# Real\n")
    assert note.title == "Real"


def test_a_tilde_line_inside_a_backtick_fence_does_not_close_it():
    note = make("notes/x-en.md", "lang: en", "```\n~~~\n# comment\n```\n# Real\n")
    assert note.title == "Real"


def test_title_falls_back_to_the_file_name():
    note, problems = note_of("notes/sub/x-en.md", "---\nlang: en\n---\nNo heading.\n")
    assert (note.title, note.title_line) == ("x-en", None)
    assert kinds(problems) == [("notes/sub/x-en.md", 1, "title")]


def test_bom_and_crlf_read_like_plain_text():
    raw = "\ufeff---\r\nlang: en\r\n---\r\n\r\n# Heading\r\n".encode()
    note, problems = note_of("notes/x-en.md", raw)
    assert (note.title, note.title_line) == ("Heading", 4)
    assert kinds(problems) == [("notes/x-en.md", 5, "title")]


def test_front_matter_problems_are_reported_and_the_note_kept():
    note, problems = note_of("notes/x-en.md", "# Heading\n")
    assert note.lang == "en"
    assert note.title == "Heading"
    assert ("notes/x-en.md", 1, "frontmatter") in kinds(problems)


def test_the_data_keeps_yaml_types():
    note = make("notes/x-en.md", "title: X\ndraft: false\ndate: 2024-01-02")
    assert note.data == {"title": "X", "draft": False, "date": dt.date(2024, 1, 2)}


def test_features_come_from_the_body_only():
    note = make("notes/x-en.md", "title: X\nurl: https://head.example/", "https://body.example/\n")
    assert feature("url", "https://body.example/") in note.features
    assert feature("url", "https://head.example/") not in note.features


# --- read_note: encodings ------------------------------------------------------------


def test_latin1_is_an_encoding_problem_on_its_line():
    note, problems = note_of("notes/x-en.md", b"---\ntitle: caf\xe9\n---\n")
    assert note is None
    assert kinds(problems) == [("notes/x-en.md", 2, "encoding")]


def test_utf16_is_an_encoding_problem():
    note, problems = note_of("notes/x-en.md", "---\ntitle: X\n---\n".encode("utf-16"))
    assert note is None
    assert kinds(problems) == [("notes/x-en.md", 1, "encoding")]
    assert "UTF-16" in problems[0].message


def test_utf16_without_a_bom_is_an_encoding_problem():
    note, problems = note_of("notes/x-en.md", "---\ntitle: X\n---\n".encode("utf-16-le"))
    assert note is None
    assert [p.kind for p in problems] == ["encoding"]


def test_nul_bytes_are_an_encoding_problem():
    note, problems = note_of("notes/x-en.md", b"---\ntitle: X\x00\n---\n")
    assert note is None
    assert kinds(problems) == [("notes/x-en.md", 1, "encoding")]


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


# --- catalog -------------------------------------------------------------------------


def write(root: Path, source: str, text: str) -> Path:
    path = root / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path) -> Path:
    write(tmp_path, "notes/2025-01-02-alpha-en.md", "---\ntitle: Alpha\n---\n")
    write(tmp_path, "notes/2025-01-02-alpha-fr.md", "---\ntitle: Alpha FR\ntranslated: true\n---\n")
    write(tmp_path, "notes/2025-03-04-beta-en.md", "---\ntitle: Beta\n---\n")
    write(tmp_path, "notes/gamma-en.md", "---\ntitle: Gamma\n---\n")
    write(tmp_path, "notes/delta-en.md", "---\ntitle: Delta\n---\n")
    write(tmp_path, "notes/only-fr.md", "---\ntitle: Only\nlang: fr\n---\n")
    write(tmp_path, "notes/both-es.md", "---\ntitle: B es\ntranslated: true\n---\n")
    write(tmp_path, "notes/both-fr.md", "---\ntitle: B fr\ntranslated: true\n---\n")
    write(tmp_path, "notes/orig-es.md", "---\ntitle: O es\ntranslated: true\n---\n")
    write(tmp_path, "notes/orig-fr.md", "---\ntitle: O fr\n---\n")
    return tmp_path


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


def test_catalog_languages_put_the_default_first(site):
    assert build_catalog(site, ["notes"], "fr").languages == ["fr", "en", "es"]


def test_listing_is_newest_first_with_undated_last_by_key(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert [g.key for g in catalog.listing("en")] == [
        "2025-03-04-beta",
        "2025-01-02-alpha",
        "delta",
        "gamma",
    ]


def test_listing_holds_only_notes_in_that_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert [g.key for g in catalog.listing("fr")] == ["2025-01-02-alpha", "both", "only", "orig"]


def test_neighbours_are_the_notes_around_a_page(site):
    catalog = build_catalog(site, ["notes"], "en")
    before, after = catalog.neighbours("en/2025-01-02-alpha")
    assert (before.key, after.key) == ("2025-03-04-beta", "delta")


def test_the_first_and_last_pages_have_one_neighbour(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.neighbours("en/2025-03-04-beta")[0] is None
    assert catalog.neighbours("en/gamma")[1] is None


def test_fallback_takes_the_wanted_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.fallback(catalog.by_key["2025-01-02-alpha"], "fr") == "fr"


def test_fallback_then_takes_the_default_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.fallback(catalog.by_key["2025-01-02-alpha"], "de") == "en"


def test_fallback_then_takes_the_original(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["orig"]
    assert (list(group.members), group.original) == (["es", "fr"], "fr")
    assert catalog.fallback(group, "de") == "fr"


def test_fallback_then_takes_the_first_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["both"]
    assert group.original is None
    assert catalog.fallback(group, "de") == "es"


def test_language_of_a_page(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.language_of("fr/only") == "fr"
    assert catalog.language_of("es/index") == "es"
    assert catalog.language_of("about") == "en"
    assert catalog.language_of("de/x") == "en"


def test_docnames_are_language_and_slug(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["2025-01-02-alpha"]
    assert catalog.docname(group, "fr") == "fr/2025-01-02-alpha"
    assert catalog.by_docname["fr/2025-01-02-alpha"] == (group, "fr")


def test_hidden_files_and_build_folders_are_skipped(site):
    write(site, "notes/.hidden-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/.git/x-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/_build/x-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/readme-en.txt", "---\ntitle: H\n---\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert len(catalog.readings) == 10


def test_a_notes_dir_outside_the_source_is_a_config_problem(site):
    catalog = build_catalog(site / "notes", ["..", "missing"], "en")
    assert [(p.source, p.kind) for p in catalog.problems] == [
        ("..", "config"),
        ("missing", "config"),
    ]
    assert catalog.groups == []


def test_notes_dirs_dot_gives_plain_relative_sources(site):
    write(site, "top-en.md", "---\ntitle: Top\n---\n")
    catalog = build_catalog(site, ["."], "en")
    assert "top-en.md" in catalog.readings


def test_a_file_in_two_notes_dirs_is_read_once(site):
    write(site, "notes/sub/x-en.md", "---\ntitle: X\n---\n")
    catalog = build_catalog(site, ["notes", "notes/sub"], "en")
    assert list(catalog.readings).count("notes/sub/x-en.md") == 1
    assert "sub/x" in catalog.by_key


def test_unreadable_files_are_problems_not_notes(site):
    (site / "notes" / "bad-en.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert [(p.source, p.kind) for p in catalog.problems] == [("notes/bad-en.md", "encoding")]
    assert catalog.readings["notes/bad-en.md"].note is None


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = scan_module.read_note

    def counting(source, *args, **kwargs):
        calls.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(scan_module, "read_note", counting)
    return calls


def test_unchanged_files_are_not_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    assert len(counted) == 10
    counted.clear()
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == []
    assert [(g.key, members(g)) for g in second.groups] == [
        (g.key, members(g)) for g in first.groups
    ]


def test_a_changed_file_alone_is_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    counted.clear()
    write(site, "notes/gamma-en.md", "---\ntitle: Gamma, edited\n---\n")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == ["notes/gamma-en.md"]
    assert second.by_key["gamma"].members["en"].title == "Gamma, edited"


@pytest.fixture
def fingerprinted(monkeypatch) -> list[bytes]:
    calls: list[bytes] = []
    real = scan_module.body_features

    def counting(raw: bytes) -> frozenset[int]:
        calls.append(raw)
        return real(raw)

    monkeypatch.setattr(scan_module, "body_features", counting)
    return calls


def test_only_notes_that_no_key_groups_are_fingerprinted(site, fingerprinted):
    catalog = build_catalog(site, ["notes"], "en")
    assert sorted(catalog.fingerprints) == [
        "notes/2025-03-04-beta-en.md",
        "notes/delta-en.md",
        "notes/gamma-en.md",
        "notes/only-fr.md",
    ]
    assert len(fingerprinted) == 4
    assert all(n.features is None for g in catalog.groups for n in g.members.values())


def test_a_note_only_its_content_can_group_is_fingerprinted_as_it_is_read(site, fingerprinted):
    write(site, "notes/3f9a0c.md", "---\ntitle: Hashed\nlang: de\n---\nhttps://x.example/\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.by_key["3f9a0c"].members["de"].features == {feature("url", "https://x.example/")}
    assert len(fingerprinted) == 4  # the named notes alone


def test_fingerprints_of_unchanged_files_are_reused(site, fingerprinted):
    first = build_catalog(site, ["notes"], "en")
    fingerprinted.clear()
    write(site, "notes/gamma-en.md", "---\ntitle: Gamma, edited\n---\n")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert fingerprinted == [b"---\ntitle: Gamma, edited\n---\n"]
    assert second.fingerprints.keys() == first.fingerprints.keys()


def test_a_late_fingerprint_is_the_one_read_note_computes():
    for path in sorted(SEEDS.iterdir()):
        raw = path.read_bytes()
        note, _ = note_of(f"notes/{path.name}", raw)
        assert scan_module.body_features(raw) == note.features != frozenset()


def test_a_touched_file_of_the_same_size_is_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    counted.clear()
    path = site / "notes" / "delta-en.md"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    build_catalog(site, ["notes"], "en", previous=first)
    assert counted == ["notes/delta-en.md"]


def test_reused_readings_keep_their_problems(site, counted):
    write(site, "notes/untitled-en.md", "---\nlang: en\n---\nNo heading.\n")
    first = build_catalog(site, ["notes"], "en")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert [(p.source, p.kind) for p in second.problems] == [("notes/untitled-en.md", "title")]
    assert second.problems == first.problems


def test_a_removed_file_leaves_the_catalog(site):
    first = build_catalog(site, ["notes"], "en")
    (site / "notes" / "gamma-en.md").unlink()
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert "gamma" not in second.by_key
    assert "notes/gamma-en.md" not in second.readings


def test_reading_in_processes_gives_the_same_catalog(site, monkeypatch):
    monkeypatch.setattr(scan_module, "PARALLEL_FROM", 2)
    alone = build_catalog(site, ["notes"], "en")
    parallel = build_catalog(site, ["notes"], "en", jobs=2)
    assert [(g.key, g.slug, members(g)) for g in parallel.groups] == [
        (g.key, g.slug, members(g)) for g in alone.groups
    ]
    assert parallel.problems == alone.problems


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_process_pickles_the_catalog_empty(site):
    """Sphinx's parallel readers send their environment back; the main keeps its catalog."""
    catalog = build_catalog(site, ["notes"], "en")
    read_end, write_end = os.pipe()
    if (pid := os.fork()) == 0:  # a reader: it holds the catalog by fork, as in Sphinx
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(catalog))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        sent = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    kept = pickle.loads(pickle.dumps(catalog))
    assert (sent.groups, sent.readings, sent.default_language) == ([], {}, "en")
    assert [g.key for g in kept.groups] == [g.key for g in catalog.groups] != []


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
