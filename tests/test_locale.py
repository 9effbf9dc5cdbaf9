"""Our translations of Sphinx's own messages (``locale/<lang>/LC_MESSAGES/sphinx.po``)."""

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sphinxext_notes._sphinx.i18n import LOCALE_DIR, SPHINX_LOCALE_DIR, ours

SUPPLEMENTS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/sphinx.po"))


def read(path: Path):
    with path.open("rb") as file:
        return read_po(file)


def test_there_are_supplements():
    assert {p.parts[-3] for p in SUPPLEMENTS} >= {"ar", "es", "hi", "ja"}


@pytest.mark.parametrize("path", SUPPLEMENTS, ids=lambda p: p.parts[-3])
def test_a_supplement_holds_sphinx_messages_with_sphinx_plural_forms(path):
    ours = read(path)
    sphinx = read(SPHINX_LOCALE_DIR / path.parts[-3] / "LC_MESSAGES" / "sphinx.po")
    assert ours.plural_forms == sphinx.plural_forms
    for message in ours:
        if message.id:
            assert sphinx.get(message.id) is not None, message.id
            assert message.string and not message.fuzzy, message.id
            if isinstance(message.id, tuple):
                assert len(message.string) == sphinx.num_plurals, message.id


@pytest.mark.parametrize("path", SUPPLEMENTS, ids=lambda p: p.parts[-3])
def test_a_supplement_is_compiled(path):
    """The shipped ``.mo`` holds what the ``.po`` says (``pybabel compile -D sphinx``)."""
    with path.with_suffix(".mo").open("rb") as file:
        compiled = read_mo(file)

    def entries(catalog):
        return {
            tuple(m.id) if isinstance(m.id, list | tuple) else m.id: tuple(m.string)
            if isinstance(m.string, list | tuple)
            else m.string
            for m in catalog
            if m.id
        }

    assert entries(compiled) == entries(read(path))


OWN = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/sphinxext_notes.mo"))


@pytest.mark.parametrize("path", OWN, ids=lambda p: p.parts[-3])
def test_each_catalog_speaks_its_language_to_a_page_of_that_language(path):
    tag = path.parts[-3].replace("_", "-")
    assert ours(tag).gettext("Languages") != "Languages"
    notice = "This page was translated by a machine."
    assert ours(tag).gettext(notice) not in ("", notice)


def test_the_catalogs_cover_the_usual_site_languages():
    have = {p.parts[-3] for p in OWN}
    assert have >= {"ar", "de", "es", "fa", "fr", "he", "hi", "it", "ja", "ko", "pt", "ru"}
    assert have >= {"tr", "uk", "zh_CN", "zh_TW"}
