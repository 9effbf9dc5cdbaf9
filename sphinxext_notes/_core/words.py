"""Words of any script, as a search index and the browser's query both split them.

A word is a run of letters, combining marks, digits, ``_`` and the zero-width
joiners: Devanagari vowel signs and viramas, Arabic diacritics and Hebrew points
stay inside their word (Python's ``\\w`` alone cuts ``प्रोटोकॉल`` at every mark).
Punctuation, full-width included, spaces and emoji separate words.
:data:`JS_WORD` is the same class for the browser.

Chinese without a segmenter is indexed as overlapping character pairs
(:func:`bigram_words`), which finds any word of two or more characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

#: Ranges of Han ideographs: the unified blocks with their extensions, and compatibility.
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))
#: Where Unicode has combining marks (the last range: variation selectors).
_MARK_SPAN = ((0x300, 0x20000), (0xE0100, 0xE01F0))
ZERO_WIDTH_JOINERS = "\u200c\u200d"

#: A word in JavaScript (``u`` flag): letters, marks, numbers, ``_``, joiners.
JS_WORD = r"[\p{L}\p{M}\p{N}_\u200c\u200d]+"
#: A run of Han ideographs in JavaScript (``u`` flag).
JS_HAN = "[" + "".join(f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in HAN_RANGES) + "]+"


def _ranges(codepoints: list[int]) -> str:
    """A regular expression character class body for sorted code points."""
    parts = []
    start = previous = codepoints[0]
    for cp in [*codepoints[1:], -1]:
        if cp != previous + 1:
            parts.append(
                re.escape(chr(start)) + ("-" + re.escape(chr(previous)) if previous > start else "")
            )
            start = cp
        previous = cp
    return "".join(parts)


@cache
def _word_re() -> re.Pattern[str]:
    """``\\w`` (letters, numbers, ``_``) plus every combining mark and the joiners."""
    category = unicodedata.category
    marks = [cp for a, b in _MARK_SPAN for cp in range(a, b) if category(chr(cp))[0] == "M"]
    return re.compile(rf"[\w{_ranges(marks)}{ZERO_WIDTH_JOINERS}]+")


_HAN = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in HAN_RANGES) + "]+")


def words(text: str) -> list[str]:
    """The words of *text*, in any script."""
    return _word_re().findall(text)


def bigram_words(text: str) -> list[str]:
    """Words, with each run of Han ideographs given as its overlapping pairs.

    ``TCP协议栈`` gives ``TCP``, ``协议``, ``议栈``; a lone ideograph is itself.
    """
    found = []
    for word in words(text):
        at = 0
        for run in _HAN.finditer(word):
            if run.start() > at:
                found.append(word[at : run.start()])
            han = run.group()
            found += [han[i : i + 2] for i in range(max(len(han) - 1, 1))]
            at = run.end()
        if at < len(word):
            found.append(word[at:])
    return found
