"""The snippets are formatted by ruff (pinned in requirements.txt) at the line length in ruff.toml,
which the site's layout shows without scrolling (tests/test_reader.py measures it in Chromium)."""

import subprocess
import sys

from pagemodel import ROOT, SNIPPETS


def ruff(*args):
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_snippets_are_formatted():
    result = ruff("format", "--check", "--diff", str(SNIPPETS.relative_to(ROOT)))
    assert result.returncode == 0, f"run `ruff format snippets/`:\n{result.stdout}{result.stderr}"


def test_snippet_lines_fit_the_page():
    """ruff format leaves long comments and strings as they are: they are wrapped by hand."""
    result = ruff("check", "--select", "E501", "--output-format", "concise", str(SNIPPETS.relative_to(ROOT)))
    assert result.returncode == 0, f"lines longer than ruff.toml's line-length:\n{result.stdout}{result.stderr}"
