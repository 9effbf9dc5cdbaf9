"""In a real browser, in each theme: switch language through the page's own switcher."""

from __future__ import annotations

import os
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


@pytest.mark.parametrize("theme", THEMES)
def test_switching_language_lands_on_the_same_note(browser, make_app, copy_root, theme):
    app = make_app("html", srcdir=copy_root("basic"), confoverrides={"html_theme": theme})
    app.build()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((Path(app.outdir) / "es" / "2025-01-02-alpha.html").as_uri())
    assert page.locator("html").get_attribute("lang") == "es"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{theme}-es.png")
    switcher = page.locator("nav.notes-switcher")
    assert switcher.is_visible()
    switcher.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/en/2025-01-02-alpha.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").first.inner_text().startswith("Alpha")
    page.screenshot(path=ARTIFACTS / f"{theme}-en.png")
    page.close()
