"""Notes go through MyST's own parse: front matter, file-level settings, translated messages."""

from __future__ import annotations

import re

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from conftest import read


def add_note(srcdir, name: str, text: str) -> None:
    (srcdir / "notes" / name).write_text(text, "utf-8")


def test_file_level_myst_settings_apply_to_a_note(make_app, copy_root):
    srcdir = copy_root("basic")
    add_note(
        srcdir,
        "subs-en.md",
        "---\ntitle: Subs\nlang: en\nmyst:\n  enable_extensions: [substitution]\n"
        "  substitutions:\n    who: World\n---\n\nHello {{ who }}.\n",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "Hello World." in read(app, "en/subs.html")
    assert not app.warning.getvalue()


def test_front_matter_is_the_notes_metadata(make_app, copy_root):
    srcdir = copy_root("basic")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.env.metadata["es/2025-01-02-alpha"]["model"] == "some-model"
    assert "some-model" not in read(app, "es/2025-01-02-alpha.html")


def test_translated_messages_of_a_note_are_not_notes(make_app, copy_root):
    srcdir = copy_root("basic")
    catalog = Catalog(locale="de")
    catalog.add("First part", "Erster Teil")
    catalog.add("Text.", "Übersetzter Text.")
    folder = srcdir / "locale/de/LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "en.mo", "wb") as mo:
        write_mo(mo, catalog)
    app = make_app(
        "html", srcdir=srcdir, confoverrides={"language": "de", "locale_dirs": ["locale"]}
    )
    app.build()
    html = read(app, "en/2025-01-02-alpha.html")
    assert re.findall(r'<h(\d)>([^<]*)<a class="headerlink"', html) == [
        ("1", "Alpha"),
        ("2", "Erster Teil"),
        ("3", "Deeper"),
    ]
    assert "<p>Übersetzter Text.</p>" in html
