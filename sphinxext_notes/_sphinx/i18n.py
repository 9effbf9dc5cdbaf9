"""Messages in a page's language: the extension's own catalog and Sphinx's.

Sphinx loads one catalog, for the build's ``language``. A notes site has a
language per page, so translations are looked up per language here, from the
same ``.mo`` files, and handed to the templates and the HTML writer of each page.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path
from typing import Any

import sphinx

from .._core import languages
from .._core.languages import catalog_languages

MESSAGE_CATALOG = "sphinxext_notes"
LOCALE_DIR = Path(__file__).parents[1] / "locale"
SPHINX_LOCALE_DIR = Path(sphinx.__file__).parent / "locale"


@cache
def translations(domain: str, tag: str) -> gettext.NullTranslations:
    """The catalog *domain* (``sphinx`` or ours) in language *tag*, or no-op."""
    folder = SPHINX_LOCALE_DIR if domain == "sphinx" else LOCALE_DIR
    return gettext.translation(
        domain, localedir=folder, languages=catalog_languages(tag), fallback=True
    )


def ours(tag: str) -> gettext.NullTranslations:
    """The extension's own messages in language *tag*."""
    return translations(MESSAGE_CATALOG, tag)


def set_page_language(context: dict[str, Any], lang: str) -> None:
    """Make a page's render context speak *lang*: ``<html lang dir>``, template strings."""
    # Themes write ``<html lang="{{ language }}">`` unescaped, so a validated tag
    # can carry the direction with it (pydata also repeats it in a <meta>, harmlessly).
    context["language"] = f'{lang}" dir="rtl' if languages.is_rtl(lang) else lang
    # Template strings ("Search", "Next", ...) in the page's language: these
    # override the globals that Sphinx installed for the build's language.
    chrome = translations("sphinx", lang)
    context["gettext"], context["ngettext"] = chrome.gettext, chrome.ngettext
