"""What git knows of the notes: each file's commits, and old texts of originals.

A fixed number of ``git`` processes for the whole tree, never one per file:
``git rev-parse`` (the only one while ``HEAD`` is unchanged), one ``git log --raw``
of the notes folders, which names the blob each commit left of each file, and one
``git cat-file --batch`` that reads the blobs asked about by their ids (a blob read
once serves every commit that left it; no tree is walked per file).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .digest import text_digest

#: Seconds that all git processes of one build may take together.
TIME_LIMIT = 20.0


class GitTimeout(Exception):
    """Git took longer than :data:`TIME_LIMIT`."""


@dataclass(frozen=True)
class Commit:
    """A commit that touched a note file."""

    sha: str
    date: dt.date
    #: Parentless in a shallow clone: the history below it is cut off.
    boundary: bool
    #: Its place in the log, 0 for the newest.
    order: int


#: A commit that touched a file, and the blob it left of it (None: it deleted it).
Change = tuple[Commit, str | None]


@dataclass
class History:
    """The notes folders' history at one ``HEAD``, and the old texts read so far."""

    head: str
    #: Each file's changes, newest first, by path relative to the source directory.
    changes: dict[str, list[Change]] = field(default_factory=dict)
    #: A blob's id -> the digest of its body, for the blobs read so far.
    digests: dict[str, str] = field(default_factory=dict)

    @cached_property
    def last(self) -> dict[str, Commit]:
        """Each file's newest commit."""
        return {path: changes[0][0] for path, changes in self.changes.items()}

    def blob_at(self, path: str, commit: Commit) -> str | None:
        """The blob of *path* as of *commit*; None if it did not exist then."""
        for change, blob in self.changes.get(path, ()):
            if change.order >= commit.order:  # this change, or one before it
                return blob
        return None

    def digest_at(self, path: str, commit: Commit) -> str | None:
        """The digest of *path*'s body as of *commit*; None if unknown or absent."""
        blob = self.blob_at(path, commit)
        return None if blob is None else self.digests.get(blob)


class Git:
    """Runs git in the source directory, within one time budget."""

    def __init__(self, srcdir: Path, limit: float | None = None) -> None:
        self.srcdir = srcdir
        self.remaining = TIME_LIMIT if limit is None else limit

    def run(self, *args: str, stdin: bytes | None = None) -> bytes | None:
        """Git's output; None when git is missing or fails; GitTimeout when too slow."""
        env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
        started = time.monotonic()
        try:
            done = subprocess.run(
                ["git", "-c", "core.quotePath=off", *args],
                cwd=self.srcdir,
                input=stdin,
                capture_output=True,
                timeout=max(self.remaining, 0.001),
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as err:
            raise GitTimeout from err
        except OSError:  # no git
            return None
        finally:
            self.remaining -= time.monotonic() - started
        return done.stdout if done.returncode == 0 else None


def read_history(
    srcdir: Path,
    dirs: Iterable[str],
    wanted: Callable[[dict[str, Commit]], Iterable[tuple[Commit, str]]],
    previous: History | None,
    limit: float | None = None,
) -> History | None:
    """The history of *dirs*, with the digests of the ``(commit, path)`` texts *wanted*.

    *wanted* is given each file's last commit; the texts it names are read once
    per blob (see :meth:`History.digest_at`).

    None outside a git work tree, without git or without commits. Reuses
    *previous* while ``HEAD`` is the same. Raises :class:`GitTimeout`.
    """
    git = Git(srcdir, limit)
    found = git.run("rev-parse", "--is-inside-work-tree", "--is-shallow-repository", "HEAD")
    if found is None:
        return None
    inside, shallow, head = found.decode().split()
    if inside != "true":
        return None
    if previous is not None and previous.head == head:
        history = previous
    else:
        log = git.run(
            "log",
            "-z",
            "--root",
            "--no-renames",
            "--relative",
            "--raw",
            "--no-abbrev",
            "--format=%x01%H %ct %P",
            "--",
            *dirs,
        )
        if log is None:
            return None
        history = History(head, _changes(log, shallow == "true"))
    blobs = (history.blob_at(path, commit) for commit, path in wanted(history.last))
    missing = [blob for blob in dict.fromkeys(blobs) if blob and blob not in history.digests]
    if missing:
        history.digests.update(_blob_digests(git, missing))
    return history


def _changes(log: bytes, shallow: bool) -> dict[str, list[Change]]:
    """Each path's changes, newest first, from ``git log -z --raw --no-abbrev`` output.

    A raw entry is ``:<modes> <old blob> <new blob> <status>``, then the path.
    """
    changes: dict[str, list[Change]] = {}
    for order, entry in enumerate(log.split(b"\x01")[1:]):
        header, _, raw = entry.partition(b"\0")
        sha, stamp, *parents = header.decode().split()
        date = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        commit = Commit(sha, date, shallow and not parents, order)
        fields = raw.lstrip(b"\n").split(b"\0")
        for meta, name in zip(fields[::2], fields[1::2], strict=False):
            _, _, _, blob, status = meta.decode().split(" ")
            path = name.decode("utf-8", "surrogateescape")
            changes.setdefault(path, []).append((commit, None if status == "D" else blob))
    return changes


def _blob_digests(git: Git, blobs: list[str]) -> dict[str, str]:
    """The body digests of *blobs*, read by one ``git cat-file --batch``."""
    out = git.run("cat-file", "--batch", stdin="".join(f"{blob}\n" for blob in blobs).encode())
    if out is None:
        return {}
    found: dict[str, str] = {}
    at = 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        found[blob] = text_digest(out[at : at + size].decode("utf-8-sig", "replace"))
        at += size + 1
    return found
