"""The reader's experience, in Chromium: every page and its twin, search in the page's language.

- Every page, Markdown or notebook, is read with its twin in the other language, through the
  language switcher: two page views for both pages' checks.
- At a 1280x800 window no code block scrolls sideways; on a phone only code may scroll.
- axe-core (bundled by axe-playwright-python) finds no serious or critical violation, and no
  violation of the rules Lighthouse's accessibility score is made of: the score is 100.
- Every image has alt text in its page's language.
- Search on a page finds pages of that page's language only (hooks/search_per_language.py),
  the API names the pages discuss, and, on Chinese pages, the pages of a glossary term when
  the reader types one of the term's other translations (docs/zh/glossary.md).
"""


import functools
from urllib.parse import urlparse

import pytest

from pagemodel import LANGUAGES, glossary, notebook_nav_entries, pages, twin, url_of, url_path
from test_browser import browser_type_launch_args, page, search, site_url, tab, visit  # noqa: F401 (fixtures)


def twin_pairs():
    """(English address, Chinese address) of every page: the Markdown pages and the notebooks."""
    pairs = [(url_path(page), url_path(twin(page))) for page in pages(LANGUAGES[0])]
    for notebook in notebook_nav_entries():
        path = url_of(notebook)
        pairs.append((f"/{path}", f"/{LANGUAGES[1]}/{path}"))
    return pairs


PAIRS = twin_pairs()
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


