"""Body labels (Note, Warning, ...) in each page's language, also under ``-j``."""

from __future__ import annotations

from gettext import NullTranslations
from typing import TYPE_CHECKING

import sphinx.locale

from ..i18n import translations
from ..state import notes_state

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: The key of Sphinx's translator for its own messages in ``sphinx.locale.translators``.
SPHINX_GENERAL = ("general", "sphinx")


def translate_body_labels(app: Sphinx) -> None:
    """Write each page's body labels (Note, Warning, ...) in the page's language.

    The HTML writer takes them from Sphinx's global translator. ``write_doc``
    writes one page, in the process that writes it (``-j`` included): the
    global points at the page's language for just that long.
    """
    if app.builder.format != "html":
        return
    write_doc = app.builder.write_doc

    def write_doc_in_its_language(docname: str, doctree: nodes.document) -> None:
        catalog = notes_state(app.env).catalog
        lang = catalog.page_language(docname)
        if lang is None:
            return write_doc(docname, doctree)
        build_language = sphinx.locale.translators.get(SPHINX_GENERAL, NullTranslations())
        page_language = translations("sphinx", lang)
        sphinx.locale.translators[SPHINX_GENERAL] = page_language
        try:
            return write_doc(docname, doctree)
        finally:
            sphinx.locale.translators[SPHINX_GENERAL] = build_language

    # This builder's method, wrapped on purpose.
    app.builder.write_doc = write_doc_in_its_language  # type: ignore[method-assign]
