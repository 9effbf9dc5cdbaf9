"""The README says what the code does, and its snippets work as written."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from conftest import translations
from markdown_it import MarkdownIt

from sphinxext_notes._core.problems import Kind

ROOT = Path(__file__).parents[1]
README = (ROOT / "README.md").read_text("utf-8")
#: The README's fenced code blocks, as (info string, content).
BLOCKS = [
    (token.info.strip(), token.content)
    for token in MarkdownIt().parse(README)
    if token.type == "fence"
]


def block(language: str, first_line: str) -> str:
    """The one fenced block in *language* whose first line starts with *first_line*."""
    (found,) = [text for info, text in BLOCKS if info == language and text.startswith(first_line)]
    return found


def test_troubleshooting_table_lists_exactly_the_warning_types():
    section = README.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `notes\.(\w+)` \|", section, re.M)
    assert sorted(listed) == sorted(kind.value for kind in Kind)


def test_the_use_snippets_build_a_new_site_without_a_warning(make_app, tmp_path):
    site = tmp_path / "site"
    (site / "notes").mkdir(parents=True)
    (site / "conf.py").write_text(block("python", "# conf.py"), "utf-8")
    (site / "index.md").write_text(block("markdown", "<!-- index.md -->"), "utf-8")
    (site / "notes" / "01-ai.md").write_text(block("markdown", "---\ntitle:"), "utf-8")
    warnings = StringIO()
    app = make_app("html", srcdir=site, warning=warnings, warningiserror=True)
    app.build()
    assert warnings.getvalue() == ""
    assert (Path(app.outdir) / "es" / "01-ai.html").is_file()
    assert 'href="es/index.html"' in (Path(app.outdir) / "index.html").read_text("utf-8")


def test_ci_runs_the_readmes_test_command():
    (command,) = [
        line for line in block("sh", "# build the example").splitlines() if "pytest" in line
    ]
    assert command in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()


@pytest.mark.sphinx("html", testroot="basic", freshenv=True)
def test_translations_json_example_has_the_real_files_fields(app):
    app.build()
    real, shown = translations(app), json.loads(block("json", "{"))
    assert shown.keys() == real.keys()
    assert shown["notes"][0].keys() == real["notes"][0].keys()
    (entry,) = shown["notes"][0]["translations"].values()
    assert entry.keys() == next(iter(real["notes"][0]["translations"].values())).keys()
