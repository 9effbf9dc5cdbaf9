"""The digest of an original's body, which a translation records as ``source_digest``."""

from __future__ import annotations

import hashlib
import re

from . import frontmatter

#: The front matter key of the digest a translation was made from.
KEY = "source_digest"
#: ``sha256:`` and the first 16 hex digits of the SHA-256 of the normalised body.
PATTERN = re.compile(r"sha256:[0-9a-f]{16}")


def body(text: str) -> str:
    """The text after the front matter (all of it when there is none or it never closes)."""
    try:
        block = frontmatter.split(text)
    except ValueError:
        return text
    return text.removeprefix("\ufeff")[block.body_offset :] if block else text


def digest(body_text: str) -> str:
    """The digest of a body: whitespace runs (line ends included) count as one space.

    So re-wrapping, re-indenting or changing line endings never changes it.
    """
    normalised = " ".join(body_text.split())
    return "sha256:" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def text_digest(text: str) -> str:
    """The digest of a whole file's text, front matter excluded."""
    return digest(body(text))
