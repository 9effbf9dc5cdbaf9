"""Outdated and reviewed translations: digests, git history, stamp, pages, table, status."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import read, translations

from sphinxext_notes.__main__ import main
from sphinxext_notes._core import history
from sphinxext_notes._core.digest import text_digest
from sphinxext_notes._core.freshness import Freshness
from sphinxext_notes._core.scan import build_catalog

ORIGINAL = "---\ntitle: Alpha\nlang: en\n---\n\n## Body\n\nThe first text.\n"
TRANSLATION = "---\ntitle: Alfa\nlang: es\ntranslated: true\n{extra}---\n\n## Cuerpo\n\nEl texto.\n"


def git(repo: Path, *args: str, day: int = 1) -> str:
    """Run git in *repo* as a fixed author, on 2025-01-<day>."""
    when = f"2025-01-{day:02d}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "A",
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": "A",
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)
    return done.stdout.decode()


def commit(repo: Path, files: dict[str, str], day: int) -> None:
    """Write *files* (path -> text) and commit them on 2025-01-<day>."""
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", f"day {day}", day=day)


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git work tree holding the original (day 1), then its translation (day 2)."""
    path = tmp_path / "src"
    path.mkdir()
    git(path, "init", "-q")
    commit(path, {"notes/alpha.en.md": ORIGINAL}, day=1)
    commit(path, {"notes/alpha.es.md": TRANSLATION.format(extra="")}, day=2)
    return path


def freshness(srcdir: Path, **kwargs):
    catalog = build_catalog(srcdir, ["notes"], "en", **kwargs)
    return catalog.freshness.get("notes/alpha.es.md"), catalog


def test_digest_ignores_front_matter_line_ends_and_whitespace_runs():
    edited = ORIGINAL.replace("title: Alpha", "title: Other").replace("\n", "\r\n")
    assert text_digest(edited.replace("first text", "first   text")) == text_digest(ORIGINAL)
    assert text_digest(ORIGINAL.replace("first", "second")) != text_digest(ORIGINAL)


def test_a_translation_committed_after_its_original_is_current(repo):
    found, _ = freshness(repo)
    assert (found.outdated, found.evidence) == (False, "git")


def test_an_original_changed_after_its_translation_makes_it_outdated(repo):
    commit(repo, {"notes/alpha.en.md": ORIGINAL.replace("first", "second")}, day=3)
    found, _ = freshness(repo)
    assert (found.outdated, found.changed.isoformat()) == (True, "2025-01-03")


def test_an_uncommitted_change_to_the_original_counts_without_a_date(repo):
    (repo / "notes/alpha.en.md").write_text(ORIGINAL.replace("first", "second"))
    found, _ = freshness(repo)
    assert (found.outdated, found.changed) == (True, None)


def test_whitespace_and_front_matter_changes_never_make_translations_outdated(repo):
    rewrapped = ORIGINAL.replace("The first", "The\n  first").replace("title: Alpha", "title: A")
    commit(repo, {"notes/alpha.en.md": rewrapped}, day=3)
    found, _ = freshness(repo)
    assert found.outdated is False


def test_a_translation_committed_before_its_original_existed_is_unknown(tmp_path):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"notes/alpha.es.md": TRANSLATION.format(extra="")}, day=1)
    commit(tmp_path, {"notes/alpha.en.md": ORIGINAL}, day=2)
    found, _ = freshness(tmp_path)
    assert found.outdated is None


def test_a_shallow_clone_tells_unknown_where_history_is_cut(repo, tmp_path):
    commit(repo, {"notes/alpha.en.md": ORIGINAL.replace("first", "second")}, day=3)
    commit(repo, {"notes/other.en.md": ORIGINAL}, day=4)
    for depth, expected in (("1", None), ("3", None), ("4", True)):
        clone = tmp_path / f"depth{depth}"
        git(tmp_path, "clone", "-q", "--depth", depth, f"file://{repo}", clone.name)
        found, _ = freshness(clone)
        assert found.outdated is expected, depth


