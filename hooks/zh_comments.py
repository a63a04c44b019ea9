"""Chinese comments in the code of the Chinese pages and notebooks, from one source of the code.

The snippets in snippets/ are the programs, shared by both languages, with English comments.
snippets/comments.zh.yml holds, per snippet, each English comment and its Chinese.
`translate(source, snippet)` returns the snippet's source with its comments in Chinese and
every other character untouched: it changes only Python's COMMENT tokens (found with
`tokenize`, so a `#` inside a string is left alone), and keeps a Material code annotation
marker (`# (1)!`) at the end of its comment. A comment with no translation stays English;
tests/test_zh_comments.py lists those.

Used twice, both times through pagemodel.program_source(snippet, "zh"):
- On a Chinese page (on_page_markdown below), a fenced block's `--8<-- "chapter/name.py"` line
  is replaced by the translated source, indented as the line was, before pymdownx.snippets
  runs, which then has nothing to include there. The fences and their include lines are the
  page model's (pagemodel.Page.fences), not this module's: one parser reads the pages. The
  fence and its title stay as written, and Material's "Copy" button copies what the block
  shows.
- In the Chinese notebooks: pagemodel.notebook puts the translated source in each code cell.
"""

import io
import re
import sys
import tokenize
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import pagemodel  # noqa: E402  (the repository root, where the page model lives)

SNIPPETS = ROOT / "snippets"
TRANSLATIONS = SNIPPETS / "comments.zh.yml"
ZH_DOCS = ROOT / "docs" / "zh"

# A Material code annotation at the end of a comment: `# (1)`, `# (2)!`, `# text (3)`
# (not the call in `# a Dense(20)`).
ANNOTATION = re.compile(r"(?:^|\s+)\(\d+\)!?$")
# Comments for tools, not readers: nothing to translate.
PRAGMA = re.compile(r"^(?:!|\s*(?:noqa|type:|fmt:|pragma|pylint:|ruff:|isort:|requires:|-\*-))")


@dataclass
class Comment:
    first: int  # line numbers, 1-based
    last: int
    column: int
    text: str  # the English, without `#`, its lines joined by single spaces
    after_code: bool  # `x = 1  # comment`: one line, after code
    annotation: str = ""  # `(1)!`, kept as it is


def comments(source):
    """The comments of a Python source, consecutive full-line comments at the same column as one."""
    found = []
    lines = source.splitlines()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        (row, column), body = token.start, token.string[1:]
        after_code = bool(lines[row - 1][:column].strip())
        if PRAGMA.match(body):
            continue
        annotation = ANNOTATION.search(body)
        marker = annotation.group().strip() if annotation else ""
        text = body[: annotation.start()] if annotation else body
        text = " ".join(text.split())
        previous = found[-1] if found else None
        if (
            previous
            and text
            and not after_code
            and not previous.after_code
            and not previous.annotation
            and previous.last == row - 1
            and previous.column == column
        ):
            previous.last, previous.text, previous.annotation = row, f"{previous.text} {text}", marker
        elif text or marker:
            found.append(Comment(row, row, column, text, after_code, marker))
    return [c for c in found if c.text]


class _UniqueKeys(yaml.SafeLoader):
    """Fails on a key given twice (YAML would keep the last one and drop the other's entries)."""

    def construct_mapping(self, node, deep=False):
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise ValueError(f"{TRANSLATIONS.name}, line {node.start_mark.line + 1}: given twice: {twice}; merge them")
        return super().construct_mapping(node, deep=deep)


def translations():
    """{snippet path: {English comment: Chinese}} from snippets/comments.zh.yml, read again
    when the file changes (`mkdocs serve`)."""
    return _translations(TRANSLATIONS.stat().st_mtime_ns)


@cache
def _translations(mtime):
    table = yaml.load(TRANSLATIONS.read_text(encoding="utf-8"), Loader=_UniqueKeys) or {}
    return {snippet: dict(entries or {}) for snippet, entries in table.items()}


def missing(source, snippet):
    """The comments of `snippet` that have no Chinese: [Comment]."""
    table = translations().get(snippet, {})
    return [c for c in comments(source) if c.text not in table]


def translate(source, snippet):
    """`source` (the text of snippets/`snippet`) with its comments in Chinese."""
    table = translations().get(snippet, {})
    lines = source.splitlines(keepends=True)
    for comment in reversed(comments(source)):  # from the end: earlier line numbers stay valid
        chinese = table.get(comment.text)
        if chinese is None:
            continue
        chinese = [line.strip() for line in chinese.strip().splitlines()]
        if comment.annotation:
            chinese[-1] += f" {comment.annotation}"
        first, last = lines[comment.first - 1], lines[comment.last - 1]
        last_ending = last[len(last.rstrip("\r\n")) :]
        if comment.after_code:
            if len(chinese) != 1:
                raise ValueError(
                    f"snippets/{snippet}, line {comment.first}: the comment after code has a "
                    f"translation of {len(chinese)} lines in {TRANSLATIONS.name}; give it one line"
                )
            lines[comment.first - 1] = first[: comment.column] + "# " + chinese[0] + last_ending
        else:
            indent = first[: comment.column]
            new = [indent + "# " + line + "\n" for line in chinese]
            new[-1] = new[-1][:-1] + last_ending
            lines[comment.first - 1 : comment.last] = new
    return "".join(lines)


def code_tokens(source):
    """The token stream without comments and comment-only line breaks: what Python runs."""
    ignored = (tokenize.COMMENT, tokenize.NL)
    return [
        (t.type, t.string)
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type not in ignored
    ]


def include_translated(markdown, path=None):
    """A Chinese page's Markdown with each whole-program include inside a fence replaced by
    the program with its comments in Chinese (pagemodel.program_source), indented as the
    include line is (as pymdownx.snippets indents what it includes). The fences and their
    includes are the page model's."""
    page = pagemodel.Page.of(markdown, path)
    lines = list(page.lines)
    for fence in reversed(page.fences):
        for include in reversed(fence.includes):
            snippet = SNIPPETS / include.path
            # A part of a file (`:section`) or a missing file: left to pymdownx.snippets,
            # which fails the build on a missing one.
            if include.section is not None or snippet.suffix != ".py" or not snippet.is_file():
                continue
            line = lines[include.line - 1]
            indent = line[: len(line) - len(line.lstrip())]
            source = pagemodel.program_source(snippet, "zh")
            lines[include.line - 1 : include.line] = [indent + l for l in source.splitlines()]
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def is_chinese(page):
    path = page.file.abs_src_path
    return bool(path) and Path(path).resolve().is_relative_to(ZH_DOCS)


def on_page_markdown(markdown, page, config, files):
    return include_translated(markdown, page.file.abs_src_path) if is_chinese(page) else markdown
