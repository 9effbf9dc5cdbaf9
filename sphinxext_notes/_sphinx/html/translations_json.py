"""``translations.json``: the translation table as data, in the output folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ..state import notes_state
from ..table import translations_json

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def write_translations_json(app: Sphinx, exception: Exception | None) -> None:
    """Write the translation table as ``translations.json`` in the output folder."""
    if exception is not None or app.builder.format != "html":
        return
    data = translations_json(
        notes_state(app.env).catalog, lambda docname: unquote(app.builder.get_target_uri(docname))
    )
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path = Path(app.outdir, "translations.json")
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")
