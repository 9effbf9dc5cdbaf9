"""``python -m sphinxext_notes stamp`` and ``status``: the build's catalog in a terminal."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TextIO

from .._core import languages
from .._core.catalog import Catalog, newest_first
from .._core.coverage import Coverage, coverage
from .._core.stamp import stamped, write_atomically
from .settings import find_source_dir, load_catalog


class Refused(Exception):
    """A file the command must leave untouched, and why."""


class UsageError(Exception):
    """An argument the command cannot use."""


def stamp(paths: list[Path], source_dir: Path | None, out: TextIO, err: TextIO) -> int:
    """Record in each translation the digest of its original's current text."""
    catalogs: dict[Path, Catalog] = {}
    failed = 0
    for path in paths:
        try:
            srcdir = source_dir or find_source_dir(path.absolute().parent)
            if srcdir is None:
                raise Refused("no conf.py in its folder or above it: give --source-dir")
            srcdir = srcdir.absolute()
            if srcdir not in catalogs:
                catalogs[srcdir] = load_catalog(srcdir, git=False)
            value = _stamp_one(path, srcdir, catalogs[srcdir])
        except (Refused, OSError) as refusal:
            print(f"{path}: not stamped: {refusal}", file=err)
            failed += 1
        else:
            print(f"{path}: source_digest: {value}", file=out)
    return 1 if failed else 0


def _stamp_one(path: Path, srcdir: Path, catalog: Catalog) -> str:
    source = Path(os.path.relpath(path.absolute(), srcdir)).as_posix()
    target = path.resolve()
    if not target.is_relative_to(srcdir.resolve()):
        raise Refused("it is a link to a file outside the source directory")
    found = catalog.by_source.get(source)
    if found is None:
        raise Refused(f"it is not a note under notes_dirs of {srcdir}")
    group, lang = found
    if lang == group.original:
        raise Refused("it is an original; stamp its translations")
    if group.original is None:
        raise Refused("its note has no original to record the digest of")
    value = group.members[group.original].digest
    raw = target.read_bytes()
    try:
        text = stamped(raw.decode("utf-8"), value)
    except (UnicodeDecodeError, ValueError) as error:
        raise Refused(str(error)) from error
    if text.encode("utf-8") != raw:
        write_atomically(target, text.encode("utf-8"))
    return value


def _language(tag: str) -> str:
    found = languages.normalise(tag)
    if found is None:
        raise UsageError(f"'{tag}' is not a language tag")
    return found


def _thresholds(spec: str, langs: list[str]) -> dict[str, float]:
    """``90`` (every language) or ``es=90,fr=80``."""
    try:
        if "=" not in spec:
            return dict.fromkeys(langs, float(spec))
        pairs = (item.split("=", 1) for item in spec.split(",") if item.strip())
        return {_language(lang.strip()): float(value) for lang, value in pairs}
    except ValueError as err:
        raise UsageError(f"--fail-under {spec!r}: give a percentage or es=90,fr=80") from err


def status(
    srcdir: Path,
    missing: str | None,
    outdated: str | None,
    as_json: bool,
    fail_under: str | None,
    out: TextIO,
    cache: bool = True,
) -> int:
    """Print each language's coverage (or the notes asked for); 1 when below a bar.

    With *cache*, notes unchanged since the last run are not read again.
    """
    catalog = load_catalog(srcdir.absolute(), cache=cache)
    rows = coverage(catalog)
    report: dict[str, Any] = {
        "languages": {
            lang: {**c.counts, "up_to_date_percent": round(c.percent, 1)}
            for lang, c in rows.items()
        }
    }
    if missing is not None:
        report["missing"] = _missing(catalog, _language(missing))
    if outdated is not None:
        report["outdated"] = _outdated(catalog, _language(outdated) if outdated else None)
    below = []
    if fail_under is not None:
        for lang, bar in _thresholds(fail_under, catalog.languages).items():
            share = rows[lang].percent if lang in rows else 0.0
            if share < bar:
                below.append(f"{lang}: {share:.1f}% up to date, below {bar:g}%")
        report["below"] = below
    if as_json:
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        _print_report(report, rows, out)
    for line in below:
        print(line, file=sys.stderr)
    return 1 if below else 0


def _missing(catalog: Catalog, lang: str) -> list[dict[str, Any]]:
    return [
        {"key": g.key, "title": g.members[shown].title, "source": g.members[shown].source}
        for g in newest_first(catalog.groups)
        if catalog.status(g, lang) == "missing"
        for shown in [catalog.fallback(g, lang)]
    ]


def _outdated(catalog: Catalog, only: str | None) -> list[dict[str, Any]]:
    found = []
    for group in newest_first(catalog.groups):
        for lang in catalog.translations(group):
            if (only is None or lang == only) and catalog.state(group, lang) == "outdated":
                assert group.original is not None
                changed = catalog.freshness_of(group, lang).changed
                made = catalog.message_catalog(group, lang)
                found.append(
                    {
                        "key": group.key,
                        "lang": lang,
                        "source": made.mo if made else group.members[lang].source,
                        "original": group.members[group.original].source,
                        "original_changed": changed.isoformat() if changed else None,
                    }
                )
    return found


def _print_report(report: dict[str, Any], rows: dict[str, Coverage], out: TextIO) -> None:
    head = (
        "language",
        "original",
        "translated",
        "machine",
        "reviewed",
        "outdated",
        "missing",
        "up to date",
    )
    table = [head] + [
        (
            lang,
            *(
                str(c.counts[s])
                for s in (
                    "original",
                    "translated",
                    "machine-translated",
                    "reviewed",
                    "outdated",
                    "missing",
                )
            ),
            f"{c.percent:.1f}%",
        )
        for lang, c in rows.items()
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(head))]
    for row in table:
        print(
            "  ".join(
                cell.ljust(w) if i == 0 else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            ),
            file=out,
        )
    for item in report.get("missing", []):
        print(f"missing: {item['key']}  {item['source']}", file=out)
    for item in report.get("outdated", []):
        when = item["original_changed"] or "date unknown"
        print(f"outdated: {item['source']}  (original {item['original']} changed {when})", file=out)
