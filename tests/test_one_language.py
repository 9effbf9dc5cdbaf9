"""``notes_build = "current"``: one language per build, as Read the Docs translations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import read

URL = "https://demo.readthedocs.io/{lang}/latest/"
SPANISH = {"language": "es", "notes_build": "current", "notes_language_url": URL}


@pytest.fixture
def app(make_app, copy_root):
    """The basic root built in Spanish only, its front page listing the one index."""
    return one_language_app(make_app, copy_root, SPANISH)


def one_language_app(make_app, copy_root, overrides):
    srcdir = copy_root("basic")
    index = srcdir / "index.md"
    index.write_text(index.read_text().replace("*/index", "notes"))
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app


def test_only_the_builds_language_at_language_neutral_paths(app, warning):
    out = Path(app.outdir)
    assert (out / "2025-01-02-alpha.html").is_file()
    assert (out / "beta.html").is_file()
    assert (out / "notes.html").is_file()
    assert not (out / "gamma.html").exists()  # gamma has no Spanish translation
    assert not (out / "es").exists() and not (out / "en").exists()
    assert warning.getvalue() == ""


def test_switcher_links_the_sibling_projects(app):
    html = read(app, "2025-01-02-alpha.html")
    switcher = re.search(r'<nav class="notes-switcher".*?</nav>', html).group()
    assert 'href="https://demo.readthedocs.io/en/latest/2025-01-02-alpha.html"' in switcher
    assert 'href="https://demo.readthedocs.io/zh-hant/latest/2025-01-02-alpha.html"' in switcher
    assert '<strong aria-current="page"><bdi lang="es" dir="ltr">Español</bdi></strong>' in switcher


def test_alternates_point_at_the_sibling_projects(app):
    html = read(app, "2025-01-02-alpha.html")
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert links["es"] == "2025-01-02-alpha.html"
    assert links["ar"] == "https://demo.readthedocs.io/ar/latest/2025-01-02-alpha.html"
    assert links["x-default"] == "https://demo.readthedocs.io/en/latest/2025-01-02-alpha.html"


def test_references_to_missing_translations_go_to_the_sibling_project(app):
    html = read(app, "2025-01-02-alpha.html")
    assert re.search(
        r'href="https://demo.readthedocs.io/en/latest/gamma.html".*?notes-other-language', html
    )


def test_translations_json_has_pages_of_this_build_only(app):
    notes = {n["key"]: n for n in json.loads(read(app, "translations.json"))["notes"]}
    alpha = notes["2025-01-02-alpha"]["translations"]
    assert alpha["es"]["page"] == "2025-01-02-alpha.html"
    assert alpha["en"]["page"] is None


def test_without_a_language_url_other_languages_are_not_linked(make_app, copy_root):
    overrides = {"language": "es", "notes_build": "current"}
    app = one_language_app(make_app, copy_root, overrides)
    html = read(app, "2025-01-02-alpha.html")
    switcher = re.search(r'<nav class="notes-switcher".*?</nav>', html).group()
    assert "href=" not in switcher
    assert 'hreflang="en"' not in html


def test_language_url_defaults_from_read_the_docs(monkeypatch):
    from sphinxext_notes.config import _read_the_docs_language_url

    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://demo.readthedocs.io/pt-br/latest/")
    monkeypatch.setenv("READTHEDOCS_LANGUAGE", "pt-br")
    assert _read_the_docs_language_url() == "https://demo.readthedocs.io/{lang}/latest/"
