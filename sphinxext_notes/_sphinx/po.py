"""``python -m sphinxext_notes po``: file translations written as gettext catalogs."""

from __future__ import annotations

import posixpath
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import myst_parser
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace

from .._core import languages
from .._core.align import Alignment, Block, align, note_blocks
from .._core.catalog import Catalog
from .._core.grouping import Group
from .._core.notes import Note
from .._core.pofiles import entries, merge_po, note_domain
from .state import notes_state

#: What a hard line break leaves in a message that Sphinx extracts from MyST.
HARD_BREAK = "\\" if int(myst_parser.__version__.split(".")[0]) < 5 else ""


@dataclass(frozen=True)
class Sources:
    """A project's notes and settings, as its ``conf.py`` sets them up."""

    srcdir: Path
    catalog: Catalog
    md: MarkdownIt
    #: The first of ``locale_dirs``.
    locale_dir: Path
    project: str

    @classmethod
    def load(cls, srcdir: Path) -> Sources:
        """Read ``conf.py`` (extensions set up, nothing built) and find the notes as a
        build does (its exclusions, and slugs that ordinary documents leave free)."""
        with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
            app = Sphinx(srcdir, srcdir, tmp, tmp, "dummy", status=None, warning=sys.stderr)
            app.env.find_files(app.config, app.builder)
            return cls(
                Path(srcdir),
                notes_state(app.env).catalog,
                # MyST sets myst_config on the environment (builder-inited); Sphinx's
                # BuildEnvironment does not declare it.
                create_md_parser(app.env.myst_config, RendererHTML),  # type: ignore[attr-defined]
                Path(srcdir, (app.config.locale_dirs or ["locales"])[0]),
                app.config.project,
            )

    def language(self, wanted: str) -> str | None:
        """The notes' language that catalog language *wanted* (``ja``, ``zh_TW``) is."""
        lang = languages.from_gettext(wanted, self.catalog.languages)
        return lang if lang in self.catalog.languages else None

    def blocks(self, note: Note) -> list[Block]:
        """A note file's blocks, a reference to a note anchored at the note's key."""
        text = Path(self.srcdir, note.source).read_text("utf-8-sig")
        return [
            replace(block, anchors=frozenset(self._anchor(note, a) for a in block.anchors))
            for block in note_blocks(text, note.title, note.title_line, self.md, HARD_BREAK)
        ]

    def _anchor(self, note: Note, anchor: str) -> str:
        """*anchor* as ``note:<key>`` if it refers to a note: a ``note`` role, or a
        link to a note's file, which a translation may write either way."""
        kind, _, target = anchor.partition(":")
        if kind == "role":
            role, _, target = anchor.removeprefix("role:").rpartition(":")
            if role.rpartition(":")[2] != "note":
                return anchor
            found = self.catalog.lookup(target).group
        elif kind == "link" and (path := target.partition("#")[0]).endswith(".md"):
            source = posixpath.normpath(posixpath.join(posixpath.dirname(note.source), path))
            found = self.catalog.by_source.get(source, (None, ""))[0]
        else:
            return anchor
        return f"note:{found.key}" if found else anchor


@dataclass(frozen=True)
class Aligned:
    """A note's source and its file translation in one language, block by block."""

    group: Group
    source: Note
    translation: Note
    source_blocks: list[Block]
    translation_blocks: list[Block]
    alignment: Alignment


def aligned(sources: Sources, lang: str) -> Iterator[Aligned]:
    """Every note that a file translates into *lang*, aligned with its source text."""
    catalog = sources.catalog
    for group in catalog.groups:
        base = catalog.source_language(group)
        if lang == base or lang not in group.members:
            continue
        source, translation = group.members[base], group.members[lang]
        ours, theirs = sources.blocks(source), sources.blocks(translation)
        yield Aligned(group, source, translation, ours, theirs, align(ours, theirs))


@dataclass(frozen=True)
class Written:
    """What ``po`` did for one note in one language."""

    slug: str
    lang: str
    path: Path
    aligned: int
    messages: int
    changed: bool


def write_catalogs(srcdir: Path, wanted: str) -> Iterator[Written]:
    """Write ``<locale dir>/<wanted>/LC_MESSAGES/notes/<slug>.po`` for each note
    that a file translates into *wanted*.
    """
    sources = Sources.load(srcdir)
    lang = sources.language(wanted)
    if lang is None:
        return
    for found in aligned(sources, lang):
        slug = found.group.slug
        path = sources.locale_dir / wanted / "LC_MESSAGES" / f"{note_domain(slug)}.po"
        changed = merge_po(
            path,
            entries(found.source_blocks, found.translation_blocks, found.alignment),
            found.source.source,
            wanted,
            fuzzy=found.translation.status == "machine-translated",
            project=sources.project,
        )
        pairs, messages = len(found.alignment.pairs), found.alignment.messages
        yield Written(slug, lang, path, pairs, messages, changed)
