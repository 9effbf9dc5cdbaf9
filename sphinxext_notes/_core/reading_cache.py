"""What the commands outside a build (``status``, ``stamp``) keep between runs.

A build keeps its catalog in Sphinx's environment and reads again only the files
whose stamp changed; a command has no environment, so it keeps the catalog's
reusable parts (readings, fingerprints, the git history) in a file of the user's
cache folder, one per source folder. The file is never kept in the source folder:
a cloned repository could ship one. Unpickling a file can run code, so a cache is
read only when it is the user's own, writable by no one else and not a symbolic
link, and even then it may name only the classes a catalog is made of.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import pickle
import sys
from pathlib import Path

from .catalog import FORMAT_VERSION, Catalog, Fingerprint, Reading, Stamp
from .history import Commit, History
from .notes import Note
from .problems import Kind, Problem
from .stamp import write_atomically

#: Anything else a cache was written with that would make its readings wrong.
_HEADER = ("sphinxext-notes", FORMAT_VERSION, sys.version_info[:2])
#: The classes a cache may name: a catalog's parts, and what YAML front matter holds.
_CLASSES: dict[tuple[str, str], type] = {
    (kind.__module__, kind.__qualname__): kind
    for kinds in (
        (Catalog, Fingerprint, Reading, Stamp, Commit, History, Note, Kind, Problem),
        (dt.date, dt.datetime, dt.time, dt.timedelta, dt.timezone),
    )
    for kind in kinds
}


def cache_file(srcdir: Path) -> Path | None:
    """The cache file of *srcdir*: ``$XDG_CACHE_HOME/sphinxext-notes/<digest of its path>``.

    ``XDG_CACHE_HOME`` defaults to ``~/.cache``; None when neither is an absolute path
    (a relative one could put the cache in the source folder).
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    name = hashlib.sha256(str(srcdir.resolve()).encode()).hexdigest()[:32]
    return Path(base) / "sphinxext-notes" / f"{name}.pickle"


class _Unpickler(pickle.Unpickler):
    """Builds a catalog's parts and nothing else."""

    def find_class(self, module: str, name: str) -> type:
        try:
            return _CLASSES[module, name]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a catalog") from None


def load(path: Path) -> Catalog | None:
    """The catalog kept in *path*; None when there is none, or none this code can use.

    Not read: a symbolic link, a file another user owns, or one that others can write.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with open(handle, "rb") as file:
            found = os.fstat(file.fileno())
            if found.st_mode & 0o022 or (hasattr(os, "getuid") and found.st_uid != os.getuid()):
                return None
            header, kept = _Unpickler(io.BytesIO(file.read())).load()
    except Exception:  # missing, truncated, or written by other code: read everything again
        return None
    return kept if header == _HEADER and isinstance(kept, Catalog) else None


def save(path: Path, catalog: Catalog, previous: Catalog | None) -> None:
    """Keep *catalog*'s reusable parts in *path*, unless it is made of *previous*'s alone.

    Nothing is written when the folder cannot be written. A run that did not ask git
    (``stamp``) keeps *previous*'s history.
    """
    history = catalog.history
    if history is None and previous is not None:
        history = previous.history
    if previous is not None and _reused(previous, catalog, history):
        return
    kept = Catalog(
        catalog.default_language,
        readings=catalog.readings,
        fingerprints=catalog.fingerprints,
        prose=catalog.prose,
        history=history,
    )
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        data = pickle.dumps((_HEADER, kept), pickle.HIGHEST_PROTOCOL)
        write_atomically(path, data, mode=0o600)
    except OSError:
        pass  # a read-only home: the next run reads every file, as this one did


def _reused(previous: Catalog, catalog: Catalog, history: History | None) -> bool:
    """Whether every reusable part of *catalog*, and *history*, are *previous*'s
    (the same objects)."""
    parts = (
        (previous.readings, catalog.readings),
        (previous.fingerprints, catalog.fingerprints),
        (previous.prose, catalog.prose),
    )
    return previous.history is history and all(
        old.keys() == new.keys() and all(new[key] is value for key, value in old.items())
        for old, new in parts
    )
