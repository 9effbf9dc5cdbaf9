"""The HTML side: page context, switcher, sidebar, source links, labels, site title,
``translations.json``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .context import page_context
from .labels import translate_body_labels
from .switcher import language_switcher, visit_language_switcher
from .title import title_in_page_language
from .translations_json import write_translations_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = Path(__file__).parents[2] / "static"
TEMPLATES = Path(__file__).parents[2] / "templates"


def add_templates(app: Sphinx, config: Config) -> None:
    """Offer ``notes-switcher.html`` to ``html_sidebars`` and theme components."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def read_the_docs_baseurl(app: Sphinx, config: Config) -> None:
    """On Read the Docs, default ``html_baseurl`` to the build's canonical URL.

    Sphinx then writes ``<link rel="canonical">`` and the alternates become absolute.
    """
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    if canonical and not config.html_baseurl:
        config.html_baseurl = canonical


def add_static(app: Sphinx, config: Config) -> None:
    """Ship ``notes.css`` (before the environment compares configurations)."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup_html(app: Sphinx) -> None:
    """Connect the HTML events."""
    app.connect("config-inited", add_templates)
    app.connect("config-inited", read_the_docs_baseurl)
    app.connect("config-inited", add_static)
    app.add_css_file("notes.css")
    app.add_node(language_switcher, html=(visit_language_switcher, None))
    app.connect("builder-inited", translate_body_labels)
    app.connect("html-page-context", page_context)
    app.connect("html-page-context", title_in_page_language)
    app.connect("build-finished", write_translations_json)
