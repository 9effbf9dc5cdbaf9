"""In a real browser, in each theme: switch language through the page's own switcher."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sphinxext_notes._sphinx.search_languages import search_language_class

CHROMIUM = Path("/usr/bin/chromium")
THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
#: Where screenshots go: $NOTES_ARTIFACTS, else tests/artifacts (not committed).
ARTIFACTS = Path(os.environ.get("NOTES_ARTIFACTS", Path(__file__).parent / "artifacts"))
EXAMPLE = Path(__file__).parents[1] / "example_docs"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium (see .ci/run)")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


#: Where each theme can show the switcher instead of the page body.
PLACES = {
    "furo": {
        "html_sidebars": {
            "**": [
                "sidebar/brand.html",
                "sidebar/search.html",
                "notes-switcher.html",
                "sidebar/scroll-start.html",
                "sidebar/navigation.html",
                "sidebar/scroll-end.html",
            ]
        }
    },
    "pydata_sphinx_theme": {"html_theme_options": {"navbar_end": ["notes-switcher.html"]}},
    "sphinx_book_theme": {"html_theme_options": {"article_header_end": ["notes-switcher.html"]}},
}
CASES = [(theme, "body") for theme in THEMES] + [(theme, "theme") for theme in PLACES]


@pytest.mark.parametrize(("theme", "place"), CASES)
def test_switching_language_lands_on_the_same_note(browser, make_app, copy_root, theme, place):
    overrides = {"html_theme": theme}
    if place == "theme":
        overrides |= {"notes_switcher_in_body": False, **PLACES[theme]}
    app = make_app("html", srcdir=copy_root("basic"), confoverrides=overrides)
    app.build()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((Path(app.outdir) / "es" / "2025-01-02-alpha.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "es"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{theme}-{place}-es.png")
    switcher = page.locator("nav.notes-switcher").locator("visible=true")
    assert switcher.count() == 1
    switcher.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/2025-01-02-alpha.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().startswith("Alpha")
    page.screenshot(path=ARTIFACTS / f"{theme}-{place}-en.png")
    page.close()


#: A note in six languages, each with a word no other note of its language has:
#: (language, title, text, what a reader types). Spanish types another form of the word;
#: Hindi has vowel signs and viramas, Arabic diacritics, Chinese and Japanese no spaces.
PROBES = [
    ("en", "Marmalade", "Bitter marmalade keeps for a year.", "marmalade"),
    ("es", "Un protocolo de mermelada", "Este protocolo dura un año.", "protocolos"),
    ("zh", "果酱配方", "苦橙果酱可以保存一年。", "果酱"),
    ("ja", "マーマレードの作り方", "苦いマーマレードは一年もちます。", "マーマレード"),
    ("hi", "मुरब्बा बनाने की विधि", "कड़वा मुरब्बा एक साल तक चलता है।", "मुरब्बा"),
    ("ar", "وصفة المربى", "يدوم المُرَبَّى المُرّ سنةً كاملة.", "المربى"),
]


def probe_site(tmp_path: Path) -> Path:
    """The example site plus the probe note in each language."""
    site = tmp_path / "site"
    shutil.copytree(EXAMPLE, site, ignore=shutil.ignore_patterns("_build"))
    for lang, title, text, _ in PROBES:
        note = site / "notes" / f"search-probe.{lang}.md"
        translated = "false" if lang == "en" else "true"
        front = f"title: {title}\nlang: {lang}\ntranslated: {translated}"
        note.write_text(f"---\n{front}\n---\n\n{text}\n", "utf-8")
    return site


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """Serve *folder* over HTTP (search fetches result pages, which file: URLs refuse)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_address[1]}"
        server.shutdown()


