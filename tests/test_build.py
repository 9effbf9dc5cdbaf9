"""Building a notes site: pages, languages, switcher, table, references."""

from __future__ import annotations

import posixpath
import re
from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import read, translations

basic = pytest.mark.sphinx("html", testroot="basic", freshenv=True)


@basic
def test_every_note_gets_a_page_per_language(app):
    app.build()
    out = Path(app.outdir)
    pages = sorted(p.relative_to(out).as_posix() for p in out.glob("*/*.html"))
    assert pages == [
        "ar/2025-01-02-alpha.html",
        "ar/index.html",
        "ar/search.html",
        "en/2025-01-02-alpha.html",
        "en/beta.html",
        "en/gamma.html",
        "en/index.html",
        "en/search.html",
        "es/2025-01-02-alpha.html",
        "es/beta.html",
        "es/index.html",
        "es/search.html",
        "fr/gamma.html",
        "fr/index.html",
        "fr/search.html",
        "zh-Hant/2025-01-02-alpha.html",
        "zh-Hant/index.html",
        "zh-Hant/search.html",
    ]


@basic
def test_build_has_no_warnings(app, warning):
    app.build()
    assert warning.getvalue() == ""


@basic
def test_front_matter_title_is_the_page_title_and_headings_nest_under_it(app):
    app.build()
    html = read(app, "en/2025-01-02-alpha.html")
    assert re.search(r"<title>Alpha", html)
    assert re.search(r"<h1>Alpha<", html)
    assert re.search(r"<h2>First part<", html)
    assert re.search(r"<h3>Deeper<", html)


