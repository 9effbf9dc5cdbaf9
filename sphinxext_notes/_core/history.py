"""What git knows of the notes: each file's last commit, and old texts of originals.

A fixed number of ``git`` processes for the whole tree, never one per file:
``git rev-parse`` (the only one while ``HEAD`` is unchanged), one ``git log`` of the
notes folders and one ``git cat-file --batch`` for the texts asked about.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


@dataclass
class History:
    """The notes folders' history at one ``HEAD``, and the old texts read so far."""

    head: str
    #: Each file's newest commit, by path relative to the source directory.
    last: dict[str, Commit] = field(default_factory=dict)
    #: ``(commit, path)`` -> the digest of the file's body then, None if it did not exist.
    digests: dict[tuple[str, str], str | None] = field(default_factory=dict)


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
    wanted: Callable[[dict[str, Commit]], Iterable[tuple[str, str]]],
    previous: History | None,
    limit: float | None = None,
) -> History | None:
    """The history of *dirs*, with the digests of the ``(commit, path)`` texts *wanted*.

    *wanted* is given each file's last commit.

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
            "--name-only",
            "--format=%x01%H %ct %P",
            "--",
            *dirs,
        )
        if log is None:
            return None
        history = History(head, _last_commits(log, shallow == "true"))
    missing = [key for key in dict.fromkeys(wanted(history.last)) if key not in history.digests]
    if missing:
        history.digests.update(_old_digests(git, missing))
    return history


def _last_commits(log: bytes, shallow: bool) -> dict[str, Commit]:
    """Each path's newest commit, from ``git log -z --name-only`` output."""
    last: dict[str, Commit] = {}
    for order, entry in enumerate(log.split(b"\x01")[1:]):
        header, _, names = entry.partition(b"\0")
        sha, stamp, *parents = header.decode().split()
        date = dt.datetime.fromtimestamp(int(stamp), dt.UTC).date()
        commit = Commit(sha, date, shallow and not parents, order)
        for name in names.lstrip(b"\n").split(b"\0"):
            if name:
                last.setdefault(name.decode("utf-8", "surrogateescape"), commit)
    return last


def _old_digests(git: Git, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
    """The body digests of files at commits, read by one ``git cat-file --batch``."""
    asked = [(sha, path) for sha, path in wanted if "\n" not in path]
    request = "".join(f"{sha}:./{path}\n" for sha, path in asked).encode()
    out = git.run("cat-file", "--batch", stdin=request)
    if out is None:
        return {}
    found: dict[tuple[str, str], str | None] = {}
    at = 0
    for key in asked:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            found[key] = None
            continue
        size = int(header[2])
        found[key] = text_digest(out[at : at + size].decode("utf-8-sig", "replace"))
        at += size + 1
    return found
