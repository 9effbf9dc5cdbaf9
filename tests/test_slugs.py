"""Slugs: one safe, unique, stable path segment per note."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxext_notes._core.slugs import (
    FROM_TITLE,
    MAX_BYTES,
    RESERVED,
    STATED,
    SUFFIX_ROOM,
    TITLE_CHARS,
    says_nothing,
    slugify,
    title_slug,
    unique_slugs,
)


def safe(slug: str) -> bool:
    """Letters, marks, digits, ``_`` and ``-``; starting with a letter or digit."""
    allowed = all(c in "-_" or unicodedata.category(c)[0] in "LMN" for c in slug)
    first = unicodedata.category(slug[0])[0] in "LN"
    return allowed and first and slug not in RESERVED


@pytest.mark.parametrize(
    ("key", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("../../../tmp/x", "tmp-x"),
        ("notes/../../x", "notes-x"),
        ("a/b\\c", "a-b-c"),
        ("..", "note"),
        ("/", "note"),
    ],
)
def test_path_traversal_keys_become_one_safe_segment(key, slug):
    assert slugify(key) == slug


def test_nul_bytes_are_dropped():
    assert slugify("a\x00b") == "a-b"
    assert slugify("\x00") == "note"


def test_an_empty_key_still_gets_a_slug():
    assert slugify("") == "note"
    assert slugify("-_-") == "note"


def test_slugs_are_lower_case():
    assert slugify("Hello World") == "hello-world"


def test_leading_underscores_are_removed():
    assert slugify("_static") == "static"
    assert slugify("__init__") == "init"


def test_underscores_inside_are_kept():
    assert slugify("000_b2d1b9e4c37a037b") == "000_b2d1b9e4c37a037b"


def test_non_ascii_letters_are_kept():
    assert slugify("Café Crème") == "café-crème"
    assert slugify("零一万物") == "零一万物"


def test_compatibility_forms_are_folded():
    assert slugify("ﬁle") == "file"
    assert slugify("Straße") == "strasse"


@pytest.mark.parametrize("key", ["index", "INDEX", "Index", "genindex", "search", "con", "NUL"])
def test_reserved_names_are_avoided(key):
    assert slugify(key) == f"{key.casefold()}-note"


@pytest.mark.parametrize("key", ["com2", "COM9", "lpt2", "lpt9"])
def test_all_windows_device_names_are_avoided(key):
    assert slugify(key) == f"{key.casefold()}-note"


@pytest.mark.parametrize("key", ["x" * 300, "é" * 200, "零" * 100, "a" * 119 + "é" * 5])
def test_long_keys_are_bounded_in_bytes(key):
    slug = slugify(key)
    assert len(slug.encode()) <= MAX_BYTES
    assert safe(slug)


def test_long_keys_sharing_a_prefix_get_different_slugs():
    assert slugify("a" * 300 + "1") != slugify("a" * 300 + "2")


def test_a_key_at_the_bound_keeps_room_for_a_suffix():
    assert slugify("a" * (MAX_BYTES - SUFFIX_ROOM)) == "a" * (MAX_BYTES - SUFFIX_ROOM)
    assert len(slugify("a" * MAX_BYTES).encode()) <= MAX_BYTES - SUFFIX_ROOM


@pytest.mark.parametrize(
    ("key", "slug"),
    [("हिन्दी", "हिन्दी"), ("İstanbul", "i\u0307stanbul")],  # casefold keeps the dot
    ids=["devanagari", "dotted-capital-i"],
)
def test_combining_marks_are_kept_in_slugs(key, slug):
    assert slugify(key) == slug


def test_case_variants_get_distinct_slugs():
    slugs = unique_slugs(["Case", "case", "CASE"])
    assert sorted(slugs.values()) == ["case", "case-2", "case-3"]


def test_clashes_are_numbered_in_key_order():
    assert unique_slugs(["case", "Case"]) == {"Case": "case", "case": "case-2"}


def test_nfc_and_nfd_keys_get_distinct_slugs():
    nfc = unicodedata.normalize("NFC", "café")
    nfd = unicodedata.normalize("NFD", "café")
    slugs = unique_slugs([nfc, nfd])
    assert len(set(slugs.values())) == 2
    assert set(slugs.values()) == {"café", "café-2"}


def test_numbered_slugs_skip_names_already_taken():
    slugs = unique_slugs(["case", "Case", "case-2"])
    assert slugs == {"case-2": "case-2", "Case": "case", "case": "case-3"}


def test_reserved_and_its_escape_do_not_clash():
    slugs = unique_slugs(["index", "index-note"])
    assert len(set(slugs.values())) == 2
    assert "index" not in slugs.values()


def test_every_key_gets_a_slug():
    keys = ["a", "A", "b", "../b", "b/..", "", "\x00"]
    slugs = unique_slugs(keys)
    assert set(slugs) == set(keys)
    assert len(set(slugs.values())) == len(keys)
    assert all(safe(s) for s in slugs.values())


def test_duplicate_keys_are_one_key():
    assert unique_slugs(["a", "a"]) == {"a": "a"}


def test_slugs_do_not_depend_on_key_order():
    keys = ["Case", "case", "CASE", "café", unicodedata.normalize("NFD", "café"), "index"]
    assert unique_slugs(keys) == unique_slugs(reversed(keys))


def test_slugify_is_deterministic():
    assert slugify("x" * 300) == slugify("x" * 300)
    assert slugify("x" * 300).endswith("-" + "02fd682530")


def test_numbered_slugs_stay_within_the_bound():
    slugs = unique_slugs(["a" * MAX_BYTES, "A" * MAX_BYTES])
    assert all(len(s.encode()) <= MAX_BYTES for s in slugs.values())


keys = st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=150), max_size=20)


@given(keys=keys, data=st.data())
def test_unique_slugs_are_distinct_safe_and_independent_of_order(keys, data):
    slugs = unique_slugs(keys)
    assert set(slugs) == set(keys)
    assert len(set(slugs.values())) == len(slugs)
    assert all(safe(s) for s in slugs.values())
    assert unique_slugs(data.draw(st.permutations(keys))) == slugs


@given(key=st.text(alphabet=st.characters(codec="utf-8")))
def test_slugify_is_always_one_bounded_safe_segment(key):
    slug = slugify(key)
    assert safe(slug)
    assert len(slug.encode()) <= MAX_BYTES


# --- slugs from titles ------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["000_b2d1b9e4c37a037b", "seeds/004_0b8b1077e6e418bc", "3f2a9c1e-4b7d-4e2a-9f1c-2d3e4f5a6b7c"],
)
def test_a_hashed_key_says_nothing(key):
    assert says_nothing(key)


@pytest.mark.parametrize(
    "key",
    ["2025-11-07-tcp-vs-udp", "2025-11-07", "reading-list", "deadbeefcafe", "abc123", "1234567890"],
)
def test_a_named_key_says_something(key):
    assert not says_nothing(key)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ascenso y Caída de 01.AI", "ascenso-y-caida-de-01-ai"),
        ("零一万物公司的兴衰", "ling-yi-wan-wu-gong-si-de-xing-shuai"),
        ("01.AIの台頭と凋落", "01-ai-no-tai-tou-to-diao-luo"),
        ("01.AI का उदय और पतन", "01-ai-ka-udy-aur-ptn"),
        ("صعود وسقوط", "swd-wsqwt"),
        ("Ελληνικά και Русский", "ellinika-kai-russkiy"),
        ("Don't panic", "dont-panic"),
    ],
    ids=["latin", "han", "kana", "devanagari", "arabic", "greek-cyrillic", "apostrophe"],
)
def test_titles_become_ascii_slugs(title, slug):
    assert title_slug(title) == slug


def test_a_long_title_is_cut_at_a_word_boundary():
    slug = title_slug("word " * 40)
    assert slug is not None
    assert len(slug) <= TITLE_CHARS
    assert slug.endswith("-word")


def test_a_title_without_letters_or_digits_gives_no_slug():
    assert title_slug("¿?¡!") is None


def test_a_title_slug_is_never_reserved():
    assert title_slug("Índex") == "index-note"


def test_a_stated_slug_comes_before_a_key_and_a_key_before_a_title():
    wanted = {"z": (STATED, "x"), "t": (FROM_TITLE, "x")}
    assert unique_slugs(["t", "x", "z"], wanted=wanted) == {"z": "x", "x": "x-2", "t": "x-3"}
