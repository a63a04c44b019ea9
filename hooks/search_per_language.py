"""One search index per language, and the glossary's other translations as search keywords.

mkdocs-static-i18n builds the languages one after the other and merges their entries into one
index, search/search_index.json, which every page of both languages loads: a Chinese reader's
search returned mostly English pages, and each page view carried both languages' index. After
the merge (mkdocs-static-i18n's on_post_build runs at priority -100), this hook splits it:

- search/search_index.json keeps the English entries (lunr's English pipeline only);
- zh/search/search_index.json gets the Chinese ones, their locations made relative to zh/;
- the Chinese pages' `base` in Material's `__config` points at zh/, where Material's search
  looks for search/search_index.json and resolves the results' locations.

Search keywords for Chinese pages, from docs/zh/glossary.md: a page that uses a chosen term
(移动平均) gets, at the end of its page entry, that term and its alternatives (滑动平均) as whole
words. jieba splits the indexed text into words (移动, 平均) but Material does not split a query,
so a query of several of jieba's words found nothing; a whole word matches it.
Material's offline plugin inlines the index into search/search_index.js; it is split too.
"""

import json
import posixpath
import re
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pagemodel  # noqa: E402

LANG = "zh"
CONFIG = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": )"[^"]*"')


def on_post_page(output, page, config):
    if not page.url.startswith(f"{LANG}/"):
        return output
    base = posixpath.relpath(LANG, posixpath.dirname(page.url))
    return CONFIG.sub(lambda m: f'{m.group(1)}"{base}"', output, count=1)


@event_priority(-200)
def on_post_build(config):
    site = Path(config.site_dir)
    path = site / "search" / "search_index.json"
    if not path.exists():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    prefix = f"{LANG}/"
    ours = [d for d in index["docs"] if d["location"].startswith(prefix)]
    default = [d for d in index["docs"] if not d["location"].startswith(prefix)]
    if not ours or not default:  # a single language's build, before mkdocs-static-i18n merges
        return
    for doc in ours:
        doc["location"] = doc["location"][len(prefix):]
    add_terms(ours, pagemodel.glossary(LANG))

    en = {"config": {**index["config"], "lang": ["en"]}, "docs": default}
    zh = {"config": index["config"], "docs": ours}
    for data, folder in ((en, site / "search"), (zh, site / LANG / "search")):
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if (site / "search" / "search_index.js").exists():  # the offline plugin's copy
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def add_terms(docs, rows):
    """Append to each page's entry the glossary terms its sections use, and their alternatives."""
    pages = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    for sections in pages.values():
        text = "".join(d["title"] + d["text"] for d in sections).replace("\u200b", "")
        terms = [
            term
            for chosen, alternatives in rows
            if any(t in text for t in chosen)
            for term in [t for t in chosen if t in text] + alternatives
        ]
        page = next((d for d in sections if "#" not in d["location"]), sections[0])
        if terms:
            page["text"] += " " + " ".join(terms)
