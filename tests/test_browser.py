"""The built site in a real browser (Debian's chromium, driven by Playwright), served on localhost.

Every request to another host is blocked and recorded; the tests fail if any page makes one.
"""

import functools
import http.server
import os
import re
import shutil
import sys
import threading
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

if not CHROMIUM:
    message = (
        "browser tests need Debian's chromium: `sudo apt-get install chromium` "
        "(Playwright drives it; no browser is downloaded)"
    )
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)  # CI installs it (.ci/run): missing there is a failure
    pytest.skip(message, allow_module_level=True)


@pytest.fixture(scope="session")
def site_url(built_site):
    assert built_site["result"].returncode == 0, "the site did not build; see test_strict_build_passes"
    handler = functools.partial(QuietHandler, directory=str(built_site["site"]))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page left mid-load (the language switcher) closes its requests: not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Chromium resolves no host but this machine: a request to any other host fails at once, and
# the tab's "request" listener (below) records it. Routing every request through Playwright
# instead would also turn off the browser's cache, which a reader's browser has.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            *OFFLINE_ARGS,
        ],
    }


@pytest.fixture(scope="session")
def tab(browser, browser_context_args):
    """One Chromium tab for the session's browser tests, and what it saw: requests that left
    the site (`local` says what the site is), JavaScript errors, failed responses. A new
    browser context per test, as pytest-playwright makes, costs about a second of CPU (a new
    renderer, an empty cache) and these tests open a few hundred pages."""
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    log = SimpleNamespace(foreign=[], errors=[])  # `local` and `record_failed`: set by `page`

    def on_request(request):
        if not request.url.startswith(("data:", "blob:", "about:")) and not log.local(request.url):
            log.foreign.append(request.url)

    def on_failed(request):
        if log.record_failed and request.url not in log.foreign:
            log.errors.append(f"failed: {request.url}")

    page.on("request", on_request)
    page.on("requestfailed", on_failed)
    page.on("pageerror", lambda exc: log.errors.append(str(exc)))
    page.on("console", lambda msg: log.errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: log.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    yield page, log
    context.close()


@pytest.fixture
def page(tab, browser_context_args):
    """pytest-playwright's `page`, replaced by the session's one tab. Each test starts with an
    empty log, the default window size and no storage or routes left by the test before it."""
    page, log = tab
    log.local, log.record_failed = (lambda url: True), False
    log.foreign.clear()
    log.errors.clear()
    page.set_viewport_size(browser_context_args.get("viewport") or {"width": 1280, "height": 720})
    yield page
    page.unroute_all(behavior="ignoreErrors")
    page.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
    page.goto("about:blank")


@pytest.fixture
def visit(page, tab, site_url):
    """Open a site path; collect JavaScript errors and every request that leaves localhost."""
    log = tab[1]
    log.local = lambda url: urlparse(url).hostname == "127.0.0.1"

    def go(path):
        page.goto(site_url + path, wait_until="load")
        return page

    go.foreign, go.errors = log.foreign, log.errors
    return go


def test_a_request_to_another_host_is_caught(visit):
    """The guard the other tests rely on: a request that leaves the site is recorded, and fails."""
    page = visit("/")
    status = page.evaluate("fetch('https://cdn.example.org/x.js').then(() => 'loaded', () => 'failed')")
    assert status == "failed"
    assert visit.foreign == ["https://cdn.example.org/x.js"], visit.foreign


NOTEBOOKS = ["/notebooks/dense/", "/zh/notebooks/batchnorm/"]


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_page_loads_cleanly_with_outputs_and_math(visit, path):
    page = visit(path)
    assert page.locator(".jp-CodeCell").count() > 0
    assert page.locator(".jp-OutputArea-output").count() > 0
    assert not visit.errors, f"{path}: JavaScript errors or failed requests: {visit.errors}"
    assert not visit.foreign, f"{path}: requests to other hosts: {visit.foreign}"
    if "batchnorm" in path:
        assert page.locator(".arithmatex .katex").count() > 0, f"{path}: math not rendered"
    download = page.locator('a[href$=".ipynb"]').first.get_attribute("href")
    response = page.request.get(page.url + download)
    assert response.ok and response.json()["nbformat"] == 4, f"{path}: {download} does not download"


@pytest.mark.parametrize("path", ["/batchnorm/placement/", "/zh/batchnorm/placement/"])
def test_figures_are_shown(visit, path):
    page = visit(path)
    images = page.locator("article img")
    assert images.count() > 0
    widths = images.evaluate_all("imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert all(w > 0 for w in widths), f"{path}: an image did not load: {widths}"


@pytest.mark.parametrize("path", ["/dense/", "/zh/batchnorm/"])
def test_math_is_rendered(visit, path):
    page = visit(path)
    formulas = page.locator(".arithmatex")
    assert formulas.count() > 0
    assert page.locator(".arithmatex .katex").count() == formulas.count()
    text = page.locator("article").inner_text()
    assert "\\mathbf" not in text and "\\frac" not in text, f"{path}: raw TeX is visible"
    # KaTeX's own fonts loaded from this site (the foreign-request check covers other hosts).
    fonts = page.evaluate("[...document.fonts].filter(f => f.family.startsWith('KaTeX') && f.status === 'loaded').length")
    assert fonts > 0, f"{path}: no KaTeX font was loaded"


def test_code_blocks_get_their_copy_button_as_they_come_into_view(visit):
    """Material mounts a code block (its copy button, and its keyboard focus when it scrolls)
    when the block first comes into view: mkdocs.yml's `content.lazy`, a feature flag of
    Material's code-block component that its documentation does not list. Mounting every block
    at load measured each one, which laid out the off-screen code that hooks/offscreen.py keeps
    from being laid out. If a Material upgrade drops the flag, the first assertion fails."""
    page = visit("/zh/dense/parameters/")
    shown = "[...document.querySelectorAll('article pre > code')].filter(c => c.getClientRects().length)"
    without_button = f"{shown}.filter(c => !c.parentElement.querySelector('button[data-md-type=copy]'))"
    assert page.evaluate(f"{shown}.length") > 1
    assert page.evaluate(f"{without_button}.length"), (
        "every code block had its copy button at load: is content.lazy still a feature of Material's code blocks?"
    )
    page.evaluate(f"(async () => {{ for (const c of {shown}) {{ c.scrollIntoView(); await new Promise(requestAnimationFrame); }} }})()")
    page.wait_for_function(f"{without_button}.length === 0", timeout=5000)
    assert not visit.errors, visit.errors


@pytest.mark.parametrize(
    "start, query, expected",
    [
        ("/zh/", "参数", "/zh/dense/parameters/"),
        ("/zh/", "全连接层", "/zh/dense/"),
        ("/zh/", "延迟创建", "/zh/dense/lazy-weights/"),
        ("/zh/", "批量归一化", "/zh/batchnorm/"),
        ("/zh/", "不可训练参数", "/zh/summary/"),
        ("/", "parameters", "/dense/parameters/"),
        ("/", "lazily", "/dense/lazy-weights/"),
        ("/", "trainable", "/batchnorm/training-vs-trainable/"),
    ],
)
def test_search_finds_the_page(visit, start, query, expected):
    page = visit(start)
    hrefs = search(page, query)
    assert expected in hrefs, f"searching {query!r} from {start} found {hrefs}"
    assert not visit.foreign


def search(page, query):
    """The page paths of every result Material's search shows for the query."""
    box = "input.md-search__input"
    meta = "document.querySelector('.md-search-result__meta').textContent"
    config = "JSON.parse(document.getElementById('__config').textContent)"
    placeholder = f"{meta} === {config}.translations['search.result.placeholder']"
    page.click(box)
    page.fill(box, "")
    page.press(box, "End")
    page.wait_for_function(placeholder)
    # fill() types Chinese the way an input method commits it; Material searches on key events,
    # so a key press follows, as when a reader confirms the input method's choice.
    page.fill(box, query)
    page.press(box, "End")
    page.wait_for_function(f"!({placeholder})", timeout=15000)
    count = re.search(r"\d+", page.evaluate(meta))
    count = int(count.group()) if count else 0  # "No matching documents"
    items = ".md-search-result__item"
    while (shown := page.locator(items).count()) < count:
        # Material shows results ten at a time, then four more each time the list's end comes
        # into view: it reacts to the end coming into view, so leave it first, then go back.
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, 0)")
        page.wait_for_timeout(50)
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_function(f"document.querySelectorAll('{items}').length > {shown}", timeout=5000)
    hrefs = page.eval_on_selector_all(f"{items} a", "els => els.map(e => e.href)")
    return sorted({urlparse(h).path for h in hrefs})
