"""The catalog: every note found under the notes folders, grouped, with docnames."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from .freshness import UNKNOWN, Freshness, find_freshness
from .grouping import Group, group_notes
from .history import History
from .names import Lookup, Names
from .notes import Note, body_features, read_note
from .problems import Kind, Problem

#: What a cached reading depends on: mtime and size of the file, its notes folder and
#: the default language: modification time and size of the file.
Stamp = tuple[int, int, str, str]


#: The docname of the language index in a one-language build.
NOTES_INDEX = "notes"


@dataclass
class Catalog:
    """All notes, their groups, languages and page names; derived, never edited."""

    default_language: str
    #: The groups, sorted by key.
    groups: list[Group] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Readings of the files, reused while a file's stamp is unchanged.
    readings: dict[str, tuple[Stamp, Note | None, list[Problem]]] = field(
        default_factory=dict, repr=False
    )
    #: The one language built (``notes_build = "current"``), or None for all.
    current: str | None = None
    #: Fingerprints computed when grouping asked for them, reused like readings.
    fingerprints: dict[str, tuple[Stamp, frozenset[int]]] = field(default_factory=dict, repr=False)
    #: Each translation's freshness against its original, by source.
    freshness: dict[str, Freshness] = field(default_factory=dict, repr=False)
    #: The git history it was found with, reused while ``HEAD`` is unchanged.
    history: History | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.by_key = {g.key: g for g in self.groups}
        found = {lang for g in self.groups for lang in g.members}
        #: Languages, the default first.
        self.languages = [
            self.default_language,
            *sorted(found - {self.default_language}),
        ]
        #: The languages whose pages this build writes.
        self.built = [self.current] if self.current else self.languages
        self.by_docname = {
            self.docname(g, lang): (g, lang)
            for g in self.groups
            for lang in g.members
            if self.is_built(lang)
        }
        #: Every note's page name, built here or not, and its group.
        self.pages = {self.docname(g, lang): g for g in self.groups for lang in g.members}
        self.by_source = {
            note.source: (g, lang) for g in self.groups for lang, note in g.members.items()
        }
        self._listings: dict[str, list[Group]] = {}
        self._names: Names | None = None
        self._positions: dict[str, dict[str, int]] = {}
        #: The process that holds this catalog (see :meth:`__getstate__`).
        self._owner = os.getpid()

    def __getstate__(self) -> dict[str, object]:
        """The catalog's own data; empty when pickled by another process.

        Sphinx's parallel readers (``-j``, forked) pickle their whole environment
        back to the main process, which merges only per-document data and keeps
        its own catalog: sending it from every chunk made ``-j 2`` slower than
        serial at 3,000 notes.
        """
        if os.getpid() != self._owner:
            return Catalog(self.default_language, current=self.current).__getstate__()
        names = (
            "default_language",
            "groups",
            "problems",
            "readings",
            "current",
            "fingerprints",
            "freshness",
            "history",
        )
        return {name: getattr(self, name) for name in names}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def is_built(self, lang: str) -> bool:
        """Whether this build writes the pages of *lang*."""
        return self.current is None or lang == self.current

    def page(self, lang: str, slug: str) -> str:
        """The docname of a page: ``<lang>/<slug>``, or ``<slug>`` in a one-language build."""
        return slug if self.current else f"{lang}/{slug}"

    def docname(self, group: Group, lang: str) -> str:
        """The page name of *group* in *lang*."""
        return self.page(lang, group.slug)

    def index(self, lang: str) -> str:
        """The docname of a language's index page."""
        return NOTES_INDEX if self.current else self.page(lang, "index")

    def index_language(self, docname: str) -> str | None:
        """The language whose index *docname* is, if it is one."""
        return next((lang for lang in self.built if self.index(lang) == docname), None)

    def listing(self, lang: str) -> list[Group]:
        """The groups that exist in *lang*, newest first (undated last, by key)."""
        if lang not in self._listings:
            found = newest_first(g for g in self.groups if lang in g.members)
            self._listings[lang] = found
            self._positions[lang] = {g.key: i for i, g in enumerate(found)}
        return self._listings[lang]

    def neighbours(self, docname: str) -> tuple[Group | None, Group | None]:
        """The notes before and after a note page in its language's listing."""
        group, lang = self.by_docname[docname]
        listing = self.listing(lang)
        at = self._positions[lang][group.key]
        before = listing[at - 1] if at else None
        after = listing[at + 1] if at + 1 < len(listing) else None
        return before, after

    def freshness_of(self, group: Group, lang: str) -> Freshness:
        """Whether *group*'s translation into *lang* is outdated; originals never are."""
        if lang == group.original:
            return Freshness(False)
        return self.freshness.get(group.members[lang].source, UNKNOWN)

    def state(self, group: Group, lang: str) -> str:
        """What the table shows: ``outdated``, else the status, else ``missing``."""
        note = group.members.get(lang)
        if note is None:
            return "missing"
        return "outdated" if self.freshness_of(group, lang).outdated else note.status

    def lookup(self, name: str, suggest: bool = False) -> Lookup:
        """The note a reference's *name* gives: key, slug, or a unique last segment of a key.

        With *suggest*, an unknown name's lookup carries the closest keys.
        """
        if self._names is None:
            self._names = Names(self.groups)
        return self._names.lookup(name, suggest)

    def fallback(self, group: Group, wanted: str) -> str:
        """The language to show *group* in: *wanted*, the default, the original's."""
        for lang in (wanted, self.default_language, group.original):
            if lang in group.members:
                return lang
        return next(iter(group.members))

    def language_of(self, docname: str) -> str:
        """The language a page is in: its note's, its index's, else the build's."""
        if docname in self.by_docname:
            return self.by_docname[docname][1]
        if self.current:
            return self.current
        head = docname.partition("/")[0]
        return head if head in self.languages else self.default_language


