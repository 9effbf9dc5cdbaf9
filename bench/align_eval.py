"""Measure the ``po`` command's alignment on a folder of real translated notes.

    python bench/align_eval.py SOURCEDIR [--half held-out] [--sample 200] [--pairs pairs.tsv]

SOURCEDIR is a Sphinx source directory set up for sphinxext_notes (``conf.py``,
``notes_dirs``). For every language, every note with a file translation in it is
aligned with its source text; the share of source messages paired is printed per
language and in total, and a random sample of pairs is written as TSV (source,
language, line, message, translation) for a person to check (``--differing``:
only pairs whose two texts differ, which position alone could have paired).

``--half`` splits the translations in two, for tuning on one and measuring on the
other: each note's translation languages, sorted, are dealt alternately, the first
to ``held-out``, the second to ``tuning``, and so on.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from sphinxext_notes._sphinx.po import Sources, aligned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sourcedir", type=Path)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pairs", type=Path, default=Path("pairs.tsv"))
    parser.add_argument(
        "--differing", action="store_true", help="sample only pairs whose texts differ"
    )
    parser.add_argument("--half", choices=["all", "tuning", "held-out"], default="all")
    args = parser.parse_args()
    sources = Sources.load(args.sourcedir)
    dealt = {
        (group.key, lang): "held-out" if at % 2 == 0 else "tuning"
        for group in sources.catalog.groups
        for at, lang in enumerate(
            sorted(set(group.members) - {sources.catalog.source_language(group)})
        )
    }
    pairs = []
    total_paired = total_messages = 0
    print(f"{'language':<10} {'notes':>5} {'messages':>8} {'aligned':>7} {'rate':>6}")
    for lang in sources.catalog.languages:
        notes = paired = messages = 0
        for found in aligned(sources, lang):
            if args.half not in ("all", dealt[found.group.key, lang]):
                continue
            notes += 1
            paired += len(found.alignment.pairs)
            messages += found.alignment.messages
            for at, to in found.alignment.pairs.items():
                ours, theirs = found.source_blocks[at], found.translation_blocks[to]
                if not args.differing or ours.text != theirs.text:
                    pairs.append((found.source.source, lang, ours.line, ours.text, theirs.text))
        if notes:
            print(f"{lang:<10} {notes:>5} {messages:>8} {paired:>7} {paired / messages:>6.1%}")
        total_paired += paired
        total_messages += messages
    print(f"{'all':<10} {'':>5} {total_messages:>8} {total_paired:>7} ", end="")
    print(f"{total_paired / max(total_messages, 1):>6.1%}")
    sample = random.Random(args.seed).sample(pairs, min(args.sample, len(pairs)))
    with args.pairs.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, delimiter="\t")
        writer.writerow(["source", "language", "line", "message", "translation"])
        writer.writerows(sorted(sample))
    print(f"{len(sample)} of {len(pairs)} pairs sampled into {args.pairs}")


if __name__ == "__main__":
    main()
