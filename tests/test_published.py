"""Next to the extensions a published site adds: sphinx-sitemap and sphinxext-opengraph."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import read, translations

BASE = "https://notes.example.org/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
published = pytest.mark.sphinx(
    "html",
    testroot="basic",
    freshenv=True,
    confoverrides={
        "extensions": ["sphinxext_notes", "sphinx_sitemap", "sphinxext.opengraph"],
        "html_baseurl": BASE,
    },
)


def note_pages(app) -> set[str]:
    return {
        entry["page"]
        for note in translations(app)["notes"]
        for entry in note["translations"].values()
    }


def with_fallback_pages(make_app, copy_root, extension: str, base: str = BASE):
    """The basic root built with fallback pages and *extension*, at *base*."""
    app = make_app(
        "html",
        srcdir=copy_root("basic"),
        confoverrides={
            "extensions": ["sphinxext_notes", extension],
            "html_baseurl": base,
            "notes_fallback": "original",
        },
    )
    app.build()
    return app


def meta(html: str, prop: str) -> str:
    return re.search(rf'<meta property="{prop}" content="([^"]*)"', html).group(1)


@published
def test_sitemap_lists_every_note_page_at_its_own_url(app):
    app.build()
    urls = ElementTree.parse(Path(app.outdir, "sitemap.xml")).getroot()
    locs = {url.findtext(f"{SITEMAP}loc") for url in urls}
    assert {BASE + page for page in note_pages(app)} <= locs
    assert all(Path(app.outdir, loc.removeprefix(BASE)).is_file() for loc in locs)


@published
def test_sitemap_has_no_alternates_that_lead_nowhere(make_app, copy_root):
    srcdir = copy_root("basic")
    (srcdir / "locales" / "de").mkdir(parents=True)  # sphinx-sitemap's locale detection
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={
            "extensions": ["sphinxext_notes", "sphinx_sitemap"],
            "html_baseurl": BASE,
        },
    )
    app.build()
    assert "alternate" not in read(app, "sitemap.xml")


@published
def test_open_graph_url_and_locale_are_the_pages_own(app):
    app.build()
    for page, locale in [
        ("es/2025-01-02-alpha.html", "es_ES"),
        ("zh-Hant/2025-01-02-alpha.html", "zh_TW"),
        ("ar/index.html", "ar_EG"),
        ("index.html", "en_US"),
    ]:
        html = read(app, page)
        assert meta(html, "og:url") == BASE + page
        assert meta(html, "og:locale") == locale


@published
def test_open_graph_describes_a_fallback_page_as_the_page_it_shows(make_app, copy_root):
    app = with_fallback_pages(make_app, copy_root, "sphinxext.opengraph")
    html = read(app, "ar/beta.html")
    assert meta(html, "og:url") == BASE + "en/beta.html"
    assert meta(html, "og:locale") == "en_US"
    assert meta(read(app, "es/beta.html"), "og:url") == BASE + "es/beta.html"


@published
def test_open_graph_url_of_a_fallback_page_under_a_base_without_a_final_slash(make_app, copy_root):
    app = with_fallback_pages(make_app, copy_root, "sphinxext.opengraph", BASE + "site")
    html = read(app, "ar/beta.html")
    assert meta(html, "og:url") == BASE + "site/en/beta.html"
    assert 'rel="canonical" href="' + BASE + 'site/en/beta.html"' in html


@published
def test_open_graph_description_is_the_note_not_the_notice(app):
    app.build()
    html = read(app, "es/2025-01-02-alpha.html")
    assert "notes-machine-translation" in html
    assert meta(html, "og:description").startswith("Primera parte")


@published
def test_sitemap_leaves_fallback_pages_out(make_app, copy_root):
    app = with_fallback_pages(make_app, copy_root, "sphinx_sitemap")
    locs = {
        url.findtext(f"{SITEMAP}loc")
        for url in ElementTree.parse(Path(app.outdir, "sitemap.xml")).getroot()
    }
    assert BASE + "es/beta.html" in locs
    assert BASE + "ar/2025-01-02-alpha.html" in locs
    assert BASE + "ar/beta.html" not in locs  # a fallback page
    assert Path(app.outdir, "ar/beta.html").is_file()
