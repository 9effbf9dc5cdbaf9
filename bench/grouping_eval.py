"""Measure content grouping on real translated notes: pairwise precision and recall.

Usage::

    python bench/grouping_eval.py FOLDER [FOLDER ...] [--prose] [--truth FILE] [--show]

Each FOLDER holds notes as ``<lang>/<name>.md`` (``<name>`` may end with a language
marker, ``-ja``, ``.ja``, ``_ja``): the truth is derived from that layout, notes with
the same folder and name being one note in several languages. ``--truth FILE``, or
a ``truth.json`` in the FOLDER (as ``bench/collection.py`` writes), gives it instead:
a JSON object mapping each path (relative to its FOLDER) to a topic.

Every note is copied under a hashed name, with ``lang`` set from its folder and only
the language-neutral front matter kept (``--keep``), so that nothing but the content
can group it; ``--prose`` also strips links, images, HTML tags and code. Topics are
split into two halves by a hash of their name; each half is grouped on its own, as
one collection, by the extension's own ``build_catalog``, and the script prints the
notes, topics, groups, pairwise precision and recall of each half. ``--show`` lists
the wrong and the missed pairs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sphinxext_notes._core.languages import normalise
from sphinxext_notes._core.scan import build_catalog

#: Front matter kept by default: what a translation does not change, and the title.
KEEP = "title,date,layout,model,image,audio,type,translated,generated"

_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.S | re.M)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)(\{:[^}]*\})?")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.M)
_URL = re.compile(r"<?https?://[^\s)>]+>?")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_ATTRS = re.compile(r"\{:[^}]*\}")


def strip_links_and_code(body: str) -> str:
    """The body without code, images, links (their text stays), URLs and HTML tags."""
    body = _FENCE.sub("", body)
    body = _INLINE_CODE.sub("", body)
    body = _IMAGE.sub("", body)
    body = _LINK.sub(r"\1", body)
    body = _REF_LINK.sub(r"\1", body)
    body = _REF_DEF.sub("", body)
    body = _URL.sub("", body)
    body = _TAG.sub("", body)
    return _ATTRS.sub("", body)


def topic_of(path: Path, lang: str) -> str:
    """The note a file is a translation of: its name without a language marker.

    Lower case, with ``_`` and ``-`` alike: translators rename ``A00_2021_Introduction``
    to ``A00_2021-Introduction``.
    """
    stem = path.stem
    for separator in "-._":
        head, _, tail = stem.rpartition(separator)
        if head and normalise(tail) == lang:
            stem = head
            break
    return stem.lower().replace("_", "-")


def collect(folders: list[Path], truth: dict[str, str] | None) -> list[tuple[Path, str, str]]:
    """``(path, lang, topic)`` of every note under *folders*."""
    found = []
    for folder in folders:
        own = folder / "truth.json"
        truth_here = json.loads(own.read_text("utf-8")) if truth is None and own.exists() else truth
        for path in sorted(folder.glob("*/*.md")):
            lang = normalise(path.parent.name)
            if lang is None or not _FRONT.sub("", path.read_text("utf-8")).strip():
                continue  # no language, or nothing to group by
            relative = path.relative_to(folder).as_posix()
            if truth_here is not None:
                if relative not in truth_here:
                    continue
                topic = truth_here[relative]
            else:
                topic = topic_of(path, lang)
            found.append((path, lang, f"{folder.name}/{topic}"))
    return found


def prepared(path: Path, lang: str, keep: set[str], prose: bool) -> str:
    """The note's text as the evaluation shows it to the extension."""
    text = path.read_text("utf-8")
    data: dict[str, object] = {}
    if match := _FRONT.match(text):
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        data = loaded if isinstance(loaded, dict) else {}
        text = text[match.end() :]
    front = {key: value for key, value in data.items() if key in keep}
    front["lang"] = lang
    body = strip_links_and_code(text) if prose else text
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=True)
    return f"---\n{head}---\n\n{body}"


def pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(pair)) for group in groups for pair in combinations(group, 2)}


def evaluate(notes: list[tuple[Path, str, str]], keep: set[str], prose: bool, show: bool) -> dict:
    """Group *notes* under hashed names and compare with their topics."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "notes").mkdir()
        topic: dict[str, str] = {}
        original: dict[str, Path] = {}
        for path, lang, name in notes:
            hashed = hashlib.sha256(str(path).encode()).hexdigest()[:16]
            source = f"notes/{hashed}.md"
            (root / source).write_text(prepared(path, lang, keep, prose), "utf-8")
            topic[source] = name
            original[source] = path
        catalog = build_catalog(root, ["notes"], "en")
    found = [[n.source for n in g.members.values()] for g in catalog.groups]
    by_topic: dict[str, list[str]] = defaultdict(list)
    for source, name in topic.items():
        by_topic[name].append(source)
    predicted, true = pairs(found), pairs(list(by_topic.values()))
    right = predicted & true
    if show:
        for a, b in sorted(predicted - true):
            print(f"    wrong: {original[a]}  +  {original[b]}")
        for a, b in sorted(true - predicted):
            print(f"    missed: {original[a]}  +  {original[b]}")
    return {
        "notes": len(topic),
        "topics": len(by_topic),
        "groups": len(found),
        "precision": len(right) / len(predicted) if predicted else 1.0,
        "wrong": len(predicted - true),
        "recall": len(right) / len(true) if true else 1.0,
        "warnings": sum("may be a translation" in p.message for p in catalog.problems),
    }


def _share(text: str) -> float:
    """A number in [0, 1) from a hash of *text*."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4]) / 2**32


def half_of(topic: str) -> int:
    """0 or 1, from a hash of the topic's name: the same split on every run."""
    return hashlib.sha256(topic.encode()).digest()[0] % 2


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path, help="folders of <lang>/<name>.md")
    parser.add_argument("--truth", type=Path, help="JSON: path (relative to its folder) -> topic")
    parser.add_argument("--prose", action="store_true", help="strip links, images and code")
    parser.add_argument("--keep", default=KEEP, help=f"front matter kept (default {KEEP})")
    parser.add_argument("--show", action="store_true", help="list wrong and missed pairs")
    parser.add_argument(
        "--drop",
        type=float,
        default=0.0,
        help="leave out this share of the notes (by a hash of their path), so that "
        "some notes lack the translation a similar note has",
    )
    args = parser.parse_args(argv)
    truth = json.loads(args.truth.read_text("utf-8")) if args.truth else None
    notes = [n for n in collect(args.folders, truth) if _share(str(n[0])) >= args.drop]
    keep = set(filter(None, args.keep.split(",")))
    halves: list[list[tuple[Path, str, str]]] = [[], []]
    for note in notes:
        halves[half_of(note[2])].append(note)
    langs = sorted({lang for _, lang, _ in notes})
    print(f"{len(notes)} notes in {len(langs)} languages ({', '.join(langs)})")
    for index, half in enumerate(halves):
        result = evaluate(half, keep, args.prose, args.show)
        print(
            f"half {index}: {result['notes']} notes, {result['topics']} topics, "
            f"{result['groups']} groups, precision {result['precision']:.3f} "
            f"({result['wrong']} wrong pairs), "
            f"recall {result['recall']:.3f}, {result['warnings']} near-miss warnings"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
