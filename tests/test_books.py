"""Books: LaTeX (one per language), EPUB and singlehtml hold the notes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import read
from sphinx import addnodes

#: EPUB refuses to build without these.
EPUB = {"version": "1", "copyright": "2025"}
XELATEX = {"latex_engine": "xelatex"}


def tex(app, lang: str) -> str:
    return read(app, f"projectnamenotset-{lang}.tex")


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True, confoverrides=XELATEX)
def test_latex_makes_one_book_per_language(app, warning):
    app.build()
    books = sorted(p.name for p in Path(app.outdir).glob("*.tex"))
    assert books == [
        f"projectnamenotset-{lang}.tex" for lang in ["ar", "en", "es", "fr", "zh-Hant"]
    ]
    assert warning.getvalue() == ""


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True, confoverrides=XELATEX)
def test_latex_book_has_its_languages_notes_as_chapters(app):
    app.build()
    chapters = re.findall(r"\\chapter\{(.*?)\}", tex(app, "en"))
    assert chapters == ["Beta", "Alpha", "Gamma"]  # newest first, as the index lists them
    assert re.findall(r"\\chapter\{(.*?)\}", tex(app, "es")) == ["Beta en español", "Alfa"]
    assert "\\section{First part}" in tex(app, "en")


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True, confoverrides=XELATEX)
def test_latex_book_is_set_up_for_its_language_and_script(app):
    app.build()
    arabic, english, chinese = tex(app, "ar"), tex(app, "en"), tex(app, "zh-Hant")
    assert "\\setmainlanguage{arabic}" in arabic
    assert "\\newfontfamily\\arabicfont[Script=Arabic]{Amiri}" in arabic
    assert "\\chapter{ألفا}" in arabic
    assert "\\AtBeginEnvironment{sphinxVerbatim}{\\selectlanguage{english}}" in arabic
    assert (
        "\\title{\\texorpdfstring{\\LR{Project name not set}}{Project name not set} — العربية}"
        in arabic
    )
    # bidi comes after every package, so the language is set in the preamble
    assert arabic.index("\\setmainlanguage{arabic}") > arabic.index("\\usepackage{hyperref}")
    assert "\\setmainlanguage{english}" in english and "arabicfont" not in english
    assert "\\usepackage{xeCJK}" in chinese and "polyglossia" not in chinese
    assert "\\setCJKmainfont{Noto Serif CJK TC}" in chinese
    assert "\\setmainlanguage{spanish}" in tex(app, "es")


@pytest.mark.sphinx("latex", testroot="basic", freshenv=True)
def test_pdflatex_cannot_typeset_arabic_or_chinese(app, warning):
    app.build()
    warned = re.findall(r"book of (\S+) .*\[notes\.latex\]", warning.getvalue())
    assert warned == ["ar", "zh-Hant"]
    assert "conf.py" in warning.getvalue()


def test_latex_documents_of_the_user_are_kept(make_app, copy_root):
    documents = [("index", "all.tex", "All", "Me", "manual")]
    overrides = {**XELATEX, "latex_documents": documents}
    app = make_app("latex", srcdir=copy_root("basic"), confoverrides=overrides)
    app.build()
    assert sorted(p.name for p in Path(app.outdir).glob("*.tex")) == ["all.tex"]
    chapters = re.findall(r"\\(?:chapter|section)\{(.*?)\}", read(app, "all.tex"))
    assert "Alfa" in chapters and "Alpha" in chapters  # notes are under their language


def test_one_language_build_makes_sphinxs_book_in_that_language(make_app, copy_root):
    srcdir = copy_root("basic")
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("*/index", "notes"))
    overrides = {**XELATEX, "language": "ar", "notes_build": "current"}
    app = make_app("latex", srcdir=srcdir, confoverrides=overrides)
    app.build()
    (book,) = Path(app.outdir).glob("*.tex")
    text = book.read_text("utf-8")
    assert "\\section{ألفا}" in text  # a section of the Arabic index's chapter
    assert text.index("\\setmainlanguage{arabic}") > text.index("\\usepackage{hyperref}")


@pytest.mark.sphinx("epub", testroot="basic", freshenv=True, confoverrides=EPUB)
def test_epub_lists_notes_under_their_language(app):
    app.build()
    nav = read(app, "nav.xhtml")
    spanish = re.search(r'<a href="es/index.xhtml">Español</a>(.*?)<a href="fr/', nav, re.S)
    assert re.findall(r'href="(es/[^"#]*)"', spanish.group(1)) == [
        "es/beta.xhtml",
        "es/2025-01-02-alpha.xhtml",
    ]
    assert "es/beta.xhtml" in read(app, "toc.ncx")


@pytest.mark.sphinx("epub", testroot="basic", freshenv=True, confoverrides=EPUB)
def test_epub_pages_carry_their_language_and_direction(app):
    app.build()
    arabic = read(app, "ar/2025-01-02-alpha.xhtml")
    assert re.search(r'<html [^>]*lang="ar" xml:lang="ar" dir="rtl">', arabic)
    spanish = read(app, "es/2025-01-02-alpha.xhtml")
    assert re.search(r'<html [^>]*lang="es" xml:lang="es">', spanish)
    assert re.search(r'<html [^>]*lang="ar" [^>]*dir="rtl">', read(app, "ar/index.xhtml"))


def warnings_of(app) -> list[str]:
    """The warnings of a second app in one process, less Sphinx's re-registering its own."""
    lines = app.warning.getvalue().splitlines()
    return [line for line in lines if "while setting up extension" not in line]


