"""Titles and language names kept apart from the text around them.

A right-to-left page that lists a title ending in Latin letters next to a date
("TCP مقابل UDP 2025-11-07") lets the Unicode bidi algorithm carry the date into
the title. ``<bdi>`` isolates such text and takes its direction from its own
first strong letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class isolate(nodes.inline):
    """Text with a direction of its own: ``<bdi>`` in HTML, plain inline text elsewhere.

    Sphinx's translators look a node's visitor up along its classes, so the
    writers without one of their own treat it as ``inline``.
    """


def isolated(text: str, lang: str | None = None) -> isolate:
    """*text* isolated, in *lang* when that differs from the page's language."""
    node = isolate("", text)
    if lang:
        node["lang"] = lang
    return node


def _visit_html(self: HTML5Translator, node: isolate) -> None:
    lang = f' lang="{self.attval(node["lang"])}"' if node.get("lang") else ""
    self.body.append(f"<bdi{lang}>")


def _depart_html(self: HTML5Translator, node: isolate) -> None:
    self.body.append("</bdi>")


def setup_bidi(app: Sphinx) -> None:
    """Register the node."""
    app.add_node(isolate, html=(_visit_html, _depart_html))
