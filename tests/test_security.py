"""Only regular files inside the source directory are read: links, FIFOs and devices are not.

Links and FIFOs cannot live in git portably, so each test copies a small root into
``tmp_path`` and makes them there. Builds that a regression could hang run in a
subprocess with a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOTS

from sphinxext_notes._core import files

#: The text of every file outside the source directory: it must never reach the output.
MARKER = "OUTSIDE-TEXT-5f3c9e1d"

#: Seconds a build in a subprocess may take before it counts as hanging.
TIME_LIMIT = 240

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")


@pytest.fixture
def site(tmp_path) -> Path:
    """A copy of the basic root, with a folder outside it that holds a note of its own."""
    srcdir = tmp_path / "src"
    shutil.copytree(ROOTS / "test-basic", srcdir)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "creds-en.md").write_text(f"---\ntitle: Creds\nlang: en\n---\n\n{MARKER}\n")
    return srcdir


def build(make_app, srcdir: Path, **overrides):
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app


def leaked(srcdir: Path) -> list[Path]:
    """Files in the build folder (pages, ``_sources``, doctrees) that hold outside text."""
    found = (srcdir / "_build").rglob("*")
    return [p for p in found if p.is_file() and MARKER.encode() in p.read_bytes()]


def security_warnings(text: str) -> list[str]:
    return [line for line in text.splitlines() if "[notes.security]" in line]


def build_in_subprocess(srcdir: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build`` in its own process: a hang fails the test instead of the suite."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])}
    command = [sys.executable, "-m", "sphinx", "-q", *options, "-b", "html"]
    return subprocess.run(
        [*command, str(srcdir), str(srcdir / "_build" / "html")],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        env=env,
        check=False,
    )


@needs_links
def test_a_link_to_a_file_outside_is_not_read(make_app, site):
    (site / "notes" / "leak-en.md").symlink_to(site.parent / "outside" / "creds-en.md")
    app = build(make_app, site)
    [line] = security_warnings(app.warning.getvalue())
    assert "notes/leak-en.md" in line
    assert "outside the source directory" in line
    assert not (Path(app.outdir) / "en" / "leak.html").exists()
    assert leaked(site) == []


@needs_links
def test_a_link_to_a_folder_outside_is_not_walked(make_app, site):
    (site / "notes" / "more").symlink_to(site.parent / "outside", target_is_directory=True)
    app = build(make_app, site)
    [line] = security_warnings(app.warning.getvalue())
    assert "notes/more" in line
    assert "folder outside the source directory" in line
    assert leaked(site) == []


@needs_links
def test_a_notes_folder_that_is_a_link_outside_is_not_read(make_app, site):
    shutil.rmtree(site / "_notes")
    (site / "_notes").symlink_to(site.parent / "outside", target_is_directory=True)
    app = build(make_app, site)
    [line] = security_warnings(app.warning.getvalue())
    assert f"{site / '_notes'}:" in line
    assert leaked(site) == []


@needs_links
def test_a_link_to_a_file_inside_works(make_app, site):
    (site / "shared").mkdir()
    (site / "shared" / "linked.txt").write_text("---\ntitle: Linked\nlang: en\n---\n\nInside.\n")
    (site / "notes" / "linked-en.md").symlink_to(Path("..", "shared", "linked.txt"))
    app = build(make_app, site)
    assert security_warnings(app.warning.getvalue()) == []
    assert "Inside." in (Path(app.outdir) / "en" / "linked.html").read_text("utf-8")
    assert "Inside." in (Path(app.outdir) / "_sources" / "en" / "linked.md.txt").read_text()


@needs_links
def test_a_link_to_a_folder_inside_is_walked(make_app, site):
    (site / "shared" / "es").mkdir(parents=True)
    note = "---\ntitle: Compartida\ntranslation_key: shared\n---\n\nDentro.\n"
    (site / "shared" / "es" / "shared-es.md").write_text(note)
    (site / "notes" / "more").symlink_to(Path("..", "shared"), target_is_directory=True)
    app = build(make_app, site, exclude_patterns=["shared/**"])
    assert security_warnings(app.warning.getvalue()) == []
    assert "Dentro." in (Path(app.outdir) / "es" / "shared.html").read_text("utf-8")


@needs_links
def test_a_link_to_the_folder_that_holds_it_is_not_walked_again(site):
    (site / "notes" / "again").symlink_to(Path(".."), target_is_directory=True)
    (site / "notes" / "self").symlink_to(Path("."), target_is_directory=True)
    done = build_in_subprocess(site)
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr
    assert (site / "_build" / "html" / "en" / "beta.html").exists()


@needs_links
def test_follow_symlinks_reads_a_link_outside(make_app, site):
    (site / "notes" / "leak-en.md").symlink_to(site.parent / "outside" / "creds-en.md")
    app = build(make_app, site, notes_follow_symlinks=True)
    assert security_warnings(app.warning.getvalue()) == []
    assert MARKER in (Path(app.outdir) / "en" / "leak.html").read_text("utf-8")


@needs_links
def test_W_fails_the_build_on_a_link_outside(site):
    (site / "notes" / "leak-en.md").symlink_to(site.parent / "outside" / "creds-en.md")
    done = build_in_subprocess(site, "-W")
    assert done.returncode != 0
    assert "notes/leak-en.md" in done.stderr
    assert leaked(site) == []


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_skipped_without_opening_it(site):
    os.mkfifo(site / "notes" / "fifo-en.md")
    done = build_in_subprocess(site)
    assert done.returncode == 0, done.stderr
    [line] = security_warnings(done.stderr)
    assert "notes/fifo-en.md" in line
    assert "FIFO" in line
    assert not (site / "_build" / "html" / "en" / "fifo.html").exists()


@needs_links
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_not_opened_even_where_links_are_followed(site):
    (site / "notes" / "zero-en.md").symlink_to("/dev/zero")
    done = build_in_subprocess(site, "-D", "notes_follow_symlinks=1")
    assert done.returncode == 0, done.stderr
    [line] = security_warnings(done.stderr)
    assert "notes/zero-en.md" in line
    assert "character device" in line
    assert leaked(site) == []


def test_a_file_that_grows_while_it_is_read_is_bounded(tmp_path, monkeypatch):
    path = tmp_path / "grows-en.md"
    path.write_bytes(b"x" * 10)
    checked = os.stat(path)
    with path.open("ab") as file:  # grows after the check, as a log being written would
        file.write(b"x" * 100)
    monkeypatch.setattr(files, "MAX_BYTES", 50)
    monkeypatch.setattr(files, "check_file", lambda *args, **kwargs: checked)
    with pytest.raises(files.Refused, match="larger than"):
        files.read_file(str(path), str(tmp_path.resolve()))


def test_a_file_over_the_limit_is_not_opened(tmp_path, monkeypatch):
    path = tmp_path / "big-en.md"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(files, "MAX_BYTES", 50)
    with pytest.raises(files.Refused, match="larger than"):
        files.check_file(str(path), str(tmp_path.resolve()))


@pytest.mark.parametrize(
    "directive",
    [
        "```{literalinclude} ../../outside/creds-en.md\n```",
        "```{include} ../../outside/creds-en.md\n```",
        "```{csv-table}\n:file: ../../outside/creds-en.md\n```",
    ],
)
def test_a_note_inserts_no_file(make_app, site, directive):
    note = site / "notes/inserts-en.md"
    note.write_text(f"---\ntitle: Inserts\nlang: en\n---\n\n{directive}\n")
    app = build(make_app, site)
    assert "inserts-en.md:6: WARNING" in app.warning.getvalue()
    assert leaked(site) == []


def test_file_insertion_can_be_allowed(make_app, site):
    (site / "notes/inserts-en.md").write_text(
        "---\ntitle: Inserts\nlang: en\n---\n\n```{literalinclude} ../conf.py\n```\n"
    )
    app = build(make_app, site, notes_file_insertion=True)
    assert "notes_dirs" in (Path(app.outdir) / "en/inserts.html").read_text()
