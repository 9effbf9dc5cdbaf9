"""Titles and language names kept apart from the text around them.

A right-to-left page that lists a title ending in Latin letters next to a date
("TCP مقابل UDP 2025-11-07") lets the Unicode bidi algorithm carry the date into
the title. ``<bdi>`` isolates such text. Its direction is its language's, not a
guess from its first letter, which would set an Arabic title that starts with
"TCP" left to right.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from .._core import languages

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator


class isolate(nodes.inline):
    """Text in a language of its own: ``<bdi>`` in HTML, plain inline text elsewhere.

    Sphinx's translators look a node's visitor up along its classes, so the
    writers without one of their own treat it as ``inline``.
    """


class in_language(nodes.container):
    """Blocks in a language of their own: ``<div lang dir>`` in HTML, a container elsewhere."""


def isolated(text: str, lang: str) -> isolate:
    """*text*, in *lang*, isolated from what surrounds it."""
    return isolate("", text, lang=lang)


def language_mark(lang: str) -> nodes.inline:
    """`` [en]`` after a title in another language than the page's."""
    return nodes.inline("", f" [{lang}]", classes=["notes-lang-mark"])


def bdi_start(lang: str) -> str:
    """The start tag that isolates text in *lang*, with that language's direction."""
    direction = "rtl" if languages.is_rtl(lang) else "ltr"
    return f'<bdi lang="{escape(lang)}" dir="{direction}">'


def bdi(text: str, lang: str) -> str:
    """*text* escaped and isolated, as HTML."""
    return f"{bdi_start(lang)}{escape(text)}</bdi>"


def _visit_block(self: HTML5Translator, node: in_language) -> None:
    direction = "rtl" if languages.is_rtl(node["lang"]) else "ltr"
    lang = escape(node["lang"])
    self.body.append(f'<div class="notes-content" lang="{lang}" dir="{direction}">\n')


def _depart_block(self: HTML5Translator, node: in_language) -> None:
    self.body.append("</div>\n")


def _visit_html(self: HTML5Translator, node: isolate) -> None:
    self.body.append(bdi_start(node["lang"]))


def _depart_html(self: HTML5Translator, node: isolate) -> None:
    self.body.append("</bdi>")


def setup_bidi(app: Sphinx) -> None:
    """Register the nodes."""
    app.add_node(isolate, html=(_visit_html, _depart_html))
    app.add_node(in_language, html=(_visit_block, _depart_block))
