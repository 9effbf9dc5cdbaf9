"""The README says what the code does, and its snippets work as written."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
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


def run_lines(text: str, cwd: Path) -> None:
    """Run each command of a README ``sh`` block, as a user would, in *cwd*."""
    bin_dir = str(Path(sys.executable).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
    }
    for line in text.splitlines():
        command = line.split("  #", 1)[0].strip()
        if command and not command.startswith("#"):
            subprocess.run(["bash", "-c", command], cwd=cwd, env=env, check=True)


def gettext_site(tmp_path: Path) -> Path:
    """The gettext test root as ``docs/``, with the conf.py of "Use"'s exclude_patterns."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "roots" / "test-gettext", docs)
    with (docs / "conf.py").open("a") as conf:
        conf.write('exclude_patterns = ["_build"]\n')
    return docs


def test_the_gettext_steps_publish_a_translated_page(tmp_path):
    steps = block("sh", "# 1. extract")
    before, _, after = steps.partition("# 3.")
    after = after.partition("\n")[2]  # after the translator's step
    docs = gettext_site(tmp_path)
    run_lines(before, tmp_path)
    po_file = docs / "locales/it/LC_MESSAGES/notes/2025-03-01-bread.po"
    with po_file.open("rb") as file:
        catalog = read_po(file)
    catalog.get("Flour and water").string = "Farina e acqua"  # the translator's work
    with po_file.open("wb") as file:
        write_po(file, catalog)
    run_lines(after, tmp_path)
    page = (docs / "_build/html/it/2025-03-01-bread.html").read_text("utf-8")
    assert "<h2>Farina e acqua" in page


def test_the_round_trip_steps_keep_a_languages_pages(tmp_path):
    docs = gettext_site(tmp_path)
    run_lines(block("sh", "python -m sphinxext_notes po docs -l es"), tmp_path)
    page = (docs / "_build/html/es/2025-03-01-bread.html").read_text("utf-8")
    assert not list((docs / "_notes/es").glob("*.md"))
    assert "<h2>Harina y agua" in page
