"""What can be wrong with notes: the warning types, declared once, and a found problem."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

#: The warning type of every warning the extension gives: ``notes.<kind>``.
WARNING_TYPE = "notes"


class Kind(StrEnum):
    """The warning subtypes, for ``suppress_warnings = ["notes.<kind>"]``."""

    CONFIG = "config"
    ENCODING = "encoding"
    FRONTMATTER = "frontmatter"
    GETTEXT = "gettext"
    GROUP = "group"
    LANG = "lang"
    LATEX = "latex"
    OUTDATED = "outdated"
    REVIEWED = "reviewed"
    SEARCH = "search"
    SECURITY = "security"
    SLUG = "slug"
    TITLE = "title"
    XREF = "xref"


@dataclass(frozen=True)
class Problem:
    """Something wrong with a note, for a warning that names file and line."""

    source: str
    line: int | None
    kind: Kind
    message: str
