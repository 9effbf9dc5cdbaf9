"""Slugs: one safe, unique, stable path segment per note."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING

from anyascii import anyascii

from .problems import Kind, Problem

if TYPE_CHECKING:
    from .grouping import Group
    from .notes import Note

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


#: Rank of a slug set in front matter, of one made from a key, of one made from a title:
#: on a clash the lower rank keeps the slug.
STATED, FROM_KEY, FROM_TITLE = 0, 1, 2


def unique_slugs(
    keys: Iterable[str],
    taken: Collection[str] = (),
    wanted: Mapping[str, tuple[int, str]] | None = None,
) -> dict[str, str]:
    """Map every key to a distinct slug; clashes get ``-2``, ``-3`` in key order.

    Slugs in *taken* are given to no key: a key that would get one is numbered.
    *wanted* gives a key the rank and slug it asks for instead of its own
    (:data:`FROM_KEY`); on a clash, lower ranks come first, then key order.
    """
    wanted = wanted or {}
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys), key=lambda k: (wanted.get(k, (FROM_KEY,))[0], k)):
        by_slug[wanted[key][1] if key in wanted else slugify(key)].append(key)
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


#: A key's last segment that says nothing: a hash (``000_b2d1b9e4c37a037b``, a UUID).
_HASHED = re.compile(r"(?=.*[0-9])(?=.*[a-f])[0-9a-f]{8,}")
#: Characters of scripts written without spaces between words (Han, kana).
_UNSPACED = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA")
#: Title slugs are cut at a word boundary to this many characters.
TITLE_CHARS = 80


def says_nothing(key: str) -> bool:
    """Whether a key's last segment is a hash rather than a name."""
    name = re.sub(r"[-_.~]", "", key.rpartition("/")[2]).lower()
    return _HASHED.fullmatch(name) is not None


def to_ascii(text: str) -> str:
    """*text* transliterated to ASCII (anyascii), Han and kana one word a character."""
    spelled = (
        f" {anyascii(c)} " if unicodedata.name(c, "").startswith(_UNSPACED) else anyascii(c)
        for c in text
    )
    return "".join(spelled).replace("'", "").replace("`", "")


def title_slug(title: str) -> str | None:
    """A readable ASCII slug for *title*; None when nothing of it is a letter or digit."""
    text = to_ascii(title)
    if not any(c.isalnum() for c in text):
        return None
    slug = slugify(text)
    if len(slug) > TITLE_CHARS:
        cut = slug[: TITLE_CHARS + 1].rpartition("-")[0] or slug[:TITLE_CHARS]
        slug = slugify(cut)
    return slug


def assign_slugs(
    groups: Iterable[Group], default_language: str, taken: Collection[str] = ()
) -> list[Problem]:
    """Give every group its slug; return the problems of slugs set in front matter.

    A group's slug is, in this order: its notes' ``slug`` (the original's, else the
    default language's, else the first language's, when they differ); a slug made
    from its title when its key is a hash (the same language's title); its key.
    """
    problems: list[Problem] = []
    by_key = {group.key: group for group in groups}
    wanted: dict[str, tuple[int, str]] = {}
    setters: dict[str, Note] = {}
    for key, group in by_key.items():
        lang = _first_language(group, default_language)
        stated = [lang, *group.members]
        if setter := next((group.members[x] for x in stated if group.members[x].slug), None):
            setters[key] = setter
            wanted[key] = STATED, slugify(setter.slug or "")
            problems += [
                Problem(
                    note.source,
                    note.slug_line,
                    Kind.SLUG,
                    (
                        f"'slug: {note.slug}' differs from 'slug: {setter.slug}' of "
                        f"'{setter.source}', which note '{key}' uses: remove this one or "
                        "make them equal"
                    ),
                )
                for note in group.members.values()
                if note.slug and slugify(note.slug) != wanted[key][1]
            ]
        elif (
            group.grouped_by != "front-matter"
            and says_nothing(key)
            and (slug := title_slug(group.members[lang].title))
        ):
            wanted[key] = FROM_TITLE, slug
    slugs = unique_slugs(by_key, taken, wanted)
    for key, slug in slugs.items():
        by_key[key].slug = slug
        if (setter := setters.get(key)) and slug != (asked := wanted[key][1]):
            holder = next((k for k, s in slugs.items() if s == asked), None)
            problems.append(
                Problem(
                    setter.source,
                    setter.slug_line,
                    Kind.SLUG,
                    (
                        f"slug '{asked}' is taken by "
                        + (f"note '{holder}'" if holder else "an ordinary document")
                        + f": this note's pages are at '{slug}'; choose another slug"
                    ),
                )
            )
    return problems


def _first_language(group: Group, default_language: str) -> str:
    """The original's language, else the default language, else the x-default's."""
    if group.original:
        return group.original
    return default_language if default_language in group.members else next(iter(group.members))
