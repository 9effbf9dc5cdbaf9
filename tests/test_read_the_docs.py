"""Read the Docs: the example site built exactly as Read the Docs builds it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).parent.parent
CANONICAL = "https://demo.readthedocs.io/en/latest/"


def test_read_the_docs_build_has_canonical_and_absolute_alternates(tmp_path):
    # The checkout as Read the Docs has it: example_docs/ at the top.
    shutil.copytree(
        REPO / "example_docs", tmp_path / "example_docs", ignore=shutil.ignore_patterns("_build")
    )
    output = tmp_path / "rtd"
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_OUTPUT": str(output),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-T",
        "-b",
        "html",
        "-d",
        "_build/doctrees",
        "-D",
        "language=en",
        "example_docs",
        f"{output}/html",
    ]
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True)
    html = (output / "html" / "es" / "2025-11-07-tcp-vs-udp.html").read_text("utf-8")
    assert f'<link rel="canonical" href="{CANONICAL}es/2025-11-07-tcp-vs-udp.html" />' in html
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html))
    assert links["es"] == f"{CANONICAL}es/2025-11-07-tcp-vs-udp.html"
    assert links["ar"] == f"{CANONICAL}ar/2025-11-07-tcp-vs-udp.html"
    assert links["x-default"] == f"{CANONICAL}en/2025-11-07-tcp-vs-udp.html"
