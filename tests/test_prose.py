"""Prose notes under hashed names: one note per translation group in the built site."""

from __future__ import annotations

import pytest
from conftest import translations


@pytest.mark.sphinx("html", testroot="prose", freshenv=True)
def test_prose_translations_are_grouped_and_two_notes_on_one_subject_kept_apart(app, warning):
    app.build()
    found = {
        note["key"]: (note["grouped_by"], sorted(note["translations"]))
        for note in translations(app)["notes"]
    }
    assert found == {
        "a1f3": ("fingerprint", ["ar", "en", "hi", "ja"]),
        "e5b1": ("fingerprint", ["en", "ja"]),
    }
    assert warning.getvalue() == ""
