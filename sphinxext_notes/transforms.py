"""Post-transforms: what a page shows of other notes, computed when it is written."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import make_refnode

from . import languages, table
from .directives import notes_index, translation_table
from .domain import catalog_of
from .i18n import _

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class NotesPostTransform(SphinxPostTransform):
    """Base: links from the page being written to other pages."""

    def link(self, docname: str, child: nodes.Node) -> nodes.Node:
        """A reference from this page to *docname* around *child*."""
        return make_refnode(self.app.builder, self.env.docname, docname, "", child)


class RenderTranslationTable(NotesPostTransform):
    """Fill in ``notes-translation-table`` placeholders."""

    default_priority = 500

    def run(self, **kwargs: Any) -> None:
        """Replace every placeholder with the table of the current catalog."""
        for node in list(self.document.findall(translation_table)):
            node.replace_self(table.render(catalog_of(self.env), self.link))


class RenderNotesIndex(NotesPostTransform):
    """Fill in ``notes-index`` placeholders with a language's notes, newest first."""

    default_priority = 500

    def run(self, **kwargs: Any) -> None:
        """Replace every placeholder with a list of links."""
        catalog = catalog_of(self.env)
        for node in list(self.document.findall(notes_index)):
            items = nodes.bullet_list(classes=["notes-index"])
            for group in catalog.listing(node["lang"]):
                item = nodes.paragraph()
                title = nodes.Text(group.members[node["lang"]].title)
                item += self.link(catalog.docname(group, node["lang"]), title)
                if group.date:
                    item += nodes.inline("", f" {group.date.isoformat()}",
                                         classes=["notes-date"])
                items += nodes.list_item("", item)
            node.replace_self(items)


class AddLanguageSwitcher(NotesPostTransform):
    """Put the language switcher and the machine-translation notice under a note's title."""

    default_priority = 500
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Insert both after the page title, for note pages only."""
        catalog = catalog_of(self.env)
        found = catalog.by_docname.get(self.env.docname)
        section = next(self.document.findall(nodes.section), None)
        if found is None or section is None:
            return
        group, current = found
        items = []
        for lang in group.members:
            name = escape(languages.native_name(lang))
            if lang == current:
                items.append(f'<li class="notes-current" lang="{lang}">'
                             f'<strong aria-current="page">{name}</strong></li>')
            else:
                uri = self.app.builder.get_relative_uri(
                    self.env.docname, catalog.docname(group, lang))
                items.append(f'<li lang="{lang}"><a href="{escape(uri)}" '
                             f'hreflang="{lang}">{name}</a></li>')
        html = (f'<nav class="notes-switcher" aria-label="{escape(_("Languages"))}">'
                f'<ul>{"".join(items)}</ul></nav>\n')
        chrome: list[nodes.Node] = [nodes.raw("", html, format="html")]
        if group.members[current].status == "machine-translated":
            chrome.append(self.notice(group.original))
        section[1:1] = chrome

    def notice(self, original: str | None) -> nodes.Node:
        """A note that a machine translated the page, linking the original."""
        catalog = catalog_of(self.env)
        text = nodes.paragraph("", _("This page was translated by a machine."))
        if original is not None:
            group, _lang = catalog.by_docname[self.env.docname]
            name = languages.native_name(original)
            text += nodes.Text(" ")
            text += self.link(
                catalog.docname(group, original),
                nodes.Text(_("Read the original (%s).") % name),
            )
        return nodes.container("", text, classes=["notes-machine-translation"])


def setup_transforms(app: Sphinx) -> None:
    """Register the post-transforms."""
    app.add_post_transform(RenderTranslationTable)
    app.add_post_transform(RenderNotesIndex)
    app.add_post_transform(AddLanguageSwitcher)
