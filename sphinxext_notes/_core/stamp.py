"""Writing a translation's ``source_digest`` line, every other byte left as it was."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from .digest import KEY
from .frontmatter import LINE_END

_KEY_LINE = re.compile(rf"{KEY}[ \t]*:")


def stamped(text: str, value: str) -> str:
    """*text* with ``source_digest: <value>`` in its front matter, added or replaced.

    Raises ValueError when *text* has no closed front matter block.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = [(m.start(), m.end()) for m in LINE_END.finditer(text)]
    starts = [len(bom), *(end for _, end in lines)]
    ends = [start for start, _ in lines] + [len(text)]
    content = [text[s:e] for s, e in zip(starts, ends, strict=True)]
    if not content or content[0].rstrip() != "---":
        raise ValueError("it has no front matter: it must start with a '---' line")
    closing = next((i for i in range(1, len(content)) if content[i].rstrip() in ("---", "...")), 0)
    if not closing:
        raise ValueError("its front matter never closes: add a '---' line after it")
    line = f"{KEY}: {value}"
    for i in range(1, closing):
        if _KEY_LINE.match(content[i]):
            # The key's value and any indented lines that continue it.
            last = i
            while last + 1 < closing and content[last + 1][:1] in (" ", "\t"):
                last += 1
            return text[: starts[i]] + line + text[ends[last] :]
    newline = text[ends[0] : starts[1]]
    return text[: starts[closing]] + line + newline + text[starts[closing] :]


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace *path*'s content: a temporary file beside it, then a rename.

    The new file gets *mode*, or by default the mode *path* has.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if mode is None:
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
