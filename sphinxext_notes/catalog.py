"""The catalog: every note found under the notes folders, grouped, with docnames."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .grouping import Group, group_notes
from .notes import Note, Problem, read_note

#: What a cached reading is valid for: modification time and size of the file.
Stamp = tuple[int, int]


@dataclass
class Catalog:
    """All notes, their groups, languages and page names; derived, never edited."""

    default_language: str
    groups: list[Group] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Readings of the files, reused while a file's stamp is unchanged.
    readings: dict[str, tuple[Stamp, Note | None, list[Problem]]] = field(
        default_factory=dict, repr=False
    )

    def __post_init__(self) -> None:
        self.by_key = {g.key: g for g in self.groups}
        self.by_docname = {
            page_name(lang, g.slug): (g, lang)
            for g in self.groups
            for lang in g.members
        }
        found = {lang for g in self.groups for lang in g.members}
        others = sorted(found - {self.default_language})
        #: Languages, the default first.
        self.languages = [self.default_language, *others]

    def __getstate__(self) -> dict[str, object]:
        return {
            k: getattr(self, k)
            for k in ("default_language", "groups", "problems", "readings")
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def docname(self, group: Group, lang: str) -> str:
        """The page name of *group* in *lang* (which must exist)."""
        return page_name(lang, group.slug)

    def listing(self, lang: str) -> list[Group]:
        """The groups that exist in *lang*, newest first."""
        found = [g for g in self.groups if lang in g.members]
        return sorted(
            found,
            key=lambda g: (g.date is None, -g.date.toordinal() if g.date else 0, g.key),
        )

    def language_of(self, docname: str) -> str:
        """The language a page is in: its note's, its index's, else the default."""
        if docname in self.by_docname:
            return self.by_docname[docname][1]
        head = docname.partition("/")[0]
        return head if head in self.languages else self.default_language


def page_name(lang: str, slug: str) -> str:
    """The docname of a page in a language's tree."""
    return f"{lang}/{slug}"


def build_catalog(
    srcdir: Path,
    dirs: Sequence[str],
    default_language: str,
    previous: Catalog | None = None,
) -> Catalog:
    """Read every ``.md`` file under *dirs* and group them.

    Files whose modification time and size are unchanged since *previous* are
    not read again.
    """
    problems: list[Problem] = []
    readings = {}
    cache = previous.readings if previous else {}
    for source, notes_dir, stamp in find_notes(srcdir, dirs, problems):
        cached = cache.get(source)
        if cached is None or cached[0] != stamp:
            raw = (srcdir / source).read_bytes()
            note, found = read_note(source, raw, notes_dir, default_language)
            cached = (stamp, note, found)
        readings[source] = cached
        problems += cached[2]
    notes = [note for _, note, _ in readings.values() if note]
    groups, grouping_problems = group_notes(notes, default_language)
    return Catalog(default_language, groups, problems + grouping_problems, readings)


def find_notes(
    srcdir: Path, dirs: Sequence[str], problems: list[Problem]
) -> Iterator[tuple[str, str, Stamp]]:
    """Yield ``(source, notes_dir, stamp)`` for every note file, sorted, once each."""
    seen: set[str] = set()
    root = srcdir.resolve()
    for notes_dir in dirs:
        top = (srcdir / notes_dir).resolve()
        if not top.is_relative_to(root) or not top.is_dir():
            problems.append(
                Problem(
                    notes_dir,
                    None,
                    "config",
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
            found += [
                Path(folder, name)
                for name in files
                if name.endswith(".md") and not name.startswith(".")
            ]
        for path in sorted(found):
            source = path.relative_to(root).as_posix()
            if source not in seen:
                seen.add(source)
                stat = path.stat()
                yield source, base, (stat.st_mtime_ns, stat.st_size)
