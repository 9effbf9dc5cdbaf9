"""Pairing a note's messages with the blocks of a translation of it.

Both texts are cut into blocks with markdown-it, configured as MyST configures
it: headings, paragraphs, list items and table cells carry a message (their
inline Markdown, as Sphinx's gettext builder extracts it from MyST's doctree);
code blocks carry none but anchor the alignment. The two block sequences are
aligned as Gale and Church align sentences (1993): a dynamic programme over
1-1, 1-0, 0-1, 2-1 and 1-2 beads, scored by length, here also by structure and
by what a translation keeps unchanged (link targets, inline code, roles,
numbers). Only 1-1 beads of blocks of the same kind and place that pass every
check become pairs; everything else stays untranslated.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import frontmatter

#: Kinds of block that hold a message.
MESSAGE_KINDS = frozenset({"title", "heading", "paragraph", "item", "cell", "quote"})

_NUMBER = re.compile(r"\d+")
_TITLE_KEY = re.compile(r"^title\s*:")
_TRAILING_BACKSLASH = re.compile(r"[ \t]*\\[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Block:
    """One block of a note: a message, or a code block that anchors alignment."""

    kind: str
    #: Where it sits: heading level, list nesting, table column.
    shape: tuple[object, ...]
    #: The message (as Sphinx extracts it), or the code.
    text: str
    #: Line in the file, 1-based.
    line: int
    #: What a translation keeps unchanged: link targets, inline code, roles.
    anchors: frozenset[str]
    numbers: frozenset[int]

    @property
    def is_message(self) -> bool:
        """Whether the block is a message of the gettext catalog."""
        return self.kind in MESSAGE_KINDS and bool(self.text)


def message(inline: str) -> str:
    """A block's inline Markdown as Sphinx's gettext builder extracts it."""
    return _TRAILING_BACKSLASH.sub("", inline).strip()


def note_blocks(text: str, title: str, title_line: int | None, md: MarkdownIt) -> list[Block]:
    """The blocks of a note file: its title, then those of its body.

    *title_line* is the body heading used as title (0-based), which the page
    does not repeat; else the title is at ``title:`` in the front matter.
    """
    lines = frontmatter.LINE_END.split(text.lstrip("\ufeff"))
    start = frontmatter.body_start(text)
    skip = set(range(start))
    if title_line is not None:
        skip.add(title_line)
    key = (i for i, line in enumerate(lines[:start]) if _TITLE_KEY.match(line))
    where = (title_line if title_line is not None else next(key, 0)) + 1
    body = "\n".join("" if i in skip else line for i, line in enumerate(lines))
    head = Block("title", (), title, where, frozenset(), _numbers(title))
    return [head, *blocks(md.parse(body))]


def blocks(tokens: Sequence[Token]) -> Iterator[Block]:
    """The blocks of a markdown-it token stream."""
    context: list[str] = []
    column = 0
    for at, token in enumerate(tokens):
        if token.nesting == 1:
            context.append(token.type)
            if token.type == "tr_open":
                column = 0
        elif token.nesting == -1:
            context.pop()
        elif token.type in ("fence", "code_block"):
            yield Block("code", (), token.content, _line(token), frozenset(), frozenset())
        elif token.type == "inline":
            opener = tokens[at - 1].type
            if opener == "heading_open":
                kind, shape = "heading", (int(tokens[at - 1].tag[1]),)
            elif opener in ("th_open", "td_open"):
                kind, shape = "cell", (column,)
                column += 1
            elif "list_item_open" in context:
                kind, shape = "item", (context.count("list_item_open"),)
            elif "blockquote_open" in context:
                kind, shape = "quote", ()
            else:
                kind, shape = "paragraph", ()
            yield Block(
                kind,
                shape,
                message(token.content),
                _line(token),
                _anchors(token.children or []),
                _numbers(token.content),
            )


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _anchors(children: Sequence[Token]) -> frozenset[str]:
    found = set()
    for child in children:
        if child.type == "link_open":
            found.add(f"link:{child.attrGet('href')}")
        elif child.type == "image":
            found.add(f"image:{child.attrGet('src')}")
        elif child.type == "code_inline":
            found.add(f"code:{child.content}")
        elif child.type == "myst_role":
            found.add(f"role:{child.meta.get('name')}:{child.content}")
    return frozenset(found)


def _numbers(text: str) -> frozenset[int]:
    return frozenset(int(n) for n in _NUMBER.findall(unicodedata.normalize("NFKC", text)))


# Gale and Church's bead probabilities (1-1, 1-0 or 0-1, 2-1 or 1-2) and the
# variance of the length ratio; lengths are scaled by the texts' overall ratio, so
# that Japanese and English compare as English and French do.
_PRIOR = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089, (1, 2): 0.089}
_VARIANCE = 6.8
#: A 1-1 bead whose length ratio is further than this many deviations is no pair.
MAX_DEVIATION = 3.0
#: Below this many characters, lengths say little; structure and anchors decide.
SHORT = 40


@dataclass(frozen=True)
class Alignment:
    """Which source block each translation block renders, by index, and the rate."""

    pairs: dict[int, int]
    #: Source blocks that hold a message.
    messages: int

    @property
    def rate(self) -> float:
        """The share of source messages paired."""
        return len(self.pairs) / self.messages if self.messages else 1.0


def align(source: Sequence[Block], translation: Sequence[Block]) -> Alignment:
    """Pair source blocks with translation blocks; unsure blocks stay unpaired."""
    ratio = _ratio(source, translation)
    n, m = len(source), len(translation)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == math.inf:
                continue
            for (di, dj), prior in _PRIOR.items():
                if i + di > n or j + dj > m:
                    continue
                step = _bead(source[i : i + di], translation[j : j + dj], ratio, prior)
                if cost[i][j] + step < cost[i + di][j + dj]:
                    cost[i + di][j + dj] = cost[i][j] + step
                    back[i + di, j + dj] = (di, dj)
    pairs: dict[int, int] = {}
    i, j = n, m
    while i or j:
        di, dj = back[i, j]
        i, j = i - di, j - dj
        if (di, dj) == (1, 1) and _sure(source[i], translation[j], ratio):
            pairs[i] = j
    return Alignment(dict(sorted(pairs.items())), sum(b.is_message for b in source))


def _ratio(source: Sequence[Block], translation: Sequence[Block]) -> float:
    """Characters of translation per character of source, over the messages."""
    ours = sum(len(b.text) for b in source if b.is_message)
    theirs = sum(len(b.text) for b in translation if b.is_message)
    return theirs / ours if ours and theirs else 1.0


def _deviation(source_length: int, translation_length: int, ratio: float) -> float:
    """Gale and Church's delta: how far a length is from the expected one."""
    expected = source_length * ratio
    spread = math.sqrt(max(source_length, 1) * ratio * _VARIANCE)
    return (translation_length - expected) / spread


