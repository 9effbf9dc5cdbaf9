"""The extension's state in a build: one typed owner, kept on the environment.

Everything the build knows about notes is here: the checked configuration, the
catalog of this build and of the last one, and where generated pages live.
Only the catalog is kept between builds (pickled with the environment); the
rest is set again when the builder starts. Reach it with :func:`notes_state`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._core.catalog import Catalog
from ..config import NotesConfig

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment attribute that holds the state (as intersphinx keeps its cache).
ATTRIBUTE = "sphinxext_notes"
#: The folder, in the doctree folder, of the generated language index pages.
PAGES_DIR = "notes-pages"


@dataclass(eq=False)
class NotesState:
    """What the build knows about notes."""

    config: NotesConfig
    #: Where the generated language index pages are written.
    pages_dir: Path
    #: The catalog of this build: empty until the notes are found.
    catalog: Catalog
    #: The catalog of the last build, to tell what changed; None in a new environment.
    previous: Catalog | None = None
    #: Processes that read notes (``sphinx-build -j``).
    jobs: int = 1
    #: Sphinx's ``locale_dirs``, where compiled catalogs of notes are found.
    locale_dirs: tuple[str, ...] = ()
    #: The documents this build reads (see :mod:`.readers`).
    reading: frozenset[str] = frozenset()
    #: The process that last began to read documents (see :mod:`.readers`).
    reader: int = 0
    #: The build's own process: Sphinx forks its parallel readers and writers from it.
    main: int = field(default_factory=os.getpid)

    def __getstate__(self) -> dict[str, Any]:
        """Drop what only this build uses: the last build's catalog, the documents read.

        A parallel reader (``-j``, forked) sends back an empty catalog: the main
        process merges only per-document data and keeps its own, and sending it from
        every chunk made ``-j 2`` slower than serial at 3,000 notes.
        """
        kept = {**self.__dict__, "previous": None, "reading": frozenset()}
        if os.getpid() != self.main:
            held = self.catalog
            kept["catalog"] = Catalog(
                held.default_language, current=held.current, fallback_pages=held.fallback_pages
            )
        return kept


def notes_state(env: BuildEnvironment) -> NotesState:
    """The notes state of the build *env* belongs to."""
    state: NotesState = getattr(env, ATTRIBUTE)
    return state


def init_state(app: Sphinx) -> NotesState:
    """Set up this build's state, taking over the last build's catalog."""
    config = NotesConfig.from_sphinx(app.config)
    kept: NotesState | None = getattr(app.env, ATTRIBUTE, None)
    current = config.current_language(app.config)
    state = NotesState(
        config,
        Path(app.doctreedir, PAGES_DIR),
        Catalog(config.default_language, current=current),
        previous=kept.catalog if kept else None,
        jobs=app.parallel,
        locale_dirs=tuple(app.config.locale_dirs),
    )
    setattr(app.env, ATTRIBUTE, state)
    return state
