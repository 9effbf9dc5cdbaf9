"""Catalog pages: a note's source text with one language's compiled catalog applied.

Sphinx translates a build into one ``language``, with the catalogs of its
``locale_dirs``, in its :class:`~sphinx.transforms.i18n.Locale` transform. A notes
build has a language per page, so for a page that a catalog translates (see
:meth:`~sphinxext_notes._core.catalog.Catalog.via`) that same transform is run with
the page's language and the note's catalog, ``notes/<slug>``: fuzzy entries are not
in the ``.mo``, and untranslated messages stay in the source language, as Sphinx has
them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import locale
from sphinx.transforms import SphinxTransform
from sphinx.transforms.i18n import Locale
from sphinx.util import logging
from sphinx.util.nodes import extract_messages

from .._core.pofiles import note_domain
from .._core.problems import WARNING_TYPE, Kind
from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .._core.message_catalogs import MessageCatalog

logger = logging.getLogger(__name__)


class CatalogPage(SphinxTransform):
    """Translate a catalog page with its language's catalog, by Sphinx's own transform."""

    #: Just before Sphinx's own Locale transform (20), which finds no catalog for a note page.
    default_priority = 19

    def apply(self, **kwargs: Any) -> None:
        """Apply the page's catalog, if it is a catalog page."""
        catalog = notes_state(self.env).catalog
        found = catalog.by_docname.get(self.env.docname)
        if found is None or catalog.via(*found) != "gettext":
            return
        group, lang = found
        used = catalog.message_catalog(group, lang)
        if used is None or Path(self.document["source"]) != self.env.doc2path(self.env.docname):
            return
        self.env.note_dependency(Path(self.env.srcdir, used.mo))
        self._lost_messages(used, catalog.shown(group, lang).source)
        config, domain = self.config, note_domain(group.slug)
        language, compact, dirs = config.language, config.gettext_compact, config.locale_dirs
        # Sphinx keeps one translator per domain, whatever its language: none is kept here.
        locale.translators.pop(("general", domain), None)
        config.language, config.gettext_compact = used.locale, domain
        config.locale_dirs = [used.locale_dir]
        try:
            Locale(self.document).apply()
        finally:
            config.language, config.gettext_compact, config.locale_dirs = language, compact, dirs
            locale.translators.pop(("general", domain), None)

    def _lost_messages(self, used: MessageCatalog, source: str) -> None:
        """Warn of translated entries for messages the note no longer has."""
        current = {message for _node, message in extract_messages(self.document)}
        lost = [(msgid, line) for msgid, line in used.entries if msgid not in current]
        if lost and used.po:
            msgid, line = lost[0]
            logger.warning(
                "%d translated message(s) no longer in %s, the first %r: run sphinx-intl "
                "update (they become obsolete) and translate what is new",
                len(lost),
                source,
                msgid[:60],
                location=f"{Path(self.env.srcdir, used.po)}:{line}",
                type=WARNING_TYPE,
                subtype=Kind.GETTEXT,
            )


def setup_catalogs(app: Sphinx) -> None:
    """Register the transform."""
    app.add_transform(CatalogPage)
