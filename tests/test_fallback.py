"""Fallback pages (``notes_fallback = "original"``): every language's tree is complete."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

from conftest import assert_same_site, read, translations
from test_incremental import build, touch

FALLBACK = {"notes_fallback": "original"}
#: Pages of test-basic that have no file: the note is shown in English.
FALLBACK_PAGES = {
    "ar/beta",
    "ar/gamma",
    "es/gamma",
    "fr/2025-01-02-alpha",
    "fr/beta",
    "zh-Hant/beta",
    "zh-Hant/gamma",
}


def fallback_site(make_app, srcdir: Path, **kwargs):
    with (srcdir / "conf.py").open("a") as conf:
        conf.write('notes_fallback = "original"\n')
    return build(make_app, srcdir, **kwargs)


def test_every_language_has_every_note_and_fallback_pages_are_listed(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    found = {
        f"{lang}/{page['page'].rpartition('/')[2].removesuffix('.html')}"
        for note in translations(app)["notes"]
        for lang, page in note["fallbacks"].items()
        if page["shows"] == "en"
    }
    assert found == FALLBACK_PAGES
    assert all(Path(app.outdir, f"{page}.html").is_file() for page in FALLBACK_PAGES)


def test_without_fallback_a_missing_note_has_no_page(make_app, copy_root):
    app = build(make_app, copy_root("basic"))
    assert not Path(app.outdir, "ar/beta.html").exists()
    assert all(note["fallbacks"] == {} for note in translations(app)["notes"])


def test_a_fallback_page_is_noindex_with_a_canonical_link_to_the_page_it_shows(make_app, copy_root):
    srcdir = copy_root("basic")
    with (srcdir / "conf.py").open("a") as conf:
        conf.write('html_baseurl = "https://notes.example.org/"\n')
    app = fallback_site(make_app, srcdir)
    page = read(app, "ar/beta.html")
    assert '<meta name="robots" content="noindex" />' in page
    assert re.findall(r'<link rel="canonical" href="([^"]*)"', page) == [
        "https://notes.example.org/en/beta.html"
    ]
    translated = read(app, "es/beta.html")
    assert "noindex" not in translated
    assert '<link rel="canonical" href="https://notes.example.org/es/beta.html"' in translated


def test_without_a_base_url_the_canonical_link_is_relative(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    assert '<link rel="canonical" href="../en/beta.html" />' in read(app, "ar/beta.html")
    assert "canonical" not in read(app, "es/beta.html")


def test_no_alternate_link_leads_to_a_fallback_page(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    alternates = set()
    for path in Path(app.outdir).rglob("*.html"):
        for href in re.findall(
            r'<link rel="alternate" hreflang="[^"]*" href="([^"]*)"', path.read_text()
        ):
            alternates.add((path.parent / href).resolve().relative_to(Path(app.outdir).resolve()))
    assert Path("en/beta.html") in alternates  # the test sees alternates at all
    assert alternates.isdisjoint(Path(f"{page}.html") for page in FALLBACK_PAGES)


def test_an_arabic_fallback_page_has_rtl_chrome_around_an_ltr_body(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    page = read(app, "ar/beta.html")
    assert '<html lang="ar" dir="rtl"' in page
    assert '<h1 class="notes-ltr"><bdi lang="en" dir="ltr">Beta</bdi>' in page
    notice, _, body = page.partition('<div class="notes-content" lang="en" dir="ltr">')
    assert "Beta body" in body
    assert "Beta body" not in notice
    # the notice, in Arabic, and the switcher, with Arabic current, stay in the page's language
    assert "لم تُترجم هذه الصفحة بعد" in notice
    assert '<li class="notes-current" lang="ar">' in notice


def test_references_on_a_language_page_lead_to_its_fallback_page(make_app, copy_root):
    srcdir = copy_root("basic")
    arabic = srcdir / "_notes/ar/2025-01-02-alpha-ar.md"
    arabic.write_text(arabic.read_text() + "\n{note}`beta`\n")
    app = fallback_site(make_app, srcdir)
    page = read(app, "ar/2025-01-02-alpha.html")
    assert re.search(
        r'<a class="reference internal" href="beta.html"><span class="xref notes-note '
        r'notes-other-language"><bdi lang="en" dir="ltr">Beta</bdi>'
        r'<span class="notes-lang-mark"> \[en\]</span>',
        page,
    )
    # a page with its own translation is linked as before
    assert 'href="beta.html"><span class="xref notes-note"><bdi lang="es"' in read(
        app, "es/2025-01-02-alpha.html"
    )


def test_the_index_lists_fallback_pages_marked_with_their_language(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    index = read(app, "ar/index.html")
    assert re.search(
        r'href="beta.html"><span class="notes-other-language"><bdi lang="en" dir="ltr">Beta'
        r'</bdi><span class="notes-lang-mark"> \[en\]</span>',
        index,
    )
    assert re.search(r'href="2025-01-02-alpha.html"><bdi lang="ar" dir="rtl">', index)


def test_the_dashboard_counts_a_fallback_page_as_missing_and_links_it(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    table = read(app, "index.html")
    assert (
        '<td class="notes-missing notes-fallback"><p>'
        '<a class="reference internal" href="ar/beta.html">' in table
    )
    # coverage: Arabic has one of three notes, fallback pages or not
    assert "العربية (ar): up to date: 1, machine-translated: 0, outdated: 0, missing: 2" in table


def test_a_fallback_page_is_kept_out_of_its_languages_search(make_app, copy_root):
    app = fallback_site(make_app, copy_root("basic"))
    text = read(app, "ar/searchindex.js")
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert index["docnames"] == ["2025-01-02-alpha", "index"]


def test_parallel_incremental_and_serial_builds_give_the_same_fallback_site(
    make_app, copy_root, tmp_path
):
    serial = fallback_site(make_app, copy_root("basic"))
    other = tmp_path / "parallel"
    shutil.copytree(Path(serial.srcdir), other, ignore=shutil.ignore_patterns("_build"))
    parallel = build(make_app, other, parallel=2)
    assert_same_site(serial.outdir, parallel.outdir)
    # a translation replaces a fallback page, though its file is older than the last build
    spanish = other / "_notes/es/gamma.es.md"
    spanish.write_text(
        "---\ntitle: Gamma en español\nlang: es\ntranslated: true\n---\n\n## Cuerpo\n"
    )
    old = (other / "notes/gamma.en.md").stat().st_mtime_ns
    os.utime(spanish, ns=(old, old))
    touch(other / "notes/beta.md", (other / "notes/beta.md").read_text() + "\nMore.\n")
    incremental = build(make_app, other)
    assert "es/gamma" in incremental.read
    assert "ar/beta" in incremental.read  # its source changed
    assert "Cuerpo" in read(incremental, "es/gamma.html")
    clean_src = tmp_path / "clean"
    shutil.copytree(other, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(make_app, clean_src)
    assert_same_site(clean.outdir, incremental.outdir)


def test_a_warning_about_a_source_is_given_once_not_by_each_fallback_page(make_app, copy_root):
    srcdir = copy_root("basic")
    beta = srcdir / "notes/beta.md"
    beta.write_text(beta.read_text() + "\n{note}`no-such-note`\n\n```{no-such-directive}\n```\n")
    said = fallback_site(make_app, srcdir).warning.getvalue()
    assert said.count("no-such-note") == 1
    assert said.count("no-such-directive") == 1
