"""Names of notes in references: key, slug, a key's unique last segment; what else is said."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import read
from test_grouping import make

from sphinxext_notes._core.catalog import Catalog
from sphinxext_notes._core.grouping import group_notes


def catalog(*notes) -> Catalog:
    groups, _ = group_notes(notes, "en")
    return Catalog("en", groups)


TCP = make("notes/sub/2025-11-07-tcp-vs-udp-en.md", "title: TCP")
INTRO_A = make("notes/a/intro-en.md", "title: A")
INTRO_B = make("notes/b/intro-en.md", "title: B")
TEA = make("notes/tea-en.md", "title: Tea\nslug: green-tea")


def key_of(found) -> str | None:
    return found.group.key if found.group else None


def test_a_full_key_names_its_note():
    assert key_of(catalog(TCP).lookup("sub/2025-11-07-tcp-vs-udp")) == "sub/2025-11-07-tcp-vs-udp"


def test_a_unique_last_segment_names_its_note():
    assert key_of(catalog(TCP).lookup("2025-11-07-tcp-vs-udp")) == "sub/2025-11-07-tcp-vs-udp"


def test_a_slug_names_its_note():
    assert key_of(catalog(TEA, TCP).lookup("green-tea")) == "tea"


def test_a_key_made_slug_names_its_note():
    assert key_of(catalog(TCP).lookup("sub-2025-11-07-tcp-vs-udp")) == "sub/2025-11-07-tcp-vs-udp"


def test_a_shared_last_segment_is_ambiguous_and_lists_both_keys():
    found = catalog(INTRO_A, INTRO_B).lookup("intro")
    assert found.group is None and found.ambiguous
    assert found.candidates == ("a/intro", "b/intro")
    assert "'a/intro' or 'b/intro'" in found.message()
    assert "full key" in found.message()


def test_a_full_key_wins_over_another_notes_last_segment():
    intro = make("notes/intro-en.md", "title: I")
    assert key_of(catalog(intro, INTRO_A).lookup("intro")) == "intro"


def test_a_slug_and_another_notes_last_segment_are_ambiguous():
    other = make("notes/x/green-tea-en.md", "title: G")
    found = catalog(TEA, other).lookup("green-tea")
    assert found.ambiguous and found.candidates == ("tea", "x/green-tea")


def test_an_unknown_name_suggests_the_closest_keys():
    found = catalog(TCP, TEA, INTRO_A).lookup("tcp-vs-udp", suggest=True)
    assert found.group is None and not found.ambiguous
    assert found.candidates == ("sub/2025-11-07-tcp-vs-udp",)
    assert "did you mean 'sub/2025-11-07-tcp-vs-udp'?" in found.message()


def test_an_unknown_name_without_any_close_key_says_what_names_are():
    found = catalog(TCP).lookup("zzz", suggest=True)
    assert found.candidates == ()
    assert "did you mean" not in found.message() and "slug" in found.message()


def test_suggestions_are_asked_for():
    assert catalog(TCP).lookup("tcp-vs-udp").candidates == ()


def test_names_are_read_in_nfc():
    cafe = make("notes/caf\u00e9-en.md", "title: C")
    assert key_of(catalog(cafe).lookup("cafe\u0301")) == "caf\u00e9"


# --- in a build ---------------------------------------------------------------------

names = pytest.mark.sphinx("html", testroot="names", freshenv=True)


def warnings_of(warning) -> list[str]:
    return [line for line in warning.getvalue().splitlines() if "WARNING" in line]


@names
def test_the_role_takes_a_last_segment_and_a_slug(app):
    app.build()
    html = read(app, "index.html")
    assert (
        'href="en/sub-2025-11-07-tcp-vs-udp.html"><span class="xref notes-note">'
        '<bdi lang="en" dir="ltr">TCP vs UDP' in html
    )
    assert (
        'href="en/green-tea.html"><span class="xref notes-note"><bdi lang="en" dir="ltr">Green tea'
        in html
    )


@names
def test_an_ambiguous_name_warns_with_the_candidates(app, warning):
    app.build()
    (line,) = [w for w in warnings_of(warning) if "'intro'" in w]
    assert "index.md:5: WARNING" in line and "[notes.xref]" in line
    assert "'a/intro' or 'b/intro'" in line
    assert "a-intro.html" not in read(app, "index.html")


@names
def test_an_unknown_name_asks_did_you_mean(app, warning):
    app.build()
    (line,) = [w for w in warnings_of(warning) if "'tcp-vs-ud'" in w]
    assert "index.md:6: WARNING" in line and "[notes.xref]" in line
    assert "did you mean 'sub/2025-11-07-tcp-vs-udp'?" in line


@names
def test_a_markdown_link_takes_a_bare_name_in_the_readers_language(app, warning):
    app.build()
    html = read(app, "index.html")
    assert html.count('href="en/sub-2025-11-07-tcp-vs-udp.html"') == 3
    assert 'href="green-tea.html"' in read(app, "es/sub-2025-11-07-tcp-vs-udp.html")
    assert "myst" not in warning.getvalue()


@names
def test_a_markdown_link_to_a_missing_note_file_asks_did_you_mean(app, warning):
    app.build()
    (line,) = [w for w in warnings_of(warning) if "index.md:9" in w]
    assert "did you mean 'sub/2025-11-07-tcp-vs-udp'?" in line and "[notes.xref]" in line


@names
def test_a_hashed_note_is_at_its_titles_slug(app):
    app.build()
    assert (Path(app.outdir) / "es" / "ascenso-y-caida.html").is_file()


@names
def test_a_translations_other_slug_warns_where_it_is_set(app, warning):
    app.build()
    (line,) = [w for w in warnings_of(warning) if "[notes.slug]" in w]
    assert "notes/tea-es.md:4: WARNING" in line
    assert (Path(app.outdir) / "es" / "green-tea.html").is_file()


@names
def test_a_broken_front_matter_is_one_warning_at_its_line(app, warning):
    app.build()
    (line,) = [w for w in warnings_of(warning) if "broken-en.md" in w]
    assert "broken-en.md:2: WARNING" in line and "put it in quotes" in line


@names
def test_a_bare_link_to_a_documents_name_stays_with_the_document(app):
    app.build()
    html = read(app, "index.html")
    assert 'href="about.html"' in html and 'href="en/about.html"' not in html
