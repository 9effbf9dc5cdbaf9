"""sphinxext-opengraph next to the extension: ``og:locale`` and ``og:url`` of each page.

sphinxext-opengraph writes no ``og:locale``, and takes ``og:`` values a page
sets in its metadata (its field list) over its own. Each page's metadata is
given the page's language for it just before sphinxext-opengraph reads it. Its
``og:url`` is ``ogp_site_url`` plus the page's path; without ``ogp_site_url``
(and off Read the Docs) it is relative, so ``html_baseurl`` is used for it. A
fallback page is described as the page it shows, as its canonical link says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from .._core import languages
from .links import Links
from .state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

#: Before sphinxext-opengraph's ``html-page-context`` handler (Sphinx's default 500).
BEFORE_OPENGRAPH = 450


def site_url_from_baseurl(app: Sphinx, config: Config) -> None:
    """Default ``ogp_site_url`` to ``html_baseurl``, so that ``og:url`` is absolute."""
    if "ogp_site_url" in config and not config.ogp_site_url and config.html_baseurl:
        config.ogp_site_url = config.html_baseurl


def locale_of_the_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Put the page's language in its metadata as ``og:locale``, unless the page sets one.

    A fallback page is described as the page it shows: its text's language, and
    that page's URL. sphinxext-opengraph describes pages made from documents (with
    a doctree) only.
    """
    if doctree is None or "ogp_site_url" not in app.config:
        return
    catalog = notes_state(app.env).catalog
    lang = (
        catalog.page_language(pagename)
        or languages.normalise(app.config.language or "")
        or catalog.default_language
    )
    own = {}
    found = catalog.by_docname.get(pagename)
    if found and catalog.via(*found) == "fallback":
        group, lang = found[0], catalog.content_language(*found)
        site = getattr(app.config, "ogp_canonical_url", None) or app.config.ogp_site_url
        url = None
        if not catalog.is_built(lang):  # in another build: its URL, as the canonical link
            url = Links(app.builder, pagename).url(group, lang)
        elif site:
            uri = app.builder.get_target_uri(catalog.docname(group, lang))
            url = urljoin(site.rstrip("/") + "/", uri)
        if url:
            own["og:url"] = url
    own["og:locale"] = languages.open_graph_locale(lang)
    # A copy: the page's metadata in the environment stays as it was read.
    context["meta"] = {**own, **(context.get("meta") or {})}


def setup_opengraph(app: Sphinx) -> None:
    """Connect the Open Graph settings."""
    app.connect("config-inited", site_url_from_baseurl)
    app.connect("html-page-context", locale_of_the_page, priority=BEFORE_OPENGRAPH)
