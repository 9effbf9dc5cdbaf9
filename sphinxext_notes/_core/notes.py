"""Reading one note file: its language, title, key, date and status."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Literal

from . import digest, frontmatter, languages
from .fingerprint import features
from .problems import Kind, Problem
from .structure import prose_features

Status = Literal["original", "translated", "machine-translated", "reviewed"]
#: Reports a problem: ``(line, kind, message)``.
Problems = Callable[[int | None, Kind, str], None]
#: The line (1-based) of a front matter key.
KeyLines = Callable[[str], int]

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SEPARATOR = re.compile(r"([-._])")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Note:
    """One note file as read, before grouping."""

    #: Path relative to the source directory, with ``/`` separators.
    source: str
    lang: str
    title: str
    #: Line (0-based) of the body heading used as title, removed from the body.
    title_line: int | None
    #: The front matter with its YAML types.
    data: dict[str, Any]
    #: The key from front matter (``translation_key``/``translationKey``), if any.
    explicit_key: str | None
    #: The key the file name gives: folders and language marker removed.
    name_key: str
    date: dt.date | None
    translated: bool
    generated: bool
    #: The language came from a ``-xx``/``_xx`` name ending alone, which words make too.
    lang_guessed: bool = False
    #: The body's fingerprint; None when read without it (see :func:`read_note`).
    features: frozenset[int] | None = None
    #: The digest of the body (see :mod:`.digest`); only a note that may be an
    #: original (not ``translated``) has one, as only an original's is compared.
    digest: str = ""
    #: The digest of the original this translation was made from, if recorded.
    source_digest: str | None = None
    #: ``reviewed``: True or the date a person reviewed a machine translation.
    reviewed: bool | dt.date = False
    #: Lines at the top holding front matter that could not be read (and was reported).
    unreadable_head: int = 0
    #: The slug front matter asks for (``slug``), and the line that asks.
    slug: str | None = None
    slug_line: int = 1

    @property
    def status(self) -> Status:
        """Original, translated by a person, or by a machine."""
        if not self.translated:
            return "original"
        if not self.generated:
            return "translated"
        return "reviewed" if self.reviewed else "machine-translated"


def read_note(
    source: str, raw: bytes, notes_dir: str, default_language: str, fingerprint_all: bool = True
) -> tuple[Note | None, list[Problem]]:
    """Read a note from its bytes; None when it cannot be read as text.

    Without *fingerprint_all*, only a note that nothing but its content can group
    (no ``translation_key``, no language in its path) gets its fingerprint now;
    grouping asks :func:`body_features` for any other it needs. A fingerprint
    costs as much as the rest of the reading.
    """
    problems: list[Problem] = []
    text = _decode(raw)
    if isinstance(text, tuple):
        return None, [Problem(source, text[0], Kind.ENCODING, text[1])]
    head = frontmatter.read(text)
    problems += [Problem(source, line, Kind.FRONTMATTER, why) for line, why in head.problems]
    data = head.data

    def problem(line: int | None, kind: Kind, message: str) -> None:
        if not head.broken:  # its one warning says what to fix
            problems.append(Problem(source, line, kind, message))

    def key_line(key: str) -> int:
        pattern = re.compile(rf"^{key}\s*:")
        found = (i for i, line in enumerate(head.lines) if pattern.match(line))
        return next(found, 0) + 1

    path = PurePosixPath(source).relative_to(notes_dir).with_suffix("")
    body = text[head.body_offset :]
    named = _path_language(path)
    lang, guessed = _language(data.get("lang"), named, default_language, key_line, problem)
    title, title_line = _title(data.get("title"), body, head.body_line, path, problem)
    translated = _flag(data.get("translated"))
    explicit_key = _explicit_key(data, key_line, problem)
    slug = _text(data, "slug", key_line, problem)
    unnamed = explicit_key is None and named[0] is None
    return Note(
        source=source,
        lang=lang,
        title=title,
        title_line=title_line,
        data=data,
        explicit_key=explicit_key,
        name_key=_name_key(path, lang),
        date=_date(data.get("date")) or _date(path.name),
        translated=translated,
        generated=_flag(data.get("generated")),
        lang_guessed=guessed and not head.broken,
        features=features(body) if fingerprint_all or unnamed else None,
        digest="" if translated else digest.digest(body),
        source_digest=_source_digest(data.get(digest.KEY), key_line, problem),
        reviewed=_reviewed(data.get("reviewed"), key_line, problem),
        unreadable_head=frontmatter.body_start(text) if head.problems else 0,
        slug=slug,
        slug_line=key_line("slug") if slug else 1,
    ), problems


def body_features(raw: bytes) -> frozenset[int]:
    """The fingerprint of a note file's body; empty when the file is not text."""
    body = _body(raw)
    return frozenset() if body is None else features(body)


def body_prose_features(raw: bytes) -> frozenset[int]:
    """What prose keeps of a note file's body (:func:`.structure.prose_features`)."""
    body = _body(raw)
    return frozenset() if body is None else prose_features(body)


def _body(raw: bytes) -> str | None:
    """The body of a note file, after its front matter; None when it is not text."""
    text = _decode(raw)
    if isinstance(text, tuple):
        return None
    try:
        block = frontmatter.split(text)
    except ValueError:  # never closes: read_note takes it all as body, too
        block = None
    return text[block.body_offset :] if block else text


