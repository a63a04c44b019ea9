"""Workarounds for mkdocs-jupyter (0.26.3) with mkdocs-static-i18n (1.3.1), in one place.

Upstream: https://github.com/ultrabug/mkdocs-static-i18n/issues/198 (mkdocs-static-i18n
rebuilds other plugins' Files). tests/test_notebooks.py::test_plugin_workarounds_still_hold
checks each assumption below and fails, naming it, when a plugin upgrade changes it.

1. mkdocs-static-i18n (its on_files, at priority -100) rebuilds every File of docs_dir as a
   plain one, which undid mkdocs-jupyter's marking of a notebook as a page (the page came out
   as the raw JSON), and passes files from elsewhere, such as the notebooks hooks/notebooks.py
   generates, through untouched, in both languages' builds. on_files below runs after it: it
   keeps the notebooks of the language being built and makes them pages (mkdocs-jupyter's
   NotebookFile) at that language's address (/notebooks/x/, /zh/notebooks/x/).
2. mkdocs-jupyter's cache (.cache/mkdocs-jupyter, keyed by the notebook's content) drops, after
   each build, the entries that build did not use (its `_used_cache_paths`); mkdocs-static-i18n
   runs one build per language, so each language evicted the other's. on_pre_build below keeps
   every entry.
3. mkdocs-static-i18n points Material's language switcher (config.extra.alternate) at the
   page's twin in its on_page_context, but only for pages of Files it made (with a `locale`):
   a notebook page kept the links of the page built before it. on_page_context below points
   them at the notebook's own twins.
"""

import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pagemodel  # noqa: E402

I18N_FILES_PRIORITY = -100  # mkdocs-static-i18n's on_files


@event_priority(I18N_FILES_PRIORITY - 10)
def on_files(files, config):
    from mkdocs_jupyter.plugin import NotebookFile

    i18n = config.plugins.get("i18n")
    current = i18n.current_language if i18n else pagemodel.LANGUAGES[0]
    for file in [f for f in files if f.src_uri.endswith(".ipynb") and not isinstance(f, NotebookFile)]:
        lang, _, doc_path = file.src_uri.partition("/")
        files.remove(file)
        if lang != current:
            continue
        page = NotebookFile(file, use_directory_urls=config.use_directory_urls, site_dir=config.site_dir)
        page.abs_src_path = file.abs_src_path  # NotebookFile recomputes it from src_dir: None for a generated file
        prefix = "" if lang == pagemodel.LANGUAGES[0] else f"{lang}/"
        if config.use_directory_urls:
            page.url = prefix + pagemodel.url_of(doc_path)
            page.dest_path = page.url + "index.html"
        else:  # the offline edition (Material's offline plugin): notebooks/dense.html
            page.dest_path = prefix + doc_path[: -len(".ipynb")] + ".html"
            page.url = page.dest_path
        page.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, page.dest_path))
        files.append(page)
    return files


class KeepAll(set):
    """A used-entries set that reports every cache entry as used: nothing is evicted."""

    def __contains__(self, item):
        return True


@event_priority(-110)  # after mkdocs-jupyter's on_pre_build, which empties the set
def on_pre_build(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None:
        jupyter._used_cache_paths = KeepAll()


def on_page_context(context, page, config, nav):
    from mkdocs_jupyter.plugin import NotebookFile

    if not isinstance(page.file, NotebookFile):
        return context
    _, _, doc_path = page.file.src_uri.partition("/")  # en/notebooks/dense.ipynb
    # mkdocs-static-i18n sets `config.extra.alternate` as an attribute, which Material's
    # template reads before the mapping's key of the same name.
    for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate", []):
        prefix = "" if alternate["lang"] == pagemodel.LANGUAGES[0] else f"{alternate['lang']}/"
        if config.use_directory_urls:
            alternate["link"] = prefix + pagemodel.url_of(doc_path)
        else:  # the offline edition
            alternate["link"] = prefix + doc_path[: -len(".ipynb")] + ".html"
    return context
