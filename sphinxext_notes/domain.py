"""The notes domain: the catalog between builds, and references in the reader's language."""

from __future__ import annotations

import posixpath
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.roles import XRefRole
from sphinx.transforms import SphinxTransform
from sphinx.util import docname_join, logging

from ._core.notes import key_of_path
from ._core.problems import WARNING_TYPE, Kind
from ._sphinx.bidi import isolated, language_mark
from ._sphinx.links import Links
from ._sphinx.state import notes_state

if TYPE_CHECKING:
    from collections.abc import Iterable

    from docutils.nodes import Element
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from ._core.catalog import Catalog
    from ._sphinx.state import NotesState

logger = logging.getLogger(__name__)


class NoteRole(XRefRole):
    """``{note}`key``` / ``:note:`text <key>```: a link to a note, in the reader's language."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """Make a reference of the notes domain, whatever name the role has."""
        self.refdomain, self.reftype = "notes", "note"
        self.classes = ["xref", "notes-note"]
        return self.create_xref_node()


#: The role, in the domain (``notes:note``) and on its own (``note``).
NOTE_ROLE = NoteRole(innernodeclass=nodes.inline)


def is_document(env: BuildEnvironment, catalog: Catalog, fromdocname: str, name: str) -> bool:
    """Whether *name*, seen from *fromdocname*, is an ordinary document's (not a note page's)."""
    docname = docname_join(fromdocname, name)
    return docname in env.found_docs and docname not in catalog.pages


class NoteLinks(SphinxTransform):
    """Turn MyST links to notes into note references.

    ``[text](../es/x-es.md)`` then leads to the note in the reader's language,
    like the ``note`` role, rather than to the file's own language. A link to a
    ``.md`` file that does not exist, or to a name that no document has, is read
    as a note's name by the role's rules (``[text](tcp-vs-udp)``) when a note has
    that name; a ``.md`` link into a notes folder is a note reference in any case,
    so that a wrong one gets the role's warning.
    """

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        """Rewrite the links of the document being read.

        The names a link was read by are kept (:meth:`NotesDomain.note_names`): when
        one of them comes to name a note, or stops naming one, the page is read again.
        """
        state = notes_state(self.env)
        self._looked_up: set[str] = set()
        for node in self.document.findall(addnodes.pending_xref):
            if node.get("refdomain") == "doc" and node["reftarget"] in state.catalog.pages:
                name: str | None = state.catalog.pages[node["reftarget"]].key
            elif node.get("refdomain") is None and node.get("reftype") == "myst":
                name = self._name(state, node["reftarget"].partition("#")[0])
            else:
                continue
            if name is not None:
                node.update_all_atts(
                    {"refdomain": "notes", "reftype": "note", "reftarget": name}, replace=True
                )
        if self._looked_up:
            domain = self.env.get_domain("notes")
            assert isinstance(domain, NotesDomain)
            domain.note_names(self.env.docname, self._looked_up)

    def _name(self, state: NotesState, target: str) -> str | None:
        """The note name a link's *target* gives, or None if it is no link to a note."""
        catalog = state.catalog
        if not target.endswith(".md"):
            if is_document(self.env, catalog, self.env.docname, target):
                return None
            self._looked_up.add(target)
            return target if catalog.names_a_note(target) else None
        path = PurePosixPath(self.env.relfn2path(target, self.env.docname)[0])
        names = [
            key_of_path(path.relative_to(folder).with_suffix(""))
            for folder in map(posixpath.normpath, state.config.dirs)
            if path.is_relative_to(folder)
        ]
        inside = bool(names)
        names = list(dict.fromkeys([*names, path.stem, *(n.rpartition("/")[2] for n in names)]))
        for name in names:
            self._looked_up.add(name)
            if catalog.names_a_note(name):
                return name
        return names[0] if inside else None


class NotesDomain(Domain):
    """Per document, what it shows of other notes: links, the table, an index."""

    name = "notes"
    label = "Notes"
    roles = {"note": NOTE_ROLE}  # noqa: RUF012
    initial_data: ClassVar[dict[str, Any]] = {
        "refs": {},  # docname -> keys of the notes it links to
        "tables": set(),  # docnames with a translation table
        "indexes": {},  # docname -> language of the note index it shows
        "names": {},  # docname -> bare link targets it was read with (see NoteLinks)
    }
    data_version = 2

    def note_table(self, docname: str) -> None:
        """Remember that *docname* shows the translation table."""
        self.data["tables"].add(docname)

    def note_index(self, docname: str, lang: str) -> None:
        """Remember that *docname* lists the notes of *lang*."""
        self.data["indexes"][docname] = lang

    def note_names(self, docname: str, names: set[str]) -> None:
        """Remember the bare link targets *docname* was read with."""
        self.data["names"][docname] = names

    def clear_doc(self, docname: str) -> None:
        """Forget what *docname* showed."""
        self.data["refs"].pop(docname, None)
        self.data["tables"].discard(docname)
        self.data["indexes"].pop(docname, None)
        self.data["names"].pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Take over what a parallel reader found in *docnames*."""
        for docname in docnames:
            if docname in otherdata["refs"]:
                self.data["refs"][docname] = otherdata["refs"][docname]
            if docname in otherdata["tables"]:
                self.data["tables"].add(docname)
            if docname in otherdata["indexes"]:
                self.data["indexes"][docname] = otherdata["indexes"][docname]
            if docname in otherdata["names"]:
                self.data["names"][docname] = otherdata["names"][docname]

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        """Remember which notes *docname* links to."""
        keys = {
            node["reftarget"]
            for node in document.findall(addnodes.pending_xref)
            if node.get("refdomain") == "notes"
        }
        if keys:
            self.data["refs"][docname] = keys

    # Sphinx declares ``nodes.reference | None``, but its ReferencesResolver puts any
    # node in the xref's place: a note with no page in this build and no address is text.
    def resolve_xref(  # type: ignore[override]
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.Node | None:
        """Link to *target* in the page's language, else in the fallback language.

        A link to a fallback page, or to another language's page, is marked with
        the language of the text it leads to.
        """
        catalog = notes_state(env).catalog
        found = catalog.lookup(target, suggest=True)
        group = found.group
        if group is None:
            logger.warning(
                found.message(),
                location=node,
                type=WARNING_TYPE,
                subtype=Kind.XREF,
            )
            return None
        wanted = catalog.language_of(fromdocname)
        lang = catalog.reference(group, wanted)
        shown = catalog.content_language(group, lang)
        if not node.get("refexplicit"):
            title = isolated(catalog.title(group, lang), shown)
            contnode = nodes.inline("", "", title, classes=contnode["classes"])
        if shown != wanted:
            contnode["classes"].append("notes-other-language")
            contnode += language_mark(shown)
        return Links(builder, fromdocname).node(group, lang, contnode)

    def resolve_any_xref(  # type: ignore[override]  # any node, as resolve_xref
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.Node]]:
        """Resolve ``{any}`` references to note names that no ordinary document has."""
        catalog = notes_state(env).catalog
        if is_document(env, catalog, fromdocname, target) or catalog.lookup(target).group is None:
            return []
        ref = self.resolve_xref(env, fromdocname, builder, "note", target, node, contnode)
        return [("notes:note", ref)] if ref else []


def setup_domain(app: Sphinx) -> None:
    """Register the domain, the ``note`` role and the link transform."""
    app.add_domain(NotesDomain)
    app.add_role("note", NOTE_ROLE)
    app.add_transform(NoteLinks)
