"""Pairing a note's messages with the blocks of a translation of it.

Both texts are cut into blocks with markdown-it, configured as MyST configures
it: the title, headings, paragraphs, list items, block quotes and table cells
carry a message (their inline Markdown, as Sphinx's gettext builder extracts it
from MyST's doctree); code blocks carry none but anchor the alignment. The two
block sequences are aligned as Gale and Church align sentences (1993): a dynamic
programme over 1-1, 1-0, 0-1, 2-1 and 1-2 beads, scored by length, here also by
kind and nesting and by what a translation keeps (link targets and roles; most
often numbers, emoji and inline code). 1-1 beads that prove themselves fence the
rest, which is paired by position only where that is unambiguous; everything
else stays untranslated.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from urllib.parse import parse_qsl, urlencode

from markdown_it import MarkdownIt
from markdown_it.token import Token

from . import frontmatter, languages

#: Kinds of block that hold a message.
MESSAGE_KINDS = frozenset({"title", "heading", "paragraph", "item", "cell", "quote"})

_NUMBER = re.compile(r"\d+")
_TITLE_KEY = re.compile(r"^title\s*:")
_TRAILING_BACKSLASH = re.compile(r"[ \t]*\\[ \t]*$", re.MULTILINE)
#: A role's explicit title: ``title <target>``.
_EXPLICIT_TITLE = re.compile(r"^.*<([^<>]+)>$", re.DOTALL)
_URL = re.compile(r"^([a-z][a-z0-9+.-]*://)([^/?#]*)([^?#]*)(.*)$", re.IGNORECASE | re.DOTALL)
_LANGUAGE_TAG = re.compile(r"[a-z]{2}(?:[-_][A-Za-z]{2,4})?", re.IGNORECASE)
#: What a message holds but a reader does not see: link targets, HTML tags, URLs.
_HIDDEN = re.compile(r"\]\([^)]*\)|<[^>]*>|https?://\S+")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
#: Words compare by their first letters, so that inflections match (Activity, Activities).
STEM = 5
#: A name: a word with a capital inside (``GaiaNet``, ``macOS``, ``AutoJs6``).
_NAME = re.compile(r"[a-z][A-Z]")
#: How many Latin letters one wide (Han, Kana, Hangul) character weighs as: about
#: as many as one word of English takes, less than a Han character carries.
WIDE = 3


@dataclass(frozen=True)
class Block:
    """One block of a note: a message, or a code block that anchors alignment."""

    kind: str
    #: Where it sits: heading level, list nesting, table column.
    shape: tuple[object, ...]
    #: The message (as Sphinx extracts it), or the code, its white space collapsed.
    text: str
    #: Line in the file, 1-based.
    line: int
    #: What a translation keeps unchanged: link and image targets, roles.
    anchors: frozenset[str]
    #: What it usually keeps: numbers, symbols (emoji), inline code.
    marks: frozenset[str]
    #: The length of its visible text (link targets and markup left out).
    size: int

    @property
    def is_message(self) -> bool:
        """Whether the block is a message of the gettext catalog."""
        return self.kind in MESSAGE_KINDS and bool(self.text)


def message(inline: str, hard_break: str = "") -> str:
    """A block's inline Markdown as Sphinx's gettext builder extracts it: lines
    joined with spaces, a hard line break's backslash replaced by *hard_break*
    (myst-parser 5 drops it; 4 keeps it: ``"\\"``)."""
    return _TRAILING_BACKSLASH.sub(lambda _: hard_break, inline).replace("\n", " ").strip()


def note_blocks(
    text: str, title: str, title_line: int | None, md: MarkdownIt, hard_break: str = ""
) -> list[Block]:
    """The blocks of a note file: its title, then those of its body.

    *title_line* is the body heading used as title (0-based), which the page
    does not repeat; else the title is at ``title:`` in the front matter.
    *hard_break* is as :func:`message` takes it.
    """
    lines = frontmatter.LINE_END.split(text.lstrip("\ufeff"))
    start = frontmatter.body_start(text)
    skip = set(range(start))
    if title_line is not None:
        skip.add(title_line)
    key = (i for i, line in enumerate(lines[:start]) if _TITLE_KEY.match(line))
    where = (title_line if title_line is not None else next(key, 0)) + 1
    body = "\n".join("" if i in skip else line for i, line in enumerate(lines))
    head = Block("title", (), title, where, frozenset(), _marks(title), _weight(title))
    return [head, *blocks(md.parse(body), hard_break)]


def blocks(tokens: Sequence[Token], hard_break: str = "") -> Iterator[Block]:
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
            code = " ".join(token.content.split())  # as it reads: copies may space it out
            yield Block("code", (), code, _line(token), frozenset(), frozenset(), len(code))
        elif token.type == "inline":
            opener = tokens[at - 1].type
            shape: tuple[int, ...]
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
                message(token.content, hard_break),
                _line(token),
                _anchors(token.children or []),
                _marks(token.content, token.children or []),
                _size(token.children or []),
            )


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 0


def _anchors(children: Sequence[Token]) -> frozenset[str]:
    found = set()
    for child in children:
        if child.type == "link_open":
            found.add(f"link:{_unlocalised(str(child.attrGet('href')))}")
        elif child.type == "image":
            found.add(f"image:{_unlocalised(str(child.attrGet('src')))}")
        elif child.type == "myst_role":
            explicit = _EXPLICIT_TITLE.match(child.content)
            target = explicit[1].strip() if explicit else child.content
            found.add(f"role:{child.meta.get('name')}:{target}")
    return frozenset(found)


def _unlocalised(url: str) -> str:
    """A URL without the language it names, which translations change (``en.``,
    ``/zh-CN/``, ``?hl=en``): both sides of a pair then link to the same place."""
    parts = _URL.match(url)
    if parts is None:
        return url
    scheme, host, path, tail = parts.groups()
    labels = host.split(".")
    if len(labels) > 2 and _is_language(labels[0]):
        labels = labels[1:]
    segments = [s for s in path.split("/") if not _is_language(s)]
    query, hash_, fragment = tail.removeprefix("?").partition("#")
    kept = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_language(v)]
    query = f"?{urlencode(kept)}" if kept else ""
    return f"{scheme}{'.'.join(labels)}{'/'.join(segments)}{query}{hash_}{fragment}"


@cache
def _is_language(segment: str) -> bool:
    """Whether a URL segment is a language tag (``en``, ``zh-CN``, ``pt_BR``); not a
    three-letter one, which is more often a word (``run``: Rundi)."""
    return bool(_LANGUAGE_TAG.fullmatch(segment)) and languages.normalise(segment) is not None


def _marks(text: str, children: Sequence[Token] = ()) -> frozenset[str]:
    numbers = {str(int(n)) for n in _NUMBER.findall(unicodedata.normalize("NFKC", text))}
    symbols = {c for c in text if c > "\xff" and unicodedata.category(c) == "So"}
    code = {f"`{c.content}`" for c in children if c.type == "code_inline"}
    return frozenset(numbers | symbols | code)


def _size(children: Sequence[Token]) -> int:
    return sum(
        _weight(c.content) for c in children if c.type in ("text", "code_inline", "myst_role")
    )


def _weight(text: str) -> int:
    """The length of *text*, a wide character counted as :data:`WIDE` Latin ones, so
    that a Chinese sentence with English names in it measures as its translation."""
    return sum(WIDE if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# Gale and Church's bead probabilities (1-1, 1-0 or 0-1, 2-1 or 1-2) and the
# variance of the length ratio; lengths are scaled by the texts' overall ratio, so
# that Japanese and English compare as English and French do.
_PRIOR = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089, (1, 2): 0.089}
_VARIANCE = 6.8
#: A 1-1 bead whose length ratio is further than this many deviations is no pair.
MAX_DEVIATION = 3.0
#: The same, for blocks that only a walk from one end of a gap pairs (see :func:`_gap`).
WALK_DEVIATION = 2.0
#: How long a translation is, wide characters weighed (see :data:`WIDE`): from
#: about two thirds (Chinese from Spanish) to one and a half (Japanese from English).
RATIO_RANGE = (2 / 3, 3 / 2)
#: Below this many characters, lengths say little; structure decides.
SHORT = 40


@dataclass(frozen=True)
class Alignment:
    """Which translation block renders each source block, by index, and the rate."""

    pairs: dict[int, int]
    #: Source blocks that hold a message.
    messages: int

    @property
    def rate(self) -> float:
        """The share of source messages paired."""
        return len(self.pairs) / self.messages if self.messages else 1.0


def align(source: Sequence[Block], translation: Sequence[Block]) -> Alignment:
    """Pair source blocks with translation blocks; unsure blocks stay unpaired.

    A bead is sure when it holds evidence of its own (the title, the same code,
    the same link targets, numbers or symbols); between sure beads, blocks are
    paired by position where that is unambiguous (see :func:`_gap`).
    """
    ratio = _ratio(source, translation)
    beads = _beads(source, translation, ratio)
    sure = [(i, j) for i, j, n in beads if n == (1, 1) and _evidence(source[i], translation[j])]
    fences = [(-1, -1), *sure, (len(source), len(translation))]
    pairs: dict[int, int] = {}
    for (i0, j0), (i1, j1) in pairwise(fences):
        if (i0, j0) != (-1, -1):
            pairs[i0] = j0
        pairs.update(_gap(source, translation, (i0 + 1, i1), (j0 + 1, j1), ratio))
    pairs = {i: j for i, j in pairs.items() if source[i].is_message and translation[j].is_message}
    return Alignment(dict(sorted(pairs.items())), sum(b.is_message for b in source))


def _gap(
    source: Sequence[Block],
    translation: Sequence[Block],
    ours: tuple[int, int],
    theirs: tuple[int, int],
    ratio: float,
) -> dict[int, int]:
    """Pairs between two sure beads, by position: from the start and from the end.

    Where the two sides hold as many blocks, of the same kinds, both walks agree.
    Where a block was added, dropped, merged or split, a walk stops at the first
    blocks that do not fit. Unless the two walks meet, nothing is paired; where
    they overlap, a block that both reach (paired differently) is left unpaired,
    so a shift can never pair a block with its neighbour's translation.
    """
    same = [b.kind for b in source[ours[0] : ours[1]]] == [
        b.kind for b in translation[theirs[0] : theirs[1]]
    ]
    if same:
        at = zip(range(*ours), range(*theirs), strict=True)
        return {i: j for i, j in at if _fits(source[i], translation[j], ratio)}
    walks: list[tuple[int, int]] = []
    for step in (1, -1):
        i, j = (ours[0], theirs[0]) if step == 1 else (ours[1] - 1, theirs[1] - 1)
        while ours[0] <= i < ours[1] and theirs[0] <= j < theirs[1]:
            a, b = source[i], translation[j]
            if a.kind != b.kind or not _fits(a, b, ratio, walk=True):
                break
            walks.append((i, j))
            i, j = i + step, j + step
    if len(walks) < min(ours[1] - ours[0], theirs[1] - theirs[0]) - 1:
        return {}  # the walks do not meet at one change (a block added, merged or split)
    claims = Counter(i for i, _ in set(walks)) + Counter(-1 - j for _, j in set(walks))
    return {i: j for i, j in walks if claims[i] == 1 and claims[-1 - j] == 1}


def _beads(
    source: Sequence[Block], translation: Sequence[Block], ratio: float
) -> list[tuple[int, int, tuple[int, int]]]:
    """Gale and Church's best path: ``(i, j, (di, dj))`` beads, in order."""
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
    path = []
    i, j = n, m
    while i or j:
        di, dj = back[i, j]
        i, j = i - di, j - dj
        path.append((i, j, (di, dj)))
    return path[::-1]


