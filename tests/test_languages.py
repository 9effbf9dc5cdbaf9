"""Language tags: BCP 47 normalisation, native names, direction."""

from __future__ import annotations

import pytest

from sphinxext_notes._core.languages import is_rtl, native_name, normalise, open_graph_locale


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        (" en ", "en"),
        ("es", "es"),
        ("pt_BR", "pt-BR"),
        ("pt-br", "pt-BR"),
        ("PT-BR", "pt-BR"),
        ("es-es", "es-ES"),
        ("en-US", "en-US"),
        ("es-419", "es-419"),
        ("zh-hant", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("ZH-HANT", "zh-Hant"),
        ("zh_Hans", "zh-Hans"),
        ("sr-Latn", "sr-Latn"),
    ],
)
def test_normalise_gives_the_canonical_form(tag, expected):
    assert normalise(tag) == expected


def test_hant_alone_means_traditional_chinese():
    assert normalise("hant") == "zh-Hant"


def test_hans_alone_means_simplified_chinese():
    assert normalise("Hans") == "zh-Hans"


@pytest.mark.parametrize(
    "tag",
    ["xx", "und", "", "   ", 'en" onload', "en onload", "<script>", "en/../fr", "x", "1", "-en"],
)
def test_normalise_refuses_what_is_not_a_known_tag(tag):
    assert normalise(tag) is None


def test_normalise_refuses_over_long_tags():
    assert normalise("en-" + "a" * 40) is None


def test_normalise_refuses_private_use_extensions():
    assert normalise("en-us-x-foo") is None


@pytest.mark.parametrize("tag", ["zh-CN", "zh-TW", "zh-HK", "sr-RS"])
def test_normalise_accepts_common_region_tags(tag):
    assert normalise(tag) is not None


def test_normalise_refuses_the_cldr_root_locale():
    assert normalise("root") is None


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("es", "Español"),
        ("fr", "Français"),
        ("en", "English"),
        ("ja", "日本語"),
        ("pt-BR", "Português (Brasil)"),
        ("zh-Hant", "中文 (繁體)"),
    ],
)
def test_native_name_is_the_language_in_itself_capitalised(tag, name):
    assert native_name(tag) == name


@pytest.mark.parametrize("tag", ["ar", "he", "fa", "ur"])
def test_right_to_left_languages(tag):
    assert is_rtl(tag) is True


@pytest.mark.parametrize("tag", ["en", "zh-Hant", "hi", "ja"])
def test_left_to_right_languages(tag):
    assert is_rtl(tag) is False


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("en", "en_US"),
        ("es", "es_ES"),
        ("es-419", "es_419"),
        ("pt-BR", "pt_BR"),
        ("zh-Hant", "zh_TW"),
        ("zh-Hans", "zh_CN"),
        ("ar", "ar_EG"),
        ("hi", "hi_IN"),
    ],
)
def test_open_graph_locale_is_language_and_likely_territory(tag, locale):
    assert open_graph_locale(tag) == locale
