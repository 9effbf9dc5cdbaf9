"""sphinx-sitemap next to the extension: every page at its own URL.

sphinx-sitemap writes ``site_url + sitemap_url_scheme``, and its default scheme,
``{lang}{version}{link}``, puts the build's ``language`` in front of every page:
right for one build per language, wrong when one build writes every language
under ``<lang>/`` (``en/es/<slug>.html``). There, the default becomes ``{link}``,
the page's path under ``html_baseurl`` as in its ``<link rel="canonical">``.
sphinx-sitemap's alternates are one list of locales for the whole site, under a
``{lang}`` prefix, so they cannot say which translations a note has: they are
turned off (``sitemap_locales = [None]``) unless ``conf.py`` lists locales, and
each page's ``<link rel="alternate" hreflang>`` carries its translations.
Fallback pages, ``noindex`` copies of another page, are kept out of the sitemap.
"""

from __future__ import annotations

from glob import escape
from typing import TYPE_CHECKING

from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

#: sphinx-sitemap's default ``sitemap_url_scheme``.
SITEMAP_DEFAULT_SCHEME = "{lang}{version}{link}"


def sitemap_of_all_languages(app: Sphinx, config: Config) -> None:
    """With sphinx-sitemap and every language in one build, list pages at their own URLs."""
    if "sitemap_url_scheme" not in config or config.notes_build != "all":
        return
    if config.sitemap_url_scheme == SITEMAP_DEFAULT_SCHEME:
        config.sitemap_url_scheme = "{link}"
    if not config.sitemap_locales:
        config.sitemap_locales = [None]


def leave_out_fallback_pages(app: Sphinx, env: BuildEnvironment) -> None:
    """Add each fallback page's link, as sphinx-sitemap writes it, to ``sitemap_excludes``.

    sphinx-sitemap reads that list as each page is written, after this.
    """
    if "sitemap_excludes" not in app.config:
        return
    catalog = notes_state(env).catalog
    directories = app.builder.name == "dirhtml"
    suffix = app.config.html_file_suffix or ".html"
    ours = [
        escape(f"{docname}/" if directories else f"{docname}{suffix}")
        for docname in catalog.by_docname
        if catalog.is_fallback(docname)
    ]
    mine = [p for p in app.config.sitemap_excludes if p not in ours]
    app.config.sitemap_excludes = [*mine, *ours]


def setup_sitemap(app: Sphinx) -> None:
    """Connect the sitemap settings."""
    app.connect("config-inited", sitemap_of_all_languages)
    app.connect("env-updated", leave_out_fallback_pages)
