"""Fixtures: Sphinx test roots under ``tests/roots`` and helpers to read output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sphinxext_notes._core.notes import Note, read_note

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory, monkeypatch):
    """Commands keep their cache in a folder of the test's, never the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def copy_root(tmp_path):
    """Copy a test root to a fresh folder, for builds that change their sources."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(ROOTS / f"test-{name}", target)
        return target

    return copy


def read(app, page: str) -> str:
    return (Path(app.outdir) / page).read_text("utf-8")


def translations(app) -> dict:
    return json.loads(read(app, "translations.json"))


# --- notes read from text, for the core's tests -------------------------------------

SEEDS = ROOTS / "test-seeds" / "notes"


def note_of(source: str, text: str | bytes, notes_dir: str = "notes", default: str = "en"):
    """Read a note from *text*, as the catalog reads a file: ``(note, problems)``."""
    raw = text.encode() if isinstance(text, str) else text
    return read_note(source, raw, notes_dir, default)


def make(source: str, front: str, body: str = "Body.\n", notes_dir: str = "notes") -> Note:
    """A note with front matter *front* and *body*."""
    note, _ = note_of(source, f"---\n{front}\n---\n\n{body}", notes_dir)
    assert note is not None
    return note


def kinds(problems) -> list[tuple[str, int | None, str]]:
    return [(p.source, p.line, p.kind) for p in problems]


def members(group) -> dict[str, str]:
    return {lang: note.source for lang, note in group.members.items()}


def seeds() -> list[Note]:
    """The five seed notes, read."""
    found = []
    for path in sorted(SEEDS.iterdir()):
        note, problems = note_of(f"notes/{path.name}", path.read_bytes())
        assert problems == []
        found.append(note)
    return found


def assert_same_site(one: Path, other: Path) -> None:
    """Every page of *one*, and ``translations.json``, the same in *other*, byte for byte.

    One way only: Sphinx leaves the page of a removed document in an output folder.
    """
    pages = sorted(p.relative_to(one) for p in Path(one).rglob("*.html"))
    for name in [*pages, Path("translations.json")]:
        assert (Path(one) / name).read_bytes() == (Path(other) / name).read_bytes(), name
