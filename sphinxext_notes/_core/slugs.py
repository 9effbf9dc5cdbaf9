"""Slugs: one safe, unique, stable path segment per note."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable

#: Names a slug may not take: Sphinx's own pages and names Windows refuses.
RESERVED = frozenset(
    ["index", "notes", "genindex", "search", "py-modindex", "objects", "con", "prn", "aux", "nul"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)]
)
MAX_BYTES = 120
#: Room kept for a ``-N`` suffix that makes a clashing slug unique.
SUFFIX_ROOM = 8


def _safe(char: str) -> bool:
    """Letters (with their combining marks), digits and ``_`` stay in a slug."""
    return char == "_" or unicodedata.category(char)[0] in "LMN"


def slugify(text: str) -> str:
    """A lower-case path segment of letters, marks, digits, ``-`` and ``_``.

    Never empty, never starting with ``_`` (Sphinx's output folders), never
    one of :data:`RESERVED`, at most :data:`MAX_BYTES` bytes of UTF-8 with room
    for a uniqueness suffix.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    slug = re.sub(r"-+", "-", "".join(c if _safe(c) else "-" for c in text))
    while slug and (slug[0] in "-_" or unicodedata.category(slug[0])[0] == "M"):
        slug = slug[1:]  # no leading separator or lone combining mark
    slug = slug.rstrip("-_")
    limit = MAX_BYTES - SUFFIX_ROOM
    if len(slug.encode()) > limit:
        digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        while len(slug.encode()) > limit - 11:
            slug = slug[:-1]
        slug = f"{slug.rstrip('-_')}-{digest}"
    if not slug:
        return "note"
    return f"{slug}-note" if slug in RESERVED else slug


def unique_slugs(keys: Iterable[str], taken: Collection[str] = ()) -> dict[str, str]:
    """Map every key to a distinct slug; clashes get ``-2``, ``-3`` in key order.

    Slugs in *taken* are given to no key: a key that would get one is numbered.
    """
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        by_slug[slugify(key)].append(key)
    used = set(taken) | set(by_slug)
    result: dict[str, str] = {}
    for slug, clashing in sorted(by_slug.items()):
        numbered = clashing if slug in taken else clashing[1:]
        if slug not in taken:
            result[clashing[0]] = slug
        number = 2
        for key in numbered:
            while f"{slug}-{number}" in used:
                number += 1
            used.add(f"{slug}-{number}")
            result[key] = f"{slug}-{number}"
    return result
