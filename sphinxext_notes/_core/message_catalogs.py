"""Notes translated by gettext catalogs: ``<locale dir>/<lang>/LC_MESSAGES/notes/<slug>.mo``.

``sphinx-intl build`` compiles each ``.po`` into the ``.mo`` beside it, leaving fuzzy
entries out, as Sphinx applies it. A note with such a compiled catalog in a language
that no file translates it into gets a page there (see :class:`~.catalog.Catalog`).
What the table says of it comes from the ``.po``, read with Babel: how many of its
messages are translated, and whether some are fuzzy (the note changed since).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.mofile import read_mo
from babel.messages.pofile import PoFileError, read_po

from .pofiles import NOTES_DOMAIN
from .problems import Kind, Problem


@dataclass(frozen=True)
class MessageCatalog:
    """A note's compiled catalog in one language, and what its ``.po`` says."""

    #: The gettext name of its language folder (``de``, ``pt_BR``), as Sphinx looks it up.
    locale: str
    #: The locale folder (one of ``locale_dirs``), relative to the source directory.
    locale_dir: str
    #: The ``.mo`` file, relative to the source directory.
    mo: str
    #: The ``.po`` beside it, if there is one.
    po: str | None
    #: Modification times and sizes of both files: a changed catalog changes its page.
    stamp: tuple[int, ...]
    #: Messages of the ``.po`` (obsolete ones not), and how many are translated and fuzzy;
    #: None when there is no readable ``.po``.
    messages: int | None
    translated: int | None
    fuzzy: int
    #: Each translated message of the ``.po``, with its line, to find those the note lost.
    entries: tuple[tuple[str, int], ...]
    #: The ``.mo``'s translations of the note's title, if it has one.
    title: str | None
    #: How many messages the ``.mo`` translates; None when it cannot be read.
    compiled: int | None

    @property
    def share(self) -> float | None:
        """The share of messages translated (0 to 1); None when the ``.po`` does not tell."""
        if self.messages is None or self.translated is None:
            return None
        return self.translated / self.messages if self.messages else 1.0


def find_catalogs(
    srcdir: Path,
    locale_dirs: Sequence[str],
    notes: dict[str, tuple[str, str]],
    language_of: Callable[[str], str | None],
    problems: list[Problem],
) -> dict[str, dict[str, MessageCatalog]]:
    """The compiled catalogs of notes that translate something, by note key and language.

    A ``.mo`` that translates nothing (``sphinx-intl update`` makes a ``.po`` for every
    note, ``sphinx-intl build`` compiles it) makes no page; one that cannot be read
    does, untranslated, with a problem. *notes* maps each slug to its note's key and
    source title, *language_of* a folder's gettext name to the site's language tag
    (None for none). The first of *locale_dirs* with a note's catalog in a language
    wins, as for Sphinx.
    """
    found: dict[str, dict[str, MessageCatalog]] = {}
    for folder, locale, mo in _compiled(srcdir, locale_dirs):
        slug = mo.relative_to(folder / locale / "LC_MESSAGES" / NOTES_DOMAIN).with_suffix("")
        key, title = notes.get(slug.as_posix(), ("", ""))
        lang = language_of(locale)
        if not key or lang is None or lang in found.get(key, {}):
            continue
        read = read_catalog(srcdir, folder, locale, mo, title, problems)
        if read.compiled != 0:
            found.setdefault(key, {})[lang] = read
    return found


def _compiled(srcdir: Path, locale_dirs: Sequence[str]) -> Iterator[tuple[Path, str, Path]]:
    """Each ``.mo`` of notes under the locale folders: its folder, locale and path."""
    for name in locale_dirs:
        folder = srcdir / name
        if not folder.is_dir():
            continue
        for locale in sorted(os.listdir(folder)):
            notes = folder / locale / "LC_MESSAGES" / NOTES_DOMAIN
            if notes.is_dir():
                for mo in sorted(notes.rglob("*.mo")):
                    yield folder, locale, mo


def read_catalog(
    srcdir: Path, folder: Path, locale: str, mo: Path, title: str, problems: list[Problem]
) -> MessageCatalog:
    """What a note's catalog holds; a fault in it is a problem, and it counts as empty."""
    po = mo.with_suffix(".po")
    where = mo.relative_to(srcdir).as_posix()
    po_where = po.relative_to(srcdir).as_posix() if po.is_file() else None
    stamp = tuple(n for path in (mo, po) if path.is_file() for n in _stamp(path))
    compiled: dict[object, object] | None
    try:
        with mo.open("rb") as file:
            compiled = {m.id: m.string for m in read_mo(file) if m.id and m.string}
    except Exception as error:  # Babel raises what struct and codecs raise on a bad file
        message = (
            f"cannot read this compiled catalog ({error}): compile its .po again "
            "(sphinx-intl build); the page is not translated meanwhile"
        )
        problems.append(Problem(where, None, Kind.GETTEXT, message))
        compiled = None
    messages = translated = None
    fuzzy = 0
    entries: tuple[tuple[str, int], ...] = ()
    if po_where is not None:
        read = _read_po(po, po_where, problems)
        if read is not None:
            current = [m for m in read if m.id]
            messages = len(current)
            translated = sum(1 for m in current if m.string and not m.fuzzy)
            fuzzy = sum(1 for m in current if m.fuzzy)
            entries = tuple((str(m.id), m.lineno or 0) for m in current if m.string and not m.fuzzy)
    return MessageCatalog(
        locale,
        folder.relative_to(srcdir).as_posix(),
        where,
        po_where,
        stamp,
        messages,
        translated,
        fuzzy,
        entries,
        str(compiled[title]) if compiled and title in compiled else None,
        None if compiled is None else len(compiled),
    )


def _read_po(path: Path, where: str, problems: list[Problem]) -> list[Message] | None:
    """The messages of a ``.po``; a syntax error or a wrong charset is a problem."""
    try:
        with path.open("rb") as file:
            return list(read_po(file, abort_invalid=True))
    except PoFileError as error:
        line, reason = error.lineno + 1, str(error).rpartition(" on ")[0]
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        reason = f"not in the charset its header declares ({error.encoding})"
    except LookupError as error:  # an unknown charset in the header
        line, reason = 1, str(error)
    message = (
        f"cannot read this catalog: {reason}; fix it and compile it again "
        "(sphinx-intl build); the page is built from the .mo as it is"
    )
    problems.append(Problem(where, line, Kind.GETTEXT, message))
    return None


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size
