"""Incremental and parallel builds: what is read and written, and the same site."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest
from conftest import ROOTS, assert_same_site, read
from sphinx.environment import BuildEnvironment

from sphinxext_notes._core import languages
from sphinxext_notes._sphinx.state import notes_state


def build(make_app, srcdir: Path, **kwargs):
    """Build, recording the documents read and the pages written."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.read, app.written = [], set()
    app.connect("env-before-read-docs", lambda app_, env, docnames: app.read.extend(docnames))
    app.connect("html-page-context", lambda app_, pagename, *args: app.written.add(pagename))
    app.build()
    return app


def touch(path: Path, text: str | None = None) -> None:
    """Change a file and move its mtime on by a second, as a later edit would."""
    before = path.stat().st_mtime_ns
    path.write_text(text if text is not None else path.read_text("utf-8") + "\nMore.\n")
    later = max(path.stat().st_mtime_ns, before + 1_000_000_000)
    os.utime(path, ns=(later, later))


def notes_and_indexes(written: set[str]) -> set[str]:
    """The note pages and language indexes among pages written (each build writes searches)."""
    return {w for w in written if "/" in w and not w.endswith("/search")}


def add_spanish_gamma(srcdir: Path) -> None:
    """Add the Spanish translation that note gamma lacks."""
    (srcdir / "_notes/es/gamma.es.md").write_text(
        "---\ntitle: Gamma en español\nlang: es\ntranslated: true\n---\n\n## Cuerpo\n"
    )


