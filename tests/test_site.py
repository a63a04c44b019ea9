"""The built site: a strict build without TensorFlow, no request to another host, math served locally."""

import json
import re
from html.parser import HTMLParser

import nbformat
import pytest

from pagemodel import (
    LANGUAGES,
    SNIPPETS,
    UTF8_BOM,
    STRAY_SPACE,
    Page,
    built_file,
    mkdocs_config,
    notebook_nav_entries,
    pages,
    record_url,
    rel,
    shown_in_part,
    stray_spaces,
    url_of,
    url_path,
)

def test_strict_build_passes(built_site):
    result = built_site["result"]
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    warnings = [l for l in result.stderr.splitlines() if l.startswith("WARNING")]
    assert not warnings, "\n".join(warnings)


def test_build_does_not_import_tensorflow(built_site):
    assert not built_site["tensorflow_imported"], (
        "mkdocs build imported tensorflow: the site must be built from recorded outputs only"
    )


@pytest.mark.parametrize("page", pages(), ids=[rel(p) for p in pages()])
def test_every_page_is_built(built_site, page):
    built = built_file(built_site["site"], page)
    assert built.exists(), f"{rel(page)} was not built"


def test_an_output_shown_in_part_is_published_whole_and_linked(built_site):
    """A page that shows the first items of a long record links the whole of it, which the site
    serves as the program printed it, after a UTF-8 byte-order mark (hooks/records.py)."""
    site = built_site["site"]
    problems, seen = [], 0
    for page in pages():
        for include, _, _ in shown_in_part(Page.read(page)):
            seen += 1
            published = site / record_url(include.path)
            if not published.exists() or published.read_bytes() != UTF8_BOM + (SNIPPETS / include.path).read_bytes():
                problems.append(f"{rel(page)}:{include.line}: {record_url(include.path)} is not snippets/{include.path} after a UTF-8 mark")
            built = built_file(site, page)
            hrefs = re.findall(r'href="([^"#]*)"', built.read_text(encoding="utf-8"))
            if not any((built.parent / h).resolve() == published.resolve() for h in hrefs):
                problems.append(f"{rel(page)}:{include.line}: shows part of {include.path} and links no {record_url(include.path)}")
    assert seen, "no page shows a record in part: this test checks nothing"
    assert not problems, "\n".join(problems)


class ResourceFinder(HTMLParser):
    """URLs that a browser fetches while showing a page (not links the reader may follow)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").split())
            if rels & {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest"}:
                self.urls.append(attrs["href"])
        if tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        style = attrs.get("style") or ""
        self.urls += re.findall(r"url\(['\"]?([^'\")]+)", style)


EXTERNAL = re.compile(r"^(?:[a-z]+:)?//", re.I)


def test_pages_load_nothing_from_another_host(built_site):
    site = built_site["site"]
    found = []
    for html in site.rglob("*.html"):
        finder = ResourceFinder()
        finder.feed(html.read_text(encoding="utf-8"))
        found += [f"{html.relative_to(site)}: {u}" for u in finder.urls if EXTERNAL.match(u)]
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        refs = re.findall(r"url\(['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        found += [f"{css.relative_to(site)}: {u}" for u in refs if EXTERNAL.match(u)]
    assert not found, "resources from another host:\n" + "\n".join(found)


def test_math_is_rendered_at_build_time_with_local_styles(built_site):
    """Math arrives as KaTeX HTML (hooks/katex_render.py); the page loads only the site's own CSS."""
    site = built_site["site"]
    for path in ("batchnorm/index.html", "zh/batchnorm/index.html", "dense/parameters/index.html"):
        page = (site / path).read_text(encoding="utf-8")
        assert 'class="katex"' in page, f"{path}: no rendered math"
        assert "\\(" not in page and "\\[" not in page, f"{path}: raw TeX left in the page"
        css = re.findall(r'<link rel="stylesheet" href="([^"]*katex\.min\.css)">', page)
        assert css and (site / path).parent.joinpath(css[0]).resolve().exists(), f"{path}: KaTeX CSS missing"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "katex" not in home, "a page without math should not load KaTeX"
    stylesheet = (site / "assets" / "katex" / "katex.min.css").read_text(encoding="utf-8")
    fonts = set(re.findall(r"url\((fonts/[^)]+\.woff2)\)", stylesheet))
    missing = [f for f in fonts if not (site / "assets" / "katex" / f).exists()]
    assert fonts and not missing, f"KaTeX fonts missing from the site: {missing}"


def search_index_path(site, lang):
    """Each language has its own index (hooks/search_per_language.py): /search/, /zh/search/."""
    return (site if lang == "en" else site / lang) / "search" / "search_index.json"


def search_entries(site, lang="en"):
    return json.loads(search_index_path(site, lang).read_text(encoding="utf-8"))


