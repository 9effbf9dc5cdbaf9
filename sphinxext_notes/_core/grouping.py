"""Grouping notes into translation groups: by key, by file name, by fingerprint."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Literal

from .fingerprint import is_strong, similarity
from .notes import Note
from .problems import Kind, Problem
from .slugs import assign_slugs

GroupedBy = Literal["front-matter", "filename", "fingerprint"]

#: Similarity at or above which two notes are one note in two languages ...
MERGE = 0.5
#: ... provided they share this many link targets or code blocks.
MERGE_STRONG = 2
#: Similarity at or above which a note left alone gets a warning.
WEAK = 0.2
#: A feature shared by more notes than this says nothing about any pair.
COMMON = 64


@dataclass
class Group:
    """One note and its translations, at most one file per language."""

    key: str
    grouped_by: GroupedBy
    members: dict[str, Note] = field(default_factory=dict)
    original: str | None = None
    slug: str = ""

    @property
    def date(self) -> dt.date | None:
        """The earliest date of the group's notes, None when none has one."""
        return min((n.date for n in self.members.values() if n.date), default=None)


#: Gives a note's fingerprint.
Fingerprint = Callable[[Note], frozenset[int]]


def read_features(note: Note) -> frozenset[int]:
    """The fingerprint *note* was read with."""
    if note.features is None:
        raise ValueError(f"{note.source} was read without its fingerprint")
    return note.features


def group_notes(
    notes: Iterable[Note],
    default_language: str,
    taken: Collection[str] = (),
    fingerprint: Fingerprint = read_features,
) -> tuple[list[Group], list[Problem]]:
    """Group *notes*; the result depends only on the notes, not on their order.

    No group gets a slug in *taken* (the page names of ordinary documents).
    *fingerprint* is asked only about the notes that no key groups with another.
    """
    problems: list[Problem] = []
    groups: dict[str, Group] = {}
    ordered = sorted(notes, key=lambda n: (n.explicit_key or n.name_key, n.source))
    extra: list[Note] = []
    for key, same_key in groupby(ordered, key=lambda n: n.explicit_key or n.name_key):
        extra += _add_by_key(key, list(same_key), groups, problems)
    for note in extra:
        key = note.source.rsplit(".", 1)[0]
        while key in groups:
            key += "~"
        groups[key] = Group(key, "filename", {note.lang: note})
    _merge_by_fingerprint(groups, default_language, problems, fingerprint)
    for group in groups.values():
        group.members = dict(sorted(group.members.items()))
        group.original = _original(group, default_language, problems)
        note = next(iter(group.members.values()))
        if len(group.members) == 1 and note.lang_guessed and note.lang != default_language:
            problems.append(_guessed_language(note))
    problems += assign_slugs(groups.values(), default_language, taken)
    return sorted(groups.values(), key=lambda g: g.key), problems


def _add_by_key(
    key: str, notes: list[Note], groups: dict[str, Group], problems: list[Problem]
) -> list[Note]:
    """Add one key's notes; return the second files of a language, left out."""
    by: GroupedBy = "front-matter" if any(n.explicit_key for n in notes) else "filename"
    group = groups[key] = Group(key, by)
    left_out = []
    rank = sorted(notes, key=lambda n: (n.translated, n.explicit_key is None, n.source))
    for note in rank:
        if (winner := group.members.get(note.lang)) is None:
            group.members[note.lang] = note
            continue
        left_out.append(note)
        problems.append(
            Problem(
                note.source,
                1,
                Kind.GROUP,
                (
                    f"'{winner.source}' is already note '{key}' in '{note.lang}': this file "
                    "became a note of its own; give it another translation_key or lang"
                ),
            )
        )
    return left_out


def _merge_by_fingerprint(
    groups: dict[str, Group],
    default_language: str,
    problems: list[Problem],
    fingerprint: Fingerprint,
) -> None:
    """Join notes that stand alone and share their links, code and numbers."""
    alone = [g for g in groups.values() if len(g.members) == 1 and g.grouped_by == "filename"]
    notes = [next(iter(g.members.values())) for g in alone]
    prints = [fingerprint(note) for note in notes]
    index: dict[int, list[int]] = defaultdict(list)
    for i, found in enumerate(prints):
        for feature in found:
            if is_strong(feature):
                index[feature].append(i)

    #: (similarity, i, j, shared links and code blocks that are not too common)
    pairs: list[tuple[float, int, int, int]] = []
    for i, note in enumerate(notes):
        shared = Counter(
            j
            for f in prints[i]
            if 0 < len(index.get(f, ())) <= COMMON
            for j in index[f]
            if j > i and notes[j].lang != note.lang
        )
        for j, strong in shared.items():
            score = similarity(prints[i], prints[j])
            if score >= WEAK:
                pairs.append((score, i, j, strong))
    pairs.sort(key=lambda p: (-p[0], notes[p[1]].source, notes[p[2]].source))

    parent = list(range(len(notes)))
    langs = [{n.lang} for n in notes]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    near: dict[int, tuple[float, int]] = {}
    for score, i, j, strong in pairs:
        a, b = root(i), root(j)
        if a != b and score >= MERGE and strong >= MERGE_STRONG and not (langs[a] & langs[b]):
            parent[b] = a
            langs[a] |= langs[b]
        elif a != b:
            near.setdefault(i, (score, j))
            near.setdefault(j, (score, i))

    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(notes)):
        members[root(i)].append(i)
    for indices in members.values():
        if len(indices) == 1:
            continue
        chosen = [notes[i] for i in indices]
        for i in indices:
            del groups[alone[i].key]
        lead = min(
            indices,
            key=lambda i: (
                notes[i].translated,
                notes[i].lang != default_language,
                alone[i].key,
            ),
        )
        key = alone[lead].key
        groups[key] = Group(key, "fingerprint", {n.lang: n for n in chosen})
    for i, (score, j) in sorted(near.items()):
        if len(members[root(i)]) == 1:
            problems.append(
                Problem(
                    notes[i].source,
                    1,
                    Kind.GROUP,
                    (
                        f"may be a translation of '{notes[j].source}' (similarity "
                        f"{score:.2f}), but the evidence is too weak to group them: give "
                        "both the same translation_key"
                    ),
                )
            )


def _guessed_language(note: Note) -> Problem:
    """A note whose language only a name ending gives, unconfirmed by a translation."""
    return Problem(
        note.source,
        1,
        Kind.LANG,
        (
            f"no 'lang' in front matter: '{note.lang}' was taken from the end of the file "
            f"name, which a word can make too (how-to): add 'lang: {note.lang}' or the "
            "right language"
        ),
    )


def _original(group: Group, default_language: str, problems: list[Problem]) -> str | None:
    originals = [lang for lang, n in group.members.items() if not n.translated]
    if len(originals) > 1:
        originals.sort(key=lambda lang: (lang != default_language, group.members[lang].source))
        taken = group.members[originals[0]].source
        for lang in originals[1:]:
            problems.append(
                Problem(
                    group.members[lang].source,
                    1,
                    Kind.GROUP,
                    (
                        f"note '{group.key}' has two originals; '{taken}' was taken as the "
                        "original: mark the others 'translated: true'"
                    ),
                )
            )
    return originals[0] if originals else None
