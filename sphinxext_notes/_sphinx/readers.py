"""Parallel readers send back only what they read.

Under ``-j N`` Sphinx forks a reading process per chunk of documents, and each
pickles its whole environment back to the main process, which merges only the
chunk's documents from it. A process forked late holds everything the main process
merged from the chunks before it, so it sent all that back again: the pickles grew
with the chunks, and the main process spent its reading time unpickling what it
already had (each note's table of contents, with its title above its headings, most
of it).

A reading process therefore forgets, before its first document, what the
environment holds of the other documents read in this build: the per-document data
that Sphinx's collectors and the notes domain merge document by document. That is
the environment the first chunks' readers start from in any build (the documents to
read are cleared before any process forks), so nothing read depends on it; the data
of documents not read again is kept, and so is every other domain's data (their
duplicate warnings look at it). A reader also pickles the project without its page
maps (:class:`~.project.NotesProject`) and the catalog empty, which the main process
keeps its own of.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from .state import notes_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The environment's per-document mappings that Sphinx's collectors merge by docname
#: (titles, tables of contents, metadata, dependencies, included files).
PER_DOCUMENT = (
    "titles",
    "longtitles",
    "tocs",
    "toc_num_entries",
    "metadata",
    "dependencies",
    "included",
)


def note_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Remember, in the main process, which documents this build reads."""
    notes_state(env).reading = frozenset(docnames)


def forget_merged(app: Sphinx, docname: str, source: list[str]) -> None:
    """In a reading process, before its first document: forget the documents of
    this build that the main process merged before it forked."""
    env = app.env
    state = notes_state(env)
    if os.getpid() in (state.main, state.reader):
        return
    state.reader = os.getpid()
    merged = [d for d in env.all_docs if d in state.reading]
    for name in PER_DOCUMENT:
        data = getattr(env, name)
        for done in merged:
            data.pop(done, None)
    domain = env.get_domain("notes")
    for done in merged:
        domain.clear_doc(done)


def setup_readers(app: Sphinx) -> None:
    """Connect the trimming of parallel readers' environments."""
    app.connect("env-before-read-docs", note_reading, priority=900)  # the final list
    app.connect("source-read", forget_merged)
