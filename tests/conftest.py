"""Fixtures: Sphinx test roots under ``tests/roots`` and helpers to read output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


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


def assert_same_site(one: Path, other: Path) -> None:
    """Every page of *one*, and ``translations.json``, the same in *other*, byte for byte.

    One way only: Sphinx leaves the page of a removed document in an output folder.
    """
    pages = sorted(p.relative_to(one) for p in Path(one).rglob("*.html"))
    for name in [*pages, Path("translations.json")]:
        assert (Path(one) / name).read_bytes() == (Path(other) / name).read_bytes(), name
