"""Directives that show the collection: the translation table and a note index."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ._core import languages
from ._core.problems import WARNING_TYPE, Kind
from ._sphinx.state import notes_state
from .domain import NotesDomain

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


class translation_table(nodes.General, nodes.Element):
    """Where the note x language table goes; filled in when the page is written."""


class notes_index(nodes.General, nodes.Element):
    """Where a language's list of notes goes; filled in when the page is written."""


class TranslationTable(SphinxDirective):
    """``notes-translation-table``: every note in every language, and the coverage."""

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder and remember that this page shows the table."""
        cast(NotesDomain, self.env.domains["notes"]).note_table(self.env.docname)
        node = translation_table()
        self.set_source_info(node)
        return [node]


class NotesIndex(SphinxDirective):
    """``notes-index [lang]``: the notes of one language, newest first."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder for the language's list."""
        catalog = notes_state(self.env).catalog
        lang = catalog.language_of(self.env.docname)
        if self.arguments:
            lang = languages.normalise(self.arguments[0]) or self.arguments[0]
            if lang not in catalog.languages:
                logger.warning(
                    "notes-index: no note is in %r: use one of %s",
                    self.arguments[0],
                    ", ".join(catalog.languages),
                    location=self.get_location(),
                    type=WARNING_TYPE,
                    subtype=Kind.LANG,
                )
        cast(NotesDomain, self.env.domains["notes"]).note_index(self.env.docname, lang)
        node = notes_index(lang=lang)
        self.set_source_info(node)
        return [node]


def setup_directives(app: Sphinx) -> None:
    """Register the directives and their placeholder nodes."""
    app.add_node(translation_table)
    app.add_node(notes_index)
    app.add_directive("notes-translation-table", TranslationTable)
    app.add_directive("notes-index", NotesIndex)
