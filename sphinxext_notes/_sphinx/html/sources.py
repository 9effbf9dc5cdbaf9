"""Source links: "show source" and themes' edit links lead to the real note file."""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def fix_source_links(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Point "show source" and themes' edit links at the real note file.

    Themes build edit links as ``pagename + page_source_suffix`` (furo, pydata,
    the book theme, sphinx-rtd-theme). A suffix that climbs out of the page
    name into the note's path, ``/../../_notes/es/x-es.md``, makes those links
    lead to the real file once the browser resolves the dot segments.
    Generated language indexes have no source to show or edit.
    """
    path = Path(app.env.doc2path(pagename, False))
    if path.as_posix() == pagename + path.suffix:
        return  # Sphinx's own values are right
    if Path(app.srcdir, path).resolve().is_relative_to(notes_state(app.env).pages_dir.resolve()):
        context["sourcename"] = context["page_source_suffix"] = ""
        return
    context["page_source_suffix"] = "/" + posixpath.relpath(path.as_posix(), pagename)
    if context.get("sourcename"):
        link_suffix = app.config.html_sourcelink_suffix
        extra = link_suffix if path.suffix != link_suffix else ""
        context["sourcename"] = pagename + path.suffix + extra
