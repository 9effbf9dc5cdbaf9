"""The catalog: every note found under the notes folders, grouped, with docnames."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from .freshness import UNKNOWN, Freshness
from .grouping import Group
from .history import History
from .message_catalogs import MessageCatalog
from .names import Lookup, Names
from .notes import Note
from .problems import Problem


class Stamp(NamedTuple):
    """What a cached reading depends on: the file, its notes folder, the default language."""

    mtime_ns: int
    size: int
    notes_dir: str
    default_language: str


class Reading(NamedTuple):
    """A file's reading, reused while its stamp is unchanged, or its bytes are."""

    stamp: Stamp
    #: The checksum of the bytes read (see :func:`.files.checksum`); empty when
    #: the file was refused.
    checksum: bytes
    #: The note, or None when the file could not be read as one.
    note: Note | None
    problems: list[Problem]


class Fingerprint(NamedTuple):
    """A note's fingerprint computed when grouping asked for it, reused while its
    file's checksum holds."""

    checksum: bytes
    features: frozenset[int]


#: Raised when a reading, a fingerprint or the catalog changes shape: the build's
#: ``env_version``, and the version of the commands' cache (:mod:`.reading_cache`).
FORMAT_VERSION = 8

#: The docname of the language index in a one-language build.
NOTES_INDEX = "notes"


