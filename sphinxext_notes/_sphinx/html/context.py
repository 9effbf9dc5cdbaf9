"""The page context of note and index pages: language, alternates, previous and next."""

from __future__ import annotations

from functools import partial
from html import escape
from typing import TYPE_CHECKING, Any

from sphinx.locale import _ as sphinx_

from ..._core import languages
from ..bidi import bdi
from ..i18n import set_page_language
from ..links import Links
from ..state import notes_state
from .sidebar import language_toctree
from .sources import fix_source_links
from .switcher import switcher_html

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

    from ..._core.grouping import Group


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give note and language index pages their language and their translations."""
    catalog = notes_state(app.env).catalog
    links = Links(app.builder, pagename)
    group: Group | None
    if pagename in catalog.by_docname:
        group, lang = catalog.by_docname[pagename]
        others = list(group.members)
        x_default = group.original or catalog.fallback(group, catalog.default_language)
        _note_context(links, group, lang, context)
    elif index_lang := catalog.index_language(pagename):
        group, lang = None, index_lang
        others, x_default = catalog.languages, catalog.default_language
    else:
        return
    set_page_language(context, lang)
    context["notes_switcher"] = switcher_html(links, group, lang)
    alternates = [(other, other) for other in others] + [("x-default", x_default)]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{escape(hreflang)}" href="{escape(href)}" />'
        for hreflang, other in alternates
        if (href := links.url(group, other) or links.uri(group, other))
    )
    fix_source_links(app, pagename, context)


def _note_context(links: Links, group: Group, lang: str, context: dict[str, Any]) -> None:
    """The note's front matter for templates, and navigation within its language."""
    catalog = links.catalog
    note = group.members[lang]
    context["note"] = {
        **note.data,
        "lang": lang,
        "key": group.key,
        "status": note.status,
        "original": group.original,
        "translations": list(group.members),
    }
    context["toctree"] = partial(language_toctree, links, group, lang)
    before, after = catalog.neighbours(links.fromdocname)
    context["prev"] = _rel(links, before, lang)
    context["next"] = after and _rel(links, after, lang)
    rellinks = [r for r in context.get("rellinks", []) if r[2] not in ("N", "P")]
    for rel, code, label in (
        (context["next"], "N", "next"),
        (context["prev"], "P", "previous"),
    ):
        if rel:
            rellinks.append((rel["docname"], rel["title"], code, sphinx_(label)))
    context["rellinks"] = rellinks


def _rel(links: Links, group: Group | None, lang: str) -> dict[str, str]:
    """A previous/next entry: a note, or the language index for None."""
    title = group.members[lang].title if group else languages.native_name(lang)
    return {
        "link": links.uri(group, lang) or "",
        "title": bdi(title, lang),
        "docname": links.docname(group, lang),
    }
