"""The language switcher: links to a page's translations by their native names."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from docutils import nodes

from ..._core import languages
from ..bidi import bdi
from ..i18n import ours
from ..links import Links

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

    from ..._core.grouping import Group


class language_switcher(nodes.General, nodes.Element):
    """Where a note page's switcher goes, under its title: ``key`` and ``lang``.

    The writer makes its HTML, so that under ``-j`` the writing processes do
    that work rather than the main process.
    """


def visit_language_switcher(translator: HTML5Translator, node: language_switcher) -> None:
    """Write the switcher of the note page being written."""
    links = Links(translator.builder, translator.builder.current_docname)
    translator.body.append(switcher_html(links, links.catalog.by_key[node["key"]], node["lang"]))
    raise nodes.SkipNode


def switcher_html(links: Links, group: Group | None, current: str) -> str:
    """Links to a page's translations (or to the language indexes), by native name.

    A fallback page lists its own language too, current, among the translations.
    """
    if group is None:
        langs = links.catalog.languages
    else:
        langs = list(dict.fromkeys([*links.catalog.translations(group), current]))
    items = []
    for lang in langs:
        name = bdi(languages.native_name(lang), lang)
        if lang == current:
            items.append(
                f'<li class="notes-current" lang="{lang}">'
                f'<strong aria-current="page">{name}</strong></li>'
            )
            continue
        uri = links.uri(group, lang)
        link = f'<a href="{escape(uri)}" hreflang="{lang}">{name}</a>' if uri else name
        items.append(f'<li lang="{lang}">{link}</li>')
    _ = ours(current).gettext
    label = escape(_("Languages"))
    return f'<nav class="notes-switcher" aria-label="{label}"><ul>{"".join(items)}</ul></nav>\n'
