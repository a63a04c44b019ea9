"""One notebook per chapter and language, generated at build time from the chapter's pages.

pagemodel.notebook() assembles it (prose as Markdown cells, each included program as a code
cell with its recorded output); this hook writes it to .cache/notebooks/<lang>/notebooks/
(outside docs/, so `mkdocs serve` does not rebuild in a loop) and adds it to the build as a
generated file (MkDocs 1.6's File.generated); hooks/jupyter_i18n.py takes it through
mkdocs-static-i18n and makes it a page that mkdocs-jupyter renders. Nothing is executed here.

It also checks every page's includes, so that a missing snippet fails the build naming the
page and the line, and slims nbconvert's rendering down to what Material needs.
"""

import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pagemodel  # noqa: E402  (the repository root, where the page model lives)


_written = {}  # sources' state -> notebook paths: each language's build reuses the first's


def sources_state(config_file):
    paths = [Path(config_file), *pagemodel.pages(), *pagemodel.SNIPPETS.rglob("*")]
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths if p.is_file())


def write_notebooks(config_file):
    """Check every page, then write each chapter's notebook (a file changes only when its
    content does, so mkdocs-jupyter's cache keeps it)."""
    state = sources_state(config_file)
    if state not in _written:
        for page in pagemodel.pages():
            pagemodel.check_includes(pagemodel.Page.read(page))
        nav_config = pagemodel.mkdocs_config(config_file)
        written = []
        for chapter in pagemodel.chapters(nav_config):
            for lang in pagemodel.LANGUAGES:
                src_uri = f"{lang}/{chapter.notebook}"
                path = pagemodel.NOTEBOOK_DIR / src_uri
                content = pagemodel.notebook_json(chapter, lang, nav_config)
                if not path.exists() or path.read_text(encoding="utf-8") != content:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(content, encoding="utf-8")
                written.append((src_uri, path))
        _written.clear()
        _written[state] = written
    return _written[state]


@event_priority(-50)  # between mkdocs-jupyter's on_files (0) and mkdocs-static-i18n's (-100)
def on_files(files, config):
    for src_uri, path in write_notebooks(config.config_file_path):
        if files.get_file_from_path(src_uri) is None:
            files.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return files


STYLE = re.compile(r"<style[^>]*>.*?</style>\s*", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
COPY_WIDGET = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.S)
COPY_TEXT = re.compile(r'<div class="clipboard-copy-txt"[^>]*>.*?</div>\s*', re.S)
TOOLBAR = re.compile(r'<div class="celltoolbar">.*?</span>\s*</span>\s*</div>\s*</div>\s*', re.S)
# JupyterLab's "In [ ]:" prompts and the bars that collapse a cell: never shown on the site, and
# two elements of every cell that each restyling of the page went through (hooks/offscreen.py).
PROMPT = re.compile(r'<div class="jp-(?:Input|Output)Prompt[^"]*">[^<]*</div>\s*')
COLLAPSER = re.compile(r'<div class="jp-Collapser[^"]*">\s*</div>\s*')


def on_page_content(html, page, config, files):
    """Slim a rendered notebook down to what Material needs.

    nbconvert's output carries 570 KB of inline JupyterLab styles, a MathJax loader (an empty
    URL, which requests the page again), a Mermaid loader from a CDN and its own copy-button
    script. They all go: Material styles the code (class `highlight`), docs/assets/stylesheets/
    notebook.css lays out the cells, and hooks/katex_render.py renders the math at build time.
    So do the cells' prompts and collapse bars, which the site does not show.
    """
    if not page.file.src_uri.endswith(".ipynb"):
        return html
    # A notebook repeats its chapter's pages: keep it out of the search index, or every query
    # would find each answer twice and every page view would load the text twice.
    page.meta["search"] = {"exclude": True}
    for pattern in (STYLE, SCRIPT, COPY_WIDGET, COPY_TEXT, TOOLBAR, PROMPT, COLLAPSER):
        html = pattern.sub("", html)
    return html.replace("highlight-ipynb", "highlight")
