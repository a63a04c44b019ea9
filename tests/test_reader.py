"""The reader's experience, in Chromium: code that fits, accessible pages, search in the page's language.

- At a 1280x800 window no code block scrolls sideways; on a phone only code may scroll.
- axe-core (bundled by axe-playwright-python) finds no serious or critical violation.
- Every image has alt text in its page's language.
- Search on a page finds pages of that page's language only (hooks/search_per_language.py),
  the API names the pages discuss, and, on Chinese pages, the pages of a glossary term when
  the reader types one of the term's other translations (docs/zh/glossary.md).
"""


import pytest

from pagemodel import DOCS, LANGUAGES, glossary, pages, url_path
from test_browser import browser_type_launch_args, search, site_url, visit  # noqa: F401 (fixtures)


def site_pages():
    """Every page of both languages: Markdown pages and notebooks."""
    found = []
    for lang in LANGUAGES:
        for path in sorted((DOCS / lang).rglob("*")):
            if path.suffix in (".md", ".ipynb"):
                found.append(url_path(path.with_suffix(".md")))
    return found


PAGES = site_pages()
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

# Every tab and collapsed block open, so that the code in all of them is measured.
SHOW_ALL = ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"
OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true)"

# Code elements (Material's `pre > code`, nbconvert's bare `pre`) that scroll sideways because
# their text is wider than they are. Recorded outputs wrap long lines (reader.css): their lines
# with box-drawing characters (summary() tables) must fit unwrapped, or the table breaks up.
CODE_THAT_DOES_NOT_FIT = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("article pre > code, article pre:not(:has(> code))")) {
    if (!el.clientWidth) continue;
    const lines = el.textContent.split("\\n");
    if (el.scrollWidth > el.clientWidth) {
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a));
      found.push(`scrolls ${el.scrollWidth - el.clientWidth}px, longest line (${longest.length}): ${longest}`);
      continue;
    }
    const probe = document.createElement("span");
    probe.textContent = "0".repeat(100);
    probe.style.whiteSpace = "pre";
    el.appendChild(probe);
    const ch = probe.getBoundingClientRect().width / 100;
    probe.remove();
    const style = getComputedStyle(el);
    const columns = (el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / ch;
    for (const line of lines) {
      if (/[\\u2500-\\u257f]/.test(line) && line.length > columns)
        found.push(`table line of ${line.length} columns wraps at ${Math.floor(columns)}: ${line.slice(0, 60)}`);
    }
  }
  return found;
}
"""


def open_everything(page):
    page.add_style_tag(content=SHOW_ALL)
    page.evaluate(OPEN_DETAILS)


def serious_accessibility_violations(page):
    """axe-core's serious and critical violations, as axe-core would name them."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page).response
    version = results["testEngine"]["version"]
    return [
        f"axe-core {version}: {v['impact']} {v['id']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']}): {v['help']}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def images_without_alt_text_in_the_page_language(page, path):
    alts = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.getAttribute('src'), i.getAttribute('alt')])")
    found = [f"image without alt text: {src[:60]}" for src, alt in alts if not (alt or "").strip()]
    if path.startswith("/zh/"):
        found += [f"image whose alt text is not Chinese: {src[:60]}: {alt}" for src, alt in alts if alt and alt.isascii()]
    return found


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_the_window_and_is_accessible(visit, page, path):
    """One page view, four checks (each problem is listed, none hides another):
    (a) at 1280x800 no code block scrolls sideways, in any tab or collapsed block;
    (b) axe-core finds no serious or critical violation, at 1280x800;
    (c) every image has alt text, in Chinese on a Chinese page;
    (d) at 390x844, a phone, the page itself is no wider than the window (code may scroll)."""
    page.set_viewport_size(DESKTOP)
    visit(path)
    problems = serious_accessibility_violations(page)
    problems += images_without_alt_text_in_the_page_language(page, path)
    open_everything(page)
    problems += [f"at 1280x800, code {found}" for found in page.evaluate(CODE_THAT_DOES_NOT_FIT)]
    page.set_viewport_size(PHONE)
    width, window = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if width > window:
        problems.append(f"at 390x844 the page is {width}px wide, the window {window}px")
    assert not problems, f"{path}:\n  " + "\n  ".join(problems)


API_NAMES = {
    "trainable": "batchnorm/training-vs-trainable/",
    "BatchNormalization": "batchnorm/",
    "moving_variance": "batchnorm/",
    "Dense": "dense/",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_api_names_in_the_page_language(visit, lang):
    home = "/" if lang == "en" else f"/{lang}/"
    page = visit(home)
    for query, expected in API_NAMES.items():
        found = search(page, query)
        other = [p for p in found if p.startswith("/zh/") != (lang == "zh")]
        assert not other, f"searching {query!r} from {home} found pages in another language: {other}"
        assert home + expected in found, f"searching {query!r} from {home} did not find {home + expected}: {found}"
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def test_glossary_alternatives_find_the_pages_of_the_chosen_term(visit):
    """A reader who types 滑动平均 finds the pages that say 移动平均 (this site's term)."""
    texts = {url_path(p): p.read_text(encoding="utf-8").split("---", 2)[-1] for p in pages("zh")}
    page = visit("/zh/")
    missed = []
    for chosen, alternatives in glossary():
        term_pages = {path for path, text in texts.items() if any(t in text for t in chosen)}
        assert term_pages, f"no Chinese page uses {chosen}"
        for alternative in alternatives:
            found = set(search(page, alternative))
            if not term_pages <= found:
                missed.append(f"{alternative} (for {'/'.join(chosen)}) misses {sorted(term_pages - found)}")
    assert not missed, "glossary alternatives that do not find their term's pages:\n  " + "\n  ".join(missed)
