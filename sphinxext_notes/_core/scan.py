"""Loading the catalog: the walk over the notes folders, the reading cache, the process pool."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import NamedTuple

from .catalog import Catalog, Fingerprint, Reading, Stamp
from .grouping import group_notes
from .notes import Note, body_features, read_note
from .problems import Kind, Problem


class Found(NamedTuple):
    """A note file found by the walk."""

    #: Its path relative to the source directory, with ``/``.
    source: str
    #: The notes folder it was found in, relative to the source directory.
    notes_dir: str
    stamp: Stamp


class ReadTask(NamedTuple):
    """A file to read, as sent to a reading process."""

    path: str
    source: str
    notes_dir: str
    default_language: str


def build_catalog(
    srcdir: Path,
    dirs: Sequence[str],
    default_language: str,
    previous: Catalog | None = None,
    jobs: int = 1,
    current: str | None = None,
    excluded: Callable[[str], bool] = lambda source: False,
    taken: Collection[str] = (),
) -> Catalog:
    """Read every ``.md`` file under *dirs* and group them.

    Files whose modification time and size are unchanged since *previous* are
    not read again; when many files are to be read, *jobs* processes read them.
    With *current*, only that language's pages are built. Sources that are
    *excluded* are left out; slugs in *taken* are given to no note.
    """
    problems: list[Problem] = []
    cache = previous.readings if previous else {}
    found = [
        file
        for file in find_notes(srcdir, dirs, default_language, problems)
        if not excluded(file.source)
    ]
    stale = [
        ReadTask(os.path.join(srcdir, file.source), file.source, file.notes_dir, default_language)
        for file in found
        if file.source not in cache or cache[file.source].stamp != file.stamp
    ]
    fresh = dict(_read_all(stale, jobs))
    readings = {
        file.source: Reading(file.stamp, *fresh[file.source])
        if file.source in fresh
        else cache[file.source]
        for file in found
    }
    for reading in readings.values():
        problems += reading.problems
    notes = [reading.note for reading in readings.values() if reading.note]
    stamps = {file.source: file.stamp for file in found}
    known = previous.fingerprints if previous else {}
    fingerprints: dict[str, Fingerprint] = {}

    def fingerprint(note: Note) -> frozenset[int]:
        if note.features is not None:
            return note.features
        stamp = stamps[note.source]
        cached = known.get(note.source)
        if cached is None or cached.stamp != stamp:
            try:
                with open(os.path.join(srcdir, note.source), "rb") as file:
                    cached = Fingerprint(stamp, body_features(file.read()))
            except OSError:  # gone since it was read: it has nothing to match
                cached = Fingerprint(stamp, frozenset())
        fingerprints[note.source] = cached
        return cached.features

    groups, grouping_problems = group_notes(notes, default_language, taken, fingerprint)
    return Catalog(
        default_language,
        groups,
        problems + grouping_problems,
        readings,
        current,
        fingerprints,
    )


#: Below this many files to read, starting processes costs more than it saves.
PARALLEL_FROM = 500


def _read_all(
    tasks: list[ReadTask], jobs: int
) -> Iterator[tuple[str, tuple[Note | None, list[Problem]]]]:
    """Read notes, in *jobs* processes when there are many."""
    if jobs < 2 or len(tasks) < PARALLEL_FROM or "fork" not in get_all_start_methods():
        yield from map(_read_one, tasks)
        return
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        yield from pool.map(_read_one, tasks, chunksize=256)


def _read_one(task: ReadTask) -> tuple[str, tuple[Note | None, list[Problem]]]:
    with open(task.path, "rb") as file:
        return task.source, read_note(
            task.source, file.read(), task.notes_dir, task.default_language, fingerprint_all=False
        )


def find_notes(
    srcdir: Path, dirs: Sequence[str], default_language: str, problems: list[Problem]
) -> Iterator[Found]:
    """Every note file under *dirs*, sorted, once each."""
    seen: set[str] = set()
    root = srcdir.resolve()
    for notes_dir in dirs:
        top = (srcdir / notes_dir).resolve()
        if not top.is_relative_to(root) or not top.is_dir():
            problems.append(
                Problem(
                    notes_dir,
                    None,
                    Kind.CONFIG,
                    (
                        f"notes_dirs entry '{notes_dir}' is not a folder inside the source "
                        "directory: fix notes_dirs"
                    ),
                )
            )
            continue
        base = top.relative_to(root).as_posix()
        found = []
        for folder, subdirs, files in os.walk(top):
            subdirs[:] = [d for d in subdirs if not d.startswith((".", "_build"))]
            prefix = Path(folder).relative_to(root)
            found += [
                ((prefix / name).as_posix(), os.path.join(folder, name))
                for name in files
                if name.endswith(".md") and not name.startswith(".")
            ]
        for source, path in sorted(found):
            if source not in seen:
                seen.add(source)
                stat = os.stat(path)
                stamp = Stamp(stat.st_mtime_ns, stat.st_size, base, default_language)
                yield Found(source, base, stamp)