def test_epub_then_html_keeps_the_notes_out_of_html_tables_of_contents(make_app, copy_root):
    """HTML sidebars are built from these: with the notes in them, every page lists them."""
    srcdir = copy_root("basic")
    epub = make_app("epub", srcdir=srcdir, confoverrides=EPUB)
    epub.build()
    assert list(epub.env.tocs["es/index"].findall(addnodes.toctree))
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert warnings_of(app) == []
    assert not list(app.env.tocs["es/index"].findall(addnodes.toctree))


def test_epub_rebuild_has_no_warnings(make_app, copy_root):
    srcdir = copy_root("basic")
    make_app("epub", srcdir=srcdir, confoverrides=EPUB).build()
    app = make_app("epub", srcdir=srcdir, confoverrides=EPUB)
    app.build(force_all=True)
    assert warnings_of(app) == []


singlehtml = pytest.mark.sphinx("singlehtml", testroot="basic", freshenv=True)


@singlehtml
def test_singlehtml_holds_every_note(app):
    app.build()
    html = read(app, "index.html")
    for page in ["es/2025-01-02-alpha", "ar/2025-01-02-alpha", "en/gamma", "fr/gamma"]:
        assert f'id="document-{page}"' in html


@singlehtml
def test_singlehtml_ids_are_unique_and_links_lead_to_them(app):
    app.build()
    html = read(app, "index.html")
    ids = re.findall(r' id="([^"]*)"', html)
    assert len(ids) == len(set(ids))
    anchors = [a for a in re.findall(r'href="#([^"]*)"', html) if a]
    assert anchors and set(anchors) <= set(ids)


@singlehtml
def test_singlehtml_translations_json_leads_to_the_page(app):
    app.build()
    html = read(app, "index.html")
    data = json.loads(read(app, "translations.json"))
    pages = [t["page"] for note in data["notes"] for t in note["translations"].values()]
    assert pages and all(p.startswith("index.html#document-") for p in pages)
    assert all(f'id="{p.partition("#")[2]}"' in html for p in pages)


def test_singlehtml_lists_each_languages_notes_when_the_front_page_has_no_table(
    make_app, copy_root
):
    srcdir = copy_root("basic")
    (srcdir / "index.md").write_text("# Basic\n\n```{toctree}\n:glob:\n*/index\n```\n")
    app = make_app("singlehtml", srcdir=srcdir)
    app.build()
    spanish = read(app, "index.html").split('id="document-es/index"', 1)[1]
    assert 'href="#document-es/beta"' in spanish.split('id="document-es/beta"', 1)[0]


@pytest.mark.sphinx(
    "latex",
    testroot="basic",
    freshenv=True,
    confoverrides={**XELATEX, "notes_fallback": "original"},
)
def test_a_book_holds_its_languages_translations_not_fallback_pages(app, warning):
    app.build()
    assert re.findall(r"\\chapter\{(.*?)\}", tex(app, "es")) == ["Beta en español", "Alfa"]
    assert warning.getvalue() == ""
