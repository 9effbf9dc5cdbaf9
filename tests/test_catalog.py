"""The catalog over a folder: listing, fallbacks, caching, processes (_core/catalog)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import SEEDS, members, note_of

from sphinxext_notes._core import scan as scan_module
from sphinxext_notes._core.fingerprint import feature
from sphinxext_notes._core.scan import build_catalog


def write(root: Path, source: str, text: str) -> Path:
    path = root / source
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def site(tmp_path) -> Path:
    write(tmp_path, "notes/2025-01-02-alpha-en.md", "---\ntitle: Alpha\n---\n")
    write(tmp_path, "notes/2025-01-02-alpha-fr.md", "---\ntitle: Alpha FR\ntranslated: true\n---\n")
    write(tmp_path, "notes/2025-03-04-beta-en.md", "---\ntitle: Beta\n---\n")
    write(tmp_path, "notes/gamma-en.md", "---\ntitle: Gamma\n---\n")
    write(tmp_path, "notes/delta-en.md", "---\ntitle: Delta\n---\n")
    write(tmp_path, "notes/only-fr.md", "---\ntitle: Only\nlang: fr\n---\n")
    write(tmp_path, "notes/both-es.md", "---\ntitle: B es\ntranslated: true\n---\n")
    write(tmp_path, "notes/both-fr.md", "---\ntitle: B fr\ntranslated: true\n---\n")
    write(tmp_path, "notes/orig-es.md", "---\ntitle: O es\ntranslated: true\n---\n")
    write(tmp_path, "notes/orig-fr.md", "---\ntitle: O fr\n---\n")
    return tmp_path


def test_catalog_languages_put_the_default_first(site):
    assert build_catalog(site, ["notes"], "fr").languages == ["fr", "en", "es"]


def test_listing_is_newest_first_with_undated_last_by_key(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert [g.key for g in catalog.listing("en")] == [
        "2025-03-04-beta",
        "2025-01-02-alpha",
        "delta",
        "gamma",
    ]


def test_listing_holds_only_notes_in_that_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert [g.key for g in catalog.listing("fr")] == ["2025-01-02-alpha", "both", "only", "orig"]


def test_neighbours_are_the_notes_around_a_page(site):
    catalog = build_catalog(site, ["notes"], "en")
    before, after = catalog.neighbours("en/2025-01-02-alpha")
    assert (before.key, after.key) == ("2025-03-04-beta", "delta")


def test_the_first_and_last_pages_have_one_neighbour(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.neighbours("en/2025-03-04-beta")[0] is None
    assert catalog.neighbours("en/gamma")[1] is None


def test_fallback_takes_the_wanted_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.fallback(catalog.by_key["2025-01-02-alpha"], "fr") == "fr"


def test_fallback_then_takes_the_default_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.fallback(catalog.by_key["2025-01-02-alpha"], "de") == "en"


def test_fallback_then_takes_the_original(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["orig"]
    assert (list(group.members), group.original) == (["es", "fr"], "fr")
    assert catalog.fallback(group, "de") == "fr"


def test_fallback_then_takes_the_first_language(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["both"]
    assert group.original is None
    assert catalog.fallback(group, "de") == "es"


def test_language_of_a_page(site):
    catalog = build_catalog(site, ["notes"], "en")
    assert catalog.language_of("fr/only") == "fr"
    assert catalog.language_of("es/index") == "es"
    assert catalog.language_of("about") == "en"
    assert catalog.language_of("de/x") == "en"


def test_docnames_are_language_and_slug(site):
    catalog = build_catalog(site, ["notes"], "en")
    group = catalog.by_key["2025-01-02-alpha"]
    assert catalog.docname(group, "fr") == "fr/2025-01-02-alpha"
    assert catalog.by_docname["fr/2025-01-02-alpha"] == (group, "fr")


def test_hidden_files_and_build_folders_are_skipped(site):
    write(site, "notes/.hidden-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/.git/x-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/_build/x-en.md", "---\ntitle: H\n---\n")
    write(site, "notes/readme-en.txt", "---\ntitle: H\n---\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert len(catalog.readings) == 10


def test_a_notes_dir_outside_the_source_is_a_config_problem(site):
    catalog = build_catalog(site / "notes", ["..", "missing"], "en")
    assert [(p.source, p.kind) for p in catalog.problems] == [
        ("..", "config"),
        ("missing", "config"),
    ]
    assert catalog.groups == []


def test_notes_dirs_dot_gives_plain_relative_sources(site):
    write(site, "top-en.md", "---\ntitle: Top\n---\n")
    catalog = build_catalog(site, ["."], "en")
    assert "top-en.md" in catalog.readings


def test_a_file_in_two_notes_dirs_is_read_once(site):
    write(site, "notes/sub/x-en.md", "---\ntitle: X\n---\n")
    catalog = build_catalog(site, ["notes", "notes/sub"], "en")
    assert list(catalog.readings).count("notes/sub/x-en.md") == 1
    assert "sub/x" in catalog.by_key


def test_unreadable_files_are_problems_not_notes(site):
    (site / "notes" / "bad-en.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert [(p.source, p.kind) for p in catalog.problems] == [("notes/bad-en.md", "encoding")]
    assert catalog.readings["notes/bad-en.md"].note is None


@pytest.fixture
def counted(monkeypatch) -> list[str]:
    calls: list[str] = []
    real = scan_module.read_note

    def counting(source, *args, **kwargs):
        calls.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(scan_module, "read_note", counting)
    return calls


def test_unchanged_files_are_not_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    assert len(counted) == 10
    counted.clear()
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == []
    assert [(g.key, members(g)) for g in second.groups] == [
        (g.key, members(g)) for g in first.groups
    ]


def test_a_changed_file_alone_is_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    counted.clear()
    write(site, "notes/gamma-en.md", "---\ntitle: Gamma, edited\n---\n")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == ["notes/gamma-en.md"]
    assert second.by_key["gamma"].members["en"].title == "Gamma, edited"


@pytest.fixture
def fingerprinted(monkeypatch) -> list[bytes]:
    calls: list[bytes] = []
    real = scan_module.body_features

    def counting(raw: bytes) -> frozenset[int]:
        calls.append(raw)
        return real(raw)

    monkeypatch.setattr(scan_module, "body_features", counting)
    return calls


def test_only_notes_that_no_key_groups_are_fingerprinted(site, fingerprinted):
    catalog = build_catalog(site, ["notes"], "en")
    assert sorted(catalog.fingerprints) == [
        "notes/2025-03-04-beta-en.md",
        "notes/delta-en.md",
        "notes/gamma-en.md",
        "notes/only-fr.md",
    ]
    assert len(fingerprinted) == 4
    assert all(n.features is None for g in catalog.groups for n in g.members.values())


def test_a_note_only_its_content_can_group_is_fingerprinted_as_it_is_read(site, fingerprinted):
    write(site, "notes/3f9a0c.md", "---\ntitle: Hashed\nlang: de\n---\nhttps://x.example/\n")
    catalog = build_catalog(site, ["notes"], "en")
    assert feature("url", "https://x.example/") in catalog.by_key["3f9a0c"].members["de"].features
    assert len(fingerprinted) == 4  # the named notes alone


def test_fingerprints_of_unchanged_files_are_reused(site, fingerprinted):
    first = build_catalog(site, ["notes"], "en")
    fingerprinted.clear()
    write(site, "notes/gamma-en.md", "---\ntitle: Gamma, edited\n---\n")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert fingerprinted == [b"---\ntitle: Gamma, edited\n---\n"]
    assert second.fingerprints.keys() == first.fingerprints.keys()


@pytest.fixture
def prosed(monkeypatch) -> list[bytes]:
    calls: list[bytes] = []
    real = scan_module.body_prose_features

    def counting(raw: bytes) -> frozenset[int]:
        calls.append(raw)
        return real(raw)

    monkeypatch.setattr(scan_module, "body_prose_features", counting)
    return calls


def test_what_prose_keeps_is_read_only_for_notes_links_and_code_leave_alone(site, prosed):
    link = "https://x.example/1 https://x.example/2\n"
    write(site, "notes/linked.md", f"---\ntitle: L\nlang: en\n---\n{link}")
    write(site, "notes/gelinkt.md", f"---\ntitle: L\nlang: fr\n---\n{link}")
    catalog = build_catalog(site, ["notes"], "en")
    assert sorted(catalog.prose) == [
        "notes/2025-03-04-beta-en.md",
        "notes/delta-en.md",
        "notes/gamma-en.md",
        "notes/only-fr.md",
    ]  # not linked.md and gelinkt.md, whose group has the lone notes' languages
    assert len(prosed) == 4


def test_what_prose_keeps_of_unchanged_files_is_reused(site, prosed):
    first = build_catalog(site, ["notes"], "en")
    prosed.clear()
    write(site, "notes/gamma-en.md", "---\ntitle: Gamma, edited\n---\n")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert prosed == [b"---\ntitle: Gamma, edited\n---\n"]
    assert second.prose.keys() == first.prose.keys()


def test_a_late_fingerprint_is_the_one_read_note_computes():
    for path in sorted(SEEDS.iterdir()):
        raw = path.read_bytes()
        note, _ = note_of(f"notes/{path.name}", raw)
        assert scan_module.body_features(raw) == note.features != frozenset()


def later(path: Path) -> int:
    """Move *path*'s modification time a second on; the new time."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    return stat.st_mtime_ns + 1_000_000_000


