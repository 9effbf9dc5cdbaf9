"""The sidebar toctree of note pages: the languages, with the page's neighbours."""

from __future__ import annotations

import posixpath
from inspect import signature
from typing import TYPE_CHECKING, Any, cast
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx import addnodes
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.builders.html import StandaloneHTMLBuilder

    from ..._core.grouping import Group
    from ..links import Links

#: Sphinx 8.2 added (and 11 will require) ``tags`` to ``global_toctree_for_doc``.
TOCTREE_TAKES_TAGS = "tags" in signature(global_toctree_for_doc).parameters

#: Per builder, the global toctrees of note pages (see :func:`language_toctree`).
_GLOBAL_TOCTREES: WeakKeyDictionary[Builder, dict[tuple[Any, ...], nodes.Element | None]] = (
    WeakKeyDictionary()
)


def language_toctree(
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
    resolved = trees[key]
    if resolved is None:
        return ""
    tree = resolved.deepcopy()
    index = links.uri(None, lang)
    for item in tree.findall(nodes.list_item):
        reference = next(item.findall(nodes.reference), None)
        if reference is not None and reference["refuri"] == index:
            item["classes"].append("current")
            before, after = links.catalog.neighbours(links.fromdocname)
            entries = nodes.bullet_list(classes=["current"])
            for other in (before, group, after):
                if other is not None:
                    entries += _toctree_entry(links, other, lang, current=other is group)
            item += entries
            break
    # Themes call toctree() from HTML pages only.
    return cast("StandaloneHTMLBuilder", builder).render_partial(tree)["fragment"]


def _toctree_entry(links: Links, group: Group, lang: str, *, current: bool) -> nodes.list_item:
    title = nodes.Text(links.catalog.title(group, lang))
    uri = "#" if current else links.uri(group, lang) or "#"
    reference = nodes.reference(
        "", "", title, internal=True, refuri=uri, classes=["current"] if current else []
    )
    classes = ["toctree-l2", "current"] if current else ["toctree-l2"]
    return nodes.list_item("", addnodes.compact_paragraph("", "", reference), classes=classes)
