"""A Sphinx extension the benchmark loads into both sites: when each build phase ends.

It writes ``{"start", "read", "write", "finish", "cpu"}`` to the file named by
``NOTES_BENCH_PHASES``: as epoch seconds, reading starts, reading ends
(``env-updated``), writing ends (the builder's ``finish`` starts: search index,
static files) and the build ends (``build-finished``); under ``cpu``, the main
process's CPU seconds (user + system) at the same marks, and under ``workers`` those
of the processes it forked and has waited for (Sphinx's parallel readers and writers),
under ``sent`` the bytes that parallel readers pickled back to it, and under
``full`` how many full collections CPython's collector had run in the main process
at each mark. With ``NOTES_BENCH_COLLECT`` set, the build collects its garbage just
before it ends, and ``collected`` says how many objects that freed and in how many
seconds: the exit is then the interpreter's teardown alone. Under
``-j`` the main process resolves every page and feeds the search index, so its CPU
in the write phase is the part of writing that does not run in parallel. The harness
adds the process's exit.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import time
from typing import TYPE_CHECKING, Any

from sphinx.util.parallel import ParallelTasks

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    """Record the phases of this build."""
    marks: dict[str, Any] = {
        "cpu": {"began": time.process_time()},
        "workers": {"began": 0.0},
        "full": {"began": 0},
    }

    def mark(name: str) -> None:
        marks[name] = time.time()
        marks["cpu"][name] = time.process_time()
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        marks["workers"][name] = workers.ru_utime + workers.ru_stime
        marks["full"][name] = gc.get_stats()[2]["collections"]

    def wrap_finish(app: Sphinx) -> None:
        finish = app.builder.finish

        def timed_finish() -> None:
            mark("write")
            finish()

        app.builder.finish = timed_finish  # type: ignore[method-assign]

    def save(app: Sphinx, exception: Exception | None) -> None:
        if os.environ.get("NOTES_BENCH_COLLECT"):
            start = time.perf_counter()
            objects = gc.collect()
            marks["collected"] = {"objects": objects, "seconds": time.perf_counter() - start}
        mark("finish")
        if path := os.environ.get("NOTES_BENCH_PHASES"):
            with open(path, "w", encoding="utf-8") as file:
                json.dump(marks, file)

    add_task = ParallelTasks.add_task

    def counted(tasks: ParallelTasks, func: Any, arg: Any = None, result: Any = None) -> None:
        """Count what a parallel reader sends back (a writer sends nothing)."""

        def received(arg: Any, sent: Any) -> Any:
            if isinstance(sent, bytes):
                marks["sent"] = marks.get("sent", 0) + len(sent)
            return result(arg, sent)

        add_task(tasks, func, arg, received if result else None)

    ParallelTasks.add_task = counted  # type: ignore[method-assign]
    app.connect("builder-inited", wrap_finish)
    app.connect("env-before-read-docs", lambda app, env, docnames: mark("start"))
    app.connect("env-updated", lambda app, env: mark("read"))
    app.connect("build-finished", save)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
