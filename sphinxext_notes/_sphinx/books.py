"""Builders that make one book of many pages: LaTeX, EPUB and singlehtml.

They follow toctrees: the LaTeX and singlehtml builders inline the documents
that a toctree node lists, and EPUB's table of contents follows the tables of
contents in the environment. No toctree node lists the notes (see
:func:`~sphinxext_notes._sphinx.project.place_notes`), so for these builders
alone each language index lists its notes in a toctree: in the doctree as the
LaTeX and singlehtml builders load it, and in the environment's tables of
contents for EPUB. HTML builders never see it, so no page's sidebar copies the
collection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders._epub_base import EpubBuilder
from sphinx.builders.latex import LaTeXBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .._core.catalog import Catalog

#: The builders that inline the documents a toctree lists.
INLINING_BUILDERS = (LaTeXBuilder, SingleFileHTMLBuilder)
#: Marks the toctrees added here, to find them again in the environment.
MARK = "notes_book"


def notes_toctree(catalog: Catalog, lang: str, *, hidden: bool) -> addnodes.toctree:
    """A toctree of a language's notes, newest first, as the index lists them.

    Fallback pages are left out: a book in a language holds its translations.
    """
    index = catalog.index(lang)
    children = [
        catalog.docname(g, lang)
        for g in catalog.listing(lang)
        if catalog.via(g, lang) != "fallback"
    ]
    toctree = addnodes.toctree(
        parent=index,
        entries=[(None, child) for child in children],
        includefiles=children,
        maxdepth=-1,
        glob=False,
        hidden=hidden,
        includehidden=False,
        numbered=0,
        titlesonly=False,
        caption=None,
    )
    toctree[MARK] = True
    return toctree


def _append(doctree: nodes.document, toctree: addnodes.toctree) -> None:
    """Put *toctree* at the end of the page's first section (under the page's title)."""
    section = next(doctree.findall(nodes.section), None)
    (section if section is not None else doctree).append(toctree)


def _append_to_toc(toc: nodes.bullet_list, toctree: addnodes.toctree) -> None:
    """Put *toctree* under the page's title in its table of contents, as Sphinx would."""
    item = next(toc.findall(nodes.list_item), None)
    if item is None:
        toc.append(toctree)
        return
    sublist = next((child for child in item.children if isinstance(child, nodes.bullet_list)), None)
    if sublist is None:
        sublist = nodes.bullet_list()
        item.append(sublist)
    sublist.append(toctree)


def update_tables_of_contents(app: Sphinx, env: BuildEnvironment) -> None:
    """Give the language indexes' tables of contents their notes, for EPUB only.

    (singlehtml's sidebar keeps to the language indexes: the notes' sections
    would link ids that only the page's body makes unique, see :mod:`.singlehtml`.)

    The environment is kept between builds, maybe by another builder: toctrees
    added for an earlier build are taken out first.
    """
    catalog = notes_state(env).catalog
    for lang in catalog.built:
        toc = env.tocs.get(catalog.index(lang))
        if toc is None:
            continue
        for old in [node for node in toc.findall(addnodes.toctree) if node.get(MARK)]:
            parent = old.parent
            parent.remove(old)
            if not parent.children and parent is not toc:
                parent.parent.remove(parent)
        if isinstance(app.builder, EpubBuilder):
            _append_to_toc(toc, notes_toctree(catalog, lang, hidden=False))


def load_indexes_with_notes(app: Sphinx, builder: Builder) -> None:
    """Hand book builders each language index's doctree with its notes' toctree.

    Set when writing starts, after the environment was pickled, and taken away
    when the build ends.
    """
    if not isinstance(builder, INLINING_BUILDERS):
        return
    env = builder.env
    get_doctree = env.get_doctree

    def get_doctree_with_notes(docname: str) -> nodes.document:
        doctree = get_doctree(docname)
        catalog = notes_state(env).catalog
        lang = catalog.index_language(docname)
        if lang is not None:
            _append(doctree, notes_toctree(catalog, lang, hidden=True))
        return doctree

    # This environment's method, wrapped on purpose (taken away in unload).
    env.get_doctree = get_doctree_with_notes  # type: ignore[method-assign]


def unload(app: Sphinx, exception: Exception | None) -> None:
    """Take :func:`load_indexes_with_notes` away, so that the environment pickles."""
    app.env.__dict__.pop("get_doctree", None)


def setup_books(app: Sphinx) -> None:
    """Connect the book builders' toctrees."""
    app.connect("write-started", load_indexes_with_notes)
    app.connect("build-finished", unload)
    app.connect("env-updated", update_tables_of_contents)