def test_outside_a_work_tree_freshness_is_unknown_silently(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/alpha.en.md").write_text(ORIGINAL)
    (tmp_path / "notes/alpha.es.md").write_text(TRANSLATION.format(extra=""))
    found, catalog = freshness(tmp_path)
    assert (found.outdated, catalog.problems) == (None, [])


def test_a_recorded_digest_wins_over_git(repo):
    stale = "source_digest: 'sha256:0000000000000000'\n"
    commit(repo, {"notes/alpha.es.md": TRANSLATION.format(extra=stale)}, day=3)
    found, _ = freshness(repo)
    assert (found.outdated, found.evidence) == (True, "recorded")
    current = f"source_digest: {text_digest(ORIGINAL.replace('first', 'second'))}\n"
    commit(repo, {"notes/alpha.es.md": TRANSLATION.format(extra=current)}, day=4)
    commit(repo, {"notes/alpha.en.md": ORIGINAL.replace("first", "second")}, day=5)
    found, _ = freshness(repo)
    assert (found.outdated, found.evidence) == (False, "recorded")


def test_a_malformed_digest_is_a_warning_at_its_line(repo):
    (repo / "notes/alpha.es.md").write_text(TRANSLATION.format(extra="source_digest: 12\n"))
    found, catalog = freshness(repo)
    [problem] = catalog.problems
    assert (problem.kind, problem.line, found.evidence) == ("outdated", 5, "git")


@pytest.mark.parametrize(
    ("value", "status", "problems"),
    [
        ("true", "reviewed", 0),
        ("2025-03-01", "reviewed", 0),
        ("false", "machine-translated", 0),
        ("soon", "machine-translated", 1),
    ],
)
def test_reviewed_machine_translations(tmp_path, value, status, problems):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes/alpha.en.md").write_text(ORIGINAL)
    extra = f"generated: true\nreviewed: {value}\n"
    (tmp_path / "notes/alpha.es.md").write_text(TRANSLATION.format(extra=extra))
    catalog = build_catalog(tmp_path, ["notes"], "en")
    assert catalog.by_key["alpha"].members["es"].status == status
    assert [p.kind for p in catalog.problems] == ["reviewed"] * problems


def test_git_runs_a_fixed_number_of_times_and_once_when_head_is_unchanged(repo, monkeypatch):
    for day in range(3, 8):
        commit(
            repo,
            {f"notes/n{day}.en.md": ORIGINAL, f"notes/n{day}.es.md": TRANSLATION.format(extra="")},
            day=day,
        )
    calls = []
    run = subprocess.run

    def counting(args, **kwargs):
        calls.append(args[3] if args[0] == "git" else args[0])
        return run(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    _, catalog = freshness(repo)
    assert calls == ["rev-parse", "log", "cat-file"]
    calls.clear()
    freshness(repo, previous=catalog)
    assert calls == ["rev-parse"]


def test_git_reads_each_old_text_once_by_its_blob(repo, monkeypatch):
    """Translations made in one commit from one text need that text once, by blob id."""
    commit(
        repo,
        {f"notes/alpha.{lang}.md": TRANSLATION.format(extra="") for lang in ("de", "fr", "it")},
        day=3,
    )
    blob = git(repo, "rev-parse", "HEAD:notes/alpha.en.md").strip()
    asked = []
    run = subprocess.run

    def recording(args, **kwargs):
        if args[3] == "cat-file":
            asked.extend(kwargs["input"].decode().split())
        return run(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", recording)
    found, _ = freshness(repo)
    assert found.outdated is False
    assert asked == [blob]  # one blob, four translations and the original's last commit


def test_a_slow_git_gives_unknown_and_one_warning(repo, monkeypatch):
    commit(repo, {"notes/alpha.en.md": ORIGINAL.replace("first", "second")}, day=3)
    monkeypatch.setattr(history, "TIME_LIMIT", 0.0)
    found, catalog = freshness(repo)
    assert found.outdated is None
    assert [p.kind for p in catalog.problems] == ["outdated"]


CONF = 'extensions = ["sphinxext_notes"]\nnotes_dirs = ["notes"]\n'
COMMENTED = (
    "\ufeff---\r\n"
    "# made by hand\r\n"
    "title: 'Alfa: uno'   # quoted\r\n"
    "lang: es\r\n"
    "translated: true\r\n"
    "---\r\n"
    "\r\n"
    "Cuerpo.\r\n"
)


@pytest.fixture
def project(repo) -> Path:
    """The repository with a conf.py: a source folder ``stamp`` and ``status`` can read."""
    (repo / "conf.py").write_text(CONF)
    return repo


def test_stamp_adds_one_line_and_leaves_every_other_byte(project, capsys):
    translation = project / "notes/alpha.es.md"
    translation.write_bytes(COMMENTED.encode())
    assert main(["stamp", str(translation)]) == 0
    line = f"source_digest: {text_digest(ORIGINAL)}\r\n"
    expected = COMMENTED.replace("---\r\n\r\n", f"{line}---\r\n\r\n")
    assert translation.read_bytes() == expected.encode()
    (project / "notes/alpha.en.md").write_text(ORIGINAL.replace("first", "second"))
    assert main(["stamp", "--source-dir", str(project), str(translation)]) == 0
    newer = f"source_digest: {text_digest(ORIGINAL.replace('first', 'second'))}\r\n"
    assert translation.read_bytes() == expected.replace(line, newer).encode()
    assert capsys.readouterr().out.count("source_digest: sha256:") == 2


def test_a_stamped_translation_is_current_and_the_record_wins(project):
    (project / "notes/alpha.en.md").write_text(ORIGINAL.replace("first", "second"))
    assert freshness(project)[0].outdated is True
    main(["stamp", str(project / "notes/alpha.es.md")])
    assert freshness(project)[0] == Freshness(False, None, "recorded")


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("notes/alpha.en.md", ORIGINAL, "it is an original"),
        ("notes/alpha.es.md", "Cuerpo sin cabecera.\n", "it has no front matter"),
        ("notes/alpha.es.md", "---\ntitle: x\nlang: es\ntranslated: true\n", "never closes"),
    ],
)
def test_stamp_refuses_and_leaves_the_file_untouched(project, capsys, name, text, reason):
    path = project / name
    path.write_text(text)
    os.utime(path, ns=(1, 1))
    assert main(["stamp", str(path)]) == 1
    assert reason in capsys.readouterr().err
    assert (path.read_text(), path.stat().st_mtime_ns) == (text, 1)


def test_stamp_never_writes_through_a_link_that_leaves_the_source_folder(project, tmp_path, capsys):
    outside = tmp_path / "outside.md"
    outside.write_text(TRANSLATION.format(extra=""))
    link = project / "notes/alpha.es.md"
    link.unlink()
    link.symlink_to(outside)
    assert main(["stamp", str(link)]) == 1
    assert "outside the source directory" in capsys.readouterr().err
    assert outside.read_text() == TRANSLATION.format(extra="")


@pytest.fixture
def languages_project(project) -> Path:
    """alpha: en, es outdated (day 3); beta: en, fr machine-translated, no es."""
    commit(
        project,
        {
            "notes/alpha.en.md": ORIGINAL.replace("first", "second"),
            "notes/beta.en.md": ORIGINAL.replace("Alpha", "Beta"),
            "notes/beta.fr.md": TRANSLATION.replace("lang: es", "lang: fr").format(
                extra="generated: true\n"
            ),
        },
        day=3,
    )
    return project


def test_status_prints_a_row_per_language(languages_project, capsys):
    assert main(["status", str(languages_project)]) == 0
    rows = {line.split()[0]: line.split()[1:] for line in capsys.readouterr().out.splitlines()}
    assert rows["language"] == [
        "original",
        "translated",
        "machine",
        "reviewed",
        "outdated",
        "missing",
        "up",
        "to",
        "date",
    ]
    assert rows["en"] == ["2", "0", "0", "0", "0", "0", "100.0%"]
    assert rows["es"] == ["0", "0", "0", "0", "1", "1", "0.0%"]
    assert rows["fr"] == ["0", "0", "1", "0", "0", "1", "0.0%"]


def test_status_lists_missing_and_outdated_notes_with_the_change_date(languages_project, capsys):
    main(["status", str(languages_project), "--missing", "es", "--outdated", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert [m["key"] for m in report["missing"]] == ["beta"]
    assert report["outdated"] == [
        {
            "key": "alpha",
            "lang": "es",
            "source": "notes/alpha.es.md",
            "original": "notes/alpha.en.md",
            "original_changed": "2025-01-03",
        }
    ]


@pytest.mark.parametrize(
    ("bar", "code", "named"),
    [("100", 1, ["es", "fr"]), ("0", 0, []), ("en=100,fr=0", 0, []), ("es=1", 1, ["es"])],
)
def test_status_fails_under_a_bar_and_names_each_language(
    languages_project, capsys, bar, code, named
):
    assert main(["status", str(languages_project), "--fail-under", bar]) == code
    assert [line.split(":")[0] for line in capsys.readouterr().err.splitlines()] == named


def build_site(make_app, srcdir: Path, **kwargs):
    """Build *srcdir*, recording the pages written."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.written = set()
    app.connect("html-page-context", lambda app_, pagename, *args: app.written.add(pagename))
    app.build()
    return app


@pytest.fixture
def site(languages_project) -> Path:
    """The languages project with an index page that shows the table."""
    (languages_project / "index.md").write_text("# Notes\n\n```{notes-translation-table}\n```\n")
    return languages_project


def notice_of(app, page: str) -> str:
    found = re.search(r'<div class="notes-[^"]*-notice.*?</div>', read(app, page), re.S)
    return found.group() if found else ""


def test_an_outdated_page_says_so_in_its_language_with_the_date_and_links_the_original(
    make_app, site
):
    app = build_site(make_app, site)
    notice = notice_of(app, "es/alpha.html")
    assert "El original cambió el 3 de enero de 2025" in notice
    assert 'href="../en/alpha.html"' in notice
    assert notice_of(app, "en/alpha.html") == ""


def test_a_reviewed_machine_translation_says_who_checked_it(make_app, site):
    beta = site / "notes/beta.fr.md"
    beta.write_text(
        beta.read_text().replace("generated: true", "generated: true\nreviewed: 2025-02-01")
    )
    app = build_site(make_app, site)
    html = read(app, "fr/beta.html")
    assert "relue par une personne le 1 février 2025" in html
    assert "notes-outdated-notice" not in html


def test_translations_json_tells_outdated_and_reviewed(make_app, site):
    beta = site / "notes/beta.fr.md"
    beta.write_text(beta.read_text().replace("generated: true", "generated: true\nreviewed: true"))
    app = build_site(make_app, site)
    notes = {n["key"]: n["translations"] for n in translations(app)["notes"]}
    assert notes["alpha"]["es"]["outdated"] is True
    assert notes["alpha"]["es"]["original_changed"] == "2025-01-03"
    assert notes["alpha"]["en"]["outdated"] is False
    assert (notes["beta"]["fr"]["status"], notes["beta"]["fr"]["outdated"]) == ("reviewed", False)


def test_editing_an_original_rewrites_its_translations_pages(make_app, site):
    main(["stamp", str(site / "notes/alpha.es.md")])
    build_site(make_app, site)
    original = site / "notes/alpha.en.md"
    original.write_text(original.read_text().replace("second", "third"))
    os.utime(original, ns=(original.stat().st_mtime_ns + 10**9,) * 2)
    again = build_site(make_app, site)
    assert {"en/alpha", "es/alpha", "index"} <= again.written
    assert "El original ha cambiado" in notice_of(again, "es/alpha.html")


def test_the_dashboard_marks_each_state_and_draws_a_bar_per_language(make_app, site):
    app = build_site(make_app, site)
    html = read(app, "index.html")
    table = re.search(r'<table class="notes-translation-table.*?</table>', html, re.S).group()
    alpha = next(row for row in re.findall(r"<tr.*?</tr>", table, re.S) if ">Alpha<" in row)
    assert re.findall(r'<td class="(notes-[\w-]+)', alpha) == [
        "notes-original",
        "notes-outdated",
        "notes-missing",
    ]
    assert alpha.count('class="notes-label">') == 3
    bars = re.findall(r'<svg class="notes-bar".*?</svg>', html, re.S)
    assert len(bars) == 3
    assert (
        "<title>Español (es): up to date: 0, machine-translated: 0, outdated: 1, missing: 1</title>"
        in bars[1]
    )
    assert 'class="notes-stale" x="0.00" y="0" width="50.00"' in bars[1]


def test_parallel_incremental_and_clean_builds_give_the_same_site(make_app, site, tmp_path):
    def edit_beta(srcdir: Path) -> None:
        beta = srcdir / "notes/beta.en.md"
        beta.write_text(beta.read_text().replace("first", "edited"))
        os.utime(beta, ns=(beta.stat().st_mtime_ns + 10**9,) * 2)

    build_site(make_app, site)
    copies = {}
    for name in ("serial", "parallel"):
        copies[name] = tmp_path / name
        shutil.copytree(site, copies[name], ignore=shutil.ignore_patterns("_build"))
        edit_beta(copies[name])
    edit_beta(site)
    incremental = build_site(make_app, site)
    serial = build_site(make_app, copies["serial"])
    parallel = build_site(make_app, copies["parallel"], parallel=2)
    assert "notes-outdated-notice" in read(serial, "fr/beta.html")
    pages = sorted(p.relative_to(serial.outdir) for p in Path(serial.outdir).rglob("*.html"))
    for other in (parallel, incremental):
        for page in [*pages, Path("translations.json")]:
            assert filecmp.cmp(serial.outdir / page, other.outdir / page, shallow=False), page