# hooks/offscreen.py gives code blocks and display math `content-visibility: auto` with a
# placeholder size. A block taller than its placeholder would overlap, in layout read element by
# element (axe-core, Lighthouse), the text that follows it. Each such block's height is measured
# with its contents shown, and compared with the placeholder the build gave it (without `auto`,
# which would give the size last drawn, at another window size).
BLOCKS_OUTGROWING_THEIR_PLACEHOLDER = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("article [style*='content-visibility']")) {
    if (!el.getClientRects().length) continue;  // in a closed tab
    const style = el.getAttribute("style");
    el.style.contentVisibility = "visible";
    const real = el.getBoundingClientRect().height;
    el.style.containIntrinsicBlockSize = el.style.containIntrinsicBlockSize.replace("auto ", "");
    el.style.contentVisibility = "hidden";
    const placeholder = el.getBoundingClientRect().height;
    el.setAttribute("style", style);
    if (real > placeholder + 0.5)
      found.push(`${el.tagName.toLowerCase()} ${Math.round(real)}px tall, placeholder ${Math.round(placeholder)}px: ${el.textContent.trim().slice(0, 50)}`);
  }
  return found;
}
"""

# A program as drawn, against the same program with its lines kept whole: taller means that a
# line wraps (in the middle of a name, on a phone), which breaks Python's visible structure. A
# program wider than the window scrolls sideways instead.
PROGRAMS_THAT_WRAP = """
() => {
  const found = [];
  for (const el of document.querySelectorAll("article .language-python pre > code, article .hl-python > pre")) {
    if (!el.getClientRects().length) continue;
    const style = el.getAttribute("style");
    el.style.contentVisibility = "visible";
    const drawn = el.scrollHeight;
    el.style.whiteSpace = "pre";
    const unwrapped = el.scrollHeight;
    if (style === null) el.removeAttribute("style"); else el.setAttribute("style", style);
    if (drawn > unwrapped + 0.5) found.push(`${drawn}px tall, ${unwrapped}px unwrapped: ${el.textContent.trim().slice(0, 50)}`);
  }
  return found;
}
"""


def open_everything(page):
    page.add_style_tag(content=SHOW_ALL)
    page.evaluate(OPEN_DETAILS)


# Lighthouse's accessibility score is the weighted share of these axe-core rules that report no
# violation (Lighthouse 13: core/config/default-config.js, the rules with a weight above 0; its
# gatherer core/gather/gatherers/accessibility.js runs axe-core on the page). The score is 100
# exactly when none of them reports a violation, whatever its impact. target-size is weighed
# but its gatherer does not run it (GoogleChrome/lighthouse#15824), so it is left out here.
LIGHTHOUSE_RULES = """
accesskeys aria-allowed-attr aria-command-name aria-conditional-attr aria-deprecated-role
aria-dialog-name aria-hidden-body aria-hidden-focus aria-input-field-name aria-meter-name
aria-progressbar-name aria-prohibited-attr aria-required-attr aria-required-children
aria-required-parent aria-roles aria-text aria-toggle-field-name aria-tooltip-name
aria-treeitem-name aria-valid-attr-value aria-valid-attr button-name bypass color-contrast
definition-list dlitem document-title duplicate-id-aria form-field-multiple-labels frame-title
heading-order html-has-lang html-lang-valid html-xml-lang-mismatch image-alt input-button-name
input-image-alt label link-in-text-block link-name list listitem meta-refresh meta-viewport
object-alt select-name skip-link tabindex td-headers-attr th-has-data-cells
valid-lang video-caption landmark-one-main autocomplete-valid presentation-role-conflict
svg-img-alt
""".split()

# axe-core's colour-contrast rule costs most of its run, and most of that goes to code: each
# token of a highlighted block is an element. Within one <pre>, tokens drawn alike (the same
# colour, font and backgrounds, theirs and their ancestors' up to the block) have the same
# contrast, so the rule checks the first visible one of each kind in each block, and all text
# outside code: every other element of a block is marked to be skipped, and the rule's
# selector (axe.configure) leaves the marked ones out, so that one axe run checks every rule.
# If axe cannot decide a sample (covered by another element, say), the rule runs again on
# every element of the page. test_a_code_token_or_a_heading_out_of_order_is_found shows that
# an unreadable token colour and a Lighthouse-only rule are still caught.
MARK_CODE_SAMPLES = """
() => {
  const chains = new Map();
  const own = (el) => {
    const s = getComputedStyle(el);
    return [s.backgroundColor, s.backgroundImage, s.opacity, s.filter, s.mixBlendMode].join(";");
  };
  const chain = (el, block) => {
    if (el === block) return own(el);
    if (!chains.has(el)) chains.set(el, own(el) + ">" + chain(el.parentElement, block));
    return chains.get(el);
  };
  for (const block of document.querySelectorAll("pre")) {
    const seen = new Set();
    const box = block.getBoundingClientRect();
    block.setAttribute("data-contrast-skip", "");
    for (const el of block.querySelectorAll("*")) {
      el.setAttribute("data-contrast-skip", "");
      if (el.children.length || !el.textContent.trim() || !el.checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.left < box.left || r.right > box.right) continue;  // scrolled out of sight
      const s = getComputedStyle(el);
      const key = [s.color, s.fontSize, s.fontWeight, s.fontStyle, s.textShadow, chain(el, block)].join("|");
      if (!seen.has(key)) {
        seen.add(key);
        el.removeAttribute("data-contrast-skip");
        el.setAttribute("data-contrast-sample", "");
      }
    }
  }
}
"""
RUN_AXE = """
async ([options, sampled]) => {
  axe.configure({rules: [{id: "color-contrast", selector: sampled ? ":not([data-contrast-skip])" : "*"}]});
  const results = await axe.run(document, {...options, resultTypes: ["violations", "incomplete"], elementRef: true});
  const undecided = results.incomplete.some(
    (v) => v.id === "color-contrast" && v.nodes.some((n) => n.element.hasAttribute("data-contrast-sample")));
  return {
    version: results.testEngine.version,
    undecided,
    violations: results.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, target: v.nodes[0].target,
    })),
  };
}
"""


@functools.cache
def axe_script():
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def accessibility_violations(page):
    """axe-core's violations on the page, in one run: every rule axe runs by default and every
    rule that Lighthouse's accessibility score weighs, colour contrast sampled in code (above)."""
    page.evaluate(axe_script())
    page.evaluate(MARK_CODE_SAMPLES)
    rules = {rule: {"enabled": True} for rule in LIGHTHOUSE_RULES}
    found = page.evaluate(RUN_AXE, [{"rules": rules}, True])
    violations = found["violations"]
    if found["undecided"]:
        violations = [v for v in violations if v["id"] != "color-contrast"]
        violations += page.evaluate(RUN_AXE, [{"runOnly": ["color-contrast"]}, False])["violations"]
    return found["version"], violations


def accessibility_problems(page):
    """The serious and critical violations, and any that takes Lighthouse's score below 100."""
    version, violations = accessibility_violations(page)
    return [
        f"axe-core {version}: {v['impact']} {v['id']} ({v['count']}x, e.g. {v['target']}): {v['help']}"
        for v in violations
        if v["impact"] in ("serious", "critical") or v["id"] in LIGHTHOUSE_RULES
    ]


def images_without_alt_text_in_the_page_language(page, path):
    alts = page.eval_on_selector_all("img", "imgs => imgs.map(i => [i.getAttribute('src'), i.getAttribute('alt')])")
    found = [f"image without alt text: {src[:60]}" for src, alt in alts if not (alt or "").strip()]
    if path.startswith("/zh/"):
        found += [f"image whose alt text is not Chinese: {src[:60]}: {alt}" for src, alt in alts if alt and alt.isascii()]
    return found


