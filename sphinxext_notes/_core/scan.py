"""Loading the catalog: the walk over the notes folders, the reading cache, the process pool."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import chain, islice
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import NamedTuple

from . import languages
from .catalog import Catalog, Fingerprint, Reading, Stamp, source_of
from .files import Refused, check_file, checksum, inside, outside_message, read_file
from .freshness import find_freshness
from .grouping import Group, group_notes
from .message_catalogs import MessageCatalog, find_catalogs
from .notes import Note, body_features, body_prose_features, read_note
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
    #: The real path of the source directory.
    root: str
    follow_symlinks: bool
    #: The checksum of the file's last reading, if it may be reused: when the file
    #: holds the same bytes, it is not read as a note again.
    known: bytes | None


def build_catalog(
    srcdir: Path,
    dirs: Sequence[str],
    default_language: str,
    previous: Catalog | None = None,
    jobs: int = 1,
    current: str | None = None,
    excluded: Callable[[str], bool] = lambda source: False,
    taken: Collection[str] = (),
    follow_symlinks: bool = False,
    git: bool = True,
    fallback_pages: bool = False,
    locale_dirs: Sequence[str] = (),
) -> Catalog:
    """Read every ``.md`` file under *dirs* and group them.

    Files whose modification time and size are unchanged since *previous* are
    not read again, and files that hold the same bytes are not read as notes
    again; when many files are to be read, *jobs* processes read them.
    With *current*, only that language's pages are built. Sources that are
    *excluded* are left out; slugs in *taken* are given to no note. Links that
    lead outside *srcdir* are not followed unless *follow_symlinks*. Without *git*,
    only recorded digests tell outdated translations. With *fallback_pages*, every
    note has a page in every language (see :meth:`Catalog.has_page`). Compiled
    catalogs of notes under *locale_dirs* translate notes where no file does.
    """
    problems: list[Problem] = []
    cache = previous.readings if previous else {}
    root = str(srcdir.resolve())
    found: list[Found] = []

    def stale() -> Iterator[ReadTask]:
        """The files to read, as the walk finds them (reading starts while it walks)."""
        for file in find_notes(srcdir, dirs, default_language, problems, excluded, follow_symlinks):
            found.append(file)
            known = cache.get(file.source)
            if known is None or known.stamp != file.stamp:
                # Its bytes tell alone while its notes folder and the default language hold.
                same = known is not None and known.stamp[2:] == file.stamp[2:]
                yield ReadTask(
                    os.path.join(root, file.source),
                    file.source,
                    file.notes_dir,
                    default_language,
                    root,
                    follow_symlinks,
                    known.checksum if known is not None and same else None,
                )

    fresh = {source: (held, made) for source, held, made in _read_all(stale(), jobs)}
    readings = {}
    for file in found:
        if file.source not in fresh:
            readings[file.source] = cache[file.source]
            continue
        held, made = fresh[file.source]
        if made is None:  # touched, but the same bytes
            readings[file.source] = cache[file.source]._replace(stamp=file.stamp)
        else:
            readings[file.source] = Reading(file.stamp, held, *made)
    for reading in readings.values():
        problems += reading.problems
    notes = [reading.note for reading in readings.values() if reading.note]
    fingerprints: dict[str, Fingerprint] = {}
    prose: dict[str, Fingerprint] = {}

    def cached(
        known: dict[str, Fingerprint],
        kept: dict[str, Fingerprint],
        compute: Callable[[bytes], frozenset[int]],
    ) -> Callable[[Note], frozenset[int]]:
        """*compute* on a note file's bytes, reused from *known* while its checksum holds."""

        def get(note: Note) -> frozenset[int]:
            found = known.get(note.source)
            if found is None or found.checksum != readings[note.source].checksum:
                path = os.path.join(root, note.source)
                try:
                    raw = read_file(
                        path, root, follow_symlinks=follow_symlinks, folder_checked=True
                    )
                except Refused:  # gone or changed since it was read: it has nothing to match
                    raw = b""
                found = Fingerprint(checksum(raw), compute(raw))
            kept[note.source] = found
            return found.features

        return get

    late = cached(previous.fingerprints if previous else {}, fingerprints, body_features)

    def fingerprint(note: Note) -> frozenset[int]:
        return late(note) if note.features is None else note.features

    prose_of = cached(previous.prose if previous else {}, prose, body_prose_features)
    groups, grouping_problems = group_notes(notes, default_language, taken, fingerprint, prose_of)
    problems += grouping_problems
    freshness, history = find_freshness(
        srcdir,
        [d for d in dirs if (srcdir / d).is_dir()],
        groups,
        previous.history if previous else None,
        problems,
        git,
    )
    gettext = note_catalogs(srcdir, locale_dirs, groups, default_language, problems)
    return Catalog(
        default_language,
        groups,
        problems,
        readings,
        current,
        fingerprints,
        prose,
        freshness,
        history,
        fallback_pages,
        gettext,
    )


