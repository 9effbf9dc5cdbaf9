"""Grouping notes into translation groups: by key, by file name, by fingerprint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from typing import Literal

from .matching import Lone, match
from .notes import Note
from .problems import Kind, Problem
from .slugs import assign_slugs
from .structure import neutral_features

GroupedBy = Literal["front-matter", "filename", "fingerprint"]


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
    prose: Fingerprint = lambda note: frozenset(),
) -> tuple[list[Group], list[Problem]]:
    """Group *notes*; the result depends only on the notes, not on their order.

    No group gets a slug in *taken* (the page names of ordinary documents).
    *fingerprint* is asked only about the notes that no key groups with another,
    *prose* (what prose keeps: names, block shapes) only about those that links
    and code leave alone too.
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
    _merge_by_fingerprint(groups, default_language, problems, fingerprint, prose)
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
    prose: Fingerprint,
) -> None:
    """Join notes that stand alone and share their links, code, numbers, or prose."""
    alone = [g for g in groups.values() if len(g.members) == 1 and g.grouped_by == "filename"]
    notes = [next(iter(g.members.values())) for g in alone]
    lone = [Lone(n.source, n.lang, fingerprint(n)) for n in notes]
    found, near = match(lone, lambda i: prose(notes[i]) | neutral_features(notes[i].data))
    for indices in found:
        if len(indices) == 1:
            continue
        for i in indices:
            del groups[alone[i].key]
        lead = min(
            indices,
            key=lambda i: (notes[i].translated, notes[i].lang != default_language, alone[i].key),
        )
        key = alone[lead].key
        groups[key] = Group(key, "fingerprint", {notes[i].lang: notes[i] for i in indices})
    problems += near


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
