"""Benchmark sphinxext-notes builds against a bare MyST "floor" site.

Usage: ``python bench/run.py [--groups N] [--languages L] [--layout LAYOUT]
[--repeat R] [--sizes N,M] [--scenarios S,...] [--sites S,...] [--workdir DIR]
[--collect]``
or ``python bench/run.py --ingest N``.

Every build runs in a fresh ``python -m sphinx -q`` subprocess; its wall time,
peak RSS (largest process of its tree, from ``os.wait4``) and phases (read,
write, finish, exit: see ``bench_phases.py``, loaded into every site) are recorded,
with the CPU seconds of the processes it forked (readers, writers) in each phase and
the megabytes its parallel readers sent back,
with the main process's CPU seconds in each phase but the exit.
"ext" is the generated corpus with the extension's ``conf.py``; "one-index" is the
same with ``notes_search = False`` (Sphinx's one search index instead of one per
language); "floor" is the same note files with bare ``myst_parser`` and no
navigation.  The sites are interleaved scenario by scenario, and the order flips
on every repeat.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import corpus

REPO = Path(__file__).resolve().parent.parent
SITES = ("ext", "one-index", "floor")
#: What the "one-index" site adds to the extension's ``conf.py``.
ONE_INDEX_CONF = "\nnotes_search = False\n"
COLD_SERIAL = "cold serial"
COLD_PARALLEL = "cold -j 2"
NOOP = "no-op rebuild"
EDIT = "edit one note"
ADD = "add translation"
SCENARIOS = (COLD_SERIAL, COLD_PARALLEL, NOOP, EDIT, ADD)
#: ``--scenarios`` names.
SCENARIO_NAMES = dict(zip(("serial", "parallel", "noop", "edit", "add"), SCENARIOS, strict=True))
INCREMENTAL = (NOOP, EDIT, ADD)
TAIL_LINES = 15
#: Build phases, each from the end of the one before (see ``bench_phases.py``):
#: start-up (imports, configuration, finding the sources) until reading starts.
PHASES = ("startup", "read", "write", "finish", "exit")
#: Added to both sites' ``conf.py``: the phase clock.
PHASES_CONF = '\nextensions.append("bench_phases")\n'

FLOOR_CONF = """\
extensions = ["myst_parser"]
html_sidebars = {"**": []}
suppress_warnings = ["myst"]
exclude_patterns = []
"""
FLOOR_INDEX = """\
# Notes benchmark

The floor site: the same note files, parsed and written with no navigation.
"""


@dataclass
class Build:
    """One build's outcome; ``status`` is ``ok``, ``failed`` or ``skipped``."""

    notes: int
    status: str = "ok"
    wall: float = 0.0
    rss_kib: int = 0
    detail: str = ""  # why it failed or was skipped, one line
    tail: str = ""  # last lines of stderr of a failed build
    phases: dict[str, float] | None = None  # seconds per phase, see PHASES
    cpu: dict[str, float] | None = None  # the main process's CPU seconds per phase
    forked: dict[str, float] | None = None  # its readers' and writers' CPU seconds per phase
    sent_mb: float | None = None  # what its parallel readers pickled back, MB
    full: dict[str, float] | None = None  # the main process's full collections per phase
    collected: dict[str, float] | None = None  # with --collect: objects, seconds


@dataclass
class Site:
    """One site of one repeat: its source tree and where its builds go."""

    name: str
    root: Path
    notes: int
    serial_ok: bool = True

    @property
    def src(self) -> Path:
        """Source directory."""
        return self.root / "src"


@dataclass(frozen=True)
class Changes:
    """The edits applied between builds, identical for both sites."""

    edit_path: str
    edit_text: str
    add_path: str | None
    add_text: str


