"""A Sphinx extension the benchmark loads into both sites: when each build phase ends.

It writes ``{"start", "read", "write", "finish"}`` as epoch seconds to the file
named by ``NOTES_BENCH_PHASES``: reading starts, reading ends (``env-updated``),
writing ends (the builder's ``finish`` starts: search index, static files) and
the build ends (``build-finished``). The harness adds the process's exit.
"""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Record the phases of this build."""
    marks: dict[str, float] = {}

    def mark(name: str) -> None:
        marks[name] = time.time()

    def wrap_finish(app: Sphinx) -> None:
        finish = app.builder.finish

        def timed_finish() -> None:
            mark("write")
            finish()

        app.builder.finish = timed_finish  # type: ignore[method-assign]

    def save(app: Sphinx, exception: Exception | None) -> None:
        mark("finish")
        if path := os.environ.get("NOTES_BENCH_PHASES"):
            with open(path, "w", encoding="utf-8") as file:
                json.dump(marks, file)

    app.connect("builder-inited", wrap_finish)
    app.connect("env-before-read-docs", lambda app, env, docnames: mark("start"))
    app.connect("env-updated", lambda app, env: mark("read"))
    app.connect("build-finished", save)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