def test_an_edited_file_of_the_same_size_is_read_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    counted.clear()
    path = site / "notes" / "delta-en.md"
    path.write_bytes(path.read_bytes().replace(b"Delta", b"Dekta"))
    later(path)
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == ["notes/delta-en.md"]
    assert second.by_source["notes/delta-en.md"][0].members["en"].title == "Dekta"


def test_a_touched_file_holding_the_same_bytes_is_not_read_as_a_note_again(site, counted):
    first = build_catalog(site, ["notes"], "en")
    counted.clear()
    touched = later(site / "notes" / "delta-en.md")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert counted == []
    assert second.readings["notes/delta-en.md"].stamp.mtime_ns == touched
    assert second.readings["notes/delta-en.md"].note is first.readings["notes/delta-en.md"].note


def test_reused_readings_keep_their_problems(site, counted):
    write(site, "notes/untitled-en.md", "---\nlang: en\n---\nNo heading.\n")
    first = build_catalog(site, ["notes"], "en")
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert [(p.source, p.kind) for p in second.problems] == [("notes/untitled-en.md", "title")]
    assert second.problems == first.problems


def test_a_removed_file_leaves_the_catalog(site):
    first = build_catalog(site, ["notes"], "en")
    (site / "notes" / "gamma-en.md").unlink()
    second = build_catalog(site, ["notes"], "en", previous=first)
    assert "gamma" not in second.by_key
    assert "notes/gamma-en.md" not in second.readings


def test_reading_in_processes_gives_the_same_catalog(site, monkeypatch):
    monkeypatch.setattr(scan_module, "PARALLEL_FROM", 2)
    alone = build_catalog(site, ["notes"], "en")
    parallel = build_catalog(site, ["notes"], "en", jobs=2)
    assert [(g.key, g.slug, members(g)) for g in parallel.groups] == [
        (g.key, g.slug, members(g)) for g in alone.groups
    ]
    assert parallel.problems == alone.problems
