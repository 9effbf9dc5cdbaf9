"""What a page shows of other notes, filled in when the page is resolved for writing.

This runs on ``doctree-resolved`` (like :mod:`sphinx.ext.todo`), so that it sees the
catalog of the current build even for pages that were not read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes

from .._core import languages
from ..directives import notes_index, translation_table
from . import table
from .bidi import in_language, isolate, isolated, language_mark
from .books import INLINING_BUILDERS
from .html.switcher import language_switcher
from .i18n import ours
from .links import Links
from .notices import local_date, notice_sentences
from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .._core.catalog import Catalog
    from .._core.grouping import Group


class notice(nodes.container, nodes.Admonition):
    """Something said about the page rather than in it.

    Written as the ``container`` it is; an admonition to tools that summarise a
    page from its doctree and leave admonitions out (sphinxext-opengraph's
    ``og:description``).
    """


class PageRenderer:
    """Renders the placeholders and the note chrome of one page."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.catalog: Catalog = notes_state(app.env).catalog
        self.links = Links(app.builder, docname)
        #: Translates the extension's messages into the page's language.
        self.gettext = ours(self.catalog.language_of(docname)).gettext

    def index(self, lang: str) -> nodes.bullet_list:
        """The notes of *lang*, newest first, with their dates as *lang* writes them.

        A fallback page is marked with its text's language, as references are.
        """
        items = nodes.bullet_list(classes=["notes-index"])
        for group in self.catalog.listing(lang):
            shown = self.catalog.content_language(group, lang)
            title: nodes.Node = isolated(self.catalog.title(group, lang), shown)
            if shown != lang:
                title = nodes.inline(
                    "", "", title, language_mark(shown), classes=["notes-other-language"]
                )
            item = nodes.paragraph()
            item += self.links.node(group, lang, title)
            if group.date:
                date = local_date(group.date, lang, "medium")
                item += nodes.inline("", f" {date}", classes=["notes-date"])
            items += nodes.list_item("", item)
        return items

    def fallback_notice(self, group: Group, lang: str) -> notice:
        """Says that the page is not translated into its language yet, and which it is in."""
        shown = self.catalog.content_language(group, lang)
        before, _marker, after = self.gettext(
            "This page has not been translated yet. It is shown in %s."
        ).partition("%s")
        name = isolated(languages.native_name(shown), shown)
        text = nodes.paragraph("", "", nodes.Text(before), name, nodes.Text(after))
        return notice("", text, classes=["notes-fallback-notice", "no-search"])

    def notice(self, group: Group, lang: str) -> notice | None:
        """Says that a machine translated the page, that its original changed since, or
        (on a fallback page) that it is not translated yet.

        Links the original; None when there is nothing to say.
        """
        via = self.catalog.via(group, lang)
        if via == "fallback":
            return self.fallback_notice(group, lang)
        status = self.catalog.status(group, lang)
        reviewed = group.members[lang].reviewed if via == "file" else False
        freshness = self.catalog.freshness_of(group, lang)
        sentences = notice_sentences(status, reviewed, freshness, lang, self.gettext)
        if not sentences:
            return None
        text = nodes.paragraph("", " ".join(sentences))
        if group.original is not None:
            text += nodes.Text(" ")
            before, _marker, after = self.gettext("Read the original (%s).").partition("%s")
            name = isolated(languages.native_name(group.original), group.original)
            label = nodes.inline("", "", nodes.Text(before), name, nodes.Text(after))
            text += self.links.node(group, group.original, label)
        classes = ["no-search"]
        if status in ("machine-translated", "reviewed"):
            classes.insert(0, "notes-machine-translation")
        if freshness.outdated:
            classes.insert(0, "notes-outdated-notice")
        return notice("", text, classes=classes)


def _in_content_language(section: nodes.section, lang: str) -> None:
    """Mark a fallback page's title and body with their language and its direction."""
    title = cast("nodes.Element", section[0])
    text = isolate("", "", *title.children, lang=lang)
    title.children = []
    title += text
    title["classes"].append("notes-rtl" if languages.is_rtl(lang) else "notes-ltr")
    body = in_language("", *section[1:], lang=lang)
    del section[1:]
    section += body


def _is_placeholder(node: nodes.Node) -> bool:
    return isinstance(node, translation_table | notes_index)


def render_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in tables and indexes; give note pages their switcher and notice.

    Under ``-j`` this runs in the main process, one page at a time, so it does
    little: only pages known to hold a table or an index are walked, and the
    switcher is a node that the writing processes turn into HTML. Builders that
    inline pages into one tree get every placeholder of the tree filled in.
    """
    page = PageRenderer(app, docname)
    shown = app.env.domaindata["notes"]
    # a book's tree (LaTeX, singlehtml) holds the pages its root inlines, with theirs
    inlined = isinstance(app.builder, INLINING_BUILDERS)
    if inlined or docname in shown["tables"] or docname in shown["indexes"]:
        for node in list(doctree.findall(_is_placeholder)):  # one walk finds both kinds
            if isinstance(node, notes_index):
                node.replace_self(page.index(node["lang"]))
            elif isinstance(node, translation_table):
                node.replace_self(
                    nodes.container(
                        "",
                        *table.render(page.catalog, page.links.node, page.gettext),
                        classes=["notes-dashboard"],
                    )
                )
    found = page.catalog.by_docname.get(docname)
    section = next(doctree.findall(nodes.section), None)
    if found is None or section is None or app.builder.format != "html":
        return
    group, lang = found
    if page.catalog.via(group, lang) == "fallback":
        _in_content_language(section, page.catalog.content_language(group, lang))
    chrome: list[nodes.Node] = []
    if notes_state(app.env).config.switcher_in_body:
        chrome.append(language_switcher(key=group.key, lang=lang))
    if said := page.notice(group, lang):
        chrome.append(said)
    section[1:1] = chrome


def setup_render(app: Sphinx) -> None:
    """Connect the page renderer."""
    app.connect("doctree-resolved", render_page)
