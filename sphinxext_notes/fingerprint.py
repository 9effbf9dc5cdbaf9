"""Content fingerprints: what a translation keeps from its original."""

from __future__ import annotations

import hashlib
import re

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_URL = re.compile(r"https?://[^\s)\]>\"'`]+")
_FENCE = re.compile(r"^(```+|~~~+)[^\n]*\n(.*?)^\1", re.MULTILINE | re.DOTALL)
_NUMBER = re.compile(r"\d+")

#: Features that identify content on their own (a number can recur by chance).
STRONG = ("url:", "code:")


def features(body: str) -> frozenset[str]:
    """The link targets, code blocks and numbers of a Markdown body.

    Translators change words, not URLs, code or most numbers, so these survive
    translation while two different notes rarely share many of them.
    """
    found = {f"url:{m.rstrip('.,;:')}" for m in _URL.findall(body)}
    found.update(f"url:{m}" for m in _LINK.findall(body) if not m.startswith("#"))
    for match in _FENCE.finditer(body):
        code = match.group(2).strip()
        if code:
            found.add("code:" + hashlib.blake2b(code.encode(), digest_size=8).hexdigest())
    found.update(f"num:{n}" for n in _NUMBER.findall(body) if len(n) > 1)
    return frozenset(found)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two feature sets."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0
