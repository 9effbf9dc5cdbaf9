"""Whether each translation is still the translation of its original's text.

A recorded ``source_digest`` decides; else git: a translation is outdated when its
original's text, normalised as for the digest, differs from what it was at the
translation's last commit. What neither can tell is unknown (None), never outdated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .grouping import Group
from .history import Commit, GitTimeout, History, read_history
from .problems import Kind, Problem

#: How a translation's state was found.
Evidence = Literal["recorded", "git"]


@dataclass(frozen=True)
class Freshness:
    """A translation's state against its original."""

    #: True, False, or None when nothing tells.
    outdated: bool | None
    #: When the original changed (its last commit), where git knows it.
    changed: dt.date | None = None
    evidence: Evidence | None = None


UNKNOWN = Freshness(None)


def pairs(groups: Iterable[Group]) -> Iterable[tuple[str, str, str, str | None]]:
    """``(translation, original, original digest, recorded digest)`` per translation."""
    for group in groups:
        if group.original is None:
            continue
        original = group.members[group.original]
        for lang, note in group.members.items():
            if lang != group.original:
                yield note.source, original.source, original.digest, note.source_digest


def find_freshness(
    srcdir: Path,
    dirs: Sequence[str],
    groups: Sequence[Group],
    previous: History | None,
    problems: list[Problem],
    git: bool = True,
) -> tuple[dict[str, Freshness], History | None]:
    """Each translation's freshness, by source, and the git history used (with *git*)."""
    found = list(pairs(groups))
    if not found or not dirs:
        return {}, None

    def wanted(last: dict[str, Commit]) -> Iterable[tuple[Commit, str]]:
        for t, o, _, recorded in found:
            if recorded is None and t in last and not last[t].boundary:
                yield last[t], o  # the original as the translation saw it
            if o in last:
                yield last[o], o  # whether its last commit is its current text

    history = None
    try:
        if git:
            history = read_history(srcdir, dirs, wanted, previous)
    except GitTimeout:
        problems.append(
            Problem(
                dirs[0],
                None,
                Kind.OUTDATED,
                "git took too long to read the notes' history: translations without "
                "'source_digest' are shown as of unknown freshness; record digests with "
                "'python -m sphinxext_notes stamp'",
            )
        )
    return {
        t: _freshness(t, o, digest, recorded, history) for t, o, digest, recorded in found
    }, history


def _freshness(
    translation: str, original: str, digest: str, recorded: str | None, history: History | None
) -> Freshness:
    changed = history.last.get(original) if history else None
    if changed and history and history.digest_at(original, changed) != digest:
        changed = None  # the original changed since its last commit: no date yet
    if recorded is not None:
        outdated = recorded != digest
        return Freshness(outdated, changed.date if changed and outdated else None, "recorded")
    if history is None:
        return UNKNOWN
    made = history.last.get(translation)
    if made is None or made.boundary:
        return UNKNOWN
    then = history.digest_at(original, made)
    if then is None:  # the original was not there yet, or could not be read
        return UNKNOWN
    outdated = then != digest
    # The original's last commit, if after the translation's; else the change is not committed.
    date = changed.date if outdated and changed and changed.order < made.order else None
    return Freshness(outdated, date, "git")
