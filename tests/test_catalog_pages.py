"""Catalog pages: compiled gettext catalogs make pages where no file translates a note."""

from __future__ import annotations

import gettext
import json
import os
import shutil
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from conftest import assert_same_site, read, translations
from test_gettext import po
from test_incremental import build

from sphinxext_notes.__main__ import main

SLUG = "2025-03-01-bread"
ITALIAN = {
    "Baking bread": "Fare il pane",
    "Flour and water": "Farina e acqua",
    "Bread needs flour, water, salt and yeast, in that order of weight.": (
        "Il pane vuole farina, acqua, sale e lievito, in quest'ordine di peso."
    ),
    "Knead for ten minutes.": "Impastare per dieci minuti.",
}
#: A fuzzy entry: Sphinx does not apply it (sphinx-intl compiles without fuzzy).
FUZZY = {"Steps": "Passaggi"}


def write_catalog(
    root: Path, locale: str, messages: dict[str, str], fuzzy: dict[str, str] | None = None
) -> Path:
    """Write ``<root>/locales/<locale>/LC_MESSAGES/notes/<slug>.po`` and its ``.mo``
    as ``sphinx-intl build`` compiles it (Babel, fuzzy entries left out)."""
    catalog = Catalog(locale=locale.replace("-", "_"))
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    for msgid, msgstr in (fuzzy or {}).items():
        catalog.add(msgid, msgstr, flags=["fuzzy"])
    catalog.add("Knead it anyway.")  # untranslated: stays in English
    folder = root / "locales" / locale / "LC_MESSAGES" / "notes"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{SLUG}.po").open("wb") as file:
        write_po(file, catalog)
    with (folder / f"{SLUG}.mo").open("wb") as file:
        write_mo(file, catalog, use_fuzzy=False)
    return folder / f"{SLUG}.po"


def italian_site(copy_root) -> Path:
    root = copy_root("gettext")
    write_catalog(root, "it", ITALIAN, FUZZY)
    write_catalog(root, "pt", {"Baking bread": "Fazer pão", "Flour and water": "Farinha e água"})
    return root


def test_a_catalog_makes_a_page_in_its_language_with_sphinxs_semantics(make_app, copy_root):
    app = build(make_app, italian_site(copy_root))
    page = read(app, f"it/{SLUG}.html")
    assert '<html lang="it"' in page
    assert "<h1>Fare il pane" in page
    assert "<h2>Farina e acqua" in page
    assert "Il pane vuole farina, acqua, sale e lievito" in page
    assert "<p>Impastare per dieci minuti.</p>" in page
    assert "<h2>Steps" in page  # fuzzy: not applied
    assert "Knead it anyway." in page  # untranslated: left in the source language
    # each page its own language's catalog, in the same build
    portuguese = read(app, f"pt/{SLUG}.html")
    assert "<h1>Fazer pão" in portuguese
    assert "Farina" not in portuguese
    assert "<h2>Flour and water" not in read(app, f"pt/{SLUG}.html")
    assert "<h1>Baking bread" in read(app, f"en/{SLUG}.html")
    assert app.warning.getvalue() == ""


def test_catalog_pages_are_translations_everywhere(make_app, copy_root):
    app = build(make_app, italian_site(copy_root))
    assert 'hreflang="it" href="../it/2025-03-01-bread.html"' in read(app, f"en/{SLUG}.html")
    assert '<a href="../pt/2025-03-01-bread.html" hreflang="pt">' in read(app, f"it/{SLUG}.html")
    assert "Fare il pane" in read(app, "it/index.html")
    [note] = translations(app)["notes"]
    italian, portuguese = note["translations"]["it"], note["translations"]["pt"]
    assert italian["via"] == "gettext"
    assert italian["source"] == f"locales/it/LC_MESSAGES/notes/{SLUG}.mo"
    assert italian["status"] == "translated"
    assert italian["outdated"] is True  # a fuzzy entry: the note changed since
    assert italian["title"] == "Fare il pane"
    assert italian["translated_share"] == round(4 / 6, 4)
    assert portuguese["outdated"] is False
    assert note["translations"]["es"]["via"] == "file"
    assert note["fallbacks"] == {}


def test_the_dashboard_shows_a_partial_translation_as_partial(make_app, copy_root):
    app = build(make_app, italian_site(copy_root))
    table = read(app, "index.html")
    assert '<td class="notes-translated notes-gettext notes-partial">' in table
    assert '<span class="notes-share"> 66%</span>' in table  # two of three messages
    assert "notes-outdated notes-gettext notes-partial" in table  # Italian: fuzzy


def test_a_file_translation_wins_over_a_catalog(make_app, copy_root):
    root = copy_root("gettext")
    write_catalog(root, "es", {"Baking bread": "Pan de catálogo"})
    app = build(make_app, root)
    assert "Hacer pan" in read(app, f"es/{SLUG}.html")
    assert "Pan de catálogo" not in read(app, f"es/{SLUG}.html")
    warnings = app.warning.getvalue()
    assert f"locales/es/LC_MESSAGES/notes/{SLUG}.mo:" in warnings
    assert "WARNING: left out: the note has a file in es" in warnings
    assert "[notes.gettext]" in warnings


