"""A note's translation written into its gettext catalog (``.po``), with Babel.

Existing catalogs are merged as ``sphinx-intl update`` merges them (Babel's
:meth:`~babel.messages.catalog.Catalog.update`): entries are added, kept, made
obsolete or fuzzy-matched, and a translation already in the catalog is never
replaced. A file is written only when its messages change, so writing the same
translation twice changes nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from .align import Alignment, Block

#: The catalog domain of every note: one catalog per note, ``notes/<slug>``.
NOTES_DOMAIN = "notes"


def note_domain(slug: str) -> str:
    """The gettext domain (catalog path without suffix) of a note."""
    return f"{NOTES_DOMAIN}/{slug}"


@dataclass(frozen=True)
class Entry:
    """A source message, where it is, and its translation if the alignment found one."""

    msgid: str
    line: int
    msgstr: str | None


def entries(
    source: Sequence[Block], translation: Sequence[Block], alignment: Alignment
) -> list[Entry]:
    """The source's messages, in order, each with its aligned translation or none."""
    found: dict[str, Entry] = {}
    for at, block in enumerate(source):
        if not block.is_message or block.text in found:
            continue
        paired = alignment.pairs.get(at)
        msgstr = translation[paired].text if paired is not None else None
        found[block.text] = Entry(block.text, block.line, msgstr)
    return list(found.values())


def merge_po(
    path: Path,
    found: Sequence[Entry],
    source: str,
    locale: str,
    fuzzy: bool,
    project: str = "",
) -> bool:
    """Merge *found* into the catalog at *path*, creating it; True if it changed.

    *source* is the note file, for the entries' locations; *fuzzy* marks the
    new translations as needing review (machine translations).
    """
    template = Catalog(fuzzy=False)
    for entry in found:
        template.add(entry.msgid, locations=[(source, entry.line)])
    before = b""
    if path.is_file():
        before = path.read_bytes()
        catalog = read_po(io.BytesIO(before), locale=locale)
        catalog.update(template, update_creation_date=False)
    else:
        catalog = Catalog(locale=locale, project=project or None, fuzzy=False)
        catalog.update(template)
    for entry in found:
        message = catalog.get(entry.msgid)
        if entry.msgstr is None or message is None or message.string:
            continue
        message.string = entry.msgstr
        if fuzzy:
            message.flags.add("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog)
    if before and _body(out.getvalue()) == _body(before):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return True


def _body(po: bytes) -> bytes:
    """A catalog's text after its header, which holds dates."""
    return po.split(b"\n\n", 1)[-1]
