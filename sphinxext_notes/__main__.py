"""Command line: ``python -m sphinxext_notes <command>`` (po, stamp, status)."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Sequence
from pathlib import Path

from sphinx.errors import ConfigError


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


def stamp(args: argparse.Namespace) -> int:
    """Record in translations the digest of their original's current text."""
    from ._sphinx import commands

    return commands.stamp(args.paths, args.source_dir, sys.stdout, sys.stderr)


def status(args: argparse.Namespace) -> int:
    """How far each language is translated and current."""
    from ._sphinx import commands

    return commands.status(
        args.source_dir,
        args.missing,
        args.outdated,
        args.json,
        args.fail_under,
        sys.stdout,
        cache=not args.no_cache,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand; its exit status."""
    from ._sphinx.commands import UsageError

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
    stamp_parser = commands.add_parser("stamp", help=stamp.__doc__, description=stamp.__doc__)
    stamp_parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    stamp_parser.add_argument(
        "--source-dir", type=Path, help="the folder of conf.py (default: found above each PATH)"
    )
    stamp_parser.set_defaults(run=stamp)
    status_parser = commands.add_parser("status", help=status.__doc__, description=status.__doc__)
    status_parser.add_argument(
        "source_dir", nargs="?", type=Path, default=Path("."), metavar="SOURCEDIR"
    )
    status_parser.add_argument("--missing", metavar="LANG", help="list the notes not in LANG")
    status_parser.add_argument(
        "--outdated", nargs="?", const="", metavar="LANG", help="list outdated translations"
    )
    status_parser.add_argument("--json", action="store_true", help="print JSON")
    status_parser.add_argument(
        "--fail-under",
        metavar="PCT",
        help="exit 1 if a language is less up to date than PCT (90, or es=90,fr=80)",
    )
    status_parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read every note again, and keep nothing in the user's cache folder",
    )
    status_parser.set_defaults(run=status)
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ConfigError as err:
        print(f"conf.py: {err}", file=sys.stderr)
        return 2
    except UsageError as err:
        parser.error(str(err))


if __name__ == "__main__":
    # A command holds tens of thousands of long-lived objects (a reading per note):
    # at the default thresholds the collector walks them all again and again, a
    # third of a cached ``status`` at 20,000 notes.
    gc.set_threshold(50_000, 20, 100)
    sys.exit(main())
