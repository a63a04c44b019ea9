"""Chinese comments in the code of the Chinese pages and notebooks, from one source of the code.

The snippets in snippets/ are the programs, shared by both languages, with English comments.
snippets/comments.zh.yml holds, per snippet, each English comment and its Chinese.
`translate(source, snippet)` returns the snippet's source with its comments in Chinese and
every other character untouched: it changes only Python's COMMENT tokens (found with
`tokenize`, so a `#` inside a string is left alone), and keeps a Material code annotation
marker (`# (1)!`) at the end of its comment. A comment with no translation stays English;
tests/test_zh_comments.py lists those.

Used twice:
- On a Chinese page (on_page_markdown below), a fenced block's `--8<-- "chapter/name.py"` line
  is replaced by the translated source, indented as the line was, before pymdownx.snippets
  runs, which then has nothing to include there. The fence and its title stay as written,
  and Material's "Copy" button copies what the block shows.
- In the Chinese notebooks: hooks/notebooks.py passes each code cell's source through
  `translate`.
"""

import io
import re
import tokenize
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
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


@cache
def translations():
    """{snippet path: {English comment: Chinese}} from snippets/comments.zh.yml."""
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


INCLUDE = re.compile(r'^(?P<indent>[ \t]*)--8<--\s+"(?P<path>[^":]+\.py)"\s*$')
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def include_translated(markdown):
    """A Chinese page's Markdown with each whole-snippet include inside a fence replaced by
    the snippet's translated source (pymdownx.snippets's indentation: the include line's)."""
    out, fence = [], None
    for line in markdown.split("\n"):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None and set(line.strip()) == {fence[0]} and len(line.strip()) >= len(fence):
            fence = None
        elif fence is not None and (m := INCLUDE.match(line)):
            path = SNIPPETS / m.group("path")
            if path.is_file():  # a missing file: left to pymdownx.snippets, which fails the build
                source = translate(path.read_text(encoding="utf-8"), m.group("path"))
                out += [m.group("indent") + l for l in source.splitlines()]
                continue
        out.append(line)
    return "\n".join(out)


def is_chinese(page):
    try:
        Path(page.file.abs_src_path).resolve().relative_to(ZH_DOCS)
        return True
    except (TypeError, ValueError):
        return False


def on_page_markdown(markdown, page, config, files):
    return include_translated(markdown) if is_chinese(page) else markdown


def on_pre_build(config):
    translations.cache_clear()  # `mkdocs serve`: read the translations again on each rebuild
