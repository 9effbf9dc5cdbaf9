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
        others = catalog.translations(group)
        x_default = group.original or catalog.fallback(group, catalog.default_language)
        _note_context(links, group, lang, context)
        if catalog.via(group, lang) == "fallback":
            _fallback_context(links, group, lang, context)
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


def _fallback_context(links: Links, group: Group, lang: str, context: dict[str, Any]) -> None:
    """Keep a fallback page out of search engines, pointing them at the page it shows.

    Its canonical link is the shown page's URL (Sphinx writes ``pageurl`` as the
    canonical link when ``html_baseurl`` is set), else its relative link.
    """
    shown = links.catalog.content_language(group, lang)
    tags = '\n<meta name="robots" content="noindex" />'
    if context.get("pageurl"):
        context["pageurl"] = links.url(group, shown)
    elif uri := links.uri(group, shown):
        tags += f'\n<link rel="canonical" href="{escape(uri)}" />'
    context["metatags"] = context.get("metatags", "") + tags


def _note_context(links: Links, group: Group, lang: str, context: dict[str, Any]) -> None:
    """The note's front matter for templates, and navigation within its language.

    On a fallback or catalog page, ``note`` is the front matter of the file read,
    with the page's title, text language and status (``missing``, ``translated``).
    """
    catalog = links.catalog
    note = catalog.shown(group, lang)
    context["note"] = {
        **note.data,
        "title": catalog.title(group, lang),
        "lang": catalog.content_language(group, lang),
        "key": group.key,
        "status": catalog.status(group, lang),
        "original": group.original,
        "translations": catalog.translations(group),
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
    if group:
        title = bdi(links.catalog.title(group, lang), links.catalog.content_language(group, lang))
    else:
        title = bdi(languages.native_name(lang), lang)
    return {
        "link": links.uri(group, lang) or "",
        "title": title,
        "docname": links.docname(group, lang),
    }
