"""``-b gettext``: one message catalog per note, from the note's source text only.

Sphinx's catalog builder files a document's messages under
``docname_to_domain(docname, gettext_compact)``, which would put a note's page
in each language into that language's catalog (``es.pot``, ``fr.pot``, ...).
Here each note's messages come from its source language's page alone, into
``notes/<slug>.pot``; the generated language index pages (a language's name)
give none; ordinary documents are left to Sphinx.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.gettext import MessageCatalogBuilder

from .._core.pofiles import note_domain
from .state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


class NotesCatalogBuilder(MessageCatalogBuilder):
    """Sphinx's gettext builder, with a catalog per note."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Extract an ordinary document as Sphinx does, a note into its own catalog."""
        catalog = notes_state(self.env).catalog
        found = catalog.by_docname.get(docname)
        if catalog.index_language(docname) and self._generated(docname):
            return  # a language's name and a list of notes: nothing to translate
        if found is None:
            super().write_doc(docname, doctree)
            return
        group, lang = found
        if lang != catalog.source_language(group):
            return
        # Sphinx takes a string gettext_compact as the one domain of every document.
        compact = self.config.gettext_compact
        self.config.gettext_compact = note_domain(group.slug)
        try:
            super().write_doc(docname, doctree)
        finally:
            self.config.gettext_compact = compact

    def _generated(self, docname: str) -> bool:
        """Whether *docname* is a language index page the extension wrote."""
        pages = notes_state(self.env).pages_dir.resolve()
        return Path(self.env.doc2path(docname)).resolve().is_relative_to(pages)


def setup_gettext(app: Sphinx) -> None:
    """Take over Sphinx's ``gettext`` builder."""
    app.add_builder(NotesCatalogBuilder, override=True)