def _bead(
    source: Sequence[Block], translation: Sequence[Block], ratio: float, prior: float
) -> float:
    """The cost of one bead: minus the log of its probability, roughly."""
    penalty = -math.log(prior)
    if not source or not translation:
        return penalty
    kinds = {b.kind for b in (*source, *translation)}
    if len(kinds) > 1 or {b.shape for b in (*source, *translation)} != {source[0].shape}:
        return math.inf
    if (len(source) > 1 or len(translation) > 1) and not kinds <= {"paragraph", "item", "quote"}:
        return math.inf
    if "code" in kinds:
        return penalty if source[0].text == translation[0].text else penalty + 4.0
    ours = sum(len(b.text) for b in source)
    theirs = sum(len(b.text) for b in translation)
    delta = _deviation(ours, theirs, ratio)
    anchors = _mismatch(
        frozenset().union(*(b.anchors for b in source)),
        frozenset().union(*(b.anchors for b in translation)),
    )
    numbers = _mismatch(
        frozenset().union(*(b.numbers for b in source)),
        frozenset().union(*(b.numbers for b in translation)),
    )
    return penalty + delta * delta / 2 + 6.0 * anchors + 2.0 * numbers


def _mismatch(ours: frozenset[object], theirs: frozenset[object]) -> float:
    """The share of what either side keeps that the other lacks (0: alike)."""
    union = ours | theirs
    return len(ours ^ theirs) / len(union) if union else 0.0


def _sure(source: Block, translation: Block, ratio: float) -> bool:
    """Whether a 1-1 bead is certain enough to become a pair."""
    if not source.is_message or not translation.is_message:
        return False
    if source.anchors != translation.anchors:
        return False
    if source.numbers and translation.numbers and not source.numbers & translation.numbers:
        return False
    if len(source.text) < SHORT and source.kind in ("title", "heading", "cell"):
        return True
    return abs(_deviation(len(source.text), len(translation.text), ratio)) <= MAX_DEVIATION