@basic
def test_directive_bodies_get_no_title_of_their_own(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    admonition = re.search(r'<div class="admonition note">.*?</div>', html, re.S).group()
    assert "Alfa" not in admonition and "Una nota." in admonition


@basic
def test_html_lang_and_direction(app):
    app.build()
    assert '<html lang="es" data' in read(app, "es/2025-01-02-alpha.html")
    assert '<html lang="ar" dir="rtl"' in read(app, "ar/2025-01-02-alpha.html")
    assert '<html lang="zh-Hant"' in read(app, "zh-Hant/index.html")


@basic
def test_switcher_lists_native_names_and_marks_the_current_language(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    switcher = re.search(r'<nav class="notes-switcher".*?</nav>', html).group()
    english = '<bdi lang="en" dir="ltr">English</bdi>'
    assert f'<a href="../en/2025-01-02-alpha.html" hreflang="en">{english}</a>' in switcher
    assert 'hreflang="ar"><bdi lang="ar" dir="rtl">العربية</bdi></a>' in switcher
    assert 'hreflang="zh-Hant"><bdi lang="zh-Hant" dir="ltr">中文 (繁體)</bdi></a>' in switcher
    assert '<strong aria-current="page"><bdi lang="es" dir="ltr">Español</bdi></strong>' in switcher
    assert "fr/" not in switcher


@basic
def test_alternate_links_with_x_default(app):
    app.build()
    html = read(app, "ar/2025-01-02-alpha.html")
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert links == {
        "ar": "2025-01-02-alpha.html",
        "en": "../en/2025-01-02-alpha.html",
        "es": "../es/2025-01-02-alpha.html",
        "zh-Hant": "../zh-Hant/2025-01-02-alpha.html",
        "x-default": "../en/2025-01-02-alpha.html",
    }


@basic
def test_machine_translation_notice_links_the_original(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    notice = re.search(r'<div class="notes-machine-translation.*?</div>', html, re.S).group()
    assert "traducida por una máquina" in notice
    assert 'href="../en/2025-01-02-alpha.html"' in notice
    assert "notes-machine-translation" not in read(app, "ar/2025-01-02-alpha.html")


@basic
def test_translation_table(app):
    app.build()
    html = read(app, "index.html")
    table = re.search(r'<table class="notes-translation-table.*?</table>', html, re.S).group()
    rows = re.findall(r"<tr.*?</tr>", table, re.S)
    assert len(rows) == 1 + 3 + 1  # header, three notes, coverage
    assert '<abbr title="English">en</abbr>' in rows[0]
    assert '<abbr title="العربية">ar</abbr>' in rows[0]
    alpha = next(r for r in rows if ">Alpha<" in r)
    assert 'href="en/2025-01-02-alpha.html"' in alpha
    assert "notes-machine-translated" in alpha and "notes-original" in alpha
    gamma = next(r for r in rows if ">Gamma<" in r)
    assert gamma.count("notes-missing") == 3  # ar, es, zh-Hant
    assert re.findall(r"<td[^>]*><p>(\d+%)</p>", rows[-1]) == ["100%", "33%", "33%", "0%", "33%"]


@basic
def test_translations_json(app):
    app.build()
    data = translations(app)
    assert data["default_language"] == "en"
    assert data["languages"] == ["en", "ar", "es", "fr", "zh-Hant"]
    notes = {n["key"]: n for n in data["notes"]}
    assert notes["beta"]["grouped_by"] == "front-matter"
    assert notes["gamma"]["grouped_by"] == "filename"
    assert notes["2025-01-02-alpha"]["original"] == "en"
    assert notes["2025-01-02-alpha"]["translations"]["es"] == {
        "source": "_notes/es/2025-01-02-alpha-es.md",
        "via": "file",
        "page": "es/2025-01-02-alpha.html",
        "title": "Alfa",
        "status": "machine-translated",
        "outdated": None,
        "original_changed": None,
    }
    assert notes["2025-01-02-alpha"]["translations"]["ar"]["status"] == "translated"


@basic
def test_note_role_links_in_the_readers_language(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    assert re.search(
        r'<a class="reference internal" href="beta.html"[^>]*>'
        r'<span class="xref notes-note"><bdi lang="es" dir="ltr">Beta en español</bdi></span>',
        html,
    )


@basic
def test_note_role_falls_back_to_the_default_language_and_says_so(app):
    app.build()
    html = read(app, "zh-Hant/2025-01-02-alpha.html")
    assert re.search(
        r'href="../en/beta.html"[^>]*><span class="xref notes-note '
        r'notes-other-language">Custom text<span class="notes-lang-mark">'
        r" \[en\]</span>",
        html,
    )


@basic
def test_markdown_link_to_a_note_file_follows_the_reader(app):
    app.build()
    en = read(app, "en/2025-01-02-alpha.html")
    assert 'href="gamma.html"' in en
    es = read(app, "es/2025-01-02-alpha.html")  # gamma has no es: English, marked
    assert re.search(r'href="../en/gamma.html".*?notes-other-language', es)


@basic
def test_language_index_lists_notes_newest_first(app):
    app.build()
    html = read(app, "en/index.html")
    assert "<h1>English" in html
    titles = re.findall(r'<a class="reference internal" href="([^"]+)">', html)
    assert [t for t in titles if not t.startswith("../")][:3] == [
        "beta.html",
        "2025-01-02-alpha.html",
        "gamma.html",
    ]


@basic
def test_index_keeps_each_title_apart_from_its_date(app):
    app.build()
    html = read(app, "ar/index.html")
    assert re.search(
        r'<a [^>]*href="2025-01-02-alpha.html"><bdi lang="ar" dir="rtl">[^<]+</bdi></a>'
        r'<span class="notes-date"> 02‏/01‏/2025</span>',
        html,
    )


@basic
def test_index_dates_are_written_as_the_language_writes_them(app):
    app.build()
    assert '<span class="notes-date"> 2 ene 2025</span>' in read(app, "es/index.html")
    assert '<span class="notes-date"> Jan 2, 2025</span>' in read(app, "en/index.html")


@basic
def test_previous_and_next_stay_in_the_language(app):
    app.build()
    html = read(app, "en/gamma.html")  # the last English note
    assert '<link rel="prev" title="Alpha" href="2025-01-02-alpha.html"' in html
    assert 'rel="next"' not in html
    first = read(app, "en/beta.html")
    assert '<link rel="prev" title="English" href="index.html"' in first


@basic
def test_view_source_shows_the_real_note(app):
    app.build()
    html = read(app, "es/beta.html")
    assert 'href="../_sources/es/beta.md.txt"' in html
    source = read(app, "_sources/es/beta.md.txt")
    assert "translationKey: beta" in source


@pytest.mark.sphinx("dirhtml", testroot="basic", freshenv=True)
def test_dirhtml_pages(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha/index.html")
    assert 'href="../../en/2025-01-02-alpha/" hreflang="en"' in html
    page = translations(app)["notes"][0]["translations"]["en"]["page"]
    assert page.endswith("/")


@pytest.mark.parametrize("builder", ["singlehtml", "latex", "epub", "gettext", "text"])
def test_other_builders_run(make_app, copy_root, builder):
    # epub insists on version and copyright; pdflatex cannot typeset Arabic or Chinese
    overrides = {"version": "1", "copyright": "2025", "latex_engine": "xelatex"}
    app = make_app(builder, srcdir=copy_root("basic"), confoverrides=overrides)
    app.build()
    assert not app.warning.getvalue()


@pytest.mark.sphinx("html", testroot="seeds", freshenv=True)
def test_seeds_are_one_note_in_five_languages(app, warning):
    app.build()
    (note,) = translations(app)["notes"]
    assert note["grouped_by"] == "fingerprint"
    assert note["original"] is None
    assert sorted(note["translations"]) == ["es", "fr", "hi", "ja", "zh"]
    slug = note["slug"]
    assert slug == "ascenso-y-caida-de-01-ai"  # the x-default's (Spanish) title, not the hash
    for lang in ["es", "fr", "hi", "ja", "zh"]:
        assert (Path(app.outdir) / lang / f"{slug}.html").is_file()
    assert "header" not in warning.getvalue()
    assert warning.getvalue() == ""


@basic
def test_page_chrome_is_in_the_pages_language(app):
    app.build()
    es, en = read(app, "es/2025-01-02-alpha.html"), read(app, "en/2025-01-02-alpha.html")
    assert '<p class="admonition-title">Nota</p>' in es
    assert '<p class="admonition-title">Note</p>' in en
    assert 'title="Búsqueda"' in es and 'title="Search"' in en


@basic
def test_sphinx_messages_its_catalog_lacks_come_from_ours(app):
    """Sphinx's es catalog leaves "Link to this heading" in English; ours has it."""
    app.build()
    es, en = read(app, "es/2025-01-02-alpha.html"), read(app, "en/2025-01-02-alpha.html")
    assert 'title="Enlace a este encabezado"' in es
    assert 'title="Link to this heading"' not in es
    assert 'title="Link to this heading"' in en


@basic
def test_extension_strings_are_in_the_pages_language(app):
    app.build()
    es = read(app, "es/2025-01-02-alpha.html")
    assert 'aria-label="Idiomas"' in es
    assert "Esta página fue traducida por una máquina." in es
    assert '<span>Leer el original (<bdi lang="en" dir="ltr">English</bdi>).</span>' in es
    assert 'aria-label="Languages"' in read(app, "en/2025-01-02-alpha.html")


@basic
def test_the_build_language_stays_for_other_pages(app):
    app.build()
    index = read(app, "index.html")
    assert 'title="Search"' in index and "Up to date" in index


@basic
def test_directive_and_role_in_restructuredtext(app):
    app.build()
    html = read(app, "rst-page.html")
    assert '<table class="notes-translation-table' in html
    assert re.search(
        r'href="en/2025-01-02-alpha.html"[^>]*><bdi lang="en" dir="ltr">Alpha</bdi>', html
    )
    assert re.search(r'href="en/beta.html"[^>]*><span[^>]*>Beta text</span>', html)


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={
        "notes_switcher_in_body": False,
        "html_sidebars": {"**": ["notes-switcher.html", "localtoc.html"]},
    },
)
def test_switcher_can_move_to_the_sidebar(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    body = re.search(r'<div class="body" role="main">.*?<div class="sphinxsidebar"', html, re.S)
    assert "notes-switcher" not in body.group()
    sidebar = re.search(r'<div class="sphinxsidebar".*', html, re.S).group()
    assert 'hreflang="en"><bdi lang="en" dir="ltr">English</bdi></a>' in sidebar
    index = read(app, "fr/index.html")  # an index lists every language's index
    assert 'href="../zh-Hant/index.html" hreflang="zh-Hant"' in index


@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={"html_sidebars": {"**": ["globaltoc.html"]}},
)
def test_sidebar_toctree_shows_the_neighbours_under_the_language(app):
    app.build()
    expected = {
        "en/2025-01-02-alpha.html": [
            ("beta.html", "Beta"),
            ("#", "Alpha"),
            ("gamma.html", "Gamma"),
        ],
        "en/gamma.html": [("2025-01-02-alpha.html", "Alpha"), ("#", "Gamma")],
    }
    for page, neighbours in expected.items():
        sidebar = re.search(r'<div class="sphinxsidebar".*', read(app, page), re.S).group()
        english = re.search(r'<li class="toctree-l1 current">.*?</ul>', sidebar, re.S).group()
        assert 'href="index.html">English</a>' in english
        entries = re.findall(
            r'<li class="toctree-l2[^"]*"><a [^>]*href="([^"]*)">([^<]*)</a>', english
        )
        assert entries == neighbours, page
        assert "toctree-l2" not in sidebar.replace(english, "")  # other languages stay closed


def test_exclude_patterns_apply_to_notes(make_app, copy_root):
    srcdir = copy_root("basic")
    (srcdir / "notes/drafts").mkdir()
    (srcdir / "notes/drafts/secret-en.md").write_text("---\ntitle: Secret\n---\n\nDraft.\n")
    app = make_app("html", srcdir=srcdir, confoverrides={"exclude_patterns": ["notes/drafts/**"]})
    app.build()
    assert "Secret" not in read(app, "translations.json")
    assert not app.warning.getvalue()


def test_a_note_never_takes_an_ordinary_documents_page(make_app, copy_root):
    srcdir = copy_root("basic")
    (srcdir / "en").mkdir()
    (srcdir / "en/about.md").write_text("---\norphan: true\n---\n# About this site\n")
    (srcdir / "notes/about.en.md").write_text("---\ntitle: About a note\nlang: en\n---\n\nX.\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "About this site" in read(app, "en/about.html")
    assert "About a note" in read(app, "en/about-2.html")


def test_notes_index_of_an_unknown_language_is_a_warning(make_app, copy_root):
    srcdir = copy_root("basic")
    index = srcdir / "index.md"
    index.write_text(index.read_text() + "\n```{notes-index} tlh\n```\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "notes-index: no note is in 'tlh'" in app.warning.getvalue()
    assert "[notes.lang]" in app.warning.getvalue()


def test_myst_parser_may_be_listed_before_or_after(make_app, copy_root):
    srcdir = copy_root("basic")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text().replace('["sphinxext_notes"]', '["myst_parser", "sphinxext_notes"]')
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "<h1>Alfa" in read(app, "es/2025-01-02-alpha.html")
    assert not app.warning.getvalue()


@pytest.mark.skipif(find_spec("sphinx_rtd_theme") is None, reason="needs sphinx-rtd-theme")
@pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={
        "html_theme": "sphinx_rtd_theme",
        "html_context": {
            "display_github": True,
            "github_user": "someone",
            "github_repo": "notes",
            "github_version": "main",
            "conf_py_path": "/docs/",
        },
    },
)
def test_theme_edit_links_lead_to_the_real_note(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    href = re.search(r'href="(https://github.com/[^"]+)" class="fa fa-github"', html).group(1)
    path = posixpath.normpath(urlsplit(href).path)  # as a browser resolves it
    assert path == "/someone/notes/blob/main/docs/_notes/es/2025-01-02-alpha-es.md"


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"project": "Demo"})
def test_site_title_follows_the_pages_language(app):
    app.build()
    es = read(app, "es/2025-01-02-alpha.html")
    assert "<title>Alfa &#8212; documentación de Demo - </title>" in es
    zh = read(app, "zh-Hant/index.html")
    assert "<title>中文 (繁體) &#8212; Demo  說明文件</title>" in zh
    assert "<title>Basic &#8212; Demo  documentation</title>" in read(app, "index.html")


@pytest.mark.sphinx("html", testroot="basic", freshenv=True, confoverrides={"html_title": "Notas"})
def test_a_site_title_from_conf_py_stays(app):
    app.build()
    assert "<title>Alfa &#8212; Notas</title>" in read(app, "es/2025-01-02-alpha.html")
