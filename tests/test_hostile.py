"""Hostile notes: every fault is a warning naming file and line; nothing is lost or escapes."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOTS, assert_same_site, read, translations

hostile = pytest.mark.sphinx("html", testroot="hostile", freshenv=True)

EXPECTED = {
    "no-front-matter-en.md:1": "notes.frontmatter",
    "empty-en.md:1": "notes.frontmatter",
    "unclosed-en.md:1": "notes.frontmatter",
    "tabs-en.md:5": "notes.frontmatter",
    "bracket-en.md:2": "notes.frontmatter",
    "list-en.md:2": "notes.frontmatter",
    "scalar-en.md:2": "notes.frontmatter",
    "pyobj-en.md:4": "notes.frontmatter",
    "bomb-en.md:2": "notes.frontmatter",
    "nested-en.md:2": "notes.frontmatter",
    "big-front-matter-en.md:2": "notes.frontmatter",
    "badlang.md:3": "notes.lang",
    "numlang.md:3": "notes.lang",
    "nolang.md:1": "notes.lang",
    "xss-lang.md:3": "notes.lang",
    "notitle-en.md:5": "notes.title",
    "dup-b.md:1": "notes.group",
    "two-orig.fr.md:1": "notes.group",
    "xref-en.md:6": "notes.xref",
    "latin1-en.md:2": "notes.encoding",
    "utf16-en.md:1": "notes.encoding",
    "nul-en.md:1": "notes.encoding",
}


def warnings_of(warning) -> list[str]:
    return [line for line in warning.getvalue().splitlines() if "WARNING" in line]


@hostile
def test_every_fault_is_a_typed_warning_naming_file_and_line(app, warning):
    app.build()
    lines = warnings_of(warning)
    for where, kind in EXPECTED.items():
        assert any(f"notes/{where}: WARNING" in line and f"[{kind}]" in line for line in lines), (
            where
        )


@hostile
def test_only_notes_warnings(app, warning):
    app.build()
    assert all(re.search(r"\[notes\.\w+\]", line) for line in warnings_of(warning))


@hostile
def test_nothing_is_lost(app, warning):
    app.build()
    shown = {t["source"] for n in translations(app)["notes"] for t in n["translations"].values()}
    named = warning.getvalue()
    for path in Path(app.srcdir, "notes").iterdir():
        source = f"notes/{path.name}"
        assert source in shown or f"{source}:" in named, source
        if source in shown:
            page = next(
                t["page"]
                for n in translations(app)["notes"]
                for t in n["translations"].values()
                if t["source"] == source
            )
            assert (Path(app.outdir) / page).is_file()


@hostile
def test_yaml_tags_never_run(app):
    app.build()
    assert not Path("/tmp/sphinxext-notes-pwned").exists()


@hostile
def test_nothing_escapes_the_output_folder(app):
    app.build()
    out = Path(app.outdir).resolve()
    for note in translations(app)["notes"]:
        for entry in note["translations"].values():
            assert (out / entry["page"]).resolve().is_relative_to(out)
    assert not Path("/tmp/x.html").exists()
    pages = {p.name for p in (out / "en").iterdir()}
    assert {"tmp-x.html", "etc-passwd.html", "case.html", "case-2.html"} <= pages
    assert all(len(name.encode()) < 200 for name in pages)
    slugs = [n["slug"] for n in translations(app)["notes"]]
    assert len(slugs) == len(set(slugs))


@hostile
def test_titles_and_keys_are_escaped(app):
    app.build()
    html = read(app, "en/tmp-x.html")
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in read(app, "index.html")
    note = next(n for n in translations(app)["notes"] if n["slug"] == "tmp-x")
    assert note["key"] == "../../../tmp/x"
    assert note["translations"]["en"]["title"] == "<script>alert(1)</script>"


@hostile
def test_bom_and_crlf_read_as_plain_utf8(app, warning):
    app.build()
    assert "bom-crlf" not in warning.getvalue()
    html = read(app, "en/bom-crlf.html")
    assert "<h1>BOM and CRLF<" in html and "<h2>Heading<" in html


@hostile
def test_missing_title_falls_back_to_the_first_heading(app):
    app.build()
    html = read(app, "en/notitle.html")
    assert "<h1>The heading title<" in html
    assert "<h2>The heading title" not in html


@pytest.mark.sphinx(
    "html",
    testroot="hostile",
    freshenv=True,
    confoverrides={"suppress_warnings": ["notes.frontmatter", "notes.title"]},
)
def test_suppress_warnings_silences_one_kind(app, warning):
    app.build()
    text = warning.getvalue()
    assert "[notes.frontmatter]" not in text and "[notes.title]" not in text
    assert "[notes.lang]" in text


def test_W_fails_the_build(tmp_path):
    from sphinx.cmd.build import build_main

    srcdir = tmp_path / "w"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    assert build_main(["-W", "-q", "-b", "html", str(srcdir), str(tmp_path / "out")]) == 1


def test_a_five_megabyte_note_builds(make_app, tmp_path):
    srcdir = tmp_path / "big"
    (srcdir / "notes").mkdir(parents=True)
    (srcdir / "conf.py").write_text('extensions = ["sphinxext_notes"]\n')
    (srcdir / "index.md").write_text("# Big\n")
    paragraph = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n"
    body = "".join(f"### Part {i}\n\n{paragraph}" for i in range(5 * 1024 * 1024 // 1200))
    (srcdir / "notes" / "big-en.md").write_text(f"---\ntitle: Big\nlang: en\n---\n\n{body}")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert (Path(app.outdir) / "en" / "big.html").stat().st_size > 5_000_000


def test_nfc_and_nfd_names_give_distinct_pages():
    names = [p.name for p in (ROOTS / "test-hostile" / "notes").iterdir() if "caf" in p.name]
    assert {unicodedata.normalize("NFC", n) for n in names} == {"café-en.md"}
    assert len(names) == 2


@hostile
def test_translations_json_is_valid_json(app):
    app.build()
    assert json.loads(read(app, "translations.json"))["notes"]


def test_output_does_not_depend_on_listing_order(make_app, tmp_path, monkeypatch):
    import os

    from sphinxext_notes._core import scan

    walk = os.walk

    def reversed_walk(top, **kwargs):
        for folder, subdirs, files in walk(top, **kwargs):
            subdirs.reverse()
            yield folder, subdirs, files[::-1]

    listed = build_hostile(make_app, tmp_path / "listed")
    monkeypatch.setattr(scan.os, "walk", reversed_walk)
    assert_same_site(listed, build_hostile(make_app, tmp_path / "reversed"))


def build_hostile(make_app, srcdir: Path, **kwargs) -> Path:
    """Build a copy of the hostile root; return its output folder."""
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return Path(app.outdir)


def test_files_are_written_only_in_the_build_folders(make_app, tmp_path):
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-hostile", srcdir)
    before = {p for p in tmp_path.parent.rglob("*") if p.is_file()}
    app = make_app("html", srcdir=srcdir)
    app.build()
    written = {p for p in tmp_path.parent.rglob("*") if p.is_file()} - before
    build = srcdir / "_build"
    assert written and all(p.is_relative_to(build) for p in written), sorted(
        p for p in written if not p.is_relative_to(build)
    )


def test_parallel_build_gives_the_same_pages(make_app, tmp_path):
    serial = build_hostile(make_app, tmp_path / "serial")
    assert_same_site(serial, build_hostile(make_app, tmp_path / "parallel", parallel=2))
