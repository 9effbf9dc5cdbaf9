"""``python -m sphinxext_notes stamp PATH...`` and ``python -m sphinxext_notes status``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sphinx.errors import ConfigError

from ._sphinx import commands


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; its exit status."""
    parser = argparse.ArgumentParser(prog="python -m sphinxext_notes")
    sub = parser.add_subparsers(dest="command", required=True)
    stamp = sub.add_parser(
        "stamp", help="record in translations the digest of their original's current text"
    )
    stamp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    stamp.add_argument(
        "--source-dir", type=Path, help="the folder of conf.py (default: found above each PATH)"
    )
    status = sub.add_parser("status", help="how far each language is translated and current")
    status.add_argument("source_dir", nargs="?", type=Path, default=Path("."), metavar="SOURCEDIR")
    status.add_argument("--missing", metavar="LANG", help="list the notes not in LANG")
    status.add_argument(
        "--outdated", nargs="?", const="", metavar="LANG", help="list outdated translations"
    )
    status.add_argument("--json", action="store_true", help="print JSON")
    status.add_argument(
        "--fail-under",
        metavar="PCT",
        help="exit 1 if a language is less up to date than PCT (90, or es=90,fr=80)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "stamp":
            return commands.stamp(args.paths, args.source_dir, sys.stdout, sys.stderr)
        return commands.status(
            args.source_dir, args.missing, args.outdated, args.json, args.fail_under, sys.stdout
        )
    except ConfigError as err:
        print(f"conf.py: {err}", file=sys.stderr)
        return 2
    except commands.UsageError as err:
        parser.error(str(err))


if __name__ == "__main__":
    sys.exit(main())