def test_search_index_holds_the_prose_and_the_pages_keep_their_code(built_site):
    """hooks/search_prose_only.py hands Material's search plugin each page without its code
    blocks and outputs, then puts them back: no program or summary table in either index, and
    every page that includes a program shows it."""
    site = built_site["site"]
    for lang in LANGUAGES:
        text = " ".join(doc["text"] for doc in search_entries(site, lang)["docs"])
        for code in ("import numpy as np", "set_random_seed(", "━━━"):
            assert code not in text, f"the {lang} search index holds code: {code!r}"
    missing = []
    for page in pages():
        programs = [p for p in Page.read(page).include_paths() if p.endswith(".py")]
        shown = built_file(site, page).read_text(encoding="utf-8").count('data-search-exclude class="language-python highlight')
        if programs and shown < len(programs):
            missing.append(f"{rel(page)}: {len(programs)} programs included, {shown} code blocks built")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("word", ["全连接层", "参数", "权重矩阵"])
def test_chinese_text_is_segmented_for_search(built_site, word):
    """Material splits indexed Chinese with jieba; a query is matched against those pieces.

    The browser tests run real queries; this checks the index the build wrote, without one.
    """
    index = search_entries(built_site["site"], "zh")
    separator = re.compile(index["config"]["separator"])
    zh = index["docs"]
    assert zh, "the search index has no Chinese pages"
    tokens = set()
    for doc in zh:
        tokens |= {t for t in separator.split(doc["title"] + " " + doc["text"]) if t}
    pieces = [p for p in re.split("\u200b", "\u200b".join(tokens)) if p]
    # The word is either a token or a run of tokens (jieba's pieces) that the query is split into.
    remaining = word
    while remaining:
        match = max((t for t in pieces if remaining.startswith(t)), key=len, default=None)
        assert match, f"'{word}': no indexed Chinese token covers '{remaining}'"
        remaining = remaining[len(match):]


class LinkFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


# Files the workflow adds beside the built site (tests/test_offline.py checks that it does).
ADDED_BY_THE_WORKFLOW = {"offline/dense-batchnorm-offline.zip"}


def test_every_internal_link_and_anchor_resolves(built_site):
    site = built_site["site"]
    parsed = {}

    def parse(path):
        if path not in parsed:
            finder = LinkFinder()
            finder.feed(path.read_text(encoding="utf-8"))
            parsed[path] = finder
        return parsed[path]

    broken = []
    for html in site.rglob("*.html"):
        for href in parse(html).links:
            if EXTERNAL.match(href) or href.startswith(("mailto:", "javascript:")):
                continue
            target, _, anchor = href.partition("#")
            target = target.split("?")[0]
            if not target:
                path = html
            elif target.startswith("/"):  # absolute: the site is served at / (site_url)
                path = site / target.lstrip("/")
            else:
                path = (html.parent / target).resolve()
            if path.is_dir():
                path = path / "index.html"
            if path.resolve() in {(site / added).resolve() for added in ADDED_BY_THE_WORKFLOW}:
                continue
            if not path.exists():
                broken.append(f"{html.relative_to(site)}: {href} (no such file)")
            elif anchor and path.suffix == ".html" and anchor not in parse(path).ids:
                broken.append(f"{html.relative_to(site)}: {href} (no #{anchor} there)")
    assert not broken, "broken links:\n" + "\n".join(sorted(set(broken)))


NOTEBOOK_PAGES = [url_of(n).strip("/") for n in notebook_nav_entries()]


@pytest.mark.parametrize("lang", ["", "zh/"], ids=["en", "zh"])
@pytest.mark.parametrize("notebook", NOTEBOOK_PAGES)
def test_notebook_page_is_a_rendered_notebook_with_outputs(built_site, notebook, lang):
    """mkdocs-jupyter with mkdocs-static-i18n once gave the raw JSON as the page; not here."""
    folder = built_site["site"] / lang / notebook
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.lstrip().startswith("<!doctype html>"), f"{lang}{notebook}/: not an HTML page"
    assert "jp-CodeCell" in page and "jp-OutputArea-output" in page, f"{lang}{notebook}/: no cells with outputs"
    assert '"cell_type"' not in page, f"{lang}{notebook}/: raw notebook JSON in the page"
    assert "<style" not in page, f"{lang}{notebook}/: nbconvert's inline styles are back"
    name = notebook.split("/")[1] + ".ipynb"
    source = nbformat.read(folder / name, as_version=4)  # the download
    prose = " ".join(c.source for c in source.cells if c.cell_type == "markdown")
    has_chinese = bool(re.search(r"[\u4e00-\u9fff]", prose))
    assert has_chinese == (lang == "zh/"), f"{lang}{notebook}/{name}: prose not in the page's language"
    assert f'href="{name}"' in page, f"{lang}{notebook}/: no download link to {name}"


def page_weight(site, html_path):
    """Bytes a view of the page loads before any interaction: its HTML, the local stylesheets
    and scripts it links, and the search index every page fetches (benchmarks/run.py measures
    the same in a browser, fonts and images included)."""
    finder = ResourceFinder()
    finder.feed(html_path.read_text(encoding="utf-8"))
    lang = html_path.relative_to(site).parts[0]
    index = search_index_path(site, lang if lang in LANGUAGES else "en")
    total = html_path.stat().st_size + index.stat().st_size
    for url in finder.urls:
        asset = (html_path.parent / url.split("?")[0]).resolve()
        if asset.suffix in (".css", ".js") and asset.exists():
            total += asset.stat().st_size
    return total


def test_notebook_page_stays_light(built_site):
    """A notebook page loads at most twice what an ordinary page loads (the median one)."""
    site = built_site["site"]
    weights = {p: page_weight(site, p) for p in site.rglob("index.html")}
    ordinary = sorted(w for p, w in weights.items() if "notebooks" not in p.parts)
    median = ordinary[len(ordinary) // 2]
    heavy = {
        str(p.relative_to(site)): w for p, w in weights.items() if "notebooks" in p.parts and w > 2 * median
    }
    assert not heavy, f"notebook pages loading over twice an ordinary page ({median} bytes): {heavy}"


class ReaderText(HTMLParser):
    """The text of a page as a reader sees it, one string per block (paragraph, list item, table
    cell, heading): code, math, scripts and styles left out, each code span or formula as one
    mark (\x01, which counts as Latin text). `blocks()` strips each block: white space at a block's
    edge is not shown."""

    SKIP = {"script", "style", "pre", "code", "svg", "math", "textarea", "template"}
    SKIP_CLASSES = {"katex", "arithmatex", "math"}
    BLOCK = {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "input", "label",
        "li", "main", "nav", "ol", "option", "p", "section", "select", "summary", "table", "td", "th", "tr", "ul",
        "button",
    }
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.stack, self.skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCK:
            self.parts.append("\x00")
        if tag in self.VOID:
            return
        skip = tag in self.SKIP or bool(self.SKIP_CLASSES & set((dict(attrs).get("class") or "").split()))
        if skip and not self.skipping:
            self.parts.append("\x01")
        self.stack.append(skip)
        self.skipping += skip

    def handle_endtag(self, tag):
        if tag in self.BLOCK:
            self.parts.append("\x00")
        if tag not in self.VOID and self.stack:
            self.skipping -= self.stack.pop()

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)

    def blocks(self):
        return [b.strip() for b in "".join(self.parts).split("\x00") if b.strip()]


def reader_blocks(html):
    parser = ReaderText()
    parser.feed(html)
    return parser.blocks()


def stray_spaces_in(html, where):
    return [f"{where}: {context!r}" for block in reader_blocks(html) for _, context in stray_spaces(block)]


# The Chinese pages and notebook pages, as addresses in the built site.
CHINESE_BUILT = [url_path(p).strip("/") for p in pages("zh")] + [f"zh/{url_of(n)}".strip("/") for n in notebook_nav_entries()]


def test_chinese_pages_show_no_space_between_chinese_characters(built_site):
    """A line break in the Markdown between two Chinese characters shows as a space in the
    browser ("有不止一种解释。 本页"); hooks/zh_line_breaks.py removes those the page model's
    rule names (pagemodel.py, "Chinese text: line breaks"). No white space is left between two
    Chinese characters, nor beside CJK punctuation, on any Chinese page or notebook page. The
    sources are wrapped, so this fails when the hook is not listed in mkdocs.yml."""
    assert "hooks/zh_line_breaks.py" in mkdocs_config()["hooks"], "mkdocs.yml no longer lists hooks/zh_line_breaks.py"
    site = built_site["site"]
    found = []
    for address in CHINESE_BUILT:
        found += stray_spaces_in((site / address / "index.html").read_text(encoding="utf-8"), f"/{address}/")
    assert not found, f"{len(found)} stray spaces between Chinese characters or beside CJK punctuation:\n" + "\n".join(found)


def test_chinese_sources_have_line_breaks_that_the_build_removes():
    """The check above proves the hook only while the sources hold such line breaks."""
    joins = sum(len(Page.read(p).line_joins) for p in pages("zh"))
    assert joins, "the Chinese pages hold no line break between Chinese characters any more"


def test_chinese_search_index_holds_no_line_break_between_chinese_characters(built_site):
    index = search_entries(built_site["site"], "zh")
    found = [
        f"{doc['location']}: {text[max(0, m.start() - 10) : m.end() + 10]!r}"
        for doc in index["docs"]
        for text in [doc["text"].replace("\u200b", "")]
        for m in STRAY_SPACE.finditer(text)
        if "\n" in m.group()
    ]
    assert not found, "line breaks between Chinese characters in zh/search/search_index.json:\n" + "\n".join(found)
