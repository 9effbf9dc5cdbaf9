"""The notes settings of a source folder, read from its ``conf.py`` as Sphinx reads it."""

from __future__ import annotations

import os
from pathlib import Path

from sphinx.config import Config
from sphinx.util.matching import Matcher
from sphinx.util.tags import Tags

from .._core import reading_cache
from .._core.catalog import Catalog
from .._core.scan import build_catalog
from ..config import NotesConfig, check_values, declare


def read_settings(srcdir: Path) -> tuple[NotesConfig, Config]:
    """The checked ``notes_*`` values of *srcdir*'s ``conf.py``, and its Sphinx config.

    Raises :class:`sphinx.errors.ConfigError` as ``sphinx-build`` would.
    """
    config = Config.read(srcdir, overrides={}, tags=Tags())
    declare(config.add)
    check_values(config)
    return NotesConfig.from_sphinx(config), config


def load_catalog(srcdir: Path, git: bool = True, cache: bool = True) -> Catalog:
    """The catalog of *srcdir*'s notes in every language, outside a build.

    It reads no ordinary document: a note whose slug an ordinary page takes
    (``en/about.md``) keeps it here, where a build numbers it. With *cache*, the
    files unchanged since the last command's run are not read again (see
    :mod:`.reading_cache`); compiled catalogs of notes under ``locale_dirs``
    translate notes as in a build.
    """
    notes, config = read_settings(srcdir)
    kept = reading_cache.cache_file(srcdir) if cache else None
    previous = reading_cache.load(kept) if kept else None
    catalog = build_catalog(
        srcdir,
        notes.dirs,
        notes.default_language,
        previous,
        jobs=min(os.cpu_count() or 1, 4),
        excluded=Matcher(config.exclude_patterns),
        follow_symlinks=notes.follow_symlinks,
        git=git,
        fallback_pages=notes.fallback == "original",
        locale_dirs=config.locale_dirs,
    )
    if kept:
        reading_cache.save(kept, catalog, previous)
    return catalog


def find_source_dir(path: Path) -> Path | None:
    """The nearest folder at or above *path* that holds a ``conf.py``."""
    for folder in (path, *path.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None