def note_catalogs(
    srcdir: Path,
    locale_dirs: Sequence[str],
    groups: list[Group],
    default_language: str,
    problems: list[Problem],
) -> dict[str, dict[str, MessageCatalog]]:
    """The compiled catalogs that translate notes no file translates, by key and language.

    A catalog for a language that a file already translates the note into is left
    out with a problem: the file wins.
    """
    if not locale_dirs:
        return {}
    known = {lang for g in groups for lang in g.members}
    found = find_catalogs(
        srcdir,
        locale_dirs,
        {g.slug: (g.key, g.members[source_of(g, default_language)].title) for g in groups},
        lambda name: languages.from_gettext(name, known),
        problems,
    )
    by_key = {g.key: g for g in groups}
    for key, catalogs in found.items():
        group = by_key[key]
        for lang in [lang for lang in catalogs if lang in group.members]:
            message = (
                f"left out: the note has a file in {lang} ({group.members[lang].source}), "
                "which wins; remove the catalog or the file"
            )
            problems.append(Problem(catalogs.pop(lang).mo, None, Kind.GETTEXT, message))
    return {key: catalogs for key, catalogs in found.items() if catalogs}


#: Below this many files to read, starting processes costs more than it saves.
PARALLEL_FROM = 500


#: What a reading process sends back for a file: its source, its checksum, and the
#: note and problems read, or None when its bytes are those of the known reading.
Read = tuple[str, bytes, tuple[Note | None, list[Problem]] | None]


def _read_all(tasks: Iterator[ReadTask], jobs: int) -> Iterator[Read]:
    """Read notes, in *jobs* processes when there are many."""
    head = list(islice(tasks, PARALLEL_FROM))
    if jobs < 2 or len(head) < PARALLEL_FROM or "fork" not in get_all_start_methods():
        yield from map(_read_one, chain(head, tasks))
        return
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        yield from pool.map(_read_one, chain(head, tasks), chunksize=256)


def _read_one(task: ReadTask) -> Read:
    try:
        raw = read_file(
            task.path, task.root, follow_symlinks=task.follow_symlinks, folder_checked=True
        )
    except Refused as refused:
        return task.source, b"", (None, [Problem(task.source, None, Kind.SECURITY, str(refused))])
    found = checksum(raw)
    if found == task.known:
        return task.source, found, None
    made = read_note(task.source, raw, task.notes_dir, task.default_language, fingerprint_all=False)
    return task.source, found, made


def find_notes(
    srcdir: Path,
    dirs: Sequence[str],
    default_language: str,
    problems: list[Problem],
    excluded: Callable[[str], bool] = lambda source: False,
    follow_symlinks: bool = False,
) -> Iterator[Found]:
    """Every note file under *dirs* that may be read, sorted, once each.

    Links are followed while they stay inside the source directory; a file or
    folder whose real path lies outside it, and anything not a regular file, is
    a problem instead (unless *follow_symlinks*: then every link is followed).
    """
    seen: set[str] = set()
    root = str(srcdir.resolve())
    for notes_dir in dirs:
        top = os.path.normpath(os.path.join(root, notes_dir))
        if not inside(top, root) or not os.path.isdir(top):
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
        base = Path(os.path.relpath(top, root)).as_posix()
        if not follow_symlinks and not inside(os.path.realpath(top), root):
            problems.append(Problem(base, None, Kind.SECURITY, outside_message("folder")))
            continue
        found = []
        for folder, files in _walk(top, root, problems, follow_symlinks):
            prefix = Path(os.path.relpath(folder, root)).as_posix() + "/"
            prefix = "" if prefix == "./" else prefix
            found += [
                (prefix + name, os.path.join(folder, name))
                for name in files
                if name.endswith(".md") and not name.startswith(".")
            ]
        for source, path in sorted(found):
            if source in seen or excluded(source):
                continue
            seen.add(source)
            try:
                checked = check_file(
                    path, root, follow_symlinks=follow_symlinks, folder_checked=True
                )
            except Refused as refused:
                problems.append(Problem(source, None, Kind.SECURITY, str(refused)))
                continue
            stamp = Stamp(checked.st_mtime_ns, checked.st_size, base, default_language)
            yield Found(source, base, stamp)


def _walk(
    top: str, root: str, problems: list[Problem], follow_symlinks: bool
) -> Iterator[tuple[str, list[str]]]:
    """The folders under *top* and their files, following links to folders inside *root*.

    Hidden folders and ``_build`` are skipped, and so is a link to a folder that
    holds it, or that the walk came through (a loop).
    """
    #: Each folder's real path and the real paths of the folders above it.
    reals = {top: (os.path.realpath(top), frozenset[str]())}
    for folder, subdirs, files in os.walk(top, followlinks=True):
        real, above = reals.pop(folder)
        kept = []
        for name in subdirs:
            path = os.path.join(folder, name)
            if name.startswith((".", "_build")):
                continue
            sub = os.path.realpath(path) if os.path.islink(path) else os.path.join(real, name)
            if sub in above or inside(real, sub):
                continue
            if not follow_symlinks and not inside(sub, root):
                source = Path(os.path.relpath(path, root)).as_posix()
                problems.append(Problem(source, None, Kind.SECURITY, outside_message("folder")))
                continue
            reals[path] = (sub, above | {real})
            kept.append(name)
        subdirs[:] = kept
        yield folder, files
