"""The commands' cache: ``status`` reads again only the notes that changed."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
from pathlib import Path

import pytest
from test_outdated import ORIGINAL, TRANSLATION, commit, git

from sphinxext_notes.__main__ import main
from sphinxext_notes._core import history, reading_cache, scan

CONF = 'extensions = ["sphinxext_notes"]\nnotes_dirs = ["notes"]\n'
NOTE = "---\ntitle: {title}\nlang: {lang}\n{extra}---\n\n## Body\n\nText {title}.\n"


@pytest.fixture
def source(tmp_path) -> Path:
    """alpha in en and es, beta in en only."""
    (tmp_path / "conf.py").write_text(CONF)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "alpha.en.md").write_text(NOTE.format(title="Alpha", lang="en", extra=""))
    (notes / "alpha.es.md").write_text(
        NOTE.format(title="Alfa", lang="es", extra="translated: true\n")
    )
    (notes / "beta.en.md").write_text(NOTE.format(title="Beta", lang="en", extra=""))
    return tmp_path


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The notes read from their files, by source."""
    found: list[str] = []
    read_one = scan._read_one

    def counted(task: scan.ReadTask) -> object:
        found.append(task.source)
        return read_one(task)

    monkeypatch.setattr(scan, "_read_one", counted)
    return found


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The notes read as notes (front matter and body), by source."""
    found: list[str] = []
    read_note = scan.read_note

    def counted(source: str, *args: object, **kwargs: object) -> object:
        found.append(source)
        return read_note(source, *args, **kwargs)

    monkeypatch.setattr(scan, "read_note", counted)
    return found


def missing_in_spanish(source: Path, capsys, *options: str) -> list[str]:
    assert main(["status", str(source), "--missing", "es", "--json", *options]) == 0
    return [item["key"] for item in json.loads(capsys.readouterr().out)["missing"]]


def test_status_reads_again_only_the_notes_changed_since_its_last_run(source, reads, capsys):
    assert missing_in_spanish(source, capsys) == ["beta"]
    assert sorted(reads) == ["notes/alpha.en.md", "notes/alpha.es.md", "notes/beta.en.md"]
    kept = reading_cache.cache_file(source).stat()
    reads.clear()
    assert missing_in_spanish(source, capsys) == ["beta"]
    assert reads == []
    assert reading_cache.cache_file(source).stat().st_ino == kept.st_ino  # nothing to write
    (source / "notes/beta.es.md").write_text(
        NOTE.format(title="Beta", lang="es", extra="translated: true\n")
    )
    assert missing_in_spanish(source, capsys) == []
    assert reads == ["notes/beta.es.md"]


def test_a_fresh_checkout_with_the_cache_restored_parses_no_note(source, parsed, capsys):
    missing_in_spanish(source, capsys)
    for path in (source / "notes").iterdir():  # a checkout: new times, same bytes
        os.utime(path, ns=(1, path.stat().st_mtime_ns + 10**9))
    parsed.clear()
    assert missing_in_spanish(source, capsys) == ["beta"]
    assert parsed == []


def test_status_cache_lives_outside_the_source_folder(source, capsys, tmp_path_factory):
    missing_in_spanish(source, capsys)
    kept = reading_cache.cache_file(source)
    assert kept.is_file()
    assert not kept.resolve().is_relative_to(source.resolve())
    assert kept.stat().st_mode & 0o077 == 0


def test_an_unusable_cache_file_is_read_as_none(source, reads, capsys):
    missing_in_spanish(source, capsys)
    reading_cache.cache_file(source).write_bytes(b"not a pickle")
    reads.clear()
    assert missing_in_spanish(source, capsys) == ["beta"]
    assert len(reads) == 3


def test_no_cache_reads_everything_and_keeps_nothing(source, reads, capsys):
    missing_in_spanish(source, capsys, "--no-cache")
    missing_in_spanish(source, capsys, "--no-cache")
    assert len(reads) == 6
    assert not reading_cache.cache_file(source).exists()


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs root to chown")
def test_a_cache_file_of_another_user_is_not_read(source, reads, capsys):
    missing_in_spanish(source, capsys)
    os.chown(reading_cache.cache_file(source), 12345, -1)
    reads.clear()
    missing_in_spanish(source, capsys)
    assert len(reads) == 3


def test_a_cache_file_others_can_write_is_not_read(source, reads, capsys):
    missing_in_spanish(source, capsys)
    reading_cache.cache_file(source).chmod(0o664)
    reads.clear()
    missing_in_spanish(source, capsys)
    assert len(reads) == 3
    assert reading_cache.cache_file(source).stat().st_mode & 0o077 == 0  # written again


def test_a_cache_file_that_is_a_link_is_not_read(source, reads, capsys, tmp_path):
    missing_in_spanish(source, capsys)
    kept = reading_cache.cache_file(source)
    elsewhere = kept.rename(tmp_path / "elsewhere.pickle")
    kept.symlink_to(elsewhere)
    reads.clear()
    missing_in_spanish(source, capsys)
    assert len(reads) == 3


class _Planted:
    """What a planted cache file could hold: an object that runs code when unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (Path.touch, (self.marker,))


def test_a_cache_file_naming_other_classes_runs_nothing(source, reads, capsys, tmp_path):
    missing_in_spanish(source, capsys)
    marker = tmp_path / "ran"
    planted = pickle.dumps((reading_cache._HEADER, _Planted(marker)))
    reading_cache.cache_file(source).write_bytes(planted)
    reads.clear()
    assert missing_in_spanish(source, capsys) == ["beta"]
    assert not marker.exists()
    assert len(reads) == 3


def test_without_an_absolute_cache_folder_nothing_is_kept(source, reads, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "cache")  # relative: ignored, as XDG says
    monkeypatch.setenv("HOME", "home")
    monkeypatch.chdir(source)
    assert reading_cache.cache_file(source) is None
    missing_in_spanish(source, capsys)
    missing_in_spanish(source, capsys)
    assert len(reads) == 6
    assert not (source / "cache").exists() and not (source / "home").exists()


def test_stamp_keeps_the_git_history_status_read(tmp_path, monkeypatch):
    git(tmp_path, "init", "-q")
    commit(tmp_path, {"conf.py": CONF, "notes/alpha.en.md": ORIGINAL}, day=1)
    commit(tmp_path, {"notes/alpha.es.md": TRANSLATION.format(extra="")}, day=2)
    calls: list[str] = []
    run = subprocess.run

    def counting(args, **kwargs):
        calls.append(args[3])
        return run(args, **kwargs)

    monkeypatch.setattr(history.subprocess, "run", counting)
    assert main(["status", str(tmp_path)]) == 0
    assert "log" in calls
    assert main(["stamp", str(tmp_path / "notes" / "alpha.es.md")]) == 0
    calls.clear()
    assert main(["status", str(tmp_path)]) == 0
    assert calls == ["rev-parse"]  # HEAD unchanged: the kept history, no log
