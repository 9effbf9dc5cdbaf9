"""singlehtml: one page that holds every note, with unique ids and live links.

The notes are inlined under their language index (see :mod:`.books`). Pages
written apart may share ids (every Arabic heading is ``id1``, two notes have
a ``#background``); on one page the first keeps its id and later ones are
renamed, with the references that lead to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: How the singlehtml builder addresses a document on its page.
DOCUMENT_ANCHOR = "#document-"


def page_address(builder: Builder, docname: str) -> str:
    """Where a page is, relative to the output folder: ``index.html#document-es/x`` here."""
    uri = builder.get_target_uri(docname)
    if isinstance(builder, SingleFileHTMLBuilder) and uri.startswith("#"):
        return builder.config.root_doc + builder.out_suffix + uri
    return uri


def _elements(node: nodes.Element, docname: str) -> Iterator[tuple[nodes.Element, str]]:
    """Every element in document order, with the document it came from."""
    yield node, docname
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    for child in node.children:
        if isinstance(child, nodes.Element):
            yield from _elements(child, docname)


def _target(refuri: str, docname: str) -> tuple[str, str] | None:
    """The document and id that a same-page ``refuri`` leads to."""
    if refuri.startswith(DOCUMENT_ANCHOR):
        doc, _, anchor = refuri[len(DOCUMENT_ANCHOR) :].partition("#")
        return (doc, anchor) if anchor else None
    if refuri.startswith("#") and len(refuri) > 1:
        return docname, refuri[1:]
    return None


def unique_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Rename ids that an earlier document on the page already has, and their references."""
    if not isinstance(app.builder, SingleFileHTMLBuilder) or docname != app.config.root_doc:
        return
    elements = list(_elements(doctree, docname))
    seen: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for element, doc in elements:
        ids = []
        for old in element["ids"]:
            new, n = old, 1
            while new in seen:
                n += 1
                new = f"{old}-{n}"
            if new != old:
                renamed[doc, old] = new
            seen.add(new)
            ids.append(new)
        element["ids"] = ids
    if not renamed:
        return
    for element, doc in elements:
        if (new := renamed.get((doc, element.get("refid", "")))) is not None:
            element["refid"] = new
        if element.get("backrefs"):
            element["backrefs"] = [renamed.get((doc, ref), ref) for ref in element["backrefs"]]
        target = _target(element.get("refuri", ""), doc)
        if target is not None and target in renamed:
            element["refuri"] = f"{DOCUMENT_ANCHOR}{target[0]}#{renamed[target]}"


def setup_singlehtml(app: Sphinx) -> None:
    """Connect the singlehtml id fix."""
    app.connect("doctree-resolved", unique_ids)
