"""Matching lone notes by content, in steps: candidates, scores, joins, near misses.

:func:`match` runs them in order, twice: first on links and code (:func:`candidates`,
:func:`scores`), then, for the notes still alone, on what prose keeps — block shapes,
names, numbers (:func:`prose_candidates`, :func:`prose_scores`). Each step can be
read and tested alone; a new signal adds its features to the fingerprint
(``fingerprint.KINDS``) and its weight to a scoring step.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import NamedTuple

from .fingerprint import KINDS, is_strong, kind_of, similarity
from .problems import Kind, Problem

#: Similarity at or above which two notes are one note in two languages ...
MERGE = 0.5
#: ... provided they share this many link targets or code blocks.
MERGE_STRONG = 2
#: Similarity at or above which a note left alone gets a warning (both steps).
WEAK = 0.2
#: A feature shared by more notes than this says nothing about any pair.
COMMON = 64
#: Prose: share of block shapes (Jaccard) at or above which two notes can be one ...
SHAPE = 0.3
#: ... if they share this much of their names, numbers, links and code (weighed by rarity).
TOKENS = 0.3
#: A note with fewer block shapes than this is too short to match as prose.
MIN_SHAPES = 4


class Lone(NamedTuple):
    """A note that no key groups with another: what matching knows of it."""

    source: str
    lang: str
    features: frozenset[int]


class Pair(NamedTuple):
    """Two lone notes (by index, ``i < j``) and the evidence that they are one note."""

    i: int
    j: int
    #: How alike they are, from 0 to 1; pairs are joined best first.
    similarity: float
    #: Whether the evidence suffices to make them one note.
    joins: bool

    def other(self, index: int) -> int:
        """The note of the pair that is not *index*."""
        return self.j if index == self.i else self.i


def candidates(notes: Sequence[Lone]) -> Counter[tuple[int, int]]:
    """Pairs in different languages that share identifying features, with how many.

    The pairs come from an inverted index of those features, so notes that share
    none are never compared. A feature held by more than :data:`COMMON` notes is
    ignored, and so is one that two notes of one language hold: a group has one
    note per language, so it is two notes' (a page of the site that both link),
    not one's.
    """
    index: dict[int, list[int]] = defaultdict(list)
    for i, note in enumerate(notes):
        for feature in note.features:
            if is_strong(feature):
                index[feature].append(i)
    for feature, holders in list(index.items()):
        if len(holders) > 1 and (
            len(holders) > COMMON or len({notes[i].lang for i in holders}) < len(holders)
        ):
            del index[feature]
    shared: Counter[tuple[int, int]] = Counter()
    for i, note in enumerate(notes):
        found = Counter(
            j
            for feature in note.features
            for j in index.get(feature, ())
            if j > i and notes[j].lang != note.lang
        )
        for j, count in found.items():
            shared[i, j] = count
    return shared


def scores(notes: Sequence[Lone], shared: Counter[tuple[int, int]]) -> list[Pair]:
    """The candidate pairs similar enough to matter, best first (ties by source)."""
    pairs = [
        Pair(i, j, score, score >= MERGE and count >= MERGE_STRONG)
        for (i, j), count in shared.items()
        if (score := similarity(notes[i].features, notes[j].features)) >= WEAK
    ]
    return _best_first(notes, pairs)


def prose_candidates(notes: Sequence[Lone], among: Iterable[int]) -> set[tuple[int, int]]:
    """Pairs of notes *among* those given, in different languages, that share two features.

    From an inverted index of all their features, as :func:`candidates`.
    """
    index: dict[int, list[int]] = defaultdict(list)
    for i in sorted(among):
        for feature in notes[i].features:
            index[feature].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in index.values():
        if 1 < len(holders) <= COMMON:
            for at, i in enumerate(holders):
                shared.update((i, j) for j in holders[at + 1 :] if notes[j].lang != notes[i].lang)
    return {pair for pair, count in shared.items() if count >= 2}


def prose_scores(
    notes: Sequence[Lone], pairs: Iterable[tuple[int, int]], among: Iterable[int] = ()
) -> list[Pair]:
    """Score pairs on what prose keeps: the shape of their blocks and their tokens.

    ``shape`` is the Jaccard similarity of their block shapes; ``tokens`` the share
    of names, numbers, links and code that the note with fewer of them has in
    common with the other, each weighed by its rarity among the notes compared
    (a name every note has says nothing). A translation keeps both; two notes on
    one subject share names but not the order and size of their blocks, and
    notes written from one template share their shape but not their names and
    numbers. The pair's similarity is the lesser of the two. Notes with fewer
    than :data:`MIN_SHAPES` shapes, or that share fewer than two tokens that can
    name one note, are too short to tell and are not scored. A token that two
    notes of one language hold (among the notes of the pairs and *among*) cannot:
    a group has one note per language, so two different notes hold it, and it
    tells their subject or template (``Android`` in every page on a tool), not
    which of them a translation renders. Nor do two notes join that each link a
    page that no other note of their language links, if they share none of those
    links: a translation keeps its links (bar those to a site in one language,
    ``fr.wikipedia.org``, which are of another kind), so one of them renders
    another text, such as an older one that had another page's examples.
    """
    pairs = list(pairs)
    involved = {i for pair in pairs for i in pair}
    shapes = {i: _of_kinds(notes[i].features, {KINDS["shape"]}) for i in involved}
    told = _within_a_language(notes, involved.union(among))
    tokens = {i: notes[i].features - shapes[i] for i in involved}
    links = {i: _of_kinds(tokens[i] - told, {KINDS["url"]}) for i in involved}
    df = Counter(f for i in involved for f in tokens[i])
    weight = {f: math.log(1 + len(involved) / n) for f, n in df.items()}
    mass = {i: sum(map(weight.__getitem__, tokens[i])) for i in involved}
    found = []
    for i, j in pairs:
        shared = tokens[i] & tokens[j]
        if min(len(shapes[i]), len(shapes[j])) < MIN_SHAPES or len(shared - told) < 2:
            continue
        shape = similarity(shapes[i], shapes[j])
        total = min(mass[i], mass[j])
        common = sum(map(weight.__getitem__, shared))
        score = min(shape, common / total if total else 0.0)
        if score >= WEAK:
            apart = links[i] and links[j] and not links[i] & links[j]
            joins = not apart and shape >= SHAPE and common >= TOKENS * total
            found.append(Pair(i, j, score, joins))
    return _best_first(notes, found)


def _within_a_language(notes: Sequence[Lone], among: Iterable[int]) -> set[int]:
    """The features that two notes of one language hold, among *among*."""
    by_lang: dict[str, list[int]] = defaultdict(list)
    for i in among:
        by_lang[notes[i].lang].append(i)
    found: set[int] = set()
    for members in by_lang.values():
        seen: set[int] = set()
        for i in members:
            found.update(notes[i].features & seen)
            seen.update(notes[i].features)
    return found


def _of_kinds(features: frozenset[int], kinds: Collection[int]) -> frozenset[int]:
    """The *features* of those *kinds*."""
    return frozenset(f for f in features if kind_of(f) in kinds)


def _best_first(notes: Sequence[Lone], pairs: list[Pair]) -> list[Pair]:
    pairs.sort(key=lambda p: (-p.similarity, notes[p.i].source, notes[p.j].source))
    return pairs


def join(
    notes: Sequence[Lone], pairs: Sequence[Pair], joined: Sequence[list[int]] = ()
) -> tuple[list[list[int]], dict[int, Pair]]:
    """Join the pairs whose evidence suffices, best first, and return the groups.

    The groups *joined* before are kept. Two groups are never joined when they
    have a language in common. Also returns, for each note, the best pair that
    did not join it with the other note.
    """
    parent = list(range(len(notes)))
    langs = [{note.lang} for note in notes]
    for lead, *others in joined:
        for i in others:
            parent[i] = lead
            langs[lead].add(notes[i].lang)

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
        Problem(notes[i].source, 1, Kind.GROUP, _near_miss(notes, i, pair))
        for i, pair in sorted(missed.items())
        if i in alone
    ]


def _near_miss(notes: Sequence[Lone], i: int, pair: Pair) -> str:
    """Why note *i* was not grouped with the other note of *pair*, and what to do."""
    other = notes[pair.other(i)].source
    said = f"may be a translation of '{other}' (similarity {pair.similarity:.2f})"
    if pair.joins:  # strong evidence, but that note's group has this language already
        lang = notes[i].lang
        return (
            f"{said}, but that note's group already has a note in '{lang}': if this is "
            f"its translation, give the two the same translation_key and the other "
            f"'{lang}' note a key of its own"
        )
    return f"{said}, but the evidence is too weak to group them: give both the same translation_key"


def match(
    notes: Sequence[Lone], prose: Callable[[int], frozenset[int]] = lambda i: frozenset()
) -> tuple[list[list[int]], list[Problem]]:
    """Group *notes* by content: the groups (as indices) and the near-miss warnings.

    Links and code first; then the notes they left alone, by what prose keeps,
    with each other or with a group that lacks their language. *prose* gives what
    prose keeps (by index), asked only about those notes and those groups.
    """
    groups, missed = join(notes, scores(notes, candidates(notes)))
    alone = {group[0] for group in groups if len(group) == 1}
    if alone:
        joined = [group for group in groups if len(group) > 1]
        among = alone | {i for group in _lacking(notes, joined, alone) for i in group}
        seen = list(notes)
        for i in among:
            seen[i] = notes[i]._replace(features=notes[i].features | prose(i))
        pairs = [p for p in prose_candidates(seen, among) if p[0] in alone or p[1] in alone]
        groups, prose_missed = join(notes, prose_scores(seen, pairs, among), joined)
        for i, pair in prose_missed.items():
            missed.setdefault(i, pair)
    return groups, near_misses(notes, groups, missed)


def _lacking(
    notes: Sequence[Lone], groups: Iterable[list[int]], alone: Collection[int]
) -> Iterator[list[int]]:
    """The *groups* that lack the language of a note left *alone*: it may join them."""
    langs = {notes[i].lang for i in alone}
    for group in groups:
        if not langs <= {notes[i].lang for i in group}:
            yield group
