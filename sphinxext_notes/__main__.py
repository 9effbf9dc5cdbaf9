"""Command line: ``python -m sphinxext_notes <command>``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def po(args: argparse.Namespace) -> int:
    """Write each note's file translations into its gettext catalog."""
    from ._sphinx.po import write_catalogs

    for lang in args.language:
        found = False
        for written in write_catalogs(Path(args.sourcedir), lang):
            found = True
            state = "written" if written.changed else "unchanged"
            print(
                f"{written.slug} [{written.lang}]: {written.aligned}/{written.messages} "
                f"messages aligned ({written.aligned / max(written.messages, 1):.0%}), "
                f"{written.path} {state}"
            )
        if not found:
            print(f"no note has a file translation in {lang!r}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand."""
    parser = argparse.ArgumentParser(prog="python -m sphinxext_notes", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    po_parser = commands.add_parser(
        "po",
        help="write file translations as gettext catalogs (<locale dir>/LANG/LC_MESSAGES/notes/)",
        description=po.__doc__,
    )
    po_parser.add_argument("sourcedir", nargs="?", default=".", help="the Sphinx source directory")
    po_parser.add_argument(
        "-l", "--language", action="append", required=True, help="catalog language (repeatable)"
    )
    po_parser.set_defaults(run=po)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
