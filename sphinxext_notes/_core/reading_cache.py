"""What the commands outside a build (``status``, ``stamp``) keep between runs.

A build keeps its catalog in Sphinx's environment and reads again only the files
whose stamp changed; a command has no environment, so it keeps the catalog's
reusable parts (readings, fingerprints, the git history) in a file of the user's
cache folder, one per source folder. The file is never kept in the source folder:
a cloned repository could ship one, and unpickling runs code.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from .catalog import FORMAT_VERSION, Catalog
from .stamp import write_atomically

#: Anything else a cache was written with that would make its readings wrong.
_HEADER = ("sphinxext-notes", FORMAT_VERSION, sys.version_info[:2])


def cache_file(srcdir: Path) -> Path:
    """The cache file of *srcdir*: ``$XDG_CACHE_HOME/sphinxext-notes/<digest of its path>``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    name = hashlib.sha256(str(srcdir.resolve()).encode()).hexdigest()[:32]
    return Path(base) / "sphinxext-notes" / f"{name}.pickle"


def load(path: Path) -> Catalog | None:
    """The catalog kept in *path*; None when there is none, or none this code can use.

    A file not owned by the user who runs the command is not read.
    """
    try:
        with path.open("rb") as file:
            if hasattr(os, "getuid") and os.fstat(file.fileno()).st_uid != os.getuid():
                return None
            header, kept = pickle.load(file)
    except Exception:  # missing, truncated, or written by other code: read everything again
        return None
    return kept if header == _HEADER and isinstance(kept, Catalog) else None


def save(path: Path, catalog: Catalog, previous: Catalog | None) -> None:
    """Keep *catalog*'s reusable parts in *path*, unless it is made of *previous*'s alone.

    Nothing is written when the folder cannot be written.
    """
    if previous is not None and _reused(previous, catalog):
        return
    kept = Catalog(
        catalog.default_language,
        readings=catalog.readings,
        fingerprints=catalog.fingerprints,
        prose=catalog.prose,
        history=catalog.history,
    )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not path.exists():
            path.touch(mode=0o600)
        write_atomically(path, pickle.dumps((_HEADER, kept), pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only home: the next run reads every file, as this one did


def _reused(previous: Catalog, catalog: Catalog) -> bool:
    """Whether every reusable part of *catalog* is *previous*'s (the same objects)."""
    parts = (
        (previous.readings, catalog.readings),
        (previous.fingerprints, catalog.fingerprints),
        (previous.prose, catalog.prose),
    )
    return previous.history is catalog.history and all(
        old.keys() == new.keys() and all(new[key] is value for key, value in old.items())
        for old, new in parts
    )
