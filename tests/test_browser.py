"""In a real browser, in each theme: switch language through the page's own switcher."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
THEMES = ["alabaster", "furo", "sphinx_rtd_theme", "pydata_sphinx_theme", "sphinx_book_theme"]
#: Where screenshots go: $NOTES_ARTIFACTS, else tests/artifacts (not committed).
ARTIFACTS = Path(os.environ.get("NOTES_ARTIFACTS", Path(__file__).parent / "artifacts"))


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


EXAMPLE = Path(__file__).parents[1] / "example_docs"


@pytest.fixture
def example(make_app, tmp_path):
    """The example site, built (it has Arabic, Hindi, Japanese and Chinese pages)."""
    srcdir = tmp_path / "example"
    shutil.copytree(EXAMPLE, srcdir, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=srcdir)
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