def newest_first(groups: Iterable[Group]) -> list[Group]:
    """*groups* by date, newest first; undated ones last; otherwise by key."""
    return sorted(groups, key=lambda g: (-g.date.toordinal() if g.date else 1, g.key))


def build_catalog(
    srcdir: Path,
    dirs: Sequence[str],
    default_language: str,
    previous: Catalog | None = None,
    jobs: int = 1,
    current: str | None = None,
    excluded: Callable[[str], bool] = lambda source: False,
    taken: Collection[str] = (),
    git: bool = True,
) -> Catalog:
    """Read every ``.md`` file under *dirs* and group them.

    Files whose modification time and size are unchanged since *previous* are
    not read again; when many files are to be read, *jobs* processes read them.
    With *current*, only that language's pages are built. Sources that are
    *excluded* are left out; slugs in *taken* are given to no note. Without *git*,
    only recorded digests tell outdated translations.
    """
    problems: list[Problem] = []
    cache = previous.readings if previous else {}
    found = [
        (source, notes_dir, (*stat, notes_dir, default_language))
        for source, notes_dir, stat in find_notes(srcdir, dirs, problems)
        if not excluded(source)
    ]
    stale = [
        (os.path.join(srcdir, source), source, notes_dir, default_language)
        for source, notes_dir, stamp in found
        if source not in cache or cache[source][0] != stamp
    ]
    fresh = dict(_read_all(stale, jobs))
    readings = {
        source: (stamp, *fresh[source]) if source in fresh else cache[source]
        for source, _, stamp in found
    }
    for _, _, found_problems in readings.values():
        problems += found_problems
    notes = [note for _, note, _ in readings.values() if note]
    stamps = {source: stamp for source, _, stamp in found}
    known = previous.fingerprints if previous else {}
    fingerprints: dict[str, tuple[Stamp, frozenset[int]]] = {}

    def fingerprint(note: Note) -> frozenset[int]:
        if note.features is not None:
            return note.features
        stamp = stamps[note.source]
        cached = known.get(note.source)
        if cached is None or cached[0] != stamp:
            try:
                with open(os.path.join(srcdir, note.source), "rb") as file:
                    cached = stamp, body_features(file.read())
            except OSError:  # gone since it was read: it has nothing to match
                cached = stamp, frozenset()
        fingerprints[note.source] = cached
        return cached[1]

    groups, grouping_problems = group_notes(notes, default_language, taken, fingerprint)
    problems += grouping_problems
    freshness, history = find_freshness(
        srcdir,
        [d for d in dirs if (srcdir / d).is_dir()],
        groups,
        previous.history if previous else None,
        problems,
        git,
    )
    return Catalog(
        default_language,
        groups,
        problems,
        readings,
        current,
        fingerprints,
        freshness,
        history,
    )


#: Below this many files to read, starting processes costs more than it saves.
PARALLEL_FROM = 500


def _read_all(
    tasks: list[tuple[str, str, str, str]], jobs: int
) -> Iterator[tuple[str, tuple[Note | None, list[Problem]]]]:
    """Read notes, in *jobs* processes when there are many."""
    if jobs < 2 or len(tasks) < PARALLEL_FROM or "fork" not in get_all_start_methods():
        yield from map(_read_one, tasks)
        return
    with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
        yield from pool.map(_read_one, tasks, chunksize=256)


def _read_one(task: tuple[str, str, str, str]) -> tuple[str, tuple[Note | None, list[Problem]]]:
    path, source, notes_dir, default_language = task
    with open(path, "rb") as file:
        return source, read_note(
            source, file.read(), notes_dir, default_language, fingerprint_all=False
        )


def find_notes(
    srcdir: Path, dirs: Sequence[str], problems: list[Problem]
) -> Iterator[tuple[str, str, tuple[int, int]]]:
    """Yield ``(source, notes_dir, (mtime, size))`` for every note file, sorted, once each."""
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
                yield source, base, (stat.st_mtime_ns, stat.st_size)
