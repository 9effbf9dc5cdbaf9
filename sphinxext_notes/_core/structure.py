"""What a translation keeps of a prose note: the shape of its blocks and its neutral tokens.

A translator, human or machine, rewrites the words but keeps the headings, the
paragraphs, the list items, the tables' shapes and the bold spans, in order; and
keeps Latin-script names (``TCP``, ``Kai-Fu Lee``, ``01.AI``), numbers and emoji.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from .fingerprint import feature

#: A block's first line: heading, list item, table row, quote, fence or image.
_MARKER = re.compile(
    r"[ \t]*(?:(#{1,6})[ \t]|([-*+])[ \t]|(\d{1,9}[.)])[ \t]|(\|)|(>)|(```|~~~)|(!\[))"
)
#: A list item's first line inside a block.
_ITEM = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]", re.M)
#: A Latin-script token a translation keeps, if it has a letter: an acronym, a name,
#: a version (``Yi-34B``, ``01.AI``), an identifier in camelCase or snake_case
#: (``getStaticPaths``, ``base_url``); in Chinese or Japanese it abuts other letters.
_NAME = re.compile(
    r"(?<![A-Za-z0-9])(?:[A-Z0-9][A-Za-z0-9]*|[a-z][a-z0-9]*(?:[A-Z]|_[a-z0-9])[A-Za-z0-9_]*)"
    r"(?:[-.'][A-Za-z0-9]+)*"
)
#: An inline code span (one backtick each side) and a fenced code block.
_CODE_SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?^ {0,3}\1[^\n]*$", re.S | re.M)
#: Emoji and other pictographs (Misc Symbols and Dingbats, and the supplementary planes').
_EMOJI = re.compile("[\u2600-\u27bf\U0001f000-\U0001faff]")
#: Blocks in a row that make one shape feature.
SHINGLE = 3
#: Front matter that a translation copies unchanged.
NEUTRAL = ("date", "model", "image", "audio", "layout")


def blocks(body: str) -> list[str]:
    """The body's blocks, in order, as tokens that no translation changes.

    ``h2`` a heading, ``p`` a paragraph, ``u``/``o`` an unordered or ordered list
    item, ``t3x4`` a table of 3 columns and 4 rows, ``q`` a quote, ``c`` a code
    block, ``i`` an image; a ``*`` for each bold span (at most 3). Blocks are the
    text between blank lines; fenced code counts once, whatever blank lines it holds.
    """
    found: list[str] = []
    fence = ""
    for chunk in body.split("\n\n"):
        chunk = chunk.strip("\n")
        if fence:
            if fence in chunk:
                fence = ""
            continue
        if not chunk.strip():
            continue
        match = _MARKER.match(chunk)
        kind = match.lastindex if match else None
        if match and kind == 6:
            found.append("c")
            if chunk.count(match.group(6)) % 2:
                fence = match.group(6)
        elif kind == 4:
            rows = [row for row in chunk.split("\n") if row.lstrip().startswith("|")]
            found.append(f"t{rows[0].strip().strip('|').count('|') + 1}x{len(rows)}")
        elif match and kind == 1:
            found.append(f"h{len(match.group(1))}" + _bold(chunk))
        elif kind in (None, 5, 7):
            found.append(("p" if kind is None else "q" if kind == 5 else "i") + _bold(chunk))
        else:
            found.extend(_items(chunk, "u" if kind == 2 else "o"))
    return found


def _items(chunk: str, mark: str) -> Iterator[str]:
    """The list items of a block, each with its bold spans."""
    starts = [m.start() for m in _ITEM.finditer(chunk)] or [0]
    for start, end in zip(starts, [*starts[1:], len(chunk)], strict=True):
        yield mark + _bold(chunk[start:end])


def _bold(text: str) -> str:
    return "*" * min(3, (text.count("**") + text.count("__")) // 2)


def shingles(tokens: list[str]) -> Iterator[str]:
    """Runs of :data:`SHINGLE` blocks, the first and last padded, each once."""
    padded = ["^", *tokens, "$"]
    for at in range(max(1, len(padded) - SHINGLE + 1)):
        yield " ".join(padded[at : at + SHINGLE])


def names(body: str) -> set[str]:
    """Latin-script names, acronyms, versions and identifiers (two characters or more),
    and emoji."""
    found = {name for name in _NAME.findall(body) if len(name) > 1 and name.lower() != name.upper()}
    found.update(_EMOJI.findall(body))
    return found


def code_spans(body: str) -> set[str]:
    """The inline code spans outside fenced code (two characters or more), stripped.

    Translators keep code verbatim: commands, options, identifiers, file names.
    """
    spans = (span.strip() for span in _CODE_SPAN.findall(_FENCED.sub("", body)))
    return {span for span in spans if len(span) > 1}


def prose_features(body: str) -> frozenset[int]:
    """The names, code spans and block shapes (runs of :data:`SHINGLE` blocks) of a body.

    Added to the fingerprint (:func:`.fingerprint.features`) of the notes that
    links and code leave alone.
    """
    found = {feature("name", name) for name in names(body) | code_spans(body)}
    found.update(feature("shape", run) for run in shingles(blocks(body)))
    return frozenset(found)


def neutral_features(data: Mapping[str, Any]) -> frozenset[int]:
    """The language-neutral front matter (:data:`NEUTRAL`), as ``key=value`` features."""
    return frozenset(
        feature("meta", f"{key}={data[key]}") for key in NEUTRAL if data.get(key) is not None
    )