def _ratio(source: Sequence[Block], translation: Sequence[Block]) -> float:
    """Characters of translation per character of source, over the messages, kept
    within :data:`RATIO_RANGE`: beyond it, blocks were dropped or added, not
    translated at another length."""
    ours = sum(b.size for b in source if b.is_message)
    theirs = sum(b.size for b in translation if b.is_message)
    low, high = RATIO_RANGE
    return min(max(theirs / ours, low), high) if ours and theirs else 1.0


def _deviation(source_size: int, translation_size: int, ratio: float) -> float:
    """Gale and Church's delta: how far a length is from the expected one."""
    expected = source_size * ratio
    spread = math.sqrt(max(source_size, 1) * ratio * _VARIANCE)
    return (translation_size - expected) / spread


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
    ours = frozenset().union(*(b.anchors for b in source))
    theirs = frozenset().union(*(b.anchors for b in translation))
    delta = _deviation(
        sum(b.size for b in source), sum(b.size for b in translation), max(ratio, 0.01)
    )
    if [b.text for b in source] == [b.text for b in translation]:
        delta = 0.0  # left as it was: its length says nothing
    anchors = _mismatch(ours, theirs)
    marks = _mismatch(
        frozenset().union(*(b.marks for b in source)),
        frozenset().union(*(b.marks for b in translation)),
    )
    return penalty + delta * delta / 2 + 4.0 * anchors + 2.0 * marks


