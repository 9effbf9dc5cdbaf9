"""Splitting words in any script, the same way in Python and in the browser's JavaScript."""
# ruff: noqa: RUF001 -- full-width and Arabic letters are what these tests are about

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from sphinxext_notes._core.words import bigram_words, words
from sphinxext_notes._sphinx.search_languages import (
    JS_STEMMERS,
    search_language,
    search_language_class,
)


def test_hindi_vowel_signs_and_viramas_stay_inside_the_word():
    assert words("प्रोटोकॉल और नेटवर्क, कड़वा मुरब्बा।") == [
        "प्रोटोकॉल",
        "और",
        "नेटवर्क",
        "कड़वा",
        "मुरब्बा",
    ]


def test_arabic_diacritics_do_not_split_words():
    assert words("يدوم المُرَبَّى سنةً.") == ["يدوم", "المُرَبَّى", "سنةً"]


def test_persian_zero_width_non_joiner_stays_inside_the_word():
    assert words("می\u200cخواهم بروم") == ["می\u200cخواهم", "بروم"]


def test_han_mixed_with_latin_is_split_into_pairs_and_the_latin_word():
    assert bigram_words("TCP协议栈") == ["TCP", "协议", "议栈"]
    assert bigram_words("用TCP协议") == ["用", "TCP", "协议"]


def test_full_width_punctuation_separates_words():
    assert words("你好，世界！ＴＣＰ：ok。") == ["你好", "世界", "ＴＣＰ", "ok"]
    assert bigram_words("协议，栈。") == ["协议", "栈"]


def test_emoji_separate_words_and_are_not_words():
    assert words("tcp🚀udp 👍 ok") == ["tcp", "udp", "ok"]


@pytest.mark.parametrize(
    ("tag", "word", "stem"),
    [("es", "Protocolos", "protocol"), ("hi", "मुरब्बे", "मुरब्ब"), ("ko", "프로토콜을", "프로토콜을")],
)
def test_words_are_stemmed_where_snowball_has_the_language(tag, word, stem):
    language = search_language(tag, {})
    if tag == "hi" and not (JS_STEMMERS / "hindi-stemmer.js").is_file():
        stem = word  # Sphinx before 9 ships no Hindi stemmer for the browser: no stemming
    assert [language.stem(w).lower() for w in language.split(word)] == [stem]


def test_a_hindi_note_written_in_english_is_split_into_its_words():
    language = search_language("hi", {})
    assert language.split("The handshake, then data.") == ["The", "handshake", "then", "data"]


def test_japanese_segments_with_sphinx_default_splitter():
    language = search_language("ja", {})
    assert language.split("苦いマーマレードは一年もちます") == [
        "苦い",
        "マーマレード",
        "は",
        "一年",
        "もち",
        "ます",
    ]
    assert not language.word_filter('")')


@pytest.fixture(scope="module")
def node():
    found = shutil.which("node")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Node.js (see .ci/run)")
        pytest.skip("Node.js is not installed")
    return found


SAMPLES = [
    "प्रोटोकॉल और नेटवर्क, कड़वा मुरब्बा।",
    "يدوم المُرَبَّى سنةً.",
    "TCP协议栈，用UDP协议！🚀 emoji👍",
    "苦いマーマレードは一年もちます。TCPとUDPの違い",
    "Los protocolos de red",
]


def js_split(node: str, language_code: str, queries: list[str], index: dict | None = None):
    """``splitQuery`` of a language's ``language_data.js`` code, run by Node."""
    script = (
        f"var Search = {{_index: {json.dumps(index)}}};\n{language_code}\n"
        f"console.log(JSON.stringify({json.dumps(queries)}.map((q) => splitQuery(q))));"
    )
    done = subprocess.run([node, "-e", script], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("tag", ["es", "hi", "ar", "ja", "zh"])
def test_the_browser_splits_a_query_as_the_index_was_split(node, tag, monkeypatch):
    monkeypatch.setattr("sphinxext_notes._sphinx.search_languages.has_jieba", lambda: False)
    search_language_class.cache_clear()
    language = search_language(tag, {})
    search_language_class.cache_clear()
    expected = [[w for w in language.split(text) if language.word_filter(w)] for text in SAMPLES]
    found = js_split(node, language.js_splitter_code, SAMPLES)
    assert [[w for w in ws if language.word_filter(w)] for ws in found] == expected


def test_with_jieba_the_browser_cuts_chinese_into_the_index_words(node):
    pytest.importorskip("jieba")
    language = search_language("zh", {})
    text = "苦橙果酱可以保存一年。中华人民共和国的TCP协议"
    terms = {w.lower(): 0 for w in language.split(text) if language.word_filter(w)}
    queries = ["果酱保存", "TCP协议", "人民共和国"]
    found = js_split(node, language.js_splitter_code, queries, {"terms": terms, "titleterms": {}})
    assert found == [["果酱", "保存"], ["TCP", "协议"], ["人民", "共和国"]]
