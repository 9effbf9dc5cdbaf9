"""What a translation's notice says: made by a machine, reviewed, outdated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from babel import Locale
from babel.dates import format_date

from .._core.freshness import Freshness


def local_date(date: dt.date, lang: str, width: str = "long") -> str:
    """*date* as *lang* writes it: ``7 de noviembre de 2025``, or ``7 nov 2025`` (medium)."""
    return format_date(date, width, locale=Locale.parse(lang, sep="-"))


def notice_sentences(
    status: str,
    reviewed: bool | dt.date,
    freshness: Freshness,
    lang: str,
    _: Callable[[str], str],
) -> list[str]:
    """The notice's sentences in the page's language; none for a current human translation.

    A reviewed machine translation still says a machine made it: a person checked
    it, but its wording is the machine's, and readers weigh such text differently.
    """
    sentences = []
    if status == "machine-translated":
        sentences.append(_("This page was translated by a machine."))
    elif status == "reviewed" and isinstance(reviewed, dt.date):
        sentences.append(
            _("This page was translated by a machine and reviewed by a person on %s.")
            % local_date(reviewed, lang)
        )
    elif status == "reviewed":
        sentences.append(_("This page was translated by a machine and reviewed by a person."))
    if freshness.outdated and freshness.changed:
        sentences.append(
            _("The original changed on %s, after this translation was made.")
            % local_date(freshness.changed, lang)
        )
    elif freshness.outdated:
        sentences.append(_("The original has changed since this translation was made."))
    return sentences
