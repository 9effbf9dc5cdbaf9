"""Content fingerprints: what a translation keeps from its original."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

from .languages import normalise

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_URL = re.compile(r"https?://[^\s)\]>\"'`]+")
#: A path segment that may be a language tag (``fr``, ``zh-cn``, ``pt_BR``), with its slash.
_TAG_SEGMENT = re.compile(r"(?:(?<=/)|^)[A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,8}){0,2}(?:/|(?=[?#]|$))")
#: A link's host whose first label may be a language tag (``fr.wikipedia.org``).
_TAG_HOST = re.compile(r"https?://([A-Za-z]{2}(?:-[A-Za-z0-9]{2,8})?)\.[^/]*\.")
#: Where either of those two may be, in links joined by ``"\n/"`` after a ``/``; a
#: single search, as most notes have neither.
_MAYBE_TAGGED = re.compile(r"/[A-Za-z]{2}(?:[-_][A-Za-z0-9]{2,8}){0,2}(?:[/?#.\n]|$)")
#: Maps every byte but ASCII digits to a space, to find numbers fast.
_DIGITS = bytes(c if 48 <= c <= 57 else 32 for c in range(256))


#: The kinds of feature, as the low three bits of its value: odd ones identify content.
#: ``local``: a link to a site in one language (``fr.wikipedia.org``), which a
#: translator replaces with the same site in the translation's language.
KINDS = {"num": 0, "url": 1, "name": 2, "code": 3, "shape": 4, "local": 5, "meta": 6}
#: Seeds that keep the kinds' hashes apart.
_SEEDS = {"url": 1, "code": 2, "num": 3, "name": 4, "shape": 5, "meta": 6, "local": 7}


def feature(kind: str, text: str | bytes) -> int:
    """A feature as a stable number: CRC-32 by kind, the kind in the low three bits.

    Numbers rather than strings keep the pickled environment small, and CRC-32
    is fast; a rare collision only nudges a similarity.
    """
    data = text.encode() if isinstance(text, str) else text
    return zlib.crc32(data, _SEEDS[kind]) << 3 | KINDS[kind]


def kind_of(value: int) -> int:
    """The kind of a feature, as a value of :data:`KINDS`."""
    return value & 7


def is_strong(value: int) -> bool:
    """Whether a feature identifies content on its own: a link target or a code block."""
    return bool(value & 1)


def features(body: str) -> frozenset[int]:
    """The link targets, code blocks and numbers of a Markdown body.

    Translators change words, not URLs, code or most numbers, so these survive
    translation while two different notes rarely share many of them. A path
    segment that is a language tag is left out of a link target, and a link to a
    host named for a language is of kind ``local``. (What prose keeps besides is
    in :mod:`.structure`.)
    """
    links = {m.rstrip(".,;:") for m in _URL.findall(body)}
    links.update(m for m in _LINK.findall(body) if not m.startswith("#"))
    if _MAYBE_TAGGED.search("/" + "\n/".join(links)):
        found = {feature(_kind_of_link(link), _TAG_SEGMENT.sub(_untagged, link)) for link in links}
    else:
        found = {feature("url", link) for link in links}
    found.update(feature("code", code) for code in _code_blocks(body))
    digits = set(body.encode("utf-8", "surrogatepass").translate(_DIGITS).split())
    seed = _SEEDS["num"]  # feature("num", n), inlined: a note has many numbers
    found.update(zlib.crc32(n, seed) << 3 for n in digits if len(n) > 1)
    return frozenset(found)


def _kind_of_link(link: str) -> str:
    """``local`` for a link to a host named for a language (``fr.wikipedia.org``), else ``url``."""
    host = _TAG_HOST.match(link)
    return "local" if host and normalise(host[1]) else "url"


def _untagged(segment: re.Match[str]) -> str:
    """Nothing for a path segment that is a language tag, else the segment.

    A site that serves one page in several languages puts the language in its
    path (``/fr/guides/images/``, ``/zh-cn/guides/images/``): without it, each
    translation links the same page. Only tags with a two-letter language are
    taken, as sites write them: a three-letter one is more often a word (``src``
    is a language too).
    """
    return "" if normalise(segment[0].rstrip("/")) else segment[0]


def _code_blocks(body: str) -> Iterator[str]:
    """The non-empty contents of fenced code blocks (fences at line starts)."""
    for fence in ("```", "~~~"):
        at = body.find(fence)
        while at != -1:
            if at and body[at - 1] != "\n":
                at = body.find(fence, at + 1)
                continue
            opened = body.find("\n", at)
            closed = body.find("\n" + fence, opened)
            if opened == -1 or closed == -1:
                return
            if code := body[opened + 1 : closed].strip():
                yield code
            at = body.find(fence, body.find("\n", closed + 1) + 1 or len(body))


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two feature sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0
