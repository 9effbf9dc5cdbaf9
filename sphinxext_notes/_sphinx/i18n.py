"""Messages in a page's language: the extension's own catalog and Sphinx's.

Sphinx loads one catalog, for the build's ``language``. A notes site has a
language per page, so translations are looked up per language here, from the
same ``.mo`` files, and handed to the templates and the HTML writer of each page.
Where Sphinx's catalog leaves one of its messages untranslated in a language
("Link to this heading" in Spanish, "Navigation" in Arabic), the extension's own
``sphinx`` catalog supplies it.
"""

from __future__ import annotations

import gettext
import json
from functools import cache
from pathlib import Path
from typing import Any

import sphinx
from babel.messages.mofile import read_mo

from .._core import languages
from .._core.languages import catalog_languages

MESSAGE_CATALOG = "sphinxext_notes"
LOCALE_DIR = Path(__file__).parents[1] / "locale"
SPHINX_LOCALE_DIR = Path(sphinx.__file__).parent / "locale"


@cache
def translations(domain: str, tag: str) -> gettext.NullTranslations:
    """The catalog *domain* (``sphinx`` or ours) in language *tag*, or no-op.

    Sphinx's messages fall back on the extension's ``sphinx`` catalog.
    """
    names = catalog_languages(tag)
    ours = gettext.translation(domain, localedir=LOCALE_DIR, languages=names, fallback=True)
    if domain != "sphinx":
        return ours
    found = gettext.translation(domain, localedir=SPHINX_LOCALE_DIR, languages=names, fallback=True)
    found.add_fallback(ours)
    return found


def js_messages(tag: str) -> str:
    """Sphinx's JavaScript messages ("Search Results", ...) in *tag*, if it has them.

    A call of ``Documentation.addTranslations``, for a page's ``language_data.js``.
    """
    for name in catalog_languages(tag):
        path = SPHINX_LOCALE_DIR / name / "LC_MESSAGES" / "sphinx.js"
        if path.is_file():
            text = path.read_text("utf-8")
            catalog = json.loads(text[text.index("(") + 1 : text.rindex(")")])
            # Untranslated messages are empty strings there: ours, else English.
            messages = {**_supplement(name), **_translated(catalog["messages"])}
            catalog["messages"] = dict(sorted(messages.items()))
            # A plural expression such as ``(n != 1)`` gives a boolean: make it an index.
            catalog["plural_expr"] = f"+({catalog['plural_expr']})"
            return f"Documentation.addTranslations({json.dumps(catalog, ensure_ascii=False)});\n"
    return ""


def _translated(messages: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
    return {k: v for k, v in messages.items() if v and (isinstance(v, str) or all(v))}


def _supplement(name: str) -> dict[str, str | list[str]]:
    """The extension's translations of Sphinx's messages in catalog language *name*."""
    path = LOCALE_DIR / name / "LC_MESSAGES" / "sphinx.mo"
    if not path.is_file():
        return {}
    with path.open("rb") as file:
        catalog = read_mo(file)
    # A plural message's id and strings are lists here (a key is the singular).
    return _translated(
        {
            message.id if isinstance(message.id, str) else message.id[0]: (
                message.string if isinstance(message.string, str) else list(message.string)
            )
            for message in catalog
            if message.id and message.string
        }
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