def _decode(raw: bytes) -> str | tuple[int, str]:
    """The text, or the line and the reason why it is not UTF-8 text."""
    skipped = "re-save it as UTF-8; it was skipped"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1, f"the file is UTF-16: {skipped}"
    if b"\x00" in raw:
        return 1, f"the file contains NUL bytes, so it is not UTF-8 text: {skipped}"
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        return line, f"the file is not UTF-8 (byte 0x{raw[err.start]:02x}): {skipped}"


def _language(
    value: Any,
    named: tuple[str | None, bool],
    default: str,
    key_line: KeyLines,
    problem: Problems,
) -> tuple[str, bool]:
    """The note's language, and whether a ``-xx``/``_xx`` name ending alone gave it."""
    if value is not None:
        if isinstance(value, str) and (tag := languages.normalise(value)):
            return tag, False
        problem(
            key_line("lang"),
            Kind.LANG,
            f"'lang: {str(value)[:40]}' is not a language tag "
            "(use a BCP 47 code such as 'en', 'pt-BR', 'zh-Hant')",
        )
    if (tag := named[0]) is not None:
        return tag, named[1]
    problem(
        1,
        Kind.LANG,
        f"no 'lang' in front matter and none in the path: add "
        f"'lang:'; the note was put in '{default}'",
    )
    return default, False


def _path_language(path: PurePosixPath) -> tuple[str | None, bool]:
    """A path's language (``<lang>/`` folder, else marker); True if only ``-xx``/``_xx`` gave it."""
    for folder in reversed(path.parent.parts):
        if tag := languages.normalise(folder):
            return tag, False
    _, tag, separator = _marker(path.name)
    return tag, tag is not None and separator != "."


def _marker(stem: str) -> tuple[str, str | None, str]:
    """Split ``slug-es``, ``slug.pt-br`` or ``slug_fr`` into slug, language and separator."""
    parts = _SEPARATOR.split(stem)
    for size in (2, 1):
        if (
            len(parts) >= 2 * size + 1
            and parts[-2 * size] in ".-_"
            and (tag := languages.normalise("".join(parts[-(2 * size - 1) :])))
        ):
            return "".join(parts[: -2 * size]), tag, parts[-2 * size]
    return stem, None, ""


def key_of_path(path: PurePosixPath) -> str:
    """The key a note file at *path* (under its notes folder, no suffix) would give."""
    return _name_key(path, _path_language(path)[0] or "")


def _name_key(path: PurePosixPath, lang: str) -> str:
    folders = [p for p in path.parent.parts if languages.normalise(p) != lang]
    stem, marked, _ = _marker(path.name)
    name = stem if marked == lang and stem else path.name
    return unicodedata.normalize("NFC", "/".join([*folders, name]))


def _title(
    value: Any, body: str, body_line: int, path: PurePosixPath, problem: Problems
) -> tuple[str, int | None]:
    if isinstance(value, str | int | float) and str(value).strip():
        return str(value).strip(), None
    if heading := _first_heading(body):
        title, line = heading[0], body_line + heading[1]
        problem(
            line + 1,
            Kind.TITLE,
            "no 'title' in front matter: the first heading was used; add 'title:'",
        )
        return title, line
    problem(
        1,
        Kind.TITLE,
        "no 'title' in front matter and no heading: the file name was used; add 'title:'",
    )
    return path.name, None


def _first_heading(body: str) -> tuple[str, int] | None:
    """The first ATX heading outside code fences, with its line in *body*."""
    fence = ""
    for index, line in enumerate(frontmatter.LINE_END.split(body)):
        if match := _FENCE.match(line):
            marker = match.group(1)
            if not fence:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = ""
        elif not fence and (match := _HEADING.match(line)) and match.group(2):
            return match.group(2), index
    return None


def _explicit_key(data: dict[str, Any], key_line: KeyLines, problem: Problems) -> str | None:
    name = "translation_key" if "translation_key" in data else "translationKey"
    return _text(data, name, key_line, problem)


def _text(data: dict[str, Any], name: str, key_line: KeyLines, problem: Problems) -> str | None:
    """A key's non-empty text (NFC); a problem when it is something else."""
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, str | int) and str(value).strip():
        return unicodedata.normalize("NFC", str(value).strip())
    kind = Kind.SLUG if name == "slug" else Kind.GROUP
    problem(key_line(name), kind, f"'{name}' must be a non-empty string: it was ignored")
    return None


def _source_digest(value: Any, key_line: KeyLines, problem: Problems) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and digest.PATTERN.fullmatch(value.strip()):
        return value.strip()
    problem(
        key_line(digest.KEY),
        Kind.OUTDATED,
        f"'{digest.KEY}' is not a digest such as 'sha256:0123456789abcdef': it was "
        "ignored; run 'python -m sphinxext_notes stamp' on this file once it is current",
    )
    return None


def _reviewed(value: Any, key_line: KeyLines, problem: Problems) -> bool | dt.date:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, dt.date):
        return _date(value) or True
    problem(
        key_line("reviewed"),
        Kind.REVIEWED,
        "'reviewed' must be true, false or a date (2025-11-07): it was ignored",
    )
    return False


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and (match := _DATE.match(value[:10] + "-")):
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "yes", "on", "1")
    return bool(value)
