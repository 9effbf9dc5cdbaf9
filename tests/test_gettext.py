"""Notes and gettext: catalogs per note (``-b gettext``), file translations as catalogs (``po``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sphinx.testing.util import SphinxTestApp

from sphinxext_notes.__main__ import main
from sphinxext_notes._sphinx.state import notes_state

gettext = pytest.mark.sphinx("gettext", testroot="gettext", freshenv=True)
SOURCE = "notes/2025-03-01-bread-en.md"


def read_catalog(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) of a catalog, its header left out."""
    with path.open("rb") as file:
        catalog = read_po(file)
    return {m.id: (m.string, m.fuzzy) for m in catalog if m.id}


def po(root: Path, *langs: str) -> None:
    assert main(["po", str(root), *(f"-l{lang}" for lang in langs)]) == 0


def note_po(root: Path, lang: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / "notes" / "2025-03-01-bread.po"


@gettext
def test_gettext_writes_one_catalog_per_note_from_its_source_text(app):
    app.build()
    out = Path(app.outdir)
    assert (out / "notes" / "2025-03-01-bread.pot").is_file()
    assert not list(out.glob("es.pot")) and not list(out.glob("de.pot"))
    messages = read_catalog(out / "notes" / "2025-03-01-bread.pot")
    assert "Knead for ten minutes." in messages
    assert not any("Amasa" in m or "kneten" in m for m in messages)


@gettext
def test_gettext_locations_are_the_note_file_and_line(app):
    app.build()
    with (Path(app.outdir) / "notes" / "2025-03-01-bread.pot").open("rb") as file:
        catalog = read_po(file)
    (where,) = catalog["Let it rise for two hours."].locations
    assert where[0].endswith(SOURCE) and where[1] == 19


@gettext
def test_gettext_extracts_ordinary_documents_as_sphinx_does(app):
    app.build()
    assert "An ordinary page." in read_catalog(Path(app.outdir) / "index.pot")


def test_po_msgids_are_those_the_gettext_builder_extracts(copy_root, tmp_path):
    root = copy_root("gettext")
    po(root, "es")
    app = SphinxTestApp("gettext", srcdir=root, builddir=tmp_path / "build")
    try:
        app.build()
        extracted = read_catalog(Path(app.outdir) / "notes" / "2025-03-01-bread.pot")
    finally:
        app.cleanup()
    assert set(read_catalog(note_po(root, "es"))) == set(extracted)


def test_po_names_its_catalog_by_the_slug_the_build_gives(copy_root, tmp_path):
    """An ordinary page that takes the note's slug: the build numbers it, and so does po."""
    root = copy_root("gettext")
    (root / "en").mkdir()
    (root / "en" / "2025-03-01-bread.md").write_text("---\norphan: true\n---\n\n# Bread\n")
    app = SphinxTestApp("dummy", srcdir=root, builddir=tmp_path / "build")
    try:
        app.build()
        (group,) = notes_state(app.env).catalog.groups
    finally:
        app.cleanup()
    assert group.slug != "2025-03-01-bread"
    po(root, "es")
    written = root / "locales" / "es" / "LC_MESSAGES" / "notes"
    assert [p.name for p in written.iterdir()] == [f"{group.slug}.po"]


def test_po_pairs_headings_paragraphs_items_and_cells(copy_root):
    root = copy_root("gettext")
    po(root, "es")
    messages = read_catalog(note_po(root, "es"))
    assert messages["Baking bread"] == ("Hacer pan", False)
    assert messages["Flour and water"] == ("Harina y agua", False)
    assert messages["Let it rise for two hours."] == ("Deja que suba durante dos horas.", False)
    assert messages["Wheat"] == ("Trigo", False)
    assert messages["See [the bread guide](https://example.org/bread) for more."] == (
        "Consulta [la guía del pan](https://example.org/bread) para saber más.",
        False,
    )
    assert all(msgstr for msgstr, _ in messages.values())


def test_po_pairs_a_link_to_a_note_file_with_the_note_role(copy_root):
    root = copy_root("gettext")
    for name, line in (
        (SOURCE, "The [bread note](2025-03-01-bread-en.md) has the oven times."),
        ("_notes/es/2025-03-01-bread-es.md", "La {note}`nota del pan <2025-03-01-bread>` los da."),
    ):
        with (root / name).open("a", encoding="utf-8") as file:
            file.write(f"\n{line}\n")
    po(root, "es")
    assert read_catalog(note_po(root, "es"))[
        "The [bread note](2025-03-01-bread-en.md) has the oven times."
    ] == ("La {note}`nota del pan <2025-03-01-bread>` los da.", False)


def test_po_leaves_a_merged_paragraph_untranslated(copy_root):
    root = copy_root("gettext")
    po(root, "fr")
    messages = read_catalog(note_po(root, "fr"))
    merged = [m for m in messages if m.startswith(("Mix 500 g", "The long rest"))]
    assert [messages[m][0] for m in merged] == ["", ""]
    assert messages["Bread needs flour, water, salt and yeast, in that order of weight."][0]
    assert messages["Steps"] == ("Étapes", False)


def test_po_marks_machine_translations_fuzzy(copy_root):
    root = copy_root("gettext")
    po(root, "de")
    assert read_catalog(note_po(root, "de"))["Steps"] == ("Schritte", True)


def test_po_keeps_what_a_catalog_already_has(copy_root):
    root = copy_root("gettext")
    po(root, "es")
    path = note_po(root, "es")
    path.write_text(path.read_text("utf-8").replace('"Pasos"', '"Etapas"'), "utf-8")
    po(root, "es")
    assert read_catalog(path)["Steps"] == ("Etapas", False)


def test_po_twice_changes_nothing(copy_root, capsys):
    root = copy_root("gettext")
    po(root, "es", "fr")
    first = {p: p.read_bytes() for p in (note_po(root, "es"), note_po(root, "fr"))}
    po(root, "es", "fr")
    assert {p: p.read_bytes() for p in first} == first
    assert capsys.readouterr().out.count("unchanged") == 2


def test_po_prints_the_alignment_rate(copy_root, capsys):
    root = copy_root("gettext")
    po(root, "fr")
    assert "2025-03-01-bread [fr]: 12/14 messages aligned (86%)" in capsys.readouterr().out