def search_from_page(browser, root: str, lang: str, query: str, theme: str) -> list[str]:
    """Type *query* into the search box of a note page in *lang*; the results' URLs."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{root}/{lang}/search-probe.html")
    if theme.startswith(("pydata", "sphinx_book")):
        page.keyboard.press("Control+k")  # the search field is a dialog
    box = page.locator('input[name="q"]').locator("visible=true").first
    box.fill(query)
    box.press("Enter")
    page.wait_for_load_state()
    page.wait_for_function(
        "() => document.querySelector('#search-results .search-summary')?.innerText"
    )
    assert page.locator("html").get_attribute("lang") == lang
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"search-{theme}-{lang}.png")
    links = page.locator("#search-results ul.search li > a")
    urls = [links.nth(i).evaluate("a => a.href") for i in range(links.count())]
    page.close()
    return urls


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_search_box_finds_the_note_in_the_page_language(browser, make_app, tmp_path, theme):
    app = make_app("html", srcdir=probe_site(tmp_path), confoverrides={"html_theme": theme})
    app.build()
    with served(Path(app.outdir)) as root:
        for lang, _, _, query in PROBES:
            urls = search_from_page(browser, root, lang, query, theme)
            assert urls, f"{lang}: nothing found for {query}"
            assert urls[0] == f"{root}/{lang}/search-probe.html", (lang, urls)
            assert all(url.startswith(f"{root}/{lang}/") for url in urls), urls


def test_without_jieba_a_two_character_word_finds_its_chinese_note(
    browser, make_app, tmp_path, monkeypatch
):
    for module in ("search_languages", "search"):
        monkeypatch.setattr(f"sphinxext_notes._sphinx.{module}.has_jieba", lambda: False)
    search_language_class.cache_clear()
    try:
        app = make_app("html", srcdir=probe_site(tmp_path))
        app.build()
    finally:
        search_language_class.cache_clear()
    with served(Path(app.outdir)) as root:
        for query in ("果酱", "苦橙果酱"):  # a word, and a phrase the browser cuts in pairs
            urls = search_from_page(browser, root, "zh", query, "alabaster-pairs")
            assert urls[0] == f"{root}/zh/search-probe.html", (query, urls)
            assert all(url.startswith(f"{root}/zh/") for url in urls), urls


EXAMPLE = Path(__file__).parents[1] / "example_docs"


@pytest.fixture
def example(make_app, tmp_path):
    """The example site, built (it has Arabic, Hindi, Japanese and Chinese pages).

    In alabaster, as ``sphinx-build`` builds it (Sphinx's test app defaults to ``basic``).
    """
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir, confoverrides={"html_theme": "alabaster"})
    app.build()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return Path(app.outdir)


def test_switcher_names_share_a_baseline_in_every_script(browser, example):
    page = browser.new_page()
    page.goto((example / "hi" / "2025-11-07-tcp-vs-udp.html").as_uri())
    page.screenshot(path=ARTIFACTS / "switcher-hi.png")
    # An empty inline-block's bottom edge sits on the baseline of its line.
    baselines = page.evaluate(
        """() => [...document.querySelectorAll('nav.notes-switcher li')].map(li => {
            const mark = document.createElement('span');
            mark.style.display = 'inline-block';
            li.querySelector('bdi').append(mark);
            return mark.getBoundingClientRect().bottom;
        })"""
    )
    page.close()
    assert len(baselines) == 6
    assert max(baselines) - min(baselines) < 0.5


def test_a_date_stays_outside_a_right_to_left_title(browser, example):
    page = browser.new_page()
    page.goto((example / "ar" / "index.html").as_uri())
    page.screenshot(path=ARTIFACTS / "index-ar.png")
    item = page.locator("ul.notes-index li").first
    title = item.locator("a").bounding_box()
    date = item.locator(".notes-date").bounding_box()
    page.close()
    assert date["x"] + date["width"] <= title["x"]  # right to left: the date comes after


def test_an_arabic_fallback_page_reads_left_to_right_inside_right_to_left_chrome(browser, example):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((example / "ar" / "reading-list.html").as_uri())
    page.screenshot(path=ARTIFACTS / "fallback-ar.png", full_page=True)
    direction = "e => getComputedStyle(e).direction"
    # where a block's text starts and ends, and where the block does
    edges = """e => {
        const range = document.createRange();
        range.selectNodeContents(e);
        const text = range.getBoundingClientRect(), box = e.getBoundingClientRect();
        return {left: text.left - box.left, right: box.right - text.right};
    }"""
    notice = page.locator(".notes-fallback-notice p")
    body = page.locator(".notes-content section > p").first
    title = page.locator("h1").first
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert notice.evaluate(direction) == "rtl"
    assert body.evaluate(direction) == "ltr"
    assert title.evaluate(direction) == "ltr"
    said, text, heading = notice.evaluate(edges), body.evaluate(edges), title.evaluate(edges)
    page.close()
    assert said["right"] < 1 < said["left"]  # Arabic starts at the right
    assert text["left"] < 1 < text["right"]  # the English body at the left
    assert heading["left"] < 1 < heading["right"]


def test_an_arabic_search_speaks_arabic_and_its_excerpt_leaves_the_switcher_out(browser, example):
    with served(example) as root:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{root}/ar/search.html?q=بروتوكول")
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.innerText"
        )
        page.wait_for_function("() => document.querySelector('#search-results p.context')")
        page.screenshot(path=ARTIFACTS / "search-ar-example.png")
        summary = page.locator("#search-results .search-summary").inner_text()
        excerpt = page.locator("#search-results p.context").first.inner_text()
        page.close()
    assert summary == "انتهى البحث، عُثر على صفحة واحدة تطابق الاستعلام."
    assert "بروتوكول" in excerpt
    assert "English" not in excerpt and "Español" not in excerpt  # the switcher's names


@pytest.mark.parametrize("width", [1280, 390])
def test_the_dashboard_fits_the_page_and_its_table_scrolls_within_it(browser, example, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    with served(example) as root:
        page.goto(f"{root}/index.html")
        page.locator(".notes-dashboard").screenshot(path=ARTIFACTS / f"dashboard-{width}.png")
        page_width = page.evaluate("() => document.documentElement.scrollWidth")
        table, frame, right, scrolls = page.evaluate(
            """() => { const t = document.querySelector('.notes-table');
                       return [t.scrollWidth, t.clientWidth, t.getBoundingClientRect().right,
                               getComputedStyle(t).overflowX]; }"""
        )
        page.close()
    assert page_width == width  # nothing, the hidden state words included, widens the page
    assert right <= width and scrolls == "auto"  # a wider table scrolls inside its frame
    if width == 1280:
        assert table <= frame  # 8 languages fit alabaster's 660 px column
