"""One search per language: its own page and index, its own words, written when it changed."""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest
import sphinx
from conftest import ROOTS, read

from sphinxext_notes._core import languages
from sphinxext_notes._core.words import words
from sphinxext_notes._sphinx import search
from sphinxext_notes._sphinx.i18n import ours
from sphinxext_notes._sphinx.search import FROM_WRITERS, RECORDS_DIR
from sphinxext_notes._sphinx.search_languages import (
    JS_STEMMERS,
    search_language,
    search_language_class,
)

LANGUAGES = ["en", "ar", "es", "fr", "zh-Hant"]


def index_of(outdir: Path, lang: str = "") -> dict:
    """A ``searchindex.js``: the language's, or Sphinx's own."""
    text = (outdir / lang / "searchindex.js").read_text("utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


@pytest.mark.sphinx("html", testroot="basic")
def test_each_language_has_an_index_of_its_own_pages(app):
    app.build()
    out = Path(app.outdir)
    assert sorted(index_of(out, "es")["docnames"]) == ["2025-01-02-alpha", "beta", "index"]
    assert sorted(index_of(out, "fr")["docnames"]) == ["gamma", "index"]
    assert index_of(out, "es")["titles"][index_of(out, "es")["docnames"].index("index")] == (
        "Español"
    )
    # Sphinx's own index keeps the other pages, and no note.
    assert sorted(index_of(out)["docnames"]) == ["index", "rst-page"]


def test_a_language_index_holds_no_domain_objects(make_app, copy_root):
    """Objects of ordinary pages stay in Sphinx's index, even where a page name matches."""
    srcdir = copy_root("basic")
    with (srcdir / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n```{py:function} frobnicate()\n```\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    out = Path(app.outdir)
    assert "frobnicate" in json.dumps(index_of(out)["objects"])
    for lang in LANGUAGES:
        assert index_of(out, lang)["objects"] == {}, lang


@pytest.mark.sphinx("html", testroot="basic")
@pytest.mark.xfail(
    sphinx.version_info < (8, 2),
    reason="Sphinx 8.1's indexer does not skip the no-search class: the notice is indexed",
    strict=True,
)
def test_no_index_holds_the_switcher_or_the_notice(app):
    app.build()
    out = Path(app.outdir)
    assert "Español" in read(app, "en/2025-01-02-alpha.html")  # in the switcher
    notice = "This page was translated by a machine."
    assert ours("es").gettext(notice) in read(app, "es/2025-01-02-alpha.html")
    for lang in LANGUAGES:
        terms = {*index_of(out, lang)["terms"], *index_of(out, lang)["titleterms"]}
        for other in LANGUAGES:
            name = words(languages.native_name(other).lower())[0][:5]
            assert other == lang or not [t for t in terms if t.startswith(name)], (lang, name)
        language = search_language(lang, {})
        noticed = {language.stem(w).lower() for w in language.split(ours(lang).gettext(notice))}
        assert not {w for w in noticed if language.word_filter(w)} & terms, lang


@pytest.mark.sphinx("html", testroot="basic")
def test_a_notes_search_box_leads_to_its_languages_search_page(app):
    app.build()
    note = read(app, "es/2025-01-02-alpha.html")
    assert 'action="search.html"' in note  # relative to es/
    assert 'action="search.html"' in read(app, "index.html")  # Sphinx's own
    search = read(app, "es/search.html")
    assert '<html lang="es" data-content_root="./">' in search
    assert "<title>Búsqueda" in search
    assert 'src="searchindex.js' in search and 'src="language_data.js' in search
    data = read(app, "es/language_data.js")
    assert "Stemmer = SpanishStemmer;" in data  # Sphinx 9 writes window.Stemmer
    assert '"Search Results":"Resultados de la búsqueda"' in data.replace(": ", ":")
    # Left empty in Sphinx's es catalog: the extension's own catalog has its three forms.
    assert "Búsqueda finalizada: ${resultCount} páginas coinciden con la consulta." in data
    if (JS_STEMMERS / "arabic-stemmer.js").is_file():  # Sphinx 9 ships it, 8.x does not
        assert "window.Stemmer = ArabicStemmer" in read(app, "ar/language_data.js")


@pytest.mark.sphinx("dirhtml", testroot="basic")
def test_dirhtml_search_pages_are_folders(app):
    app.build()
    search = read(app, "es/search/index.html")
    assert 'data-content_root="../"' in search  # results link into es/
    assert 'src="../searchindex.js' in search
    assert 'action="../search/"' in read(app, "es/2025-01-02-alpha/index.html")


def build(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


def stamps(outdir: Path) -> dict[str, int]:
    return {lang: (outdir / lang / "searchindex.js").stat().st_mtime_ns for lang in LANGUAGES}


def test_a_rebuild_rewrites_only_the_index_of_a_language_that_changed(make_app, copy_root):
    srcdir = copy_root("basic")
    out = Path(build(make_app, srcdir).outdir)
    before = stamps(out)
    again = stamps(Path(build(make_app, srcdir).outdir))
    assert again == before
    note = srcdir / "_notes/es/beta-spanish.md"
    note.write_text(note.read_text("utf-8") + "\nMermelada amarga.\n", "utf-8")
    os.utime(note, ns=(note.stat().st_mtime_ns + 10**9,) * 2)
    edited = stamps(Path(build(make_app, srcdir).outdir))
    assert edited["es"] != before["es"]
    assert {lang: edited[lang] for lang in LANGUAGES if lang != "es"} == {
        lang: before[lang] for lang in LANGUAGES if lang != "es"
    }
    assert "mermel" in index_of(out, "es")["terms"]


def test_a_parallel_build_writes_the_same_indexes(make_app, copy_root, tmp_path):
    serial = Path(build(make_app, copy_root("basic")).outdir)
    srcdir = shutil.copytree(ROOTS / "test-basic", tmp_path / "parallel")
    parallel = Path(build(make_app, srcdir, parallel=2).outdir)
    for lang in LANGUAGES:  # the writing processes fed most pages
        index = Path(lang, "searchindex.js")
        assert (parallel / index).read_bytes() == (serial / index).read_bytes(), lang


def test_a_stopped_builds_leftovers_are_not_indexed(make_app, copy_root):
    srcdir = copy_root("basic")
    leftovers = srcdir / "_build/doctrees" / RECORDS_DIR / FROM_WRITERS
    leftovers.mkdir(parents=True)
    record = ("Beta", "beta.md", (), (), frozenset({"leftover"}), frozenset())
    (leftovers / "1.pickle").write_bytes(pickle.dumps(("es", "es/beta", record)))
    out = Path(build(make_app, srcdir).outdir)
    assert "leftover" not in index_of(out, "es")["terms"]
    assert "beta" in index_of(out, "es")["docnames"]


def test_a_language_whose_kept_words_were_lost_is_indexed_again_whole(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    (srcdir / "_build/doctrees" / RECORDS_DIR / "es.pickle").unlink()
    out = Path(build(make_app, srcdir).outdir)
    assert sorted(index_of(out, "es")["docnames"]) == ["2025-01-02-alpha", "beta", "index"]


def test_an_index_that_fails_to_be_written_leaves_no_temporary_file(
    make_app, copy_root, monkeypatch
):
    def failing(self, stream, format):
        stream.write("Search.setIndex(")
        raise OSError("disk full")

    monkeypatch.setattr(search._LanguageIndexBuilder, "dump", failing)
    app = make_app("html", srcdir=copy_root("basic"))
    with pytest.raises(Exception, match="disk full"):  # Sphinx wraps it
        app.build()
    out = Path(app.outdir)
    assert not list(out.glob("*/searchindex.tmp"))
    assert not list(out.glob("*/searchindex.js"))


def test_without_sphinxs_language_data_template_the_error_says_what_to_do(
    make_app, copy_root, monkeypatch
):
    monkeypatch.setattr(search, "LANGUAGE_DATA_TEMPLATES", ("no-such-template.js",))
    search._language_data_template.cache_clear()
    app = make_app("html", srcdir=copy_root("basic"))
    try:
        with pytest.raises(Exception, match="set notes_search = False"):
            app.build()
    finally:
        search._language_data_template.cache_clear()


def test_a_removed_note_leaves_its_languages_index(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    (srcdir / "_notes/es/beta-spanish.md").unlink()
    out = Path(build(make_app, srcdir).outdir)
    assert sorted(index_of(out, "es")["docnames"]) == ["2025-01-02-alpha", "index"]


@pytest.fixture
def without_jieba(monkeypatch):
    monkeypatch.setattr("sphinxext_notes._sphinx.search_languages.has_jieba", lambda: False)
    monkeypatch.setattr("sphinxext_notes._sphinx.search.has_jieba", lambda: False)
    search_language_class.cache_clear()
    yield
    search_language_class.cache_clear()


@pytest.mark.sphinx("html", testroot="basic")
def test_without_jieba_chinese_is_indexed_in_pairs_with_one_warning(app, warning, without_jieba):
    app.build()
    terms = index_of(Path(app.outdir), "zh-Hant")["titleterms"]
    assert {"阿爾", "爾法"} <= set(terms)
    assert "han.slice(1).map" in read(app, "zh-Hant/language_data.js")  # pairs, too
    messages = warning.getvalue()
    assert messages.count("[notes.search]") == 1
    assert 'pip install "sphinxext-notes[zh]"' in messages
    assert "2025-01-02-alpha-hant.md" in messages


@pytest.mark.sphinx("html", testroot="basic")
def test_with_jieba_chinese_is_indexed_in_words(app, warning):
    pytest.importorskip("jieba")
    app.build()
    index = index_of(Path(app.outdir), "zh-Hant")
    terms = index["titleterms"]
    assert "第一" in terms and "部分" in terms and "一部" not in terms
    assert "notes.search" not in warning.getvalue()


def test_a_one_language_build_splits_as_its_language(make_app, copy_root):
    srcdir = copy_root("basic")
    (srcdir / "_notes/hi").mkdir()
    (srcdir / "_notes/hi/beta-hindi.md").write_text(
        "---\ntitle: बीटा\nlang: hi\ntranslation_key: beta\n---\n\nप्रोटोकॉल और नेटवर्क\n"
    )
    app = make_app(
        "html", srcdir=srcdir, confoverrides={"language": "hi", "notes_build": "current"}
    )
    app.build()
    terms = index_of(Path(app.outdir))["terms"]
    assert "प्रोटोकॉल" in terms and "नेटवर्क" in terms
    assert not (Path(app.outdir) / "hi" / "searchindex.js").exists()


def test_without_search_per_language_sphinx_indexes_every_page(make_app, copy_root):
    app = build(make_app, copy_root("basic"), confoverrides={"notes_search": False})
    out = Path(app.outdir)
    assert not (out / "es" / "search.html").exists()
    assert not (out / "es" / "searchindex.js").exists()
    assert {"es/beta", "en/index", "index"} <= set(index_of(out)["docnames"])
    assert 'action="../search.html"' in read(app, "es/2025-01-02-alpha.html")
