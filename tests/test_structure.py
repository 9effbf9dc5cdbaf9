"""What a translation keeps of a prose note: block shapes and names (_core/structure)."""

from __future__ import annotations

import datetime as dt

from sphinxext_notes._core.fingerprint import KINDS, feature, kind_of
from sphinxext_notes._core.structure import (
    blocks,
    code_spans,
    names,
    neutral_features,
    prose_features,
    shingles,
)

BODY = """\
## Heading

A paragraph with **one** bold span.

- an item
- an item with **bold**

1. first

| a | b |
|---|---|
| 1 | 2 |

> a quote

![alt](picture.png)
"""


def test_blocks_are_the_body_s_blocks_in_order():
    assert blocks(BODY) == ["h2", "p*", "u", "u*", "o", "t2x3", "q", "i"]


def test_a_translation_has_the_same_blocks():
    translated = BODY.replace("A paragraph with **one** bold span.", "Un párrafo con **una**.")
    translated = translated.replace("an item", "un elemento").replace("## Heading", "## Título")
    assert blocks(translated) == blocks(BODY)


def test_a_code_block_is_one_block_whatever_blank_lines_it_holds():
    assert blocks("```\na\n\n\nb\n```\n\nText.\n") == ["c", "p"]


def test_bold_spans_are_counted_up_to_three():
    assert blocks("**a** **b** __c__ **d** **e**\n") == ["p***"]


def test_shingles_are_runs_of_three_padded_at_both_ends():
    assert list(shingles(["h2", "p", "u"])) == ["^ h2 p", "h2 p u", "p u $"]
    assert list(shingles([])) == ["^ $"]


def test_names_are_latin_names_acronyms_versions_and_emoji():
    text = "李開復（Kai-Fu Lee）は2023年に01.AIを設立し、Yi-34Bを出した 🚀。tcp は別。"  # noqa: RUF001
    assert names(text) == {"Kai-Fu", "Lee", "01.AI", "Yi-34B", "🚀"}


def test_a_single_letter_is_not_a_name():
    assert names("A note, I think.") == set()


def test_identifiers_in_camel_case_and_snake_case_are_names():
    text = "用 getStaticPaths 和 base_url。 Set trailingSlash, not _emphasis_ or plain words."
    assert names(text) == {"getStaticPaths", "base_url", "Set", "trailingSlash"}


def test_code_spans_are_inline_code_outside_fences():
    text = "Run `git add .` then `x`, ``a`b``.\n\n```sh\necho `date`\n```\n\nAnd ` npm i `.\n"
    assert code_spans(text) == {"git add .", "npm i"}


def test_prose_features_are_names_code_spans_and_shapes():
    found = prose_features("TCP and `git add`.\n\n- one\n- two\n")
    assert feature("name", "TCP") in found
    assert feature("name", "git add") in found
    assert feature("shape", "^ p u") in found
    assert {kind_of(f) for f in found} == {KINDS["name"], KINDS["shape"]}


def test_neutral_front_matter_is_key_and_value():
    data = {"title": "T", "date": dt.date(2025, 11, 7), "image": "cover.png", "audio": None}
    assert neutral_features(data) == {
        feature("meta", "date=2025-11-07"),
        feature("meta", "image=cover.png"),
    }