@dataclass
class Catalog:
    """All notes, their groups, languages and page names; derived, never edited."""

    default_language: str
    #: The groups, sorted by key.
    groups: list[Group] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Readings of the files, reused while a file's stamp is unchanged.
    readings: dict[str, Reading] = field(default_factory=dict, repr=False)
    #: The one language built (``notes_build = "current"``), or None for all.
    current: str | None = None
    #: Fingerprints computed when grouping asked for them, reused like readings.
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict, repr=False)
    #: What prose keeps of the notes that links and code left alone, reused likewise.
    prose: dict[str, Fingerprint] = field(default_factory=dict, repr=False)
    #: Each translation's freshness against its original, by source.
    freshness: dict[str, Freshness] = field(default_factory=dict, repr=False)
    #: The git history it was found with, reused while ``HEAD`` is unchanged.
    history: History | None = field(default=None, repr=False)
    #: Whether a note gets a page in every language, showing its source text where it
    #: has no translation (``notes_fallback = "original"``).
    fallback_pages: bool = False
    #: Compiled gettext catalogs that translate a note where no file does, by key and language.
    gettext: dict[str, dict[str, MessageCatalog]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_key = {g.key: g for g in self.groups}
        found = {lang for g in self.groups for lang in self.translations(g)}
        #: Languages, the default first.
        self.languages = [
            self.default_language,
            *sorted(found - {self.default_language}),
        ]
        #: The languages whose pages this build writes.
        self.built = [self.current] if self.current else self.languages
        #: Each page of a note built here: its group and its language.
        self.by_docname = {
            self.docname(g, lang): (g, lang)
            for g in self.groups
            for lang in self.page_languages(g)
            if self.is_built(lang)
        }
        #: Every note's page name, built here or not, and its group.
        self.pages = {
            self.docname(g, lang): g for g in self.groups for lang in self.page_languages(g)
        }
        self.by_source = {
            note.source: (g, lang) for g in self.groups for lang, note in g.members.items()
        }
        self._listings: dict[str, list[Group]] = {}
        self._names: Names | None = None
        self._positions: dict[str, dict[str, int]] = {}

    def __getstate__(self) -> dict[str, object]:
        """The catalog's own data, without what it derives from it."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.__post_init__()

    def is_built(self, lang: str) -> bool:
        """Whether this build writes the pages of *lang*."""
        return self.current is None or lang == self.current

    def page(self, lang: str, slug: str) -> str:
        """The docname of a page: ``<lang>/<slug>``, or ``<slug>`` in a one-language build."""
        return slug if self.current else f"{lang}/{slug}"

    def docname(self, group: Group, lang: str) -> str:
        """The page name of *group* in *lang*."""
        return self.page(lang, group.slug)

    def index(self, lang: str) -> str:
        """The docname of a language's index page."""
        return NOTES_INDEX if self.current else self.page(lang, "index")

    def index_language(self, docname: str) -> str | None:
        """The language whose index *docname* is, if it is one."""
        return next((lang for lang in self.built if self.index(lang) == docname), None)

    def page_language(self, docname: str) -> str | None:
        """The language of a note page or language index; None for any other page."""
        if docname in self.by_docname:
            return self.by_docname[docname][1]
        return self.index_language(docname)

    def translations(self, group: Group) -> list[str]:
        """The languages *group* is written in: its files', then its gettext catalogs'."""
        return [*group.members, *self.gettext.get(group.key, ())]

    def page_languages(self, group: Group) -> list[str]:
        """The languages *group* has a page in: its translations, then, with fallback
        pages, every other."""
        own = self.translations(group)
        if not self.fallback_pages:
            return own
        return [*own, *(lang for lang in self.languages if lang not in own)]

    def has_page(self, group: Group, lang: str) -> bool:
        """Whether *group* has a page in *lang*: a translation, or a fallback page."""
        return self.via(group, lang) is not None

    def via(self, group: Group, lang: str) -> str | None:
        """How *group*'s page in *lang* is made, if it has one.

        ``file``: from its file in *lang*; ``gettext``: from its source's file,
        with *lang*'s compiled catalog applied; ``fallback``: from its source's
        file as it is, in *lang*'s chrome.
        """
        if lang in group.members:
            return "file"
        if lang in self.gettext.get(group.key, ()):
            return "gettext"
        if self.fallback_pages and lang in self.languages:
            return "fallback"
        return None

    def message_catalog(self, group: Group, lang: str) -> MessageCatalog | None:
        """The compiled catalog that *group*'s page in *lang* applies, if it is made so."""
        return self.gettext.get(group.key, {}).get(lang)

    def content_language(self, group: Group, lang: str) -> str:
        """The language of the text on *group*'s page in *lang*.

        *lang* itself where a file or a catalog translates it; on a fallback
        page, the source's (:meth:`source_language`): the chrome stays in *lang*.
        """
        return self.source_language(group) if self.via(group, lang) == "fallback" else lang

    def shown(self, group: Group, lang: str) -> Note:
        """The note file that *group*'s page in *lang* is read from."""
        return group.members.get(lang) or group.members[self.source_language(group)]

    def reading(self, group: Group, lang: str) -> tuple[str, str | None]:
        """What *group*'s page in *lang* is read from: a note file, and a catalog or None."""
        found = self.message_catalog(group, lang)
        return self.shown(group, lang).source, found.mo if found else None

    def title(self, group: Group, lang: str) -> str:
        """The title of *group*'s page in *lang*: its file's, its catalog's, else its source's."""
        if lang in group.members:
            return group.members[lang].title
        found = self.message_catalog(group, lang)
        return found.title if found and found.title else self.shown(group, lang).title

    def is_fallback(self, docname: str) -> bool:
        """Whether *docname* is a fallback page: a note shown untranslated in another language."""
        found = self.by_docname.get(docname)
        return found is not None and self.via(*found) == "fallback"

    def reference(self, group: Group, wanted: str) -> str:
        """The language of the page a reference from a page in *wanted* leads to.

        *wanted* where *group* has a page in it (a fallback page included, so a
        reader stays in their language's navigation), else :meth:`fallback`.
        """
        return wanted if self.has_page(group, wanted) else self.fallback(group, wanted)

    def listing(self, lang: str) -> list[Group]:
        """The groups with a page in *lang*, newest first (undated last, by key)."""
        if lang not in self._listings:
            found = newest_first(g for g in self.groups if self.has_page(g, lang))
            self._listings[lang] = found
            self._positions[lang] = {g.key: i for i, g in enumerate(found)}
        return self._listings[lang]

    def neighbours(self, docname: str) -> tuple[Group | None, Group | None]:
        """The notes before and after a note page in its language's listing."""
        group, lang = self.by_docname[docname]
        listing = self.listing(lang)
        at = self._positions[lang][group.key]
        before = listing[at - 1] if at else None
        after = listing[at + 1] if at + 1 < len(listing) else None
        return before, after

    def freshness_of(self, group: Group, lang: str) -> Freshness:
        """Whether *group*'s translation into *lang* is outdated; originals never are.

        A catalog's translation is outdated when some of its entries are fuzzy.
        """
        if lang == group.original:
            return Freshness(False)
        if found := self.message_catalog(group, lang):
            return Freshness(found.fuzzy > 0)
        return self.freshness.get(group.members[lang].source, UNKNOWN)

    def status(self, group: Group, lang: str) -> str:
        """The status of *group* in *lang*: its file's, ``translated`` by a catalog, or
        ``missing``."""
        if lang in group.members:
            return group.members[lang].status
        return "translated" if self.message_catalog(group, lang) else "missing"

    def state(self, group: Group, lang: str) -> str:
        """What the table shows: ``outdated``, else the status (``missing`` included)."""
        status = self.status(group, lang)
        if status != "missing" and self.freshness_of(group, lang).outdated:
            return "outdated"
        return status

    def lookup(self, name: str, suggest: bool = False) -> Lookup:
        """The note a reference's *name* gives: key, slug, or a unique last segment of a key.

        With *suggest*, an unknown name's lookup carries the closest keys.
        """
        if self._names is None:
            self._names = Names(self.groups)
        return self._names.lookup(name, suggest)

    def names_a_note(self, name: str) -> bool:
        """Whether a link's bare *name* is taken as a note's (one note, or several)."""
        found = self.lookup(name)
        return found.group is not None or found.ambiguous

    def fallback(self, group: Group, wanted: str) -> str:
        """The language to show *group* in: *wanted*, the default, the original's."""
        for lang in (wanted, self.default_language, group.original):
            if lang in group.members:
                return lang
        return next(iter(group.members))

    def source_language(self, group: Group) -> str:
        """Where a note's gettext messages come from: its original, else x-default."""
        return source_of(group, self.default_language)

    def language_of(self, docname: str) -> str:
        """The language a page is in: its note's, its index's, else the build's."""
        if docname in self.by_docname:
            return self.by_docname[docname][1]
        if self.current:
            return self.current
        head = docname.partition("/")[0]
        return head if head in self.languages else self.default_language


def source_of(group: Group, default_language: str) -> str:
    """A note's source language: its original, else the default language, else its first."""
    if group.original:
        return group.original
    return default_language if default_language in group.members else next(iter(group.members))


def newest_first(groups: Iterable[Group]) -> list[Group]:
    """*groups* by date, newest first; undated ones last; otherwise by key."""
    return sorted(groups, key=lambda g: (-g.date.toordinal() if g.date else 1, g.key))
