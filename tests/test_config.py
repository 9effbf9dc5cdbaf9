"""The notes_* values are checked when the configuration is read, before anything uses them."""

from __future__ import annotations

import pytest
from sphinx.errors import ConfigError


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("notes_dirs", "notes", "notes_dirs must be a list of folder names"),
        ("notes_dirs", ["notes", 3], "notes_dirs must be a list of folder names"),
        ("notes_build", "every", "notes_build must be 'all' or 'current'"),
        ("notes_default_language", "klingon!", "is not a language tag"),
        ("notes_fallback", "default", "notes_fallback must be 'none' or 'original'"),
    ],
)
def test_a_wrong_value_stops_the_build_before_it_is_used(make_app, copy_root, name, value, says):
    srcdir = copy_root("basic")
    with (srcdir / "conf.py").open("a") as conf:
        conf.write(f"{name} = {value!r}\n")
    with pytest.raises(ConfigError, match=says):
        make_app("html", srcdir=srcdir)


def test_checked_values_are_normalised(make_app, copy_root):
    app = make_app(
        "html",
        srcdir=copy_root("basic"),
        confoverrides={"notes_dirs": ("notes", "_notes"), "notes_default_language": "EN"},
    )
    assert app.config.notes_dirs == ["notes", "_notes"]
    assert app.config.notes_default_language == "en"
