"""Assemble one notebook per chapter and language from the chapter's pages, at build time.

A chapter is a top-level section of mkdocs.yml's nav (or a top-level page other than the home
page, the FAQ and the glossary). Its notebook holds, in order: the prose of its pages as
Markdown cells, each included snippet as a code cell, and the snippet's recorded output
(Keras 3's, where the versions differ) as that cell's output. Nothing is executed and no code
is written here: a snippet changes in one place, snippets/.

Between two programs the notebook resets Keras, as the test harness does before each snippet,
so that layer names and random numbers match the pages when it runs top to bottom. Its first
cell splits the CPU into two logical devices, as the harness does, for the program that shows
two replicas.

Notebooks are written to docs/<lang>/notebooks/<chapter>.ipynb (ignored by git) before MkDocs
reads the docs folder; mkdocs-jupyter renders them and copies them beside their page for
download. A file is rewritten only when its content changes, so `mkdocs serve` does not
rebuild in a loop.

mkdocs-static-i18n and mkdocs-jupyter together, two problems solved here:
- mkdocs-jupyter marks a notebook as a page by wrapping its File; mkdocs-static-i18n then (its
  on_files runs last, at priority -100) rebuilds every File as a plain one, so the notebook is
  copied as an asset and its page is the raw JSON. on_files below runs after it and wraps the
  notebooks again, keeping the language's paths.
- mkdocs-jupyter's cache (.cache/mkdocs-jupyter, keyed by the notebook's content) drops, after
  each build, the entries that build did not use; mkdocs-static-i18n runs one build per
  language, so each language evicted the other's and nothing was ever reused. on_pre_build
  below keeps both languages' entries.
"""

import json
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
LANGUAGES = ("en", "zh")
NOT_CHAPTERS = {"index.md", "faq.md", "glossary.md"}

