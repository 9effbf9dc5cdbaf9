"""The README says what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from sphinxext_notes._core.problems import Kind

README = (Path(__file__).parents[1] / "README.md").read_text("utf-8")


def test_troubleshooting_table_lists_exactly_the_warning_types():
    section = README.split("## Troubleshooting", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `notes\.(\w+)` \|", section, re.M)
    assert sorted(listed) == sorted(kind.value for kind in Kind)
