"""How far each language is translated: the table's footer, its chart and ``status``."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .catalog import Catalog

#: A note's state in a language, in the order the table and the chart show them.
STATES = ("original", "translated", "reviewed", "machine-translated", "outdated", "missing")
#: The states that count as up to date: written or checked by a person, original unchanged.
UP_TO_DATE = ("original", "translated", "reviewed")


@dataclass(frozen=True)
class Coverage:
    """The notes of one language, counted by state."""

    lang: str
    counts: dict[str, int]
    total: int

    @property
    def up_to_date(self) -> int:
        """Originals and current translations by people (or reviewed)."""
        return sum(self.counts[state] for state in UP_TO_DATE)

    @property
    def percent(self) -> float:
        """The up-to-date share, in percent (100 for a language of no notes)."""
        return 100 * self.up_to_date / self.total if self.total else 100.0


def coverage(catalog: Catalog) -> dict[str, Coverage]:
    """Each language's coverage, the default language first."""
    found = {lang: Counter[str]() for lang in catalog.languages}
    for group in catalog.groups:
        for lang in catalog.languages:
            found[lang][catalog.state(group, lang)] += 1
    total = len(catalog.groups)
    return {
        lang: Coverage(lang, {state: counts[state] for state in STATES}, total)
        for lang, counts in found.items()
    }
