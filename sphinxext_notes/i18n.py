"""The extension's own message catalog (``sphinxext_notes``)."""

from __future__ import annotations

from sphinx.locale import get_translation

MESSAGE_CATALOG = "sphinxext_notes"
_ = get_translation(MESSAGE_CATALOG)
