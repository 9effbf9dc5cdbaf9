"""``translations.json``: the translation table as data, in the output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from sphinx.builders._epub_base import EpubBuilder

from ..singlehtml import page_address
from ..state import notes_state
from ..table import translations_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_translations_json(app: Sphinx, exception: Exception | None) -> None:
    """Write the translation table as ``translations.json`` in the output folder."""
    builder = app.builder
    if exception is not None or builder.format != "html" or isinstance(builder, EpubBuilder):
        return  # an EPUB holds only what its table of contents lists
    data = translations_json(
        notes_state(app.env).catalog, lambda docname: unquote(page_address(builder, docname))
    )
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path = Path(app.outdir, "translations.json")
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