def test_a_rebuild_with_nothing_changed_reads_and_writes_no_note(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    again = build(make_app, srcdir)
    assert again.read == []
    assert notes_and_indexes(again.written) == set()


def test_editing_one_note_rereads_only_that_note(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    touch(srcdir / "_notes/es/beta-spanish.md")
    again = build(make_app, srcdir)
    assert again.read == ["es/beta"]
    assert notes_and_indexes(again.written) == {"es/beta", "es/index"}


def test_adding_a_translation_rewrites_its_siblings_index_and_table(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    add_spanish_gamma(srcdir)
    again = build(make_app, srcdir)
    assert again.read == ["es/gamma", "index"]  # Sphinx re-reads glob toctrees on additions
    written = again.written
    assert {"es/gamma", "en/gamma", "fr/gamma", "es/index", "index"} <= written
    # Pages that link gamma from Spanish now link the Spanish page.
    assert "es/2025-01-02-alpha" in written
    assert 'href="gamma.html"' in read(again, "es/2025-01-02-alpha.html")
    assert "en/2025-01-02-alpha" not in written  # its link to gamma is unchanged
    assert 'hreflang="es"' in read(again, "fr/gamma.html")
    assert "notes/" not in " ".join(written)
    assert "ar/2025-01-02-alpha" not in written


def test_removing_a_note_removes_it_everywhere(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    (srcdir / "notes/gamma.fr.md").unlink()
    again = build(make_app, srcdir)
    assert "fr/gamma" not in again.env.all_docs
    assert 'hreflang="fr"' not in read(again, "en/gamma.html")


def test_parallel_and_incremental_builds_give_the_same_site(make_app, copy_root, tmp_path):
    serial = build(make_app, copy_root("basic"))
    other = tmp_path / "parallel"
    shutil.copytree(Path(serial.srcdir), other, ignore=shutil.ignore_patterns("_build"))
    parallel = build(make_app, other, parallel=2)
    incremental_src = tmp_path / "incremental"
    shutil.copytree(Path(serial.srcdir), incremental_src, ignore=shutil.ignore_patterns("_build"))
    note = incremental_src / "notes/beta.md"
    original = note.read_text()
    touch(note, original + "\nTemporary.\n")
    build(make_app, incremental_src)
    touch(note, original)
    incremental = build(make_app, incremental_src)
    assert_same_site(serial.outdir, parallel.outdir)
    assert_same_site(serial.outdir, incremental.outdir)


def test_a_new_language_rewrites_every_page_that_lists_languages(make_app, copy_root):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    (srcdir / "notes/gamma.de.md").write_text(
        "---\ntitle: Gamma auf Deutsch\nlang: de\ntranslated: true\n---\n\n## Text\n"
    )
    again = build(make_app, srcdir)
    assert {"en/beta", "es/2025-01-02-alpha", "ar/index", "de/index"} <= again.written


def test_a_new_default_language_is_applied_to_cached_readings(make_app, copy_root):
    srcdir = copy_root("basic")
    (srcdir / "notes/nolang.md").write_text("---\ntitle: No language\n---\n\nText.\n")
    first = build(make_app, srcdir)
    assert "en/nolang" in first.env.all_docs
    again = build(make_app, srcdir, confoverrides={"notes_default_language": "fr"})
    assert "fr/nolang" in again.env.all_docs and "en/nolang" not in again.env.all_docs


def test_a_rebuild_with_nothing_changed_looks_up_no_language_name(make_app, copy_root, monkeypatch):
    srcdir = copy_root("basic")
    build(make_app, srcdir)
    looked_up: list[str] = []
    real = languages.native_name
    monkeypatch.setattr(languages, "native_name", lambda tag: looked_up.append(tag) or real(tag))
    build(make_app, srcdir)
    assert looked_up == []


def test_each_notes_translations_sit_together_in_the_environment(make_app, copy_root):
    """Sphinx's search-index prune costs, per word, the position of its page there."""
    app = build(make_app, copy_root("basic"))
    catalog = notes_state(app.env).catalog
    notes = [docname for docname in app.env.all_docs if docname in catalog.by_docname]
    keys = [catalog.by_docname[docname][0].key for docname in notes]
    assert keys == sorted(keys)
    assert len(set(keys)) < len(keys)  # some note has translations to sit together


def test_incremental_builds_after_changes_to_the_catalog_match_a_clean_build(
    make_app, copy_root, tmp_path
):
    srcdir = copy_root("basic")
    (srcdir / "es").mkdir()
    (srcdir / "es/links.md").write_text("---\norphan: true\n---\n# Enlaces\n\n{note}`gamma`\n")
    build(make_app, srcdir)
    add_spanish_gamma(srcdir)
    beta = srcdir / "notes/beta.md"
    touch(beta, beta.read_text().replace("title: Beta", "title: Beta, renamed"))
    (srcdir / "_notes/es/beta-spanish.md").unlink()
    incremental = build(make_app, srcdir)
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = build(make_app, clean_src)
    assert_same_site(clean.outdir, incremental.outdir)


def test_a_page_is_rewritten_when_a_name_it_uses_becomes_ambiguous(make_app, copy_root):
    srcdir = copy_root("names")
    build(make_app, srcdir)
    assert 'href="en/sub-2025-11-07-tcp-vs-udp.html"' in read(build(make_app, srcdir), "index.html")
    other = srcdir / "notes/other/2025-11-07-tcp-vs-udp-en.md"
    other.parent.mkdir()
    other.write_text("---\ntitle: Other\nlang: en\n---\n\nOther.\n")
    again = build(make_app, srcdir)
    assert "index" in again.written
    html = read(again, "index.html")
    assert html.count('href="en/sub-2025-11-07-tcp-vs-udp.html"') == 1  # the .md link's key


def test_a_page_is_read_again_when_a_bare_link_comes_to_name_a_note(make_app, copy_root, tmp_path):
    srcdir = copy_root("names")
    (srcdir / "later.md").write_text("---\norphan: true\n---\n# Later\n\n[soon](green-oolong)\n")
    build(make_app, srcdir)
    (srcdir / "notes/oolong-en.md").write_text(
        "---\ntitle: Oolong\nlang: en\nslug: green-oolong\n---\n\nOolong.\n"
    )
    incremental = build(make_app, srcdir)
    assert "later" in incremental.read
    assert 'href="en/green-oolong.html"' in read(incremental, "later.html")
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert_same_site(build(make_app, clean_src).outdir, incremental.outdir)


def many_notes(srcdir: Path, count: int = 15) -> Path:
    """A site of *count* notes in English and Spanish, each linking the next: enough
    documents for Sphinx to read them in more chunks than processes."""
    srcdir.mkdir()
    shutil.copy(ROOTS / "test-basic" / "conf.py", srcdir)
    (srcdir / "index.md").write_text("# Notes\n\n```{toctree}\n:glob:\n*/index\n```\n", "utf-8")
    for n in range(count):
        for lang in ("en", "es"):
            path = srcdir / "notes" / lang / f"note-{n}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                f"---\ntitle: Note {n} {lang}\nlang: {lang}\n---\n\n## Part\n\n"
                f"Text {n}, then {{note}}`note-{(n + 1) % count}`.\n\n### Detail\n\nMore.\n",
                "utf-8",
            )
    return srcdir


def test_parallel_readers_send_back_only_the_documents_they_read(make_app, tmp_path, monkeypatch):
    """A reader forked after others were merged sends back neither their data nor the
    project's page maps."""
    carried: list[set[str]] = []
    merge = BuildEnvironment.merge_info_from

    def recording_merge(env, docnames, other, app):
        notes = other.domaindata["notes"]
        held = [other.tocs, other.titles, other.metadata, notes["refs"], notes["names"]]
        held.append(other.project.docnames)
        carried.append({d for data in held for d in data} - set(docnames))
        return merge(env, docnames, other, app)

    monkeypatch.setattr(BuildEnvironment, "merge_info_from", recording_merge)
    build(make_app, many_notes(tmp_path / "site"), parallel=2)
    assert len(carried) > 2  # some readers forked after a chunk was merged
    assert carried == [set()] * len(carried)


def test_a_parallel_build_of_many_chunks_gives_the_serial_site(make_app, tmp_path):
    serial = build(make_app, many_notes(tmp_path / "serial"))
    parallel = build(make_app, many_notes(tmp_path / "parallel"), parallel=2)
    assert_same_site(serial.outdir, parallel.outdir)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_process_pickles_the_notes_state_with_an_empty_catalog(make_app, copy_root):
    """Sphinx's parallel readers send their environment back; the main keeps its catalog."""
    state = notes_state(build(make_app, copy_root("basic")).env)
    read_end, write_end = os.pipe()
    if (pid := os.fork()) == 0:  # a reader: it holds the state by fork, as in Sphinx
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(pickle.dumps(state))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        sent = pickle.loads(pipe.read())
    os.waitpid(pid, 0)
    kept = pickle.loads(pickle.dumps(state))
    assert (sent.catalog.groups, sent.catalog.readings) == ([], {})
    assert sent.catalog.default_language == state.catalog.default_language
    assert [g.key for g in kept.catalog.groups] == [g.key for g in state.catalog.groups] != []