def child_env(logs: Path) -> dict[str, str]:
    """Environment for builds: the repo importable, no bytecode written there."""
    env = dict(os.environ)
    env["TMPDIR"] = str(logs)  # Sphinx saves crash tracebacks there
    paths = [str(REPO), str(REPO / "bench"), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def build_site(
    site: Site,
    out: str,
    jobs: int,
    log: str,
    notes: int,
    extra_env: dict[str, str] | None = None,
) -> Build:
    """Run one ``sphinx -b html`` build of ``site`` into ``site.root / out``."""
    target = site.root / out
    cmd = [sys.executable, "-m", "sphinx", "-q", "-b", "html"]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += ["-d", str(target / ".doctrees"), str(site.src), str(target)]
    logs = site.root / "logs"
    logs.mkdir(exist_ok=True)
    err_path = logs / f"{log}.err"
    phases_path = logs / f"{log}.phases.json"
    env = {**child_env(logs), "NOTES_BENCH_PHASES": str(phases_path)}
    with open(logs / f"{log}.out", "wb") as out_f, open(err_path, "wb") as err_f:
        began, start = time.time(), time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=out_f, stderr=err_f, cwd=site.root, env={**env, **(extra_env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        ended = time.time()
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code == 0:
        return Build(notes, wall=wall, rss_kib=usage.ru_maxrss, **phases(phases_path, began, ended))
    how = f"killed by signal {-code}" if code < 0 else f"exit status {code}"
    summary, tail = stderr_tail(err_path)
    return Build(notes, "failed", wall, usage.ru_maxrss, f"{how}: {summary}", tail)


def phases(path: Path, began: float, ended: float) -> dict[str, Any]:
    """:class:`Build`'s fields from the marks a build saved: seconds spent in each of
    :data:`PHASES`; CPU seconds of the main process, and of the processes it forked,
    in each but the exit; megabytes sent back by parallel readers."""
    try:
        marks = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    marks.update(began=began, exit=ended)
    order = ("began", "start", "read", "write", "finish", "exit")

    def spans(at: dict[str, float], names: tuple[str, ...]) -> dict[str, float] | None:
        if any(name not in at for name in names):
            return None
        return {p: at[b] - at[a] for p, a, b in zip(PHASES, names[:-1], names[1:], strict=False)}

    sent = marks.get("sent")
    return {
        "phases": spans(marks, order),
        "cpu": spans(marks.get("cpu", {}), order[:-1]),
        "forked": spans(marks.get("workers", {}), order[:-1]),
        "sent_mb": sent / 1e6 if sent else None,
        "full": spans(marks.get("full", {}), order[:-1]),
        "collected": marks.get("collected"),
    }


def stderr_tail(path: Path) -> tuple[str, str]:
    """Return the error line and the last lines of a failed build's stderr."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    marker = "The full traceback has been saved in:"
    saved = ""
    if marker in lines:  # drop Sphinx's boilerplate after the traceback
        at = lines.index(marker)
        saved = "".join(lines[at + 1 : at + 2]).strip()
        lines = lines[:at]
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    tail = lines[-TAIL_LINES:]
    if saved:
        tail.append(f"(full traceback: {saved})")
    errors = [x.strip() for x in lines if "Error" in x or "Exception" in x]
    summary = (errors or [x.strip() for x in lines if x.strip()] or ["no stderr"])[-1]
    return summary, "\n".join(tail)


def prepare(pristine: Path, root: Path, name: str, notes: int) -> Site:
    """Copy the pristine corpus to ``root``; the floor gets its own conf and index."""
    site = Site(name, root, notes)
    shutil.copytree(pristine, site.src)
    if name == "floor":
        (site.src / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
        (site.src / "index.md").write_text(FLOOR_INDEX, encoding="utf-8")
    elif name == "one-index":
        with open(site.src / "conf.py", "a", encoding="utf-8") as conf:
            conf.write(ONE_INDEX_CONF)
    with open(site.src / "conf.py", "a", encoding="utf-8") as conf:
        conf.write(PHASES_CONF)
    return site


def plan_changes(groups: int, languages: int, layout: str) -> Changes:
    """Pick the translation to edit and the missing translation to add."""
    edit_path = add_path = None
    edit_text = add_text = ""
    for note in corpus.notes(groups, languages, layout):
        if note.missing and add_path is None:
            add_path, add_text = note.path, note.text
        elif not note.missing and edit_path is None and not note.original:
            seed = f"bench-edit:{note.path}"
            edit_path = note.path
            edit_text = "\n" + corpus.paragraph(note.lang, seed) + "\n"
        if edit_path and add_path:
            break
    if edit_path is None:  # one language only: edit an original
        edit_path = next(corpus.notes(groups, languages, layout)).path
        edit_text = "\n" + corpus.paragraph("en", "bench-edit") + "\n"
    return Changes(edit_path, edit_text, add_path, add_text)


def run_scenario(site: Site, scenario: str, changes: Changes, rep: int) -> Build:
    """Apply ``scenario``'s change to ``site`` and build it."""
    log = f"r{rep}-{scenario.replace(' ', '_')}"
    if scenario == COLD_PARALLEL:
        return build_site(site, "html-j2", 2, log, site.notes)
    if scenario in INCREMENTAL and not site.serial_ok:
        return Build(site.notes, "skipped", detail="the cold serial build failed")
    if scenario == EDIT:
        with open(site.src / changes.edit_path, "a", encoding="utf-8") as f:
            f.write(changes.edit_text)
    elif scenario == ADD:
        if changes.add_path is None:
            return Build(site.notes, "skipped", detail="no group misses a translation")
        path = site.src / changes.add_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(changes.add_text, encoding="utf-8")
        site.notes += 1
    build = build_site(site, "html", 1, log, site.notes)
    if scenario == COLD_SERIAL:
        site.serial_ok = build.status == "ok"
    return build


def bench_size(
    workdir: Path,
    groups: int,
    languages: int,
    layout: str,
    repeat: int,
    scenarios: tuple[str, ...] = SCENARIOS,
    names: tuple[str, ...] = SITES,
) -> dict[str, dict[str, list[Build]]]:
    """Measure every scenario and site for one corpus size."""
    base = workdir / f"g{groups}-l{languages}-{layout}"
    shutil.rmtree(base, ignore_errors=True)
    pristine = base / "corpus"
    count = corpus.generate(pristine, groups, languages, layout)
    changes = plan_changes(groups, languages, layout)
    results: dict[str, dict[str, list[Build]]] = {
        s: {name: [] for name in names} for s in scenarios
    }
    for rep in range(repeat):
        order = names if rep % 2 == 0 else names[::-1]
        sites = {name: prepare(pristine, base / f"r{rep}" / name, name, count) for name in order}
        for scenario in scenarios:
            for name in order:
                build = run_scenario(sites[name], scenario, changes, rep)
                results[scenario][name].append(build)
                progress(groups, rep, repeat, scenario, name, build)
    return results


def progress(groups: int, rep: int, repeat: int, scenario: str, site: str, build: Build) -> None:
    """Report one build on stderr."""
    if build.status == "ok":
        what = f"{build.wall:7.2f} s {build.rss_kib / 1024:7.1f} MiB"
    else:
        what = build.status.upper()
    label = f"groups {groups} repeat {rep + 1}/{repeat}"
    print(f"[{label}] {scenario:<15} {site:<5} {what}", file=sys.stderr, flush=True)


@dataclass
class Row:
    """Median of one scenario and site over the repeats."""

    status: str
    notes: int
    wall: float = math.nan
    rss_mib: float = math.nan
    phases: dict[str, float] | None = None
    cpu: dict[str, float] | None = None
    forked: dict[str, float] | None = None
    sent_mb: float | None = None
    full: dict[str, float] | None = None
    collected: dict[str, float] | None = None


def summarise(builds: list[Build]) -> Row:
    """Median of the successful builds, or the first non-ok status."""
    bad = tuple(b for b in builds if b.status != "ok")
    notes = builds[0].notes
    if bad:
        status = "failed" if any(b.status == "failed" for b in bad) else "skipped"
        return Row(status, notes)
    wall = statistics.median(b.wall for b in builds)
    rss = statistics.median(b.rss_kib for b in builds) / 1024
    timed = [b.phases for b in builds if b.phases]
    median = {p: statistics.median(t[p] for t in timed) for p in PHASES} if timed else None

    def medians(per_phase: list[dict[str, float] | None]) -> dict[str, float] | None:
        used = [u for u in per_phase if u]
        return {p: statistics.median(u[p] for u in used) for p in used[0]} if used else None

    sent = [b.sent_mb for b in builds if b.sent_mb]
    return Row(
        "ok",
        notes,
        wall,
        rss,
        median,
        medians([b.cpu for b in builds]),
        medians([b.forked for b in builds]),
        statistics.median(sent) if sent else None,
        medians([b.full for b in builds]),
        medians([b.collected for b in builds]),
    )


def ratio(a: float, b: float) -> str:
    """``a / b`` to two decimals, or a dash."""
    return f"{a / b:.2f}" if a == a and b == b and b > 0 else "-"


def table(rows: list[tuple[str, str, Row, Row]]) -> str:
    """Markdown table of ``(scenario, site, row, floor row)``."""
    out = [
        "| scenario | site | notes | wall s | peak RSS MiB | notes/s "
        "| wall / floor | RSS / floor |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario, site, row, floor in rows:
        if row.status != "ok":
            cells = [row.status.upper(), "-", "-", "-", "-"]
        else:
            rate = "-" if scenario in INCREMENTAL else f"{row.notes / row.wall:.1f}"
            cells = [
                f"{row.wall:.2f}",
                f"{row.rss_mib:.1f}",
                rate,
                ratio(row.wall, floor.wall),
                ratio(row.rss_mib, floor.rss_mib),
            ]
        out.append(f"| {scenario} | {site} | {row.notes} | " + " | ".join(cells) + " |")
    return "\n".join(out)


def phase_table(rows: list[tuple[str, str, Row, Row]]) -> str:
    """Markdown table of the cold builds' phases, the extension's against the floor's:
    wall seconds, the main process's CPU seconds (under ``-j``, the part of each
    phase that does not run in parallel), its readers' and writers' CPU seconds, and
    the megabytes its parallel readers sent back."""
    out = [
        "| scenario | notes | seconds | " + " | ".join(PHASES) + " |",
        "|---|---:|---|" + "---:|" * len(PHASES),
    ]
    for scenario, site, row, floor in rows:
        if site != "ext" or scenario not in (COLD_SERIAL, COLD_PARALLEL):
            continue
        for what, ours, theirs in (
            ("wall", row.phases, floor.phases),
            ("main CPU", row.cpu, floor.cpu),
            ("forked CPU", row.forked, floor.forked),
            ("full collections", row.full, floor.full),
        ):
            if ours is None or theirs is None:
                continue
            digits = 0 if what == "full collections" else 2
            cells = [
                f"{ours[p]:.{digits}f} ({theirs[p]:.{digits}f})" if p in ours else "-"
                for p in PHASES
            ]
            out.append(f"| {scenario} | {row.notes} | {what} | " + " | ".join(cells) + " |")
        if row.sent_mb and floor.sent_mb:
            sent = f"{row.sent_mb:.1f} ({floor.sent_mb:.1f})"
            cells = [sent if p == "read" else "-" for p in PHASES]
            out.append(f"| {scenario} | {row.notes} | MB sent back | " + " | ".join(cells) + " |")
        if row.collected and floor.collected:
            ours, theirs = row.collected, floor.collected
            cells = [
                f"{ours['seconds']:.2f} s, {ours['objects']:,.0f} "
                f"({theirs['seconds']:.2f} s, {theirs['objects']:,.0f})"
                if p == "finish"
                else "-"
                for p in PHASES
            ]
            out.append(
                f"| {scenario} | {row.notes} | collected at the end | " + " | ".join(cells) + " |"
            )
    return "\n".join(out)


def report(
    sizes: list[int], all_results: dict[int, dict[str, dict[str, list[Build]]]]
) -> list[str]:
    """Print the table and the scaling lines; return the failure report."""
    scenarios = list(all_results[sizes[0]])
    sites = list(all_results[sizes[0]][scenarios[0]])
    rows = []
    failed: list[tuple[str, str, Build]] = []
    skipped: dict[tuple[str, str], list[str]] = {}
    for groups in sizes:
        for scenario in scenarios:
            summary = {s: summarise(all_results[groups][scenario][s]) for s in sites}
            for site in sites:
                rows.append((scenario, site, summary[site], summary["floor"]))
                for rep, b in enumerate(all_results[groups][scenario][site], 1):
                    where = f"{scenario}, groups {groups}, repeat {rep}"
                    if b.status == "failed":
                        failed.append((site, where, b))
                    elif b.status == "skipped":
                        reasons = skipped.setdefault((site, b.detail), [])
                        if scenario not in reasons:
                            reasons.append(scenario)
    print(table(rows))
    if "ext" in sites and "one-index" in sites:
        print("\nSearch per language against Sphinx's one index (ext / one-index):")
        for groups in sizes:
            for scenario in scenarios:
                ext, one = (
                    summarise(all_results[groups][scenario][s]) for s in ("ext", "one-index")
                )
                print(
                    f"- {scenario}, {ext.notes} notes: wall {ratio(ext.wall, one.wall)}, "
                    f"peak RSS {ratio(ext.rss_mib, one.rss_mib)}"
                )
    print("\nPhases of the cold builds, median seconds (floor in brackets):\n")
    print(phase_table(rows))
    for cold in (c for c in (COLD_SERIAL, COLD_PARALLEL) if c in scenarios and len(sizes) > 1):
        print(f"\n{cold.capitalize()} build, wall time scaling:")
        for small, big in itertools.pairwise(sizes):
            for site in sites:
                t = [summarise(all_results[n][cold][site]).wall for n in (small, big)]
                label = "t(2N)/t(N)" if big == 2 * small else f"t({big})/t({small})"
                print(
                    f"- {site}: {label} = {ratio(t[1], t[0])} "
                    f"(groups {small} to {big}, linear would be {big / small:.2f})"
                )
    lines = [f"- {site}, {where}: {b.detail}" for site, where, b in failed]
    lines += [
        f"- {site}, {', '.join(which)}: skipped, {why}" for (site, why), which in skipped.items()
    ]
    shown: set[str] = set()
    for site, where, b in failed:
        if site not in shown:
            shown.add(site)
            lines.append(f"\nstderr of the first failed {site} build ({where}):")
            lines += [f"    {line}" for line in b.tail.splitlines()]
    return lines


def ingest(workdir: Path, notes: int, languages: int, layout: str) -> int:
    """Time ``sphinxext_notes._core.scan.build_catalog`` on ``notes`` generated notes."""
    groups = max(1, math.ceil(notes / languages))
    while corpus.note_count(groups, languages) < notes:
        groups += 1
    src = workdir / f"ingest-{notes}-l{languages}-{layout}"
    shutil.rmtree(src, ignore_errors=True)
    start = time.perf_counter()
    count = corpus.generate(src, groups, languages, layout)
    made = time.perf_counter() - start
    print(f"generated {count} notes ({groups} groups) in {made:.1f} s", file=sys.stderr)
    sys.path.insert(0, str(REPO))
    sys.dont_write_bytecode = True
    try:
        from sphinxext_notes._core.scan import build_catalog
    except ImportError as exc:
        print(f"ingest: cannot import sphinxext_notes._core.scan.build_catalog: {exc}")
        return 1
    catalog = None
    for jobs in (1, 2, 0):  # 0: a rescan of unchanged files, as in a no-op build
        start = time.perf_counter()
        try:
            catalog = build_catalog(
                src,
                list(corpus.NOTES_DIRS),
                "en",
                previous=catalog if not jobs else None,
                jobs=jobs or 1,
            )
        except Exception:
            tail = traceback.format_exc().splitlines()[-TAIL_LINES:]
            print("ingest: build_catalog raised:\n" + "\n".join(f"    {x}" for x in tail))
            return 1
        took = time.perf_counter() - start
        how = f"{jobs} process(es), cold" if jobs else "unchanged files, cached"
        print(
            f"ingest: build_catalog, {how}: {count} notes ({languages} languages, "
            f"{layout} layout) in {took:.2f} s = {count / took:.0f} notes/s"
        )
    found = catalog.groups
    print(f"catalog: {len(found)} groups (corpus has {groups}), {len(catalog.problems)} problems")
    return status(src, count)


def status(src: Path, count: int) -> int:
    """Time ``python -m sphinxext_notes status`` on *src*, without and with its cache."""
    with tempfile.TemporaryDirectory() as cache:
        environ = {**os.environ, "XDG_CACHE_HOME": cache, "PYTHONPATH": str(REPO)}
        for how in ("cold, empty cache", "cached", "cached again"):
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-m", "sphinxext_notes", "status", str(src)],
                env=environ,
                capture_output=True,
                text=True,
            )
            took = time.perf_counter() - start
            if done.returncode:
                print(f"status failed ({done.returncode}):\n{done.stderr}")
                return 1
            print(f"status, {how}: {count} notes in {took:.2f} s")
    return 0


GIT_SPY = """#!/bin/sh
echo "$*" >> "$GIT_SPY_LOG"
exec {git} "$@"
"""


def _git_calls(log: Path) -> list[str]:
    """The subcommand of each git process logged by :data:`GIT_SPY`."""
    lines = log.read_text().splitlines() if log.exists() else []
    return [
        next(w for w in line.split() if not w.startswith("-") and "=" not in w) for line in lines
    ]


def history(workdir: Path, groups: int, languages: int, layout: str, repeat: int) -> int:
    """The cost of outdated detection: cold builds of a corpus in git against the same files
    outside git, interleaved, and the git processes of a cold and of a no-op build."""
    base = workdir / f"history-g{groups}-l{languages}-{layout}"
    shutil.rmtree(base, ignore_errors=True)
    git_site, plain_site = Site("git", base / "git", 0), Site("plain", base / "plain", 0)
    count, edited = corpus.generate_with_history(git_site.src, groups, languages, layout)
    shutil.copytree(git_site.src, plain_site.src, ignore=shutil.ignore_patterns(".git"))
    spy = base / "bin" / "git"
    spy.parent.mkdir()
    spy.write_text(GIT_SPY.format(git=shutil.which("git")))
    spy.chmod(0o755)
    calls = base / "git-calls.log"
    env = {"PATH": f"{spy.parent}{os.pathsep}{os.environ['PATH']}", "GIT_SPY_LOG": str(calls)}
    walls: dict[str, list[float]] = {"git": [], "plain": []}
    for rep in range(repeat):
        for site in (git_site, plain_site) if rep % 2 == 0 else (plain_site, git_site):
            shutil.rmtree(site.root / "html", ignore_errors=True)
            calls.unlink(missing_ok=True)
            build = build_site(site, "html", 1, f"r{rep}-cold", count, env)
            if build.status != "ok":
                print(f"{site.name} build failed: {build.detail}\n{build.tail}")
                return 1
            walls[site.name].append(build.wall)
            if site is git_site:
                cold_calls = _git_calls(calls)
            print(
                f"  {site.name} cold serial, repeat {rep + 1}: {build.wall:.2f} s", file=sys.stderr
            )
    calls.unlink(missing_ok=True)
    noop = build_site(git_site, "html", 1, "noop", count, env)
    noop_calls = _git_calls(calls)
    data = json.loads((git_site.root / "html" / "translations.json").read_text("utf-8"))
    outdated = sum(t["outdated"] is True for n in data["notes"] for t in n["translations"].values())
    git_wall, plain_wall = statistics.median(walls["git"]), statistics.median(walls["plain"])
    print(
        f"{count} notes ({languages} languages, {layout} layout), {edited} originals edited "
        f"after translation: {outdated} translations found outdated\n"
        f"cold serial, in git:     {git_wall:.2f} s (median of {repeat})\n"
        f"cold serial, no git:     {plain_wall:.2f} s\n"
        f"outdated detection adds: {100 * (git_wall / plain_wall - 1):+.1f} %\n"
        f"git processes, cold build: {len(cold_calls)} ({' '.join(cold_calls)})\n"
        f"git processes, no-op rebuild: {len(noop_calls)} ({' '.join(noop_calls)}), "
        f"{noop.wall:.2f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=100, help="note groups")
    parser.add_argument("--languages", type=int, default=8, help="languages (1-9)")
    parser.add_argument("--layout", choices=corpus.LAYOUTS, default="mixed")
    parser.add_argument("--repeat", type=int, default=1, help="report the median")
    parser.add_argument("--sizes", help="comma-separated group counts, e.g. 100,200")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIO_NAMES),
        help=f"comma-separated, of {','.join(SCENARIO_NAMES)} (noop, edit, add need serial)",
    )
    parser.add_argument(
        "--sites", default=",".join(SITES), help=f"comma-separated, of {','.join(SITES)}"
    )
    parser.add_argument("--workdir", type=Path, help="kept; default a temp dir")
    parser.add_argument("--ingest", type=int, metavar="N", help="time build_catalog")
    parser.add_argument(
        "--history", action="store_true", help="cost of outdated detection (corpus in git)"
    )
    parser.add_argument(
        "--collect",
        action="store_true",
        help="collect the garbage as each build ends, so that the exit is the teardown alone",
    )
    args = parser.parse_args(argv)
    if args.collect:
        os.environ["NOTES_BENCH_COLLECT"] = "1"  # read by bench_phases in each build
    if not 1 <= args.languages <= len(corpus.LANGUAGES):
        parser.error(f"--languages must be between 1 and {len(corpus.LANGUAGES)}")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [args.groups]
    except ValueError:
        parser.error("--sizes takes comma-separated integers")
    if any(n < 1 for n in sizes):
        parser.error("sizes must be positive")
    chosen = args.scenarios.split(",")
    if unknown := [c for c in chosen if c not in SCENARIO_NAMES]:
        parser.error(f"unknown scenarios: {', '.join(unknown)}")
    scenarios = tuple(s for name, s in SCENARIO_NAMES.items() if name in chosen)
    if COLD_SERIAL not in scenarios and any(s in INCREMENTAL for s in scenarios):
        parser.error("noop, edit and add rebuild the serial build: add serial")
    sites = tuple(s for s in SITES if s in args.sites.split(","))
    if "floor" not in sites or set(args.sites.split(",")) - set(SITES):
        parser.error(f"--sites: of {', '.join(SITES)}, with floor")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="notes-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        if args.ingest:
            return ingest(workdir, args.ingest, args.languages, args.layout)
        if args.history:
            return history(workdir, sizes[0], args.languages, args.layout, args.repeat)
        results = {
            n: bench_size(workdir, n, args.languages, args.layout, args.repeat, scenarios, sites)
            for n in sizes
        }
        import sphinx

        print(
            f"sphinx {sphinx.__version__}, Python {platform.python_version()}, "
            f"{os.cpu_count()} CPUs; layout {args.layout}, {args.languages} "
            f"languages, median of {args.repeat}\n"
        )
        failures = report(sizes, results)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    if failures:
        print("\nFailed or skipped builds:")
        print("\n".join(failures))
        if args.workdir is None:
            print("\n(pass --workdir DIR to keep the sources and full logs)")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
