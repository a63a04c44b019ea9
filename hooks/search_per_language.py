"""One search index per language, and the glossary's other translations as search keywords.

mkdocs-static-i18n builds the languages one after the other and merges their entries into one
index, search/search_index.json, which every page of both languages loads: a Chinese reader's
search returned mostly English pages, and each page view carried both languages' index. After
the merge (mkdocs-static-i18n's on_post_build runs at priority -100), this hook splits it:

- search/search_index.json keeps the English entries (lunr's English pipeline only);
- zh/search/search_index.json gets the Chinese ones, their locations made relative to zh/;
- the Chinese pages' `base` in Material's `__config` points at zh/, where Material's search
  looks for search/search_index.json and resolves the results' locations.

Each alternative translation that docs/zh/glossary.md lists (滑动平均 for 移动平均) is appended to
the page entry of every Chinese page that uses the chosen term, segmented by the search plugin
as the rest of the text is, so that a reader who searches with it finds those pages.
Material's offline plugin inlines the index into search/search_index.js; it is split too.
"""

import json
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority

LANG = "zh"
CONFIG = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": )"[^"]*"')


def glossary(docs_dir):
    """(chosen terms, alternatives) rows of the table in docs/zh/glossary.md."""
    rows = []
    path = Path(docs_dir) / LANG / "glossary.md"
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and re.search(r"[\u4e00-\u9fff]", cells[1]) and cells[1] != "本站用语":
            chosen = [t.strip() for t in cells[1].split("/")]
            rows.append((chosen, [a.strip() for a in cells[2].split("、") if a.strip()]))
    return rows


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
    search = next(p for n, p in config.plugins.items() if n in ("search", "material/search"))
    add_alternatives(ours, glossary(config.docs_dir), search.search_index)

    en = {"config": {**index["config"], "lang": ["en"]}, "docs": default}
    zh = {"config": index["config"], "docs": ours}
    for data, folder in ((en, site / "search"), (zh, site / LANG / "search")):
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        (folder / "search_index.json").write_text(text, encoding="utf-8")
        if (site / "search" / "search_index.js").exists():  # the offline plugin's copy
            (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")


def add_alternatives(docs, rows, index):
    pages = {}
    for doc in docs:
        pages.setdefault(doc["location"].split("#")[0], []).append(doc)
    for location, sections in pages.items():
        text = "".join(d["title"] + d["text"] for d in sections).replace("\u200b", "")
        if location == "glossary/":  # lists the alternatives itself
            continue
        alternatives = [a for chosen, alts in rows if any(t in text for t in chosen) for a in alts]
        page = next((d for d in sections if "#" not in d["location"]), sections[0])
        if alternatives:
            page["text"] += " " + index._segment_chinese("其他译法：" + "、".join(alternatives))
