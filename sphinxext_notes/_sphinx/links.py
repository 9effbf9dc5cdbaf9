"""Links from the page being written to a note or index in some language.

In this build they are relative links; with ``notes_build = "current"`` another
language's pages live in another build (a Read the Docs translation project),
reached through ``notes_language_url``.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from docutils import nodes
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode

from .._core.languages import read_the_docs_code
from .state import notes_state

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from .._core.grouping import Group


class Links:
    """Where notes and indexes are, seen from one page."""

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        state = notes_state(builder.env)
        self.catalog = state.catalog
        self.language_url = state.config.language_url

    def docname(self, group: Group | None, lang: str) -> str:
        """The docname of *group* (its language index when None) in *lang*."""
        return self.catalog.docname(group, lang) if group else self.catalog.index(lang)

    def uri(self, group: Group | None, lang: str) -> str | None:
        """A link for an ``href``: relative in this build, absolute to another one."""
        if not self.catalog.is_built(lang):
            return self.url(group, lang)
        docname = self.docname(group, lang)
        uri = self.builder.get_relative_uri(self.fromdocname, docname)
        return uri or posixpath.basename(self.builder.get_target_uri(docname)) or "./"

    def url(self, group: Group | None, lang: str) -> str | None:
        """The absolute URL, under ``html_baseurl`` or ``notes_language_url``; None if unknown."""
        if self.catalog.is_built(lang):
            base = self.builder.config.html_baseurl
        else:
            base = self.language_url.format(lang=read_the_docs_code(lang))
        if not base:
            return None
        path = self.builder.get_target_uri(self.docname(group, lang))
        return urljoin(base.rstrip("/") + "/", path)

    def node(self, group: Group | None, lang: str, child: nodes.Node) -> nodes.Node:
        """*child* in a reference to the page; alone when the page has no address."""
        if self.catalog.is_built(lang):
            try:
                docname = self.docname(group, lang)
                return make_refnode(self.builder, self.fromdocname, docname, "", child)
            except NoUri:  # a builder whose output does not hold that page
                return child
        url = self.url(group, lang)
        if url is None:
            return child
        return nodes.reference("", "", child, refuri=url, internal=False)
