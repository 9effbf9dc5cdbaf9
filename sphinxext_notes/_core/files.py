"""Reading a source file safely: a regular file inside the source directory, bounded.

Every reading of a note goes through :func:`read_file`, so that a link to a file
outside the source directory publishes nothing, and a FIFO, a device or a file that
grows without end cannot hang the build.
"""

from __future__ import annotations

import hashlib
import os
import stat
from typing import BinaryIO

#: The most a file may hold: far above any note (a 5 MB note builds), far below
#: what would exhaust memory. A larger file, or one that grows past it while it
#: is read, is not read.
MAX_BYTES = 32 * 1024 * 1024

#: Opening never waits (a FIFO with no writer would block ``open`` forever).
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)

_NOT_REGULAR = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFDIR: "a folder",
}


class Refused(Exception):
    """A file that is not read; the message says why and what to do."""


def inside(path: str, root: str) -> bool:
    """Whether *path* is *root* or under it (both real, absolute paths)."""
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def outside_message(what: str) -> str:
    """Why a link to a file or folder outside the source directory is not read."""
    return (
        f"is a link to a {what} outside the source directory, so it is not read: replace "
        "the link with a copy, or set notes_follow_symlinks = True if every file the "
        "build can read may be published"
    )


def check_file(
    path: str, root: str, *, follow_symlinks: bool = False, folder_checked: bool = False
) -> os.stat_result:
    """The status of *path* if it may be read, found before any ``open``; else :exc:`Refused`.

    *root* is the real path of the source directory. With *folder_checked*, the
    caller has found the real path of *path*'s folder inside *root* (the note scan
    checks each folder once), so only a link needs resolving.
    """
    try:
        found = os.lstat(path)
        if stat.S_ISLNK(found.st_mode) or not folder_checked:
            real = os.path.realpath(path)
            if not follow_symlinks and not inside(real, root):
                raise Refused(outside_message("file"))
            found = os.stat(real)
    except OSError as err:
        raise Refused(f"cannot be read ({err.strerror}), so it is skipped") from err
    if not stat.S_ISREG(found.st_mode):
        what = _NOT_REGULAR.get(stat.S_IFMT(found.st_mode), "not a regular file")
        raise Refused(f"is {what}, so it is not read: remove it, or replace it with a file")
    if found.st_size > MAX_BYTES:
        raise Refused(_too_large())
    return found


def read_file(
    path: str, root: str, *, follow_symlinks: bool = False, folder_checked: bool = False
) -> bytes:
    """The bytes of *path*, a regular file inside *root* (see :func:`check_file`).

    The file is opened without blocking and checked again once open (the same
    file, still regular), so that nothing swapped in meanwhile is read; at most
    :data:`MAX_BYTES` are read.
    """
    expected = check_file(
        path, root, follow_symlinks=follow_symlinks, folder_checked=folder_checked
    )
    try:
        with open(os.open(path, _OPEN_FLAGS), "rb", buffering=0) as file:
            opened = os.fstat(file.fileno())
            if (opened.st_dev, opened.st_ino) != (expected.st_dev, expected.st_ino):
                raise Refused("changed while it was read, so it is skipped: build again")
            data = _read_bounded(file, expected.st_size)
    except OSError as err:
        raise Refused(f"cannot be read ({err.strerror}), so it is skipped") from err
    if len(data) > MAX_BYTES:
        raise Refused(_too_large())
    return data


def checksum(data: bytes) -> bytes:
    """A short digest of a file's bytes, to tell whether a file touched since it was
    read holds what it held."""
    return hashlib.blake2b(data, digest_size=16).digest()


def _read_bounded(file: BinaryIO, size: int) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes of *file*: its *size*, then what it grew by."""
    chunks = [file.read(size + 1)]
    total = len(chunks[0])
    while total <= MAX_BYTES and (chunk := file.read(min(1 << 16, MAX_BYTES + 1 - total))):
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large() -> str:
    return f"is larger than {MAX_BYTES // 2**20} MiB, so it is not read: split it into notes"