def reader_problems(page, path):
    """Five checks of the page on screen (each problem is listed, none hides another):
    (a) axe-core finds no serious or critical violation, and none of a rule that Lighthouse's
        accessibility score weighs (so that the score is 100), at 1280x800;
    (b) every image has alt text, in Chinese on a Chinese page;
    (c) at 1280x800 no code block scrolls sideways, in any tab or collapsed block;
    (d) at 390x844, a phone, the page itself is no wider than the window (code may scroll),
        and no line of a program wraps;
    (e) at both sizes, no code block or formula is taller than its placeholder (hooks/offscreen.py).
    Leaves the page at the desktop size, with every tab and collapsed block open."""
    page.set_viewport_size(DESKTOP)
    problems = accessibility_problems(page)
    problems += images_without_alt_text_in_the_page_language(page, path)
    open_everything(page)
    problems += [f"at 1280x800, code {found}" for found in page.evaluate(CODE_THAT_DOES_NOT_FIT)]
    problems += [f"at 1280x800, {found}" for found in page.evaluate(BLOCKS_OUTGROWING_THEIR_PLACEHOLDER)]
    page.set_viewport_size(PHONE)
    width, window = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    if width > window:
        problems.append(f"at 390x844 the page is {width}px wide, the window {window}px")
    problems += [f"at 390x844, a program wraps: {found}" for found in page.evaluate(PROGRAMS_THAT_WRAP)]
    problems += [f"at 390x844, {found}" for found in page.evaluate(BLOCKS_OUTGROWING_THEIR_PLACEHOLDER)]
    page.set_viewport_size(DESKTOP)
    return problems


@pytest.mark.parametrize("english, chinese", PAIRS, ids=[english for english, _ in PAIRS])
def test_page_and_its_twin_read_well_and_switch_language(visit, page, english, chinese):
    """English page -> language switcher -> Chinese twin, two page views: on each of the two
    pages, reader_problems' five checks, a single h1, no JavaScript error and no failed or
    foreign request; the switch lands on the twin, and the twin's switcher leads back."""
    page.set_viewport_size(DESKTOP)
    visit(english)
    problems = []
    for here, there, lang in ((english, chinese, "zh"), (chinese, english, "en")):
        problems += [f"{here}: {found}" for found in reader_problems(page, here)]
        if page.locator("h1").count() != 1:
            problems.append(f"{here}: no single h1")
        link = page.locator(f'.md-select a[hreflang="{lang}"]')
        assert link.count() == 1, f"{here}: no language switcher entry for {lang}"
        if lang == "en":  # back: the link's address, without a third page view
            target = urlparse(link.evaluate("a => a.href")).path
            assert target == there, f"{here}: the switcher leads to {target}"
            break
        link.dispatch_event("click")  # the reader's click, without waiting for the menu's animation
        page.wait_for_url(lambda url: urlparse(url).path != here, wait_until="load")
        assert urlparse(page.url).path == there, f"{here}: the switcher went to {page.url}"
    problems += [f"JavaScript error or failed request: {error}" for error in visit.errors]
    problems += [f"request to another host: {url}" for url in visit.foreign]
    assert not problems, f"{english} and {chinese}:\n  " + "\n  ".join(problems)


def test_a_code_token_or_a_heading_out_of_order_is_found(visit):
    """The sweep above would notice: one token colour made unreadable in the code (sampled
    contrast), and a heading that skips levels (moderate: only Lighthouse's rules count it)."""
    page = visit("/zh/batchnorm/")
    comment = page.locator("article pre code .c1").count()
    assert comment > 1, "the page has no code comments to make unreadable"
    page.add_style_tag(content="article pre code .c1 { color: #e6e6e6 !important; }")
    page.evaluate("document.querySelector('article h1').insertAdjacentHTML('afterend', '<h4>skipped</h4>')")
    problems = "\n".join(accessibility_problems(page))
    assert " color-contrast (" in problems, problems
    assert "moderate heading-order" in problems, problems


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


INDEX = "search/search_index.json"


@pytest.mark.parametrize("home", ["/", "/zh/"])
def test_search_index_is_downloaded_only_when_the_reader_opens_search(visit, page, home):
    """docs/assets/javascripts/search-on-demand.js holds Material's index request back until
    search is opened. Fails if Material requests the index some other way (then it loads with
    the page again), or if holding it back breaks search."""
    requested = []

    def on_request(request):
        if request.url.endswith(INDEX):
            requested.append(request.url)

    page.on("request", on_request)
    try:
        visit(home)
        page.wait_for_load_state("networkidle")
        assert not requested, f"{home}: the search index was requested before search was opened: {requested}"
        assert search(page, "trainable"), f"{home}: search found nothing once opened"
        assert len(requested) == 1, f"{home}: the index was requested {len(requested)} times: {requested}"
    finally:
        page.remove_listener("request", on_request)
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def test_a_page_reached_from_a_search_result_highlights_the_query(visit, page):
    """Material's search.highlight needs the index at once on a page opened from a result (?h=)."""
    visit("/dense/?h=units")
    page.wait_for_selector("article mark[data-md-highlight]", timeout=10000)
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign
