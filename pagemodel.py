"""The page model: how the site's pages, snippets, recorded outputs and nav are read.

One module, used by the build hooks (hooks/) and by the tests (tests/), so that both read a
page the same way. A page is parsed once, with markdown-it-py and the extensions the site
uses (front matter, admonitions `!!!`/`???`/`???+`, content tabs `=== "Label"`), into its
front matter, headings with their ids, sections, fences with their titles, snippet includes,
tabs, admonitions and prose. Around it: the page -> URL mapping, the mkdocs.yml reader and
its chapters, the lookup of a snippet's recorded outputs, the code that resets Keras between
programs, and the notebook a chapter becomes.

Nothing here imports TensorFlow (`mkdocs build` must not, and a test checks it).
A malformed page raises PageError, a MkDocs PluginError naming the page and the line.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
import posixpath
import re
import sys
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FIGURES = DOCS / "assets" / "figures"
LANGUAGES = ("en", "zh")
# Languages whose pages and notebooks lose the line breaks a reader would see as a stray space
# ("Chinese text: line breaks" below; hooks/zh_line_breaks.py).
UNWRAPPED_LANGUAGES = {"zh"}
# Notebooks are generated here at build time (MkDocs' File.generated), never under docs/.
NOTEBOOK_DIR = ROOT / ".cache" / "notebooks"
# Not chapters, so no notebook: the home page, the FAQ, the glossary, and the browser tools.
NOT_CHAPTERS = {"index.md", "faq.md", "glossary.md", "tools"}


class PageError(PluginError):
    """A page that cannot be read as the site expects; names the page and the line."""

    def __init__(self, page, line, message):
        self.page, self.line = page, line
        super().__init__(f"{rel(page)}:{line}: {message}")


def rel(path):
    """A path as the repository names it (docs/en/index.md); as given when outside it."""
    path = Path(path)
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.as_posix()


# ---------------------------------------------------------------------------------------------
# Snippets and their recorded outputs

# `--8<-- "dense/output_shape.py"` (or `-8<-`); `"dense/x.py:section"` includes part of a file.
INCLUDE = re.compile(r'^(?P<indent>\s*)(?:-8<-|--8<--)\s+"(?P<path>[^":]+)(?::(?P<section>[^"]*))?"\s*$')
# A line that looks like an include but is not one the site can read.
INCLUDE_LIKE = re.compile(r"^\s*-{1,2}8<-{1,2}(?:\s|$)")
REQUIRES = re.compile(r"^#\s*requires:\s*(?P<what>[\w\s,-]+?)\s*$")
# `# experiment: tolerance 0.05 ...`: the program's "mean ± std" results may move by that much.
EXPERIMENT = re.compile(r"^#\s*experiment:\s*tolerance\s+(?P<tolerance>\d+(?:\.\d+)?)\b")


def keras_version():
    """The Keras major version the snippets run under: 2 with TF_USE_LEGACY_KERAS=1, else 3."""
    return 2 if os.environ.get("TF_USE_LEGACY_KERAS", "") in ("1", "true", "True") else 3


def snippet_files():
    return sorted(SNIPPETS.rglob("*.py"))


def snippet_id(path):
    """'dense/output_shape' for snippets/dense/output_shape.py."""
    return Path(path).relative_to(SNIPPETS).with_suffix("").as_posix()


def output_candidates(snippet):
    """Recorded-output files of a snippet: one shared `.out`, or one per Keras version."""
    base = Path(snippet).with_suffix("")
    return {
        "shared": base.with_name(base.name + ".out"),
        2: base.with_name(base.name + ".keras2.out"),
        3: base.with_name(base.name + ".keras3.out"),
    }


def recorded_output_path(snippet, version=None):
    """The file holding what `snippet` prints under Keras `version` (default: the running one)."""
    files = output_candidates(snippet)
    version = version or keras_version()
    return files[version] if files[version].exists() else files["shared"]


def recorded_output(snippet, version=None):
    path = recorded_output_path(snippet, version)
    return path.read_text(encoding="utf-8") if path.exists() else None


def figure_path(snippet, name):
    """Where a file written by a snippet is kept for the pages: docs/assets/figures/<chapter>/<name>."""
    return FIGURES / Path(snippet).relative_to(SNIPPETS).parent / name


def requirements(snippet):
    """What a snippet needs from its runner, from `# requires: two-cpus` lines at its top."""
    found = set()
    for line in Path(snippet).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if m := REQUIRES.match(line):
            found |= {w.strip() for w in m.group("what").split(",") if w.strip()}
    return found


def experiment_tolerance(snippet):
    """The tolerance an experiment states in a `# experiment: tolerance 0.05` line at its top
    (a Decimal), or None for a program whose output is exact."""
    for line in Path(snippet).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if m := EXPERIMENT.match(line):
            return Decimal(m.group("tolerance"))
    return None


# A result of an experiment: "0.25 ± 0.03", the mean and the spread over its networks.
RESULT_CELL = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?) ± (\d+(?:\.\d+)?)(?![\w.])")


def result_cells(text):
    """The "mean ± std" cells of an experiment's output, in order, as pairs of Decimals."""
    return [(Decimal(mean), Decimal(std)) for mean, std in RESULT_CELL.findall(text)]


def program_source(snippet, lang):
    """The program as a page or notebook of language `lang` shows it: the file itself, with its
    comments in Chinese for zh (hooks/zh_comments.py, from snippets/comments.zh.yml). The tests
    check that the code, as Python's parser sees it, stays the same."""
    path = Path(snippet).resolve()
    table = _zh_comments().TRANSLATIONS.stat().st_mtime_ns if lang == "zh" else None
    return _program_source(path, lang, path.stat().st_mtime_ns, table)


@functools.lru_cache(maxsize=256)
def _program_source(path, lang, mtime, table_mtime):
    """Keyed by the files' times: the Chinese pages and the Chinese notebooks of one build
    translate each program once."""
    source = path.read_text(encoding="utf-8")
    if lang == "zh":
        source = _zh_comments().translate(source, path.relative_to(SNIPPETS).as_posix())
    return source


def _zh_comments():
    """hooks/zh_comments.py, the module the Chinese pages' hook and the tests use. Loaded by its
    path: MkDocs takes the hooks' folder off sys.path again once it has loaded them."""
    if "zh_comments" not in sys.modules:
        spec = importlib.util.spec_from_file_location("zh_comments", ROOT / "hooks" / "zh_comments.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["zh_comments"] = module
        spec.loader.exec_module(module)
    return sys.modules["zh_comments"]


# The harness runs this before every program, and a notebook shows it between two programs:
# fresh layer names (`dense`, `dense_1`) and seeds, whatever ran before.
RESET = """\
from tensorflow import keras

try:
    keras.utils.clear_session(free_memory=False)  # Keras 3 (skips a slow garbage collection)
except AttributeError:
    keras.backend.clear_session()  # Keras 2 (tf-keras)
keras.utils.set_random_seed(0)"""

# First cell of a notebook that holds a program with `# requires: two-cpus`.
SETUP = {
    "two-cpus": """\
import tensorflow as tf

# One program of this chapter shows two replicas on one CPU; the split must come first.
cpu = tf.config.list_physical_devices("CPU")[0]
if tf.config.get_logical_device_configuration(cpu) is None:
    two = [tf.config.LogicalDeviceConfiguration()] * 2
    tf.config.set_logical_device_configuration(cpu, two)""",
}


# ---------------------------------------------------------------------------------------------
# Pages, parsed


@dataclasses.dataclass
class Include:
    path: str  # relative to snippets/
    line: int  # 1-based line of the page
    section: str | None = None


@dataclasses.dataclass
class Image:
    alt: str  # the alt text, as plain text
    src: str  # as written in the page
    line: int  # 1-based line of the paragraph that holds it


@dataclasses.dataclass
class Heading:
    level: int
    title: str  # the Markdown of the heading, without `{ #id }`
    text: str  # the same as plain text
    id: str | None
    line: int


@dataclasses.dataclass
class Fence:
    info: str
    title: str | None
    line: int  # the opening line
    end: int  # the line after the closing one
    body: list
    includes: list


@dataclasses.dataclass
class Container:
    """An admonition or a content tab: a marker line and an indented body."""

    kind: str  # "admonition" or "tab"
    line: int
    end: int  # the line after its body
    type: str = ""  # admonition type: note, tip, question...
    title: str = ""  # admonition title ('' when explicitly none) or tab label
    collapsible: bool = False
    open: bool = True


@dataclasses.dataclass
class Section:
    heading: Heading | None  # None for the text before the first `##`
    start: int  # 0-based line offsets [start, end)
    end: int
    text: str
    includes: list


TAB = re.compile(r'^(?P<indent>\s*)===[+!]?(?:\s+"(?P<label>[^"]+)")?\s*$')
TAB_LIKE = re.compile(r"^\s*===[+!]?(?:\s|$)")
ADMONITION = re.compile(r'^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)\s+(?P<type>[\w-]+)(?:\s+"(?P<title>[^"]*)")?\s*$')
ADMONITION_LIKE = re.compile(r"^\s*(?:!!!|\?\?\?)")
HEADING_ID = re.compile(r"\s*\{:?\s*#(?P<id>[\w-]+)[^}]*\}\s*$")
FENCE_TITLE = re.compile(r'\btitle="(?P<title>[^"]*)"')


def _tab_rule(state, start_line, end_line, silent):
    """Content tabs (pymdownx.tabbed): `=== "Label"` and a body indented by four spaces."""
    if state.sCount[start_line] - state.blkIndent >= 4:
        return False
    start = state.bMarks[start_line] + state.tShift[start_line]
    line = state.src[start : state.eMarks[start_line]]
    m = TAB.match(line)
    if not m or not m.group("label"):
        return False
    if silent:
        return True
    indent = state.sCount[start_line] + 4
    next_line = start_line + 1
    while next_line < end_line:
        empty = state.bMarks[next_line] + state.tShift[next_line] >= state.eMarks[next_line]
        if not empty and state.sCount[next_line] < indent:
            break
        next_line += 1
    while next_line - 1 > start_line and state.isEmpty(next_line - 1):
        next_line -= 1
    old = state.parentType, state.lineMax, state.blkIndent
    state.parentType, state.lineMax, state.blkIndent = "tab", next_line, indent
    token = state.push("tab_open", "div", 1)
    token.meta = {"label": m.group("label")}
    token.map = [start_line, next_line]
    state.md.block.tokenize(state, start_line + 1, next_line)
    state.push("tab_close", "div", -1)
    state.parentType, state.lineMax, state.blkIndent = old
    state.line = next_line
    return True


@cache
def _markdown():
    md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(admon_plugin)
    # Math as pymdownx.arithmatex (generic) reads it: `$x$` with no space inside the dollars,
    # `$$` blocks on their own lines. Math is no prose: its line breaks stay (Page.line_joins).
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_blank_lines=False)
    md.block.ruler.before("fence", "tab", _tab_rule)
    return md


@cache
def _inline_renderer():
    """Inline Markdown to HTML for the notebooks' headings and titles: math stays `$x$`,
    for Jupyter to typeset."""
    return MarkdownIt("commonmark")


@dataclasses.dataclass
class Block:
    """A node of the page's block tree: a token that spans lines, and the blocks inside it."""

    type: str
    start: int
    end: int
    token: object
    children: list


class Page:
    """A page of docs/<lang>/, parsed once. Line numbers are 1-based, as an editor shows them."""

    def __init__(self, text, path=None):
        self.path = Path(path) if path else None
        self.text = text
        self.lines = text.splitlines()
        self.tokens = _markdown().parse(text)
        self._check_markers()
        self.front_matter, self.body_start = {}, 0
        self.fences, self.headings, self.admonitions, self.tabs = [], [], [], []
        self._line_joins = None
        self.blocks = self._tree()
        self.includes = self._includes()
        self.sections = self._sections()

    @classmethod
    def read(cls, path):
        """The page at `path`, parsed once for as long as the file does not change."""
        path = Path(path)
        return _read_page(path, path.stat().st_mtime_ns)

    @classmethod
    def of(cls, text, path=None):
        """The page model of a Markdown text, such as the one a hook's on_page_markdown gets
        (the page without its front matter, perhaps changed by an earlier hook); parsed once
        per text."""
        return _parse_text(text, str(path) if path else None)

    @property
    def doc_path(self):
        """The page's path relative to docs/<lang>/ (`dense/index.md`)."""
        return Path(*self.path.relative_to(DOCS).parts[1:]).as_posix()

    @property
    def title(self):
        return next((h.text for h in self.headings if h.level == 1), self.doc_path if self.path else "")

    def error(self, line, message):
        return PageError(self.path or "<text>", line, message)

    def _check_markers(self):
        """A tab or admonition marker that the parser would take as text fails loudly."""
        fenced = set()  # and setext headings, underlined with ===
        for t in self.tokens:
            if (t.type in ("fence", "code_block") or (t.type == "heading_open" and t.markup == "=")) and t.map:
                fenced.update(range(*t.map))
        for number, line in enumerate(self.lines):
            if INCLUDE_LIKE.match(line) and not INCLUDE.match(line):  # in a fence or not
                raise self.error(number + 1, f'malformed include {line.strip()!r}: write --8<-- "chapter/file"')
            if number in fenced:
                continue
            if TAB_LIKE.match(line) and not (TAB.match(line) and TAB.match(line).group("label")):
                raise self.error(number + 1, f'malformed content tab {line.strip()!r}: write === "Label"')
            if ADMONITION_LIKE.match(line) and not ADMONITION.match(line):
                raise self.error(
                    number + 1, f'malformed admonition {line.strip()!r}: write !!! type, or !!! type "Title"'
                )
            if (TAB.match(line) or ADMONITION.match(line)) and not self._indented_body_follows(number):
                raise self.error(number + 1, f"{line.strip()!r} has no body indented by four spaces under it")

    def _indented_body_follows(self, number):
        indent = len(self.lines[number]) - len(self.lines[number].lstrip())
        for line in self.lines[number + 1 :]:
            if line.strip():
                return len(line) - len(line.lstrip()) >= indent + 4
        return False

    def _tree(self):
        root = Block("root", 0, len(self.lines), None, [])
        stack = [root]
        for t in self.tokens:
            if t.type == "front_matter":
                self.front_matter = yaml.safe_load(t.content) or {}
                self.body_start = t.map[1]
                continue
            if t.nesting == -1:
                stack.pop()
                continue
            if not t.map or t.type == "admonition_title_open":  # table cells; the title: its marker line
                if t.nesting == 1:
                    stack.append(Block(t.type, 0, 0, t, []))
                continue
            block = Block(t.type.removesuffix("_open"), t.map[0], t.map[1], t, [])
            stack[-1].children.append(block)
            if t.nesting == 1:
                stack.append(block)
            self._note(t)
        return root.children

    def _note(self, t):
        start, end = t.map
        if t.type == "fence":
            title = FENCE_TITLE.search(t.info)
            body = t.content.splitlines()
            incs = [Include(m.group("path"), start + 2 + i, m.group("section")) for i, l in enumerate(body) if (m := INCLUDE.match(l))]
            self.fences.append(Fence(t.info.strip(), title and title.group("title"), start + 1, end, body, incs))
        elif t.type == "heading_open":
            inline = self.tokens[self.tokens.index(t) + 1]
            source = inline.content
            m = HEADING_ID.search(source)
            title = source[: m.start()] if m else source
            self.headings.append(Heading(int(t.tag[1]), title, plain(title), m and m.group("id"), start + 1))
        elif t.type == "admonition_open":
            m = ADMONITION.match(self.lines[start])
            marker, kind = m.group("marker"), m.group("type")
            title = m.group("title") if m.group("title") is not None else kind.title()
            self.admonitions.append(
                Container("admonition", start + 1, end, kind, title, marker.startswith("?"), marker != "???")
            )
        elif t.type == "tab_open":
            self.tabs.append(Container("tab", start + 1, end, title=t.meta["label"]))

    def _includes(self):
        """Every include line, as pymdownx.snippets sees them: anywhere in the page."""
        return [
            Include(m.group("path"), number + 1, m.group("section"))
            for number, line in enumerate(self.lines)
            if (m := INCLUDE.match(line))
        ]

    def _sections(self):
        """The page split at its `##` headings; the text before the first one is a section too."""
        starts = [self.body_start] + [h.line - 1 for h in self.headings if h.level == 2]
        headings = [None] + [h for h in self.headings if h.level == 2]
        ends = starts[1:] + [len(self.lines)]
        found = []
        for heading, start, end in zip(headings, starts, ends):
            text = "\n".join(self.lines[start:end])
            if heading is None and not text.strip():
                continue
            incs = [i for i in self.includes if start < i.line <= end]
            found.append(Section(heading, start, end, text, incs))
        return found

    def include_paths(self):
        return [i.path for i in self.includes]

    @property
    def links(self):
        """The targets of the page's Markdown links (`[text](target)`), in order."""
        return [
            child.attrGet("href")
            for token in self.tokens
            if token.type == "inline" and token.children
            for child in token.children
            if child.type == "link_open"
        ]

    @property
    def images(self):
        """Every image of the page (`![alt](src)`), in order."""
        return [
            Image(_plain_text(child.children), child.attrGet("src"), token.map[0] + 1)
            for token in self.tokens
            if token.type == "inline" and token.map
            for child in token.children or []
            if child.type == "image"
        ]

    @property
    def line_joins(self):
        """{0-based line: text}: the line breaks of the prose that a reader would see as a
        stray space in Chinese, with the text of the line that follows each (its indentation
        or container marks removed). See "Chinese text: line breaks" below."""
        if self._line_joins is None:
            self._line_joins = {}
            for token in self.tokens:
                if token.type == "inline" and token.map and token.children:
                    self._line_joins.update(_joins(self, token))
        return self._line_joins

    def joined_lines(self, start=0, end=None):
        """Lines [start, end) with the line breaks of `line_joins` removed: each joined line
        keeps the first line's indentation, so containers (tabs, admonitions, lists) hold."""
        end = len(self.lines) if end is None else end
        out = []
        for number in range(start, end):
            if number - 1 in self.line_joins and number > start and out:
                out[-1] = out[-1].rstrip() + self.line_joins[number - 1]
            else:
                out.append(self.lines[number])
        return out

    def unwrapped(self):
        """The text with the line breaks of `line_joins` removed (what the Chinese pages'
        hook, hooks/zh_line_breaks.py, hands on to MkDocs)."""
        ending = "\n" if self.text.endswith("\n") else ""
        return "\n".join(self.joined_lines()) + ending

    def walk(self, blocks=None):
        for block in self.blocks if blocks is None else blocks:
            yield block
            yield from self.walk(block.children)

    def prose(self):
        """The page's text with everything that is not prose blanked out (offsets and lines
        unchanged): front matter, code blocks, HTML comments, tab labels, admonition markers
        (their titles stay), link targets, attribute lists, ordered-list markers."""
        return blank_markup(self.text)


def plain(markdown_inline):
    """Inline Markdown as plain text: `[Counting](x.md)` -> Counting, `` `a` `` -> a."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown_inline)
    return re.sub(r"`([^`]+)`", r"\1", text).strip()


def _plain_text(children):
    """The text of inline tokens as a reader sees it, without markup."""
    breaks = ("softbreak", "hardbreak")
    return "".join(" " if c.type in breaks else c.content for c in children or [] if c.type in ("text", "code_inline", *breaks))


@cache
def _read_page(path, mtime):
    return Page(path.read_text(encoding="utf-8"), path)


@functools.lru_cache(maxsize=64)
def _parse_text(text, path):
    return Page(text, path)


def pages(lang=None):
    langs = [lang] if lang else LANGUAGES
    return sorted(p for l in langs for p in (DOCS / l).rglob("*.md"))


def glossary(lang="zh"):
    """(chosen terms, [alternatives]) rows of docs/<lang>/glossary.md's term table: the pages'
    term check, the Chinese comments' check and the search keywords all read it here."""
    rows = []
    for line in (DOCS / lang / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.search(r"[\u4e00-\u9fff]", cells[1]) and cells[1] != "本站用语":
            cells = [re.sub(r"（[^）]*）", "", c) for c in cells]  # a note in brackets is no term
            chosen = [t.strip() for t in cells[1].split("/")]
            rows.append((chosen, [a.strip() for a in cells[2].split("、") if a.strip()]))
    return rows


def twin(page):
    """docs/en/dense/index.md <-> docs/zh/dense/index.md"""
    parts = Path(page).relative_to(DOCS).parts
    return DOCS / ("zh" if parts[0] == "en" else "en") / Path(*parts[1:])


def pages_including(snippet):
    """Pages that include the snippet or one of its recorded outputs."""
    names = {Path(snippet).relative_to(SNIPPETS).as_posix()}
    names |= {p.relative_to(SNIPPETS).as_posix() for p in output_candidates(snippet).values()}
    return [p for p in pages() if names & set(Page.read(p).include_paths())]


# ---------------------------------------------------------------------------------------------
# Chinese text: line breaks
#
# The Chinese pages are wrapped like the English ones, mid-sentence, and a browser shows a line
# break inside a paragraph as a space: between two Chinese characters that is a stray space
# ("有不止一种解释。 本页"). Chinese has no spaces between words, so the build removes such a
# break (hooks/zh_line_breaks.py for the pages, pagemodel.notebook for the notebooks; the search
# index is made from the pages). The rule, on the characters the reader sees on either side of
# a line break in the prose (a code span or math counts as Latin text; inline HTML and images
# keep their line breaks):
# - between two Chinese characters (Han or CJK punctuation): removed;
# - next to CJK punctuation (，。：（）“” ...), whatever is on its other side: removed. A
#   full-width mark carries its own spacing: "。Keras", "`Dense`，" take no space;
# - between a Han character and a Latin word, a digit, a code span or math: kept. It reads as
#   the space that Chinese technical writing puts there ("共 3 层", "一个 `Dense` 层").
# Code blocks, math blocks, HTML blocks and hard breaks are never joined.

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCTUATION = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u201c\u201d\u2018\u2019"
_HAN = re.compile(f"[{HAN}]")
_CJK_PUNCTUATION = re.compile(f"[{CJK_PUNCTUATION}]")
# Whitespace a reader sees between two Chinese characters, or beside CJK punctuation.
STRAY_SPACE = re.compile(
    f"(?<=[{HAN}{CJK_PUNCTUATION}])\\s+(?=[{HAN}{CJK_PUNCTUATION}])"
    f"|(?<=[{CJK_PUNCTUATION}])\\s+(?=\\S)|(?<=\\S)\\s+(?=[{CJK_PUNCTUATION}])"
)
LATIN = "a"  # what a code span or math counts as, next to a line break
_TRANSPARENT = {"link_open", "link_close", "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}


def joins_line_break(before, after):
    """Whether the line break between the visible characters `before` and `after` goes."""
    if before is None or after is None:
        return False
    cjk = lambda ch: bool(_HAN.match(ch) or _CJK_PUNCTUATION.match(ch))  # noqa: E731
    return (cjk(before) and cjk(after)) or bool(_CJK_PUNCTUATION.match(before) or _CJK_PUNCTUATION.match(after))


def stray_spaces(text):
    """The stray spaces in a text as a reader sees it: [(offset, the text around it)]."""
    return [(m.start(), text[max(0, m.start() - 10) : m.end() + 10]) for m in STRAY_SPACE.finditer(text)]


def _visible(children, index, step):
    """The character a reader sees next to children[index], looking backwards (step -1) or
    forwards (+1); None where inline HTML, an image or another line break comes first."""
    index += step
    while 0 <= index < len(children):
        child = children[index]
        if child.type == "text" and child.content:
            return child.content[-1] if step < 0 else child.content[0]
        if child.type in ("code_inline", "math_inline"):
            return LATIN
        if child.type not in _TRANSPARENT and child.type != "text":
            return None
        index += step
    return None


def _joins(page, token):
    """The line joins of one inline token (a paragraph, a heading, a table cell)."""
    first, end = token.map
    content = token.content.split("\n")
    found, line = {}, 0  # line: within the token
    for index, child in enumerate(token.children):
        if child.type == "softbreak":
            if joins_line_break(_visible(token.children, index, -1), _visible(token.children, index, +1)):
                found[first + line] = content[line + 1].lstrip()
            line += 1
        elif child.type == "hardbreak":
            line += 1
        elif child.type in ("html_inline", "math_inline"):
            line += child.content.count("\n")
        elif child.type == "image":  # its alt text's line breaks are its own children
            line += sum(c.type in ("softbreak", "hardbreak") for c in child.children or [])
    if line != len(content) - 1 or first + line >= end:
        # A code span's line breaks are gone from its token: the lines no longer line up.
        raise page.error(first + 1, "a code span runs over a line break in this paragraph; keep each code span on one line")
    return found


# ---------------------------------------------------------------------------------------------
# Prose: what the checks of numbers and terms read


def _blank_span(out, start, end):
    out[start:end] = [c if c == "\n" else " " for c in out[start:end]]


INLINE_MARKUP = [
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\]\([^)]*\)"),  # link targets
    re.compile(r"\{\s*[#.:][^}]*\}"),  # attribute lists
    re.compile(r"^[ \t]*\d+\.\s", re.M),  # ordered-list markers
]


def _markup_lines(skeleton):
    """Line ranges of a text's block markup. Keyed by the text with its digits replaced, so
    the prose check's mutations (a number changed by one) reuse one parse of the page."""
    page = _skeleton(skeleton)
    ranges = [(0, page.body_start)] if page.body_start else []
    ranges += [(f.line - 1, f.end) for f in page.fences]
    ranges += [(b.start, b.start + 1) for b in page.walk() if b.type in ("tab", "admonition")]
    return ranges


@cache
def _skeleton(skeleton):
    return Page(skeleton)


def text_sections(text):
    """The sections of a page's text (Page.sections), for texts that differ from a page only in
    their digits (the prose check's mutations): one parse serves them all."""
    page = _skeleton(re.sub(r"\d", "0", text))
    lines = text.splitlines()
    found = []
    for section in page.sections:
        heading = None
        if section.heading:
            source = lines[section.heading.line - 1].lstrip("#").strip()
            m = HEADING_ID.search(source)
            title = source[: m.start()] if m else source
            heading = dataclasses.replace(section.heading, title=title, text=plain(title))
        incs = [
            Include(m.group("path"), n + 1, m.group("section"))
            for n in range(section.start, section.end)
            if (m := INCLUDE.match(lines[n]))
        ]
        found.append(Section(heading, section.start, section.end, "\n".join(lines[section.start : section.end]), incs))
    return found


def blank_markup(text):
    """See Page.prose."""
    lines = text.splitlines(keepends=True)
    out = list(text)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    for start, end in _markup_lines(re.sub(r"\d", "0", text)):
        _blank_span(out, offsets[start], offsets[min(end, len(lines))])
    for number, line in enumerate(lines):  # an admonition's title is prose: keep it
        m = ADMONITION.match(line)
        if m and m.group("title"):
            s = offsets[number] + m.start("title")
            out[s : s + len(m.group("title"))] = m.group("title")
    for pattern in INLINE_MARKUP:
        for m in pattern.finditer("".join(out)):
            _blank_span(out, m.start(), m.end())
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# mkdocs.yml: the nav, its chapters and notebooks


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without its tags (`!ENV`, `!!python/name:`)."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_IgnoreTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def mkdocs_config(path=None):
    path = Path(path or ROOT / "mkdocs.yml")
    return _load_config(path, path.stat().st_mtime_ns)


@cache
def _load_config(path, mtime):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags)


def nav_entries(nav):
    """(title, path) of every page of the nav, in order."""
    for item in nav:
        for title, value in (item.items() if isinstance(item, dict) else [(None, item)]):
            if isinstance(value, list):
                yield from nav_entries(value)
            else:
                yield title, value


def nav_translations(config, lang):
    i18n = next((p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p), {})
    language = next((l for l in i18n.get("languages", []) if l["locale"] == lang), {})
    return language.get("nav_translations") or {}


@dataclasses.dataclass
class Chapter:
    """A top-level section of the nav (or a top-level page other than home, FAQ, glossary)."""

    name: str  # dense: its notebook is notebooks/dense.ipynb
    title: str
    pages: list  # paths relative to docs/<lang>/

    @property
    def notebook(self):
        return f"notebooks/{self.name}.ipynb"


def chapters(config=None):
    config = config or mkdocs_config()
    found = []
    for item in config["nav"]:
        (title, value), = item.items() if isinstance(item, dict) else [(None, item)]
        if isinstance(value, list):
            paths = [p for _, p in nav_entries(value) if isinstance(p, str) and p.endswith(".md")]
            if paths and paths[0].split("/")[0] not in NOT_CHAPTERS:
                found.append(Chapter(paths[0].split("/")[0], title, paths))
        elif isinstance(value, str) and value.endswith(".md") and value not in NOT_CHAPTERS:
            found.append(Chapter(Path(value).parts[0] if "/" in value else Path(value).stem, title, [value]))
    return found


def notebook_nav_entries(config=None):
    """The notebooks the nav lists (`notebooks/dense.ipynb`)."""
    return [p for _, p in nav_entries((config or mkdocs_config())["nav"]) if str(p).endswith(".ipynb")]


def url_of(doc_path):
    """Site URL path, no leading slash, of a source path relative to docs/<lang>/:
    dense/index.md -> dense/, dense/parameters.md -> dense/parameters/, notebooks/x.ipynb -> notebooks/x/."""
    path = re.sub(r"\.(md|ipynb)$", "", doc_path)
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def url_path(page):
    """The page's address in the built site: /dense/parameters/ for docs/en/dense/parameters.md,
    /zh/dense/ for docs/zh/dense/index.md."""
    lang, *parts = Path(page).relative_to(DOCS).parts
    return ("/" if lang == LANGUAGES[0] else f"/{lang}/") + url_of("/".join(parts))


def built_file(site, page):
    """The file a build into `site` writes for the page: site/dense/parameters/index.html."""
    return site / url_path(page).strip("/") / "index.html"


def relink(target, page, lang, from_url):
    """A link written in `page` (relative to docs/<lang>/) re-aimed from the URL `from_url`."""
    if re.match(r"^[a-z]+:|^#|^/", target):
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
    if resolved.endswith(".md"):
        url = prefix + url_of(resolved)
    elif resolved.startswith("../"):  # shared files (docs/assets) are served at the site root
        url = resolved[len("../") :]
    else:
        url = prefix + resolved
    relative = posixpath.relpath(url or ".", from_url.rstrip("/") or ".") + ("/" if url.endswith("/") else "")
    return relative + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------------------------------------
# Notebooks: a chapter's pages as one Jupyter notebook per language

NOTEBOOK_TEXTS = {
    "en": {
        "title": "Notebook: {title}",
        "intro": (
            "This notebook holds the programs of the chapter *{title}*, in the order of its pages, "
            "with the outputs they printed when the site's tests last ran them. Run it top to bottom. "
            "The small cells between programs reset Keras, as the tests do, so that layer names "
            "and random numbers match."
        ),
        "page": "Page: [{title}]({url})",
        "download": "[Download this notebook]({file}) (`.ipynb`).",
    },
    "zh": {
        "title": "笔记本：{title}",
        "intro": (
            "本笔记本按页面顺序收录“{title}”一章的全部程序，输出是本站测试上次运行这些程序时实际打印的内容。"
            "请从上到下依次运行。程序之间的小单元格会像测试那样重置 Keras，使层名和随机数与页面一致。"
        ),
        "page": "页面：[{title}]({url})",
        "download": "[下载本笔记本]({file})（`.ipynb`）。",
    },
}
LINK = re.compile(r"(!?\[[^\]]*\])\(([^)\s]+)\)")


def _inline_html(markdown_inline):
    return _inline_renderer().renderInline(markdown_inline).strip()


class _NotebookWriter:
    """Turns one page into notebook cells: prose as Markdown cells, each included program as a
    reset cell and a code cell carrying its recorded output (Keras 3's)."""

    def __init__(self, page, lang, notebook_url):
        self.page, self.lang, self.url = page, lang, notebook_url
        self.cells, self.prose = [], []
        self.page_id = "page-" + page.doc_path.removesuffix(".md").replace("/", "-")  # page-dense-index

    def relink(self, line):
        return LINK.sub(lambda m: f"{m.group(1)}({relink(m.group(2), self.page.doc_path, self.lang, self.url)})", line)

    def flush(self):
        text = "\n".join(self.prose).strip("\n")
        text = re.sub(r"\n{3,}", "\n\n", text)
        if text.strip():
            self.cells.append(_markdown_cell(text))
        self.prose.clear()

    def lines(self, block, depth, prefix):
        if self.lang in UNWRAPPED_LANGUAGES:  # no line break between Chinese characters
            lines = self.page.joined_lines(block.start, block.end)
        else:
            lines = self.page.lines[block.start : block.end]
        return [prefix + self.relink(l[4 * depth :]) for l in lines]

    def _shown(self, block):
        """Whether a block shows in the notebook: a fence does when it includes a program or
        nothing (outputs go with their program's cell)."""
        if block.type != "fence":
            return True
        includes = next(f for f in self.page.fences if f.line == block.start + 1).includes
        return not includes or any(i.path.endswith(".py") for i in includes)

    def blocks(self, blocks, depth=0, prefix=""):
        for block in blocks:
            if block.type == "fence":
                fence = next(f for f in self.page.fences if f.line == block.start + 1)
                programs = [i for i in fence.includes if i.path.endswith(".py")]
                for include in programs:
                    self.flush()
                    snippet = SNIPPETS / include.path
                    self.cells.append(_code_cell(RESET, tags=["reset"]))
                    # metadata.snippet: the harness finds the program by it
                    cell = _code_cell(program_source(snippet, self.lang), snippet=include.path)
                    output = recorded_output(snippet, 3)
                    if output:
                        cell.outputs.append({"output_type": "stream", "name": "stdout", "text": output})
                    self.cells.append(cell)
                if not fence.includes:  # a fence without includes (none on today's pages)
                    self.prose += self.lines(block, depth, prefix) + [prefix]
            elif block.type == "tab":
                if "Keras 2" in block.token.meta["label"]:
                    continue  # the notebook runs Keras 3; the Keras 2 tab shows Keras 2's output
                if any(self._shown(b) for b in block.children):  # not a tab of outputs only
                    self.prose += [f"{prefix}**{block.token.meta['label']}**", prefix]
                self.blocks(block.children, depth + 1, prefix)
            elif block.type == "admonition":
                container = next(a for a in self.page.admonitions if a.line == block.start + 1)
                has_code = any(b.type == "fence" for b in self.page.walk(block.children))
                if container.collapsible and not has_code:
                    state = " open" if container.open else ""
                    self.prose += [f"{prefix}<details{state}><summary>{_inline_html(container.title)}</summary>", prefix]
                    self.blocks(block.children, depth + 1, prefix)
                    self.prose += [prefix, f"{prefix}</details>", prefix]
                else:
                    inner = prefix + "> "
                    if container.title:
                        self.prose += [f"{inner}**{self.relink(container.title)}**", inner.rstrip()]
                    self.blocks(block.children, depth + 1, inner)
                    self.prose.append(prefix)
            elif block.type == "heading":
                heading = next(h for h in self.page.headings if h.line == block.start + 1)
                ident = heading.id or (self.page_id if heading.level == 1 else None)
                attr = f' id="{ident}"' if ident else ""
                html = _inline_html(self.relink(heading.title.strip()))
                # One level down: the notebook's title is its one h1, each page's title an h2.
                level = min(heading.level + 1, 6)
                self.prose += [f"{prefix}<h{level}{attr}>{html}</h{level}>", prefix]
            elif block.type == "html_block" and block.token.content.lstrip().startswith("<!--"):
                continue
            else:
                inside = [i for i in self.page.includes if block.start < i.line <= block.end and i.path.endswith(".py")]
                if inside:
                    raise self.page.error(inside[0].line, f"a program is included inside a {block.type}; "
                                          "notebooks take programs from fences at the top level, in tabs or admonitions")
                self.prose += self.lines(block, depth, prefix) + [prefix]


def _markdown_cell(text):
    import nbformat

    return nbformat.from_dict({"cell_type": "markdown", "metadata": {}, "source": text})


def _code_cell(source, tags=(), **metadata):
    import nbformat

    metadata = {**({"tags": list(tags)} if tags else {}), **metadata}
    cell = {"cell_type": "code", "execution_count": None, "metadata": metadata, "outputs": [], "source": source.rstrip("\n")}
    return nbformat.from_dict(cell)


def chapter_requirements(chapter, lang=LANGUAGES[0]):
    found = set()
    for page in chapter.pages:
        for include in Page.read(DOCS / lang / page).includes:
            if include.path.endswith(".py") and (SNIPPETS / include.path).exists():
                found |= requirements(SNIPPETS / include.path)
    return found


def notebook(chapter, lang, config=None):
    """The notebook of `chapter` in `lang`, an nbformat v4 NotebookNode, validated."""
    import nbformat

    config = config or mkdocs_config()
    url = ("" if lang == LANGUAGES[0] else f"{lang}/") + url_of(chapter.notebook)
    texts = NOTEBOOK_TEXTS[lang]
    title = nav_translations(config, lang).get(chapter.title, chapter.title) if lang != LANGUAGES[0] else chapter.title
    heading = _inline_html(texts["title"].format(title=title))
    cells = [
        _markdown_cell(
            f'<h1 id="notebook">{heading}</h1>\n\n'
            + texts["intro"].format(title=title)
            + "\n\n"
            + texts["download"].format(file=posixpath.basename(chapter.notebook))
        )
    ]
    for need in sorted(chapter_requirements(chapter, lang)):
        if need not in SETUP:
            raise PluginError(f"a program of chapter {chapter.name} requires {need!r}, which no setup cell provides")
        cells.append(_code_cell(SETUP[need], tags=["setup"]))
    for doc_path in chapter.pages:
        page = Page.read(DOCS / lang / doc_path)
        link = relink(posixpath.basename(doc_path), doc_path, lang, url)
        title = next((h.title.strip() for h in page.headings if h.level == 1), page.title)
        cells.append(_markdown_cell("---\n\n" + texts["page"].format(title=title, url=link)))
        writer = _NotebookWriter(page, lang, url)
        writer.blocks(page.blocks)
        writer.flush()
        cells += writer.cells
    nb = nbformat.from_dict(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "cells": cells,
            "metadata": {
                "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                "language_info": {"name": "python"},
            },
        }
    )
    for number, cell in enumerate(nb.cells):
        cell.id = f"{chapter.name}-{number}"  # stable ids: the file changes only when its content does
    nbformat.validate(nb)
    return nb


# `--8<-- "tools/x.keras3.out:1:72"`: lines 1 to 72 of a file (pymdownx.snippets' line range).
LINE_RANGE = re.compile(r"^(?P<start>\d+):(?P<end>\d+)$")
RECORDS = "records"  # where the site publishes, whole, the outputs that pages show in part
UTF8_BOM = b"\xef\xbb\xbf"  # before each published record: read as UTF-8 whatever the host says (hooks/records.py)


def shown_in_part(page):
    """[(include, first line, last line)] for the outputs the page shows in part: a long record
    whose first items a page shows, the whole being published at record_url(path)."""
    found = []
    for include in page.includes:
        if include.section and (m := LINE_RANGE.match(include.section)):
            found.append((include, int(m.group("start")), int(m.group("end"))))
    return found


def records_shown_in_part():
    """The paths (under snippets/) of every output some page shows in part, sorted."""
    return sorted({include.path for page in pages() for include, _, _ in shown_in_part(Page.read(page))})


def record_url(path):
    """The site's address (from its root) of the whole recorded output snippets/<path>."""
    return f"{RECORDS}/{Path(path).with_suffix('.txt').as_posix()}"


def check_includes(page):
    """Every include of a page names a file in snippets/ (PageError otherwise)."""
    for include in page.includes:
        if not (SNIPPETS / include.path).exists():
            raise page.error(include.line, f"includes {include.path!r}, which is not in snippets/")


def notebook_json(chapter, lang, config=None):
    """The notebook as the file that is served for download."""
    import nbformat

    return nbformat.writes(notebook(chapter, lang, config)) + "\n"
