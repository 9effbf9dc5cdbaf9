"""The notes settings of a source folder, read from its ``conf.py`` as Sphinx reads it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from sphinx.config import Config
from sphinx.util.matching import Matcher
from sphinx.util.tags import Tags

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


def load_catalog(srcdir: Path, git: bool = True) -> Catalog:
    """The catalog a build of *srcdir* would make (every language), as the build makes it."""
    notes, config = read_settings(srcdir)
    return notes_catalog(srcdir, notes, config.exclude_patterns, git, config.locale_dirs)


def notes_catalog(
    srcdir: Path,
    notes: NotesConfig,
    exclude_patterns: list[str],
    git: bool = True,
    locale_dirs: Sequence[str] = (),
) -> Catalog:
    """The catalog of *srcdir*'s notes under *notes* settings, outside a build.

    *exclude_patterns* are the user's own (a build adds the notes folders to them);
    compiled catalogs of notes under *locale_dirs* translate notes as in a build.
    """
    return build_catalog(
        srcdir,
        notes.dirs,
        notes.default_language,
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
