"""The language switcher: links to a page's translations by their native names."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..._core import languages
from ..i18n import ours

if TYPE_CHECKING:
    from ..._core.grouping import Group
    from ..links import Links


def switcher_html(links: Links, group: Group | None, current: str) -> str:
    """Links to a page's translations (or to the language indexes), by native name."""
    langs = list(group.members) if group else links.catalog.languages
    items = []
    for lang in langs:
        name = escape(languages.native_name(lang))
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