INCLUDE = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+)(?::[^"]*)?"\s*$')
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
TAB = re.compile(r'^===\s+"(?P<label>[^"]+)"\s*$')
LINK = re.compile(r"(!?\[[^\]]*\])\(([^)\s]+)\)")

TEXTS = {
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

SETUP = """\
import tensorflow as tf

# One program of this chapter shows two replicas on one CPU; the split must come first.
cpu = tf.config.list_physical_devices("CPU")[0]
if tf.config.get_logical_device_configuration(cpu) is None:
    two = [tf.config.LogicalDeviceConfiguration()] * 2
    tf.config.set_logical_device_configuration(cpu, two)"""

RESET = """\
from tensorflow import keras
keras.backend.clear_session()
keras.utils.set_random_seed(0)"""


def chapters(nav):
    """[(chapter name, title, [page paths relative to docs/<lang>/])] from the nav."""
    found = []
    for item in nav:
        (title, value), = item.items() if isinstance(item, dict) else [(None, item)]
        if isinstance(value, list):
            paths = [v for entry in value for v in (entry.values() if isinstance(entry, dict) else [entry])]
            paths = [p for p in paths if isinstance(p, str) and p.endswith(".md")]
            if paths:
                found.append((paths[0].split("/")[0], title, paths))
        elif isinstance(value, str) and value.endswith(".md") and value not in NOT_CHAPTERS:
            found.append((value.split("/")[0] if "/" in value else Path(value).stem, title, [value]))
    return found


def url_of(doc_path):
    """Site URL path (no leading slash) of a page's source path relative to docs/<lang>/."""
    path = doc_path[: -len(".md")]
    if path == "index" or path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def relink(target, page, lang, notebook_url):
    """A link of `page` (relative to docs/<lang>/) re-aimed from the notebook's own URL."""
    if re.match(r"^[a-z]+:|^#|^/", target):
        return target
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    prefix = "" if lang == "en" else f"{lang}/"
    if resolved.endswith(".md"):
        url = prefix + url_of(resolved)
    elif resolved.startswith("../"):  # shared files (docs/assets) are served at the site root
        url = resolved[len("../"):]
    else:
        url = prefix + resolved
    here = notebook_url.rstrip("/")
    rel = posixpath.relpath(url or ".", here) + ("/" if url.endswith("/") else "")
    return rel + (f"#{anchor}" if anchor else "")


HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{\s*#(?P<id>[\w-]+)\s*\})?\s*$")


def heading_html(line, default_id=None):
    """`## Title { #id }` -> `<h2 id="id">Title</h2>`: the same ids as the pages in both
    languages (a Markdown heading in Chinese would get an id such as `_1`)."""
    m = HEADING.match(line)
    if not m:
        return line
    level, text = len(m.group("hashes")), m.group("text")
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    ident = m.group("id") or default_id
    attr = f' id="{ident}"' if ident else ""
    return f"<h{level}{attr}>{text}</h{level}>"


def markdown_cell(lines):
    return {"cell_type": "markdown", "metadata": {}, "source": "\n".join(lines).strip("\n")}


def code_cell(source, output=None, tags=(), snippet=None):
    metadata = {"tags": list(tags)} if tags else {}
    if snippet:
        metadata["snippet"] = snippet  # the tests find the recorded output by it
    cell = {
        "cell_type": "code",
        "execution_count": None,
        "metadata": metadata,
        "outputs": [],
        "source": source.rstrip("\n"),
    }
    if output:
        cell["outputs"].append({"name": "stdout", "output_type": "stream", "text": output})
    return cell


def recorded_output(snippet_rel):
    """Keras 3's recorded output of a snippet (the default version)."""
    base = SNIPPETS / Path(snippet_rel).with_suffix("")
    for candidate in (base.with_name(base.name + ".keras3.out"), base.with_name(base.name + ".out")):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    return None


def page_text(page, lang):
    """A page's Markdown without its front matter."""
    text = (DOCS / lang / page).read_text(encoding="utf-8")
    return re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)


def page_cells(page, lang, notebook_url, text):
    cells, prose, skip_tab = [], [], False
    page_id = "page-" + (posixpath.dirname(page) + "-" + Path(page).stem).strip("-").replace("/", "-")
    lines = text.splitlines()
    i = 0

    def flush():
        if any(l.strip() for l in prose):
            cells.append(markdown_cell(prose))
        prose.clear()

    while i < len(lines):
        line = lines[i]
        tab = TAB.match(line)
        if tab:
            skip_tab = "Keras 2" in tab.group("label")  # the notebook runs Keras 3
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            body = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence.group(2)):
                body.append(lines[i])
                i += 1
            i += 1
            if skip_tab:
                continue
            for included in (m.group("path") for l in body if (m := INCLUDE.match(l))):
                if included.endswith(".py"):
                    flush()
                    source = (SNIPPETS / included).read_text(encoding="utf-8")
                    cells.append(code_cell(RESET, tags=["reset"]))
                    cells.append(code_cell(source, recorded_output(included), snippet=included))
            continue
        if skip_tab and (line.startswith("    ") or not line.strip()):
            i += 1
            continue
        skip_tab = False
        line = heading_html(line, default_id=page_id if line.startswith("# ") else None)
        line = re.sub(r'^!!! \w+ "(.*)"$', r"> **\1**", line)  # admonition title
        if prose and prose[-1].startswith("> ") and line.startswith("    "):
            line = "> " + line[4:]
        line = LINK.sub(lambda m: f"{m.group(1)}({relink(m.group(2), page, lang, notebook_url)})", line)
        prose.append(line)
        i += 1
    flush()
    return cells


def notebook(chapter, title, pages, lang, nav_titles):
    notebook_url = ("" if lang == "en" else f"{lang}/") + f"notebooks/{chapter}/"
    t = TEXTS[lang]
    shown_title = nav_titles.get(title, title)
    cells = [
        markdown_cell(
            [
                heading_html(f"# {t['title'].format(title=shown_title)}", default_id="notebook"),
                "",
                t["intro"].format(title=shown_title),
                "",
                t["download"].format(file=f"{chapter}.ipynb"),
            ]
        )
    ]
    texts = {page: page_text(page, lang) for page in pages}
    included = [m.group("path") for t in texts.values() for line in t.splitlines() if (m := INCLUDE.match(line))]
    if any(path.startswith("distributed/") for path in included):
        cells.append(code_cell(SETUP, tags=["setup"]))
    for page in pages:
        title_line = re.search(r"^# (.+)$", texts[page], re.M)
        page_title = title_line.group(1).strip() if title_line else page
        url = relink(posixpath.basename(page), page, lang, notebook_url)
        cells.append(markdown_cell(["---", "", t["page"].format(title=page_title, url=url)]))
        cells += page_cells(page, lang, notebook_url, texts[page])
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def build_notebooks(nav, zh_titles):
    """Write every chapter's notebook in both languages."""
    for chapter, title, pages in chapters(nav):
        for lang in LANGUAGES:
            nb = notebook(chapter, title, pages, lang, zh_titles if lang == "zh" else {})
            path = DOCS / lang / "notebooks" / f"{chapter}.ipynb"
            content = json.dumps(nb, ensure_ascii=False, indent=1) + "\n"
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")


def on_config(config):
    i18n = config.plugins.get("i18n")
    zh_titles = {}
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale == "zh":
                zh_titles = language.nav_translations or {}
    build_notebooks(_source_nav(config), zh_titles)
    return config


def _source_nav(config):
    """The nav as written in mkdocs.yml (the plugins may have rewritten config.nav)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load(Path(config.config_file_path).read_text(encoding="utf-8"), Loader=Loader)["nav"]


@event_priority(-110)
def on_files(files, config):
    from mkdocs_jupyter.plugin import NotebookFile

    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookFile)]:
        page = NotebookFile(file, use_directory_urls=config.use_directory_urls, site_dir=config.site_dir)
        # keep the paths mkdocs-static-i18n gave it (/notebooks/x/ in English, /zh/notebooks/x/)
        page.dest_path, page.abs_dest_path, page.url = file.dest_path, file.abs_dest_path, file.url
        files.remove(file)
        files.append(page)
    return files


STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
COPY_WIDGET = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S)
COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
TOOLBAR = re.compile(r'<div class="celltoolbar">.*?</span>\s*</span>\s*</div>\s*</div>\s*', re.S)


def on_page_content(html, page, config, files):
    """Slim a rendered notebook down to what Material needs.

    nbconvert's output carries 570 KB of inline JupyterLab styles, a MathJax loader (an empty
    URL, which requests the page again), a Mermaid loader from a CDN and its own copy-button
    script. They all go: Material styles the code (class `highlight`), docs/assets/stylesheets/
    notebook.css lays out the cells, and hooks/katex_render.py renders the math at build time.
    """
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    # A notebook repeats its chapter's pages: keep it out of the search index, or every query
    # would find each answer twice and every page view would load the text twice.
    page.meta["search"] = {"exclude": True}
    html = STYLE.sub("", html)
    html = SCRIPT.sub("", html)
    html = COPY_WIDGET.sub("", html)
    html = COPY_TEXT.sub("", html)
    html = TOOLBAR.sub("", html)
    return html.replace("highlight-ipynb", "highlight")


class _KeepAll(set):
    """A used-entries set that reports every cache entry as used: nothing is evicted."""

    def __contains__(self, item):
        return True


@event_priority(-110)
def on_pre_build(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        jupyter._used_cache_paths = _KeepAll()
