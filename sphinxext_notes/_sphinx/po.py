"""``python -m sphinxext_notes po``: file translations written as gettext catalogs."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace
from sphinx.util.matching import Matcher

from .._core import languages
from .._core.align import Block, align, note_blocks
from .._core.catalog import Catalog, build_catalog
from .._core.notes import Note
from .._core.pofiles import entries, merge_po, note_domain
from ..config import NotesConfig
from .i18n import catalog_languages
from .project import PAGES_DIR, own_patterns


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
    that a file translates into *wanted*, as the project's ``conf.py`` sets it up.
    """
    with tempfile.TemporaryDirectory() as tmp, docutils_namespace():
        app = Sphinx(srcdir, srcdir, tmp, tmp, "dummy", status=None, warning=sys.stderr)
        config = NotesConfig.from_sphinx(app.config)
        ours = own_patterns(Path(srcdir), Path(tmp, PAGES_DIR), config.dirs)
        user = [p for p in app.config.exclude_patterns if p not in ours]
        catalog = build_catalog(
            Path(srcdir), config.dirs, config.default_language, excluded=Matcher(user)
        )
        md = create_md_parser(app.env.myst_config, RendererHTML)
        locale_dir = Path(srcdir, (app.config.locale_dirs or ["locales"])[0])
        project = app.config.project
    lang = _language(catalog, wanted)
    for group in catalog.groups:
        base = catalog.source_language(group)
        if lang is None or lang == base or lang not in group.members:
            continue
        source, translation = group.members[base], group.members[lang]
        ours_, theirs = _blocks(srcdir, source, md), _blocks(srcdir, translation, md)
        alignment = align(ours_, theirs)
        path = locale_dir / wanted / "LC_MESSAGES" / f"{note_domain(group.slug)}.po"
        changed = merge_po(
            path,
            entries(ours_, theirs, alignment),
            source.source,
            wanted,
            fuzzy=translation.status == "machine-translated",
            project=project,
        )
        yield Written(group.slug, lang, path, len(alignment.pairs), alignment.messages, changed)


def _language(catalog: Catalog, wanted: str) -> str | None:
    """The notes' language that catalog language *wanted* (``ja``, ``zh_TW``) is."""
    tag = languages.normalise(wanted)
    for lang in catalog.languages:
        if lang == tag or wanted in catalog_languages(lang)[:2]:
            return lang
    return None


def _blocks(srcdir: Path, note: Note, md: MarkdownIt) -> list[Block]:
    text = Path(srcdir, note.source).read_text("utf-8-sig")
    return note_blocks(text, note.title, note.title_line, md)
