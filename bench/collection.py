"""Build a grouping evaluation collection from a git tree of translated Markdown.

Usage::

    python bench/collection.py REPO OUT --layout LAYOUT [--under PATH] [--rev REV]
        [--languages LANGS] [--source LANG] [--min-languages N]

``REPO`` is a git repository (a bare snapshot will do: files are read with
``git ls-tree`` and ``git cat-file``, at ``--rev``). Each file is a note in one
language; the layout says which, and which document it translates:

- ``tldr``: ``pages/<platform>/<name>.md`` in the source language and
  ``pages.<lang>/<platform>/<name>.md`` (tldr-pages);
- ``folder``: ``<under>/<lang>/<path>.md`` or ``.mdx`` (docs sites: Astro,
  Docusaurus' ``i18n/<lang>/``);
- ``suffix``: ``<dir>/README.md`` in the source language and
  ``<dir>/README.<lang>.md`` (one document per folder).

Every note is written as ``OUT/<lang>/<hash>.md``, its name a hash of its path,
with the front matter of the hashed seeds (``lang``, ``title``, ``translated``;
no key): the title is the file's own ``title``, else its first level-1 heading
(taken out of the body), else its name. ``OUT/truth.json`` maps each written
note to its document, as ``bench/grouping_eval.py`` reads it. ``--min-languages``
keeps the documents that exist in that many of the chosen languages.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sphinxext_notes._core.languages import normalise

_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_H1 = re.compile(r"^# +(.+?) *#* *$\n?", re.M)
_README = re.compile(r"README\.([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)\.md")


def located(path: str, layout: str, source: str) -> tuple[str, str] | None:
    """``(lang, document)`` of a file at *path* in the tree, None if it is no note."""
    parts = PurePosixPath(path)
    tag: str | None
    if layout == "tldr":
        if len(parts.parts) != 3 or parts.suffix != ".md":
            return None
        folder, platform, _ = parts.parts
        if folder != "pages" and not folder.startswith("pages."):
            return None
        tag = source if folder == "pages" else folder.removeprefix("pages.")
        document = f"{platform}/{parts.stem}"
    elif layout == "folder":
        if parts.suffix not in (".md", ".mdx") or len(parts.parts) < 2:
            return None
        tag = parts.parts[0]
        document = PurePosixPath(*parts.parts[1:]).with_suffix("").as_posix()
    else:
        if parts.name == "README.md":
            tag = source
        elif match := _README.fullmatch(parts.name):
            tag = match.group(1)
        else:
            return None
        document = parts.parent.as_posix()
    lang = normalise(tag)
    return (lang, document) if lang else None


def tree(repo: Path, rev: str, under: str) -> Iterator[tuple[str, str]]:
    """``(path under *under*, blob id)`` of every file there."""
    listing = subprocess.run(
        ["git", "-C", str(repo), "ls-tree", "-r", "-z", rev, "--", under or "."],
        capture_output=True,
        check=True,
    ).stdout.decode()
    prefix = f"{under.strip('/')}/" if under else ""
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        if meta.split()[1] == "blob":
            yield path.removeprefix(prefix), meta.split()[2]


def blobs(repo: Path, ids: list[str]) -> list[bytes]:
    """The contents of *ids*, in order, from one ``git cat-file --batch``."""
    out = subprocess.run(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        input="".join(f"{i}\n" for i in ids).encode(),
        capture_output=True,
        check=True,
    ).stdout
    found, at = [], 0
    for _ in ids:
        header_end = out.index(b"\n", at)
        size = int(out[at:header_end].split()[2])
        found.append(out[header_end + 1 : header_end + 1 + size])
        at = header_end + 1 + size + 1
    return found


def note(text: str, lang: str, source: str, name: str) -> str:
    """The file as a hashed seed: ``lang``, ``title`` and ``translated`` only."""
    title = ""
    if match := _FRONT.match(text):
        try:
            data = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            title = data["title"]
        text = text[match.end() :]
    if not title and (heading := _H1.search(text)):
        title = heading.group(1)
        text = text[: heading.start()] + text[heading.end() :]
    front = {"lang": lang, "title": title or name, "translated": lang != source}
    head = yaml.safe_dump(front, allow_unicode=True, sort_keys=False)
    return f"---\n{head}---\n\n{text.lstrip()}"


def build(
    repo: Path, out: Path, layout: str, under: str, rev: str, langs: str, source: str, least: int
) -> dict[str, str]:
    """Write the notes of *repo* into *out* and return the truth: note -> document."""
    wanted = {normalise(t) for t in langs.split(",") if t} or None
    found: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)
    for path, blob in tree(repo, rev, under):
        where = located(path, layout, source)
        if where and (wanted is None or where[0] in wanted):
            lang, document = where
            found[document].setdefault(lang, (path, blob))
    files = [
        (document, lang, path, blob)
        for document, by in sorted(found.items())
        if len(by) >= least
        for lang, (path, blob) in sorted(by.items())
    ]
    truth: dict[str, str] = {}
    for (document, lang, path, _), data in zip(
        files, blobs(repo, [f[3] for f in files]), strict=True
    ):
        text = data.decode("utf-8", "replace").replace("\r\n", "\n")
        if not _FRONT.sub("", text).strip():
            continue
        name = hashlib.sha256(f"{under}/{path}".encode()).hexdigest()[:16]
        target = out / lang / f"{name}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(note(text, lang, source, PurePosixPath(path).stem), "utf-8")
        truth[f"{lang}/{name}.md"] = document
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth.json").write_text(json.dumps(truth, indent=0, sort_keys=True), "utf-8")
    return truth


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="a git repository or bare snapshot")
    parser.add_argument("out", type=Path, help="folder to write <lang>/<hash>.md into")
    parser.add_argument("--layout", choices=("tldr", "folder", "suffix"), required=True)
    parser.add_argument("--under", default="", help="folder of the tree to read")
    parser.add_argument("--rev", default="HEAD", help="commit to read (default HEAD)")
    parser.add_argument("--languages", default="", help="comma-separated tags (default all)")
    parser.add_argument("--source", default="en", help="language of the originals (en)")
    parser.add_argument("--min-languages", type=int, default=1, help="fewer: left out")
    args = parser.parse_args(argv)
    source = normalise(args.source) or args.source
    truth = build(
        args.repo,
        args.out,
        args.layout,
        args.under,
        args.rev,
        args.languages,
        source,
        args.min_languages,
    )
    langs = sorted({key.split("/")[0] for key in truth})
    documents = len(set(truth.values()))
    print(f"{len(truth)} notes, {documents} documents, {len(langs)} languages: {', '.join(langs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
