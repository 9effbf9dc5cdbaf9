"""Reading one note file: language, key, date, title, status, encoding (_core/notes)."""

from __future__ import annotations

import datetime as dt

from conftest import kinds, make, note_of

from sphinxext_notes._core.fingerprint import feature

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


def test_a_language_in_a_link_s_path_is_left_out_but_not_a_word():
    def links(body: str) -> frozenset[int]:
        return make("notes/x-en.md", "title: X", body).features

    same = "/guides/images/"
    assert links(f"[a]({same})") == links("[a](/fr/guides/images/)")
    assert links(f"[a]({same})") == links("[a](/zh-cn/guides/images/)")
    assert links(f"[a](https://x.example{same})") == links("https://x.example/pt-BR/guides/images/")
    assert links(f"[a]({same})") != links("[a](/src/guides/images/)")  # src: a language too
    assert links(f"[a]({same})") != links("[a](/go/guides/images/)")


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
