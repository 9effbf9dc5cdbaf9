"""Docnames for notes: ``<lang>/<slug>`` pages mapped onto the real note files.

Sphinx has no public API for docnames that differ from file paths, so this
extends :class:`sphinx.project.Project`, whose discovery keeps the private
``_docname_to_path``/``_path_to_docname`` maps (Sphinx 8.1 to 9.x). Warnings,
mtimes and relative links then all use the real note file.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.project import Project
from sphinx.util import logging
from sphinx.util.matching import Matcher

from .._core import languages
from .._core.problems import WARNING_TYPE
from .._core.scan import build_catalog
from .state import PAGES_DIR, NotesState, init_state, notes_state

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


class NotesProject(Project):
    """A project whose notes get docnames from the catalog."""

    def __init__(self, base: Project, state: NotesState) -> None:
        super().__init__(base.srcdir, base.source_suffix)
        self.restore(base)
        #: The build's notes state; not pickled with the environment's project.
        self.state = state

    def __getstate__(self) -> dict[str, Any]:
        """Without the state; and empty in a parallel reader, whose environment the main
        process merges per document and whose project it never looks at."""
        kept = {k: v for k, v in self.__dict__.items() if k != "state"}
        if os.getpid() != self.state.main:
            kept.update(docnames=set(), _path_to_docname={}, _docname_to_path={})
        return kept

    def discover(
        self, exclude_paths: Iterable[str] = (), include_paths: Iterable[str] = ("**",)
    ) -> set[str]:
        """Find the ordinary documents, then the notes and the language indexes.

        Notes folders are in ``exclude_patterns`` (see :func:`exclude_notes`), so
        Sphinx's own discovery never takes a note for an ordinary document.
        """
        super().discover(exclude_paths, include_paths)
        state = self.state
        ours = own_patterns(self.srcdir, state.pages_dir, state.config.dirs)
        catalog = state.catalog = build_catalog(
            Path(self.srcdir),
            state.config.dirs,
            state.config.default_language,
            previous=state.previous,
            jobs=state.jobs,
            current=state.catalog.current,
            excluded=Matcher([p for p in exclude_paths if p not in ours]),
            taken=self._taken_slugs(),
            follow_symlinks=state.config.follow_symlinks,
            fallback_pages=state.config.fallback == "original",
            locale_dirs=state.locale_dirs,
        )
        for problem in catalog.problems:
            where = Path(self.srcdir, problem.source)
            logger.warning(
                problem.message,
                location=f"{where}:{problem.line or ''}",
                type=WARNING_TYPE,
                subtype=problem.kind,
            )
        for docname, (group, lang) in catalog.by_docname.items():
            owner = catalog.via(group, lang) == "file"
            self._add(docname, Path(catalog.shown(group, lang).source), owner)
        for lang in catalog.built:
            if catalog.index(lang) not in self.docnames:
                self._add(catalog.index(lang), self._index_page(lang))
        return self.docnames

    def _taken_slugs(self) -> set[str]:
        """Slugs whose note pages would be ordinary documents' (``en/about.md``)."""
        if self.state.catalog.current:
            return {docname for docname in self.docnames if "/" not in docname}
        return {
            rest
            for head, _, rest in (docname.partition("/") for docname in self.docnames)
            if rest and "/" not in rest and languages.normalise(head)
        }

    def path2doc(self, filename: str | os.PathLike[str]) -> str | None:
        """Like Sphinx's, but a note file gives its page name, built here or not.

        MyST asks this of a link's target: a link to a note then becomes a note
        reference (see :class:`~sphinxext_notes.domain.NoteLinks`).
        """
        docname = super().path2doc(filename)
        if docname is None or docname in self.docnames:
            return docname
        path = Path(filename)
        if path.is_absolute() and path.is_relative_to(self.srcdir):
            path = path.relative_to(self.srcdir)
        catalog = self.state.catalog
        if note := catalog.by_source.get(path.as_posix()):
            return catalog.docname(*note)
        return docname

    def _add(self, docname: str, path: Path, owner: bool = True) -> None:
        """Make *docname* a page read from *path*; its *owner* is the page *path* names.

        A fallback or catalog page reads its source's file but does not own it, so
        that the file still names its own page (mtimes, relative links, :meth:`path2doc`).
        """
        self.docnames.add(docname)
        self._docname_to_path[docname] = path
        if owner:
            self._path_to_docname[path] = docname

    def _index_page(self, lang: str) -> Path:
        """Write a language's index page when it is missing or the environment is new.

        Its text depends on the language alone, so a no-op build loads no locale data.
        """
        path = self.state.pages_dir / lang / "index.md"
        if self.state.previous is None or not path.is_file():
            text = (
                "---\norphan: true\n---\n\n"
                f"# {languages.native_name(lang)}\n\n```{{notes-index}}\n```\n"
            )
            if not path.is_file() or path.read_text("utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, "utf-8")
        try:  # relative, so that no absolute build path shows in the output
            return Path(os.path.relpath(path, self.srcdir))
        except ValueError:  # another drive
            return path


def own_patterns(srcdir: Path, pages_dir: Path, dirs: Iterable[str]) -> list[str]:
    """Exclude patterns for the notes folders and the generated pages."""
    ours = [f"{posixpath.normpath(d)}/**" for d in dirs]
    if pages_dir.is_relative_to(srcdir):  # a build folder inside the sources
        ours.append(f"{pages_dir.relative_to(srcdir).as_posix()}/**")
    return ours


def exclude_notes(app: Sphinx, config: Config) -> None:
    """Keep notes folders and the generated pages out of Sphinx's own discovery.

    The user's own patterns still apply to notes (see :meth:`NotesProject.discover`).
    """
    ours = own_patterns(app.srcdir, Path(app.doctreedir, PAGES_DIR), config.notes_dirs)
    config.exclude_patterns = [*config.exclude_patterns, *ours]


def install_project(app: Sphinx) -> None:
    """Set up the build's notes state and put a :class:`NotesProject` in Sphinx's place."""
    app.project = app.env.project = NotesProject(app.project, init_state(app))


def place_notes(app: Sphinx, env: BuildEnvironment) -> None:
    """Make each language's notes the children of its index, as a toctree would.

    No toctree node lists them, so that no page's sidebar copies the whole
    collection (which makes a build quadratic); parents, previous/next and the
    consistency check still see every note in its place.
    """
    catalog = notes_state(env).catalog
    notes = set(catalog.by_docname)
    for lang in catalog.built:
        index = catalog.index(lang)
        own = [
            d for d in env.toctree_includes.get(index, []) if d not in notes and d in env.found_docs
        ]
        children = [catalog.docname(g, lang) for g in catalog.listing(lang)]
        env.toctree_includes[index] = own + children
        for child in children:
            env.files_to_rebuild[child] = {index}


def interleave_languages(app: Sphinx, env: BuildEnvironment) -> None:
    """Order ``env.all_docs`` as the catalog does: each note's translations together.

    Sphinx prunes the search index against ``env.all_docs`` in every build, and
    each word costs the position of its last page there. Read in name order, one
    language's pages would all come last, and Chinese and Japanese pages, whose
    words are mostly their own, would cost the most. The order changes no output.
    """
    rank = {docname: at for at, docname in enumerate(notes_state(env).catalog.by_docname)}
    pages = sorted(env.all_docs.items(), key=lambda item: rank.get(item[0], -1))
    env.all_docs.clear()
    env.all_docs.update(pages)


def setup_project(app: Sphinx) -> None:
    """Give notes their docnames and their places under the language indexes."""
    app.connect("config-inited", exclude_notes)
    app.connect("builder-inited", install_project)
    app.connect("env-updated", place_notes)
    app.connect("env-updated", interleave_languages)
