"""The names a reference may give a note: its key, its slug, its key's last segment."""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grouping import Group

#: How many close keys an unknown name's warning suggests.
SUGGESTIONS = 3


@dataclass(frozen=True)
class Lookup:
    """What a name leads to: one note, or why none."""

    name: str
    group: Group | None = None
    #: Without a group: the keys an ambiguous name fits, else the keys closest to it.
    candidates: tuple[str, ...] = ()
    ambiguous: bool = False

    def message(self) -> str:
        """Why the name leads nowhere, and what to write instead."""
        keys = " or ".join(f"'{key}'" for key in self.candidates)
        if self.ambiguous:
            return f"note name '{self.name}' is ambiguous: it fits {keys}: write the full key"
        if keys:
            return f"unknown note '{self.name}': did you mean {keys}?"
        return (
            f"unknown note '{self.name}': write a note's key (translation_key, or the file "
            "name without folders and language marker), its slug, or the last part of its key"
        )


class Names:
    """Every note's names: its key first, then its slug and its key's last segment."""

    def __init__(self, groups: Iterable[Group]) -> None:
        self.by_key = {group.key: group for group in groups}
        self.others: dict[str, dict[str, Group]] = defaultdict(dict)
        for group in self.by_key.values():
            for name in (group.slug, group.key.rpartition("/")[2]):
                self.others[name][group.key] = group

    def lookup(self, name: str, suggest: bool = False) -> Lookup:
        """The note *name* gives: by key, else by a slug or last segment only it has.

        With *suggest*, an unknown name's lookup carries the closest keys (difflib).
        """
        name = unicodedata.normalize("NFC", name.strip())
        if group := self.by_key.get(name):
            return Lookup(name, group)
        fits = self.others.get(name, {})
        if len(fits) == 1:
            return Lookup(name, next(iter(fits.values())))
        if fits:
            return Lookup(name, candidates=tuple(sorted(fits)), ambiguous=True)
        if not suggest:
            return Lookup(name)
        close = difflib.get_close_matches(name, [*self.by_key, *self.others], SUGGESTIONS * 2)
        keys = dict.fromkeys(
            key
            for found in close
            for key in ([found] if found in self.by_key else self.others[found])
        )
        return Lookup(name, candidates=tuple(keys)[:SUGGESTIONS])
