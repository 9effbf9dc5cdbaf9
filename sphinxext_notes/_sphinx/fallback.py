"""Fallback pages say nothing: a warning about a note's file is said once, by its own page.

A fallback page (:meth:`~sphinxext_notes._core.catalog.Catalog.is_fallback`) is read
and resolved from its source's file, so every warning about that file (an unknown
directive, a reference to no note) would come again, at the same file and line, for
each language that lacks the note. Its reading and resolving are silenced; the
source's own page says them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder


def quiet_reading(app: Sphinx) -> None:
    """Read fallback pages without logging (in the reading process, ``-j`` included)."""
    read_doc = app.builder.read_doc

    def read_doc_quietly(docname: str, **kwargs: Any) -> None:
        if not notes_state(app.env).catalog.is_fallback(docname):
            return read_doc(docname, **kwargs)
        with logging.suppress_logging():
            return read_doc(docname, **kwargs)

    # This builder's method, wrapped on purpose (final to subclasses, not to this).
    app.builder.read_doc = read_doc_quietly  # type: ignore[method-assign,misc]


def quiet_resolving(app: Sphinx, builder: Builder) -> None:
    """Resolve fallback pages without logging; set after the environment is pickled."""
    env = builder.env
    resolve = env.get_and_resolve_doctree

    def resolve_quietly(docname: str, *args: Any, **kwargs: Any) -> nodes.document:
        if not notes_state(env).catalog.is_fallback(docname):
            return resolve(docname, *args, **kwargs)
        with logging.suppress_logging():
            return resolve(docname, *args, **kwargs)

    # This environment's method, wrapped on purpose (taken away in unload).
    env.get_and_resolve_doctree = resolve_quietly  # type: ignore[method-assign]


def unload(app: Sphinx, exception: Exception | None) -> None:
    """Take :func:`quiet_resolving` away, so that the environment pickles."""
    app.env.__dict__.pop("get_and_resolve_doctree", None)


def setup_fallback(app: Sphinx) -> None:
    """Connect the silencing of fallback pages."""
    app.connect("builder-inited", quiet_reading)
    app.connect("write-started", quiet_resolving)
    app.connect("build-finished", unload)
