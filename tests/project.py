"""What the tests know about the repository: snippets, their recorded outputs, and the pages.

Plain functions over files, no TensorFlow: the page checks and the snippet runner share them.
"""

import os
import re
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SNIPPETS = ROOT / "snippets"
DOCS = ROOT / "docs"
LANGUAGES = ("en", "zh")
FIGURES = DOCS / "assets" / "figures"

# `--8<-- "dense/output_shape.py"` or, for part of a file, `--8<-- "dense/x.py:section"`.
INCLUDE = re.compile(r'^\s*(?:-8<-|--8<--)\s+"(?P<path>[^":]+)(?::[^"]*)?"\s*$')
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


def keras_version():
    """The Keras major version the snippets run under: 2 with TF_USE_LEGACY_KERAS=1, else 3."""
    return 2 if os.environ.get("TF_USE_LEGACY_KERAS", "") in ("1", "true", "True") else 3


def snippet_files():
    return sorted(SNIPPETS.rglob("*.py"))


def snippet_id(path):
    """'dense/output_shape' for snippets/dense/output_shape.py."""
    return path.relative_to(SNIPPETS).with_suffix("").as_posix()


def output_candidates(snippet):
    """Recorded-output files of a snippet: one shared `.out`, or one per Keras version."""
    base = snippet.with_suffix("")
    return {
        "shared": base.with_name(base.name + ".out"),
        2: base.with_name(base.name + ".keras2.out"),
        3: base.with_name(base.name + ".keras3.out"),
    }


def recorded_output_path(snippet, version=None):
    """The file that holds what `snippet` prints under Keras `version`.

    A snippet whose output is the same under both versions has one `name.out`; a snippet
    whose output differs has `name.keras3.out` and `name.keras2.out`.
    """
    version = version or keras_version()
    files = output_candidates(snippet)
    if files[version].exists():
        return files[version]
    return files["shared"]


def figure_path(snippet, name):
    """Where a file written by a snippet is kept for the pages: docs/assets/figures/<chapter>/<name>."""
    return FIGURES / snippet.relative_to(SNIPPETS).parent / name


def pages(lang=None):
    langs = [lang] if lang else LANGUAGES
    return sorted(p for l in langs for p in (DOCS / l).rglob("*.md"))


def twin(page):
    """docs/en/dense/index.md <-> docs/zh/dense/index.md"""
    rel = page.relative_to(DOCS)
    other = "zh" if rel.parts[0] == "en" else "en"
    return DOCS / other / Path(*rel.parts[1:])


def rel(path):
    return path.relative_to(ROOT).as_posix()


def code_blocks(text):
    """Yield (first line number, info string, [lines]) for each fenced code block."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence, info, start = m.group("fence"), m.group("info").strip(), i
        body = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(fence):
            body.append(lines[i])
            i += 1
        yield start + 1, info, body
        i += 1


@cache
def _page_text(page):
    return Path(page).read_text(encoding="utf-8")


def includes_in(text):
    """Snippet-relative paths that `--8<--` lines of a page's text include, in order (a
    section of a file counts as the file)."""
    return [m.group("path") for line in text.splitlines() if (m := INCLUDE.match(line))]


def includes(page):
    return includes_in(_page_text(page))


def url_path(page):
    """The page's address in the built site: /dense/parameters/ for docs/en/dense/parameters.md,
    /zh/dense/ for docs/zh/dense/index.md."""
    lang, *parts = page.relative_to(DOCS).parts
    path = "/".join(parts)[: -len(".md")]
    path = path[: -len("index")] if path.endswith("index") else path + "/"
    return ("/" if lang == "en" else f"/{lang}/") + path


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without its tags (`!ENV`, `!!python/name:`)."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config():
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_IgnoreTags)


def pages_including(snippet):
    """Pages that include the snippet or one of its recorded outputs."""
    names = {snippet.relative_to(SNIPPETS).as_posix()}
    names |= {p.relative_to(SNIPPETS).as_posix() for p in output_candidates(snippet).values()}
    return [p for p in pages() if names & set(includes(p))]
