"""The HTML side: page language, alternates, navigation and ``translations.json``."""

from __future__ import annotations

import json
import os
import posixpath
from gettext import NullTranslations
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urljoin

import sphinx.locale
from sphinx.locale import _ as sphinx_

from . import languages
from .catalog import Catalog, index_name
from .domain import catalog_of
from .i18n import translations
from .table import translations_json

STATIC = Path(__file__).parent / "static"
#: The key of Sphinx's translator for its own messages in ``sphinx.locale.translators``.
SPHINX_GENERAL = ("general", "sphinx")

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .grouping import Group


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give note and language index pages their language and their translations."""
    catalog = catalog_of(app.env)
    if pagename in catalog.by_docname:
        group, lang = catalog.by_docname[pagename]
        pages = {other: catalog.docname(group, other) for other in group.members}
        default = catalog.docname(
            group, group.original or catalog.fallback(group, catalog.default_language)
        )
        _note_context(app, pagename, group, lang, context)
    elif index_lang := _index_language(catalog, pagename):
        lang = index_lang
        pages = {other: index_name(other) for other in catalog.languages}
        default = index_name(catalog.default_language)
    else:
        return
    # Themes write ``<html lang="{{ language }}">`` unescaped: the tag is
    # validated, and carries the direction with it.
    context["language"] = f'{lang}" dir="rtl' if languages.is_rtl(lang) else lang
    # Template strings ("Search", "Next", ...) in the page's language: these
    # override the globals that Sphinx installed for the build's language.
    chrome = translations("sphinx", lang)
    context["gettext"], context["ngettext"] = chrome.gettext, chrome.ngettext
    context["metatags"] = context.get("metatags", "") + _alternates(
        app, pagename, {**pages, "x-default": default}
    )
    _fix_sourcename(app, pagename, context)


def _alternates(app: Sphinx, pagename: str, pages: dict[str, str]) -> str:
    """``<link rel="alternate" hreflang>`` for each page, absolute under html_baseurl."""
    base = app.config.html_baseurl
    links = []
    for lang, docname in pages.items():
        if base:
            href = urljoin(base.rstrip("/") + "/", app.builder.get_target_uri(docname))
        else:
            href = _href(app, pagename, docname)
        links.append(f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}" />')
    return "\n" + "\n".join(links) + "\n"


def _note_context(
    app: Sphinx, pagename: str, group: Group, lang: str, context: dict[str, Any]
) -> None:
    """The note's front matter for templates, and navigation within its language."""
    catalog: Catalog = catalog_of(app.env)
    note = group.members[lang]
    context["note"] = {
        **note.data,
        "lang": lang,
        "key": group.key,
        "status": note.status,
        "original": group.original,
        "translations": list(group.members),
    }
    before, after = catalog.neighbours(pagename)
    index = index_name(lang)
    context["prev"] = _rel(
        app,
        pagename,
        catalog.docname(before, lang) if before else index,
        before.members[lang].title if before else None,
    )
    context["next"] = after and _rel(
        app, pagename, catalog.docname(after, lang), after.members[lang].title
    )
    rellinks = [r for r in context.get("rellinks", []) if r[2] not in ("N", "P")]
    for rel, code, label in (
        (context["next"], "N", "next"),
        (context["prev"], "P", "previous"),
    ):
        if rel:
            rellinks.append((rel["docname"], rel["title"], code, sphinx_(label)))
    context["rellinks"] = rellinks


def _rel(app: Sphinx, pagename: str, docname: str, title: str | None) -> dict[str, str]:
    if title is None:
        title = languages.native_name(docname.partition("/")[0])
    return {
        "link": _href(app, pagename, docname),
        "title": escape(title),
        "docname": docname,
    }


def _href(app: Sphinx, pagename: str, docname: str) -> str:
    """A relative link from *pagename* to *docname*, never empty."""
    uri = app.builder.get_relative_uri(pagename, docname)
    return uri or posixpath.basename(app.builder.get_target_uri(docname)) or "./"


def _fix_sourcename(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
    """Show the real note as the page's source; generated pages have none."""
    path = app.env.doc2path(pagename, False)
    if not context.get("sourcename") or str(path).startswith(pagename):
        return
    if Path(app.srcdir, path).resolve().is_relative_to(app.project.pages_dir.resolve()):  # type: ignore[attr-defined]
        context["sourcename"] = ""  # a generated language index has no source to show
        return
    suffix = Path(path).suffix
    link_suffix = app.config.html_sourcelink_suffix
    context["page_source_suffix"] = suffix
    context["sourcename"] = pagename + suffix + (link_suffix if suffix != link_suffix else "")


def write_translations_json(app: Sphinx, exception: Exception | None) -> None:
    """Write the translation table as ``translations.json`` in the output folder."""
    if exception is not None or app.builder.format != "html":
        return
    data = translations_json(
        catalog_of(app.env), lambda docname: unquote(app.builder.get_target_uri(docname))
    )
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    path = Path(app.outdir, "translations.json")
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def read_the_docs_baseurl(app: Sphinx, config: Config) -> None:
    """On Read the Docs, default ``html_baseurl`` to the build's canonical URL.

    Sphinx then writes ``<link rel="canonical">`` and the alternates become absolute.
    """
    canonical = os.environ.get("READTHEDOCS_CANONICAL_URL")
    if canonical and not config.html_baseurl:
        config.html_baseurl = canonical


def translate_body_labels(app: Sphinx) -> None:
    """Write each page's body labels (Note, Warning, ...) in the page's language.

    The HTML writer takes them from Sphinx's global translator. ``write_doc``
    writes one page, in the process that writes it (``-j`` included): the
    global points at the page's language for just that long.
    """
    if app.builder.format != "html":
        return
    write_doc = app.builder.write_doc

    def write_doc_in_its_language(docname: str, doctree: nodes.document) -> None:
        catalog = catalog_of(app.env)
        if docname not in catalog.by_docname and not _index_language(catalog, docname):
            return write_doc(docname, doctree)
        build_language = sphinx.locale.translators.get(SPHINX_GENERAL, NullTranslations())
        page_language = translations("sphinx", catalog.language_of(docname))
        sphinx.locale.translators[SPHINX_GENERAL] = page_language
        try:
            return write_doc(docname, doctree)
        finally:
            sphinx.locale.translators[SPHINX_GENERAL] = build_language

    app.builder.write_doc = write_doc_in_its_language  # type: ignore[method-assign]


def _index_language(catalog: Catalog, docname: str) -> str | None:
    """The language whose index *docname* is, if it is one."""
    return next((lang for lang in catalog.languages if index_name(lang) == docname), None)


def add_static(app: Sphinx) -> None:
    """Ship ``notes.css`` with HTML builds."""
    if app.builder.format == "html":
        app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]
        app.add_css_file("notes.css")


def setup_html(app: Sphinx) -> None:
    """Connect the HTML events."""
    app.connect("config-inited", read_the_docs_baseurl)
    app.connect("builder-inited", add_static)
    app.connect("builder-inited", translate_body_labels)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", write_translations_json)
