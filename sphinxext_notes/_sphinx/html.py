"""The HTML side: page language, alternates, navigation and ``translations.json``."""

from __future__ import annotations

import json
import os
import posixpath
from functools import partial
from gettext import NullTranslations
from html import escape
from inspect import signature
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote
from weakref import WeakKeyDictionary

import sphinx.locale
from docutils import nodes as docutils_nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.locale import _ as sphinx_

from .._core import languages
from .._core.catalog import catalog_of
from .i18n import ours, set_page_language, translations
from .links import Links
from .table import translations_json

STATIC = Path(__file__).parents[1] / "static"
TEMPLATES = Path(__file__).parents[1] / "templates"
#: Sphinx 8.2 added (and 11 will require) ``tags`` to ``global_toctree_for_doc``.
TOCTREE_TAKES_TAGS = "tags" in signature(global_toctree_for_doc).parameters
#: The key of Sphinx's translator for its own messages in ``sphinx.locale.translators``.
SPHINX_GENERAL = ("general", "sphinx")

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.config import Config

    from .._core.grouping import Group


def page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Give note and language index pages their language and their translations."""
    catalog = catalog_of(app.env)
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
    _fix_source_links(app, pagename, context)


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
    context["toctree"] = partial(_language_toctree, links, group, lang)
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


#: Per builder, the global toctrees of note pages (see :func:`_language_toctree`).
_GLOBAL_TOCTREES: WeakKeyDictionary[Builder, dict[tuple[Any, ...], nodes.Node | None]] = (
    WeakKeyDictionary()
)


def _language_toctree(
    links: Links, group: Group, lang: str, collapse: bool = True, **kwargs: Any
) -> str:
    """The sidebar's toctree, with the page's neighbours under its language's index.

    Themes call ``toctree()`` on every page; Sphinx's own lists no note (no
    toctree node holds them), this adds the previous, current and next note, so
    a page's navigation stays in its language and small.
    """
    builder = links.builder
    # As Sphinx's StandaloneHTMLBuilder._get_local_toctree prepares the arguments.
    kwargs.setdefault("includehidden", False)
    if kwargs.get("maxdepth") == "":
        kwargs.pop("maxdepth")
    # No note is in the global toctree, so it is the same for all the notes of a
    # language in one folder: resolve it once per build and process.
    key = (lang, posixpath.dirname(links.fromdocname), collapse, *sorted(kwargs.items()))
    trees = _GLOBAL_TOCTREES.setdefault(builder, {})
    if key not in trees:
        if TOCTREE_TAKES_TAGS:
            kwargs["tags"] = builder.tags
        trees[key] = global_toctree_for_doc(
            builder.env, links.fromdocname, builder, collapse=collapse, **kwargs
        )
    if trees[key] is None:
        return ""
    tree = trees[key].deepcopy()
    index = links.uri(None, lang)
    for item in tree.findall(docutils_nodes.list_item):
        reference = next(item.findall(docutils_nodes.reference), None)
        if reference is not None and reference["refuri"] == index:
            item["classes"].append("current")
            before, after = links.catalog.neighbours(links.fromdocname)
            entries = docutils_nodes.bullet_list(classes=["current"])
            for other in (before, group, after):
                if other is not None:
                    entries += _toctree_entry(links, other, lang, current=other is group)
            item += entries
            break
    return builder.render_partial(tree)["fragment"]  # type: ignore[attr-defined]


def _toctree_entry(
    links: Links, group: Group, lang: str, *, current: bool
) -> docutils_nodes.list_item:
    title = docutils_nodes.Text(group.members[lang].title)
    uri = "#" if current else links.uri(group, lang) or "#"
    reference = docutils_nodes.reference(
        "", "", title, internal=True, refuri=uri, classes=["current"] if current else []
    )
    classes = ["toctree-l2", "current"] if current else ["toctree-l2"]
    return docutils_nodes.list_item(
        "", addnodes.compact_paragraph("", "", reference), classes=classes
    )


def _rel(links: Links, group: Group | None, lang: str) -> dict[str, str]:
    """A previous/next entry: a note, or the language index for None."""
    title = group.members[lang].title if group else languages.native_name(lang)
    return {
        "link": links.uri(group, lang) or "",
        "title": escape(title),
        "docname": links.docname(group, lang),
    }


def _fix_source_links(app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
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
    if Path(app.srcdir, path).resolve().is_relative_to(app.project.pages_dir.resolve()):  # type: ignore[attr-defined]
        context["sourcename"] = context["page_source_suffix"] = ""
        return
    context["page_source_suffix"] = "/" + posixpath.relpath(path.as_posix(), pagename)
    if context.get("sourcename"):
        link_suffix = app.config.html_sourcelink_suffix
        extra = link_suffix if path.suffix != link_suffix else ""
        context["sourcename"] = pagename + path.suffix + extra


def write_translations_json(app: Sphinx, exception: Exception | None) -> None:
    """Write the translation table as ``translations.json`` in the output folder."""
    if exception is not None or app.builder.format != "html":
        return
    data = translations_json(
        catalog_of(app.env), lambda docname: unquote(app.builder.get_target_uri(docname))
    )
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    path = Path(app.outdir, "translations.json")
    if not path.is_file() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8")


def add_templates(app: Sphinx, config: Config) -> None:
    """Offer ``notes-switcher.html`` to ``html_sidebars`` and theme components."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


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
        if docname not in catalog.by_docname and not catalog.index_language(docname):
            return write_doc(docname, doctree)
        build_language = sphinx.locale.translators.get(SPHINX_GENERAL, NullTranslations())
        page_language = translations("sphinx", catalog.language_of(docname))
        sphinx.locale.translators[SPHINX_GENERAL] = page_language
        try:
            return write_doc(docname, doctree)
        finally:
            sphinx.locale.translators[SPHINX_GENERAL] = build_language

    app.builder.write_doc = write_doc_in_its_language  # type: ignore[method-assign]


def add_static(app: Sphinx, config: Config) -> None:
    """Ship ``notes.css`` (before the environment compares configurations)."""
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup_html(app: Sphinx) -> None:
    """Connect the HTML events."""
    app.connect("config-inited", add_templates)
    app.connect("config-inited", read_the_docs_baseurl)
    app.connect("config-inited", add_static)
    app.add_css_file("notes.css")
    app.connect("builder-inited", translate_body_labels)
    app.connect("html-page-context", page_context)
    app.connect("build-finished", write_translations_json)
