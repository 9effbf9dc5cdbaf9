"""The site title in a page's language: the "— <project> documentation" of ``<title>``.

Sphinx builds ``html_title`` once, in the build's language, and themes put it
after every page's title (and in headers and sidebars). On note pages and
language indexes, its default is written from Sphinx's catalog for the page's
language instead, as the rest of the page's chrome is; a title that ``conf.py``
sets is left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..._core import languages
from ..i18n import translations
from ..state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Sphinx's default ``html_title``, filled with the project and its release.
DEFAULT_TITLE = "%s %s documentation"


def _default_title(config: Config, lang: str) -> str:
    return translations("sphinx", lang).gettext(DEFAULT_TITLE) % (config.project, config.release)


def title_in_page_language(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give a note page or language index the default site title in its own language."""
    catalog = notes_state(app.env).catalog
    lang = catalog.page_language(pagename)
    if lang is None:
        return
    build_language = languages.normalise(app.config.language or "") or "en"
    built = _default_title(app.config, build_language)
    if context.get("docstitle") != built:
        return  # html_title is set in conf.py
    title = _default_title(app.config, lang)
    context["docstitle"] = title
    if context.get("shorttitle") == built:
        context["shorttitle"] = title
