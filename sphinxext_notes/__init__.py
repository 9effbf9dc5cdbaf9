"""Multilingual notes for Sphinx: one document tree per language, in one build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._sphinx.gettext import setup_gettext
from ._sphinx.html import setup_html
from ._sphinx.incremental import on_env_get_updated
from ._sphinx.parser import setup_parser
from ._sphinx.project import exclude_notes, install_project, interleave_languages, place_notes
from ._sphinx.render import setup_render
from .config import setup_config
from .directives import setup_directives
from .domain import setup_domain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, object]:
    """Set up the extension."""
    setup_config(app)
    setup_parser(app)
    setup_domain(app)
    setup_directives(app)
    setup_render(app)
    setup_html(app)
    setup_gettext(app)
    app.connect("config-inited", exclude_notes)
    app.connect("builder-inited", install_project)
    app.connect("env-updated", place_notes)
    app.connect("env-updated", interleave_languages)
    app.connect("env-get-updated", on_env_get_updated)
    return {
        "version": __version__,
        "env_version": 2,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