def _mismatch(ours: frozenset[str], theirs: frozenset[str]) -> float:
    """The share of what either side keeps that the other lacks (0: alike)."""
    union = ours | theirs
    return len(ours ^ theirs) / len(union) if union else 0.0


def _evidence(source: Block, translation: Block) -> bool:
    """Whether a 1-1 bead proves itself, whatever surrounds it."""
    if source.kind != translation.kind or source.shape != translation.shape:
        return False
    if source.kind == "code":
        return source.text == translation.text
    if source.kind == "title":
        return _symbols(source) == _symbols(translation) and _names_kept(source, translation)
    if source.text == translation.text and source.size >= SHORT:
        return True
    if source.anchors and source.anchors == translation.anchors:
        return source.marks == translation.marks or not (source.marks or translation.marks)
    return bool(source.marks) and source.marks == translation.marks and not source.anchors


def _fits(source: Block, translation: Block, ratio: float, walk: bool = False) -> bool:
    """Whether blocks in the same place are alike enough to be a pair: what
    translations keep (links, numbers, emoji, names) alike, their lengths no
    further apart than :data:`MAX_DEVIATION` deviations. A *walk* (see :func:`_gap`)
    asks for more: :data:`WALK_DEVIATION`, and inline code on both sides or neither.
    """
    if source.shape != translation.shape or _conflict(source.anchors, translation.anchors):
        return False
    if _symbols(source) != _symbols(translation) or not _names_kept(source, translation):
        return False
    ours, theirs = (frozenset(m for m in b.marks if m.isdigit()) for b in (source, translation))
    if ours and theirs and not ours & theirs:
        return False  # other numbers
    if not (ours and theirs) and len(ours | theirs) > 1:
        return False  # numbers on one side only
    ours, theirs = (frozenset(m for m in b.marks if m[0] == "`") for b in (source, translation))
    if walk and bool(ours) != bool(theirs):
        return False  # inline code on one side only
    if source.size < SHORT and source.kind in ("heading", "cell"):
        return True
    if source.text == translation.text:
        return True
    limit = WALK_DEVIATION if walk else MAX_DEVIATION
    return abs(_deviation(source.size, translation.size, max(ratio, 0.01))) <= limit


