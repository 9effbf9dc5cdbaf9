"""EPUB: each page says its language and direction, as HTML pages do.

Sphinx's EPUB 3 builder writes one ``<html>`` tag, without ``lang``, for every
page of the book. A notes book holds every language, so each page gets its own
``lang``, ``xml:lang`` and, for right-to-left languages, ``dir="rtl"``. The
notes' place in the table of contents comes from :mod:`.books`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.builders.epub3 import Epub3Builder

from .._core import languages
from .state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def page_language(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the page's language and direction on its ``<html>`` tag."""
    builder = app.builder
    if not isinstance(builder, Epub3Builder):
        return
    catalog = notes_state(app.env).catalog
    lang = (
        catalog.page_language(pagename)
        or languages.normalise(app.config.epub_language)
        or catalog.default_language
    )
    direction = ' dir="rtl"' if languages.is_rtl(lang) else ""
    context["html_tag"] = f'{builder.html_tag[:-1]} lang="{lang}" xml:lang="{lang}"{direction}>'


def setup_epub(app: Sphinx) -> None:
    """Connect the EPUB page language."""
    app.connect("html-page-context", page_language)
