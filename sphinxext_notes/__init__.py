"""Multilingual notes for Sphinx: one document tree per language, in one build.

The public surface is :func:`setup` (``extensions = ["sphinxext_notes"]``), the
``notes_*`` configuration values (:class:`~sphinxext_notes.config.NotesConfig`),
the directives (:mod:`sphinxext_notes.directives`), the ``note`` role and the
notes domain (:mod:`sphinxext_notes.domain`), and the templates' ``note`` and
``notes_switcher`` context. Modules whose names start with ``_`` are internal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._core.catalog import FORMAT_VERSION
from .config import NotesConfig, setup_config

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"
__all__ = ["NotesConfig", "setup"]


def setup(app: Sphinx) -> dict[str, object]:
    """Set up the extension.

    The feature modules are imported here, not above, so that the command line
    (``python -m sphinxext_notes``) starts without Sphinx's builders.
    """
    from ._sphinx.bidi import setup_bidi
    from ._sphinx.books import setup_books
    from ._sphinx.catalogs import setup_catalogs
    from ._sphinx.epub import setup_epub
    from ._sphinx.fallback import setup_fallback
    from ._sphinx.gettext import setup_gettext
    from ._sphinx.html import setup_html
    from ._sphinx.incremental import setup_incremental
    from ._sphinx.latex import setup_latex
    from ._sphinx.opengraph import setup_opengraph
    from ._sphinx.parser import setup_parser
    from ._sphinx.project import setup_project
    from ._sphinx.render import setup_render
    from ._sphinx.search import setup_search
    from ._sphinx.singlehtml import setup_singlehtml
    from ._sphinx.sitemap import setup_sitemap
    from .directives import setup_directives
    from .domain import setup_domain

    setup_config(app)
    setup_project(app)
    setup_parser(app)
    setup_catalogs(app)
    setup_domain(app)
    setup_directives(app)
    setup_render(app)
    setup_fallback(app)
    setup_bidi(app)
    setup_html(app)
    setup_sitemap(app)
    setup_opengraph(app)
    setup_gettext(app)
    setup_incremental(app)
    setup_books(app)
    setup_epub(app)
    setup_latex(app)
    setup_singlehtml(app)
    setup_search(app)
    return {
        "version": __version__,
        "env_version": FORMAT_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