def _names_kept(source: Block, translation: Block) -> bool:
    """Whether the names one block holds are found in the other.

    A block in a non-Latin script keeps names in Latin letters (``yt-dlp``,
    ``Kotlin``): some of them must be words of the other block. Between two
    Latin-script blocks, names are the words capitalised inside (``GaiaNet``,
    ``macOS``): one of the source's must be kept.
    """
    ours, theirs = _words(source.text), _words(translation.text)
    if ours.latin and theirs.latin:
        return not ours.names or bool(ours.names & theirs.words)
    held = [w for w in (ours, theirs) if not w.latin]
    other = ours if held[0] is theirs else theirs
    if len(held) == 2:
        return not (ours.words and theirs.words) or bool(ours.words & theirs.words)
    return not held[0].words or bool(held[0].words & other.words)


@dataclass(frozen=True)
class _Words:
    """The Latin-script words of a block's visible text, as they compare (see :data:`STEM`)."""

    words: frozenset[str]
    #: Those capitalised inside.
    names: frozenset[str]
    #: Whether most of its letters are Latin.
    latin: bool


@cache
def _words(text: str) -> _Words:
    visible = _HIDDEN.sub(" ", text)
    words = _LATIN_WORD.findall(visible)
    letters = [c for c in visible if c.isalpha()]
    latin = sum(c < "\u0250" or "\u1e00" <= c < "\u1f00" for c in letters)
    return _Words(
        frozenset(w[:STEM].lower() for w in words),
        frozenset(w[:STEM].lower() for w in words if _NAME.search(w)),
        2 * latin >= len(letters),
    )


def _symbols(block: Block) -> set[str]:
    """The symbols (emoji) a block holds, which translations keep."""
    return {m for m in block.marks if len(m) == 1 and unicodedata.category(m) == "So"}


def _conflict(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """Whether what two blocks keep (links, numbers) says they are different blocks.

    A translation may drop one or two, never swap one for another, and a block
    without any is not one with several.
    """
    if not ours or not theirs:
        return len(ours | theirs) > 1
    return not (ours <= theirs or theirs <= ours)