def test_a_one_language_build_uses_its_languages_catalog(make_app, copy_root):
    root = italian_site(copy_root)
    app = make_app("html", srcdir=root, confoverrides={"notes_build": "current", "language": "it"})
    app.build()
    page = read(app, f"{SLUG}.html")
    assert "<h1>Fare il pane" in page
    assert "<h2>Steps" in page
    assert '<html lang="it"' in page


def test_a_po_with_a_syntax_error_is_a_warning_at_its_line_and_the_page_is_built(
    make_app, copy_root
):
    root = italian_site(copy_root)
    path = root / "locales/it/LC_MESSAGES/notes" / f"{SLUG}.po"
    lines = path.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith('msgid "Flour'))
    lines.insert(at + 1, "this is not gettext")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    app = build(make_app, root)
    assert f"{path}:{at + 2}: WARNING: cannot read this catalog" in app.warning.getvalue()
    assert "<h1>Fare il pane" in read(app, f"it/{SLUG}.html")  # the .mo is as it was


def test_a_po_in_another_charset_than_it_says_is_a_warning(make_app, copy_root):
    root = italian_site(copy_root)
    path = root / "locales/pt/LC_MESSAGES/notes" / f"{SLUG}.po"
    path.write_bytes(path.read_text("utf-8").encode("latin-1"))
    app = build(make_app, root)
    warnings = app.warning.getvalue()
    assert f"{path}:" in warnings
    assert "not in the charset its header declares (utf-8)" in warnings
    assert "<h1>Fazer pão" in read(app, f"pt/{SLUG}.html")


def test_an_entry_for_a_message_the_note_lost_is_a_warning(make_app, copy_root):
    root = copy_root("gettext")
    path = write_catalog(root, "it", {**ITALIAN, "A paragraph long gone.": "Un paragrafo."})
    app = build(make_app, root)
    line = next(
        i + 1
        for i, text in enumerate(path.read_text("utf-8").splitlines())
        if "A paragraph long gone." in text
    )
    warnings = app.warning.getvalue()
    assert f"{path}:{line}: WARNING: 1 translated message(s) no longer in notes/" in warnings
    assert "<h1>Fare il pane" in read(app, f"it/{SLUG}.html")


def test_a_changed_catalog_rebuilds_its_page(make_app, copy_root):
    root = italian_site(copy_root)
    build(make_app, root)
    mo = write_catalog(root, "it", {**ITALIAN, "Baking bread": "Cuocere il pane"}).with_suffix(
        ".mo"
    )
    later = mo.stat().st_mtime_ns + 1_000_000_000  # as a later sphinx-intl build would
    os.utime(mo, ns=(later, later))
    gettext._translations.clear()  # a new sphinx-build process loads catalogs afresh
    again = build(make_app, root)
    assert again.read == [f"it/{SLUG}"]
    assert "<h1>Cuocere il pane" in read(again, f"it/{SLUG}.html")


def test_parallel_and_serial_builds_give_the_same_catalog_site(make_app, copy_root, tmp_path):
    serial = build(make_app, italian_site(copy_root))
    other = tmp_path / "parallel"
    shutil.copytree(Path(serial.srcdir), other, ignore=shutil.ignore_patterns("_build"))
    parallel = build(make_app, other, parallel=2)
    assert_same_site(serial.outdir, parallel.outdir)


def test_round_trip_files_to_catalogs_to_pages(make_app, copy_root):
    """A human translation, ``po``, compiled, the file removed: the page says the same."""
    root = copy_root("gettext")
    spanish = root / "_notes/es/2025-03-01-bread-es.md"
    before = build(make_app, root)
    words = read(before, f"es/{SLUG}.html")
    po(root, "es")
    catalog_po = root / "locales/es/LC_MESSAGES/notes" / f"{SLUG}.po"
    with catalog_po.open("rb") as file:
        compiled = read_po(file)
    with catalog_po.with_suffix(".mo").open("wb") as file:
        write_mo(file, compiled)
    spanish.unlink()
    after = build(make_app, root)
    page = read(after, f"es/{SLUG}.html")
    for said in (
        "<h1>Hacer pan",
        "<h2>Harina y agua",
        "<h2>Pasos",
        "Deja que suba durante dos horas.",
        "Trigo",
    ):
        assert said in words
        assert said in page
    assert translations(after)["notes"][0]["translations"]["es"]["via"] == "gettext"


def test_status_counts_catalog_translations_and_lists_fuzzy_ones_as_outdated(copy_root, capsys):
    root = italian_site(copy_root)
    main(["status", str(root), "--json", "--outdated"])
    report = json.loads(capsys.readouterr().out)
    assert report["languages"]["pt"]["translated"] == 1
    assert report["languages"]["it"]["outdated"] == 1
    assert [(o["lang"], o["source"]) for o in report["outdated"]] == [
        ("it", f"locales/it/LC_MESSAGES/notes/{SLUG}.mo")
    ]


def test_with_fallback_pages_a_catalog_page_stays_a_translation(make_app, copy_root):
    root = italian_site(copy_root)
    with (root / "conf.py").open("a") as conf:
        conf.write('notes_fallback = "original"\n')
    app = build(make_app, root)
    page = read(app, f"it/{SLUG}.html")
    assert "<h1>Fare il pane" in page
    assert "noindex" not in page
    assert "notes-fallback-notice" not in page
    [note] = translations(app)["notes"]
    assert note["fallbacks"] == {}
    assert note["translations"]["it"]["via"] == "gettext"
