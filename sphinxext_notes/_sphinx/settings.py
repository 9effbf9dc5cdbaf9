"""The notes settings of a source folder, read from its ``conf.py`` as Sphinx reads it."""

from __future__ import annotations

import os
from collections.abc import Sequence
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
    """The catalog a build of *srcdir* would make (every language), as the build makes it.

    With *cache*, the files unchanged since the last command's run are not read
    again (see :mod:`.reading_cache`).
    """
    notes, config = read_settings(srcdir)
    kept = reading_cache.cache_file(srcdir)
    previous = reading_cache.load(kept) if cache else None
    catalog = notes_catalog(
        srcdir, notes, config.exclude_patterns, git, config.locale_dirs, previous
    )
    if cache:
        reading_cache.save(kept, catalog, previous)
    return catalog


def notes_catalog(
    srcdir: Path,
    notes: NotesConfig,
    exclude_patterns: list[str],
    git: bool = True,
    locale_dirs: Sequence[str] = (),
    previous: Catalog | None = None,
) -> Catalog:
    """The catalog of *srcdir*'s notes under *notes* settings, outside a build.

    *exclude_patterns* are the user's own (a build adds the notes folders to them);
    compiled catalogs of notes under *locale_dirs* translate notes as in a build.
    Readings of *previous* are reused as a build reuses its last catalog's.
    """
    return build_catalog(
        srcdir,
        notes.dirs,
        notes.default_language,
        previous,
        jobs=min(os.cpu_count() or 1, 4),
        excluded=Matcher(exclude_patterns),
        follow_symlinks=notes.follow_symlinks,
        git=git,
        fallback_pages=notes.fallback == "original",
        locale_dirs=locale_dirs,
    )


def find_source_dir(path: Path) -> Path | None:
    """The nearest folder at or above *path* that holds a ``conf.py``."""
    for folder in (path, *path.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None
