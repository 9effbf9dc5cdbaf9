"""Matching lone notes by content, in steps: candidates, scores, joins, near misses.

:func:`match` runs them in order; each step can be read and tested alone. A new
signal adds its features to the fingerprint and its weight to :class:`Pair`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .fingerprint import is_strong, similarity
from .problems import Kind, Problem

#: Similarity at or above which two notes are one note in two languages ...
MERGE = 0.5
#: ... provided they share this many link targets or code blocks.
MERGE_STRONG = 2
#: Similarity at or above which a note left alone gets a warning.
WEAK = 0.2
#: A feature shared by more notes than this says nothing about any pair.
COMMON = 64


@dataclass(frozen=True)
class Lone:
    """A note that no key groups with another: what matching knows of it."""

    source: str
    lang: str
    features: frozenset[int]


@dataclass(frozen=True)
class Pair:
    """Two lone notes (by index, ``i < j``) and the evidence that they are one note."""

    i: int
    j: int
    #: Jaccard similarity of their fingerprints.
    similarity: float
    #: Identifying features (links, code blocks) both have and few others do.
    shared: int

    @property
    def joins(self) -> bool:
        """Whether the evidence suffices to make them one note."""
        return self.similarity >= MERGE and self.shared >= MERGE_STRONG

    def other(self, index: int) -> int:
        """The note of the pair that is not *index*."""
        return self.j if index == self.i else self.i


def candidates(notes: Sequence[Lone]) -> Counter[tuple[int, int]]:
    """Pairs in different languages that share identifying features, with how many.

    The pairs come from an inverted index of those features, so notes that share
    none are never compared; a feature held by more than :data:`COMMON` notes is
    ignored.
    """
    index: dict[int, list[int]] = defaultdict(list)
    for i, note in enumerate(notes):
        for feature in note.features:
            if is_strong(feature):
                index[feature].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if len(holders) > COMMON:
            continue
        for at, i in enumerate(holders):
            shared.update((i, j) for j in holders[at + 1 :] if notes[j].lang != notes[i].lang)
    return shared


def scores(notes: Sequence[Lone], shared: Counter[tuple[int, int]]) -> list[Pair]:
    """The candidate pairs similar enough to matter, best first (ties by source)."""
    pairs = [
        Pair(i, j, score, count)
        for (i, j), count in shared.items()
        if (score := similarity(notes[i].features, notes[j].features)) >= WEAK
    ]
    pairs.sort(key=lambda p: (-p.similarity, notes[p.i].source, notes[p.j].source))
    return pairs


def join(notes: Sequence[Lone], pairs: Sequence[Pair]) -> tuple[list[list[int]], dict[int, Pair]]:
    """Join the pairs whose evidence suffices, best first, and return the groups.

    Two groups are never joined when they have a language in common. Also returns,
    for each note, the best pair that did not join it with the other note.
    """
    parent = list(range(len(notes)))
    langs = [{note.lang} for note in notes]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    missed: dict[int, Pair] = {}
    for pair in pairs:
        a, b = root(pair.i), root(pair.j)
        if a == b:
            continue
        if pair.joins and not langs[a] & langs[b]:
            parent[b] = a
            langs[a] |= langs[b]
        else:
            missed.setdefault(pair.i, pair)
            missed.setdefault(pair.j, pair)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(notes)):
        groups[root(i)].append(i)
    return list(groups.values()), missed


def near_misses(
    notes: Sequence[Lone], groups: Sequence[list[int]], missed: dict[int, Pair]
) -> list[Problem]:
    """A warning for each note left alone that a missed pair nearly joined."""
    alone = {group[0] for group in groups if len(group) == 1}
    return [
        Problem(
            notes[i].source,
            1,
            Kind.GROUP,
            (
                f"may be a translation of '{notes[pair.other(i)].source}' (similarity "
                f"{pair.similarity:.2f}), but the evidence is too weak to group them: give "
                "both the same translation_key"
            ),
        )
        for i, pair in sorted(missed.items())
        if i in alone
    ]


def match(notes: Sequence[Lone]) -> tuple[list[list[int]], list[Problem]]:
    """Group *notes* by content: the groups (as indices) and the near-miss warnings."""
    groups, missed = join(notes, scores(notes, candidates(notes)))
    return groups, near_misses(notes, groups, missed)
