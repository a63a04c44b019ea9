"""The offline edition (README, "Offline edition"), built with README's own command and opened
from file:// in Chromium: navigation, the language switch, search and math.

The edition is built once for the session, into a temporary folder, by the command that
follows `<!-- offline: build command -->` in README.md, with its `--site-dir` (or `-d`) folder
replaced by that temporary one: what is tested is what a reader runs.
"""

import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml

from pagemodel import ROOT

try:  # Playwright's launch arguments for Debian's Chromium, as in the browser tests
    from test_browser import browser_type_launch_args, page, search, tab  # noqa: F401
except pytest.skip.Exception as skipped:  # no Chromium (outside CI): only the browser tests skip
    NO_BROWSER = str(skipped)
else:
    NO_BROWSER = ""
needs_browser = pytest.mark.skipif(bool(NO_BROWSER), reason=NO_BROWSER)

MARKER = "<!-- offline: build command -->"
ZIP = "offline/dense-batchnorm-offline.zip"


def readme_command():
    """The shell command in the block that follows README's marker."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert MARKER in text, f"README.md has no {MARKER!r}"
    block = re.search(re.escape(MARKER) + r"\s*```shell\n(?P<command>.*?)\n```", text, re.S)
    assert block, f"README.md: no ```shell block right after {MARKER!r}"
    return block.group("command").strip()


def with_site_dir(command, folder):
    """The command with the folder it names (`-d X`, `--site-dir X` or `--site-dir=X`) replaced."""
    words = shlex.split(command)
    for i, word in enumerate(words):
        if word in ("-d", "--site-dir") and i + 1 < len(words):
            return shlex.join(words[: i + 1] + [str(folder)] + words[i + 2 :]), words[i + 1]
        if word.startswith("--site-dir="):
            return shlex.join(words[:i] + [f"--site-dir={folder}"] + words[i + 1 :]), word.split("=", 1)[1]
    pytest.fail(f"README's offline command names no folder with -d or --site-dir: {command}", pytrace=False)


def in_this_environment(command):
    """README's command names the environment README's own setup makes (`.venv/bin/mkdocs`);
    run it with the Python that runs the tests instead, wherever that environment lives (a venv
    under another name, conda, a CI image): `.venv/bin/X` becomes `python -m X`."""
    words = shlex.split(command)
    for i, word in enumerate(words):
        if word.startswith(".venv/bin/"):
            tool = word.removeprefix(".venv/bin/")
            words[i : i + 1] = [sys.executable] if tool.startswith("python") else [sys.executable, "-m", tool]
    return shlex.join(words)


def test_readmes_command_runs_in_any_environment():
    command = "OFFLINE=true .venv/bin/mkdocs build --strict --site-dir offline-site"
    assert in_this_environment(command) == shlex.join(
        ["OFFLINE=true", sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "offline-site"]
    )


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("offline") / "site"
    command, _ = with_site_dir(in_this_environment(readme_command()), site)
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"README's offline command failed:\n{command}\n{result.stdout}\n{result.stderr}"
    assert (site / "index.html").exists(), f"README's offline command wrote no index.html into {site}"
    return site


class Links(HTMLParser):
    """(tag, attribute, URL) of every link and resource of a page."""

    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if name in ("href", "src") and value and not (tag == "link" and rel in ("canonical", "alternate")):
                self.links.append((tag, name, value))


def test_readme_names_the_edition_folder_and_gitignore_ignores_it():
    _, folder = with_site_dir(readme_command(), "x")
    ignored = subprocess.run(["git", "check-ignore", "-q", f"{folder.rstrip('/')}/index.html"], cwd=ROOT)
    assert ignored.returncode == 0, f".gitignore does not ignore README's offline folder {folder!r}"


def test_every_link_in_the_edition_names_a_file(offline_site):
    """From the disk a link to a folder opens a file listing, not its index.html; a link to /x
    opens the root of the disk. Every link and resource must name a file of the edition."""
    bad = []
    for html in offline_site.rglob("*.html"):
        finder = Links()
        finder.feed(html.read_text(encoding="utf-8"))
        for tag, attribute, link in finder.links:
            if re.match(r"^(?:[a-z]+:|//)", link, re.I):
                # a link to another site is the reader's to follow; a resource from one is not
                if tag != "a" and not link.startswith("data:"):
                    bad.append(f"{html.relative_to(offline_site)}: <{tag} {attribute}={link}>")
                continue
            path = unquote(link.split("#")[0].split("?")[0])
            if path and (path.startswith("/") or not (html.parent / path).resolve().is_file()):
                bad.append(f"{html.relative_to(offline_site)}: <{tag} {attribute}={link}>")
    assert not bad, "links that do not name a file of the edition:\n" + "\n".join(sorted(set(bad))[:40])


def test_the_edition_does_not_link_its_own_zip(offline_site):
    for home in (offline_site / "index.html", offline_site / "zh" / "index.html"):
        assert ZIP not in home.read_text(encoding="utf-8"), f"{home}: links the zip, which the edition lacks"


def test_workflow_publishes_the_edition_with_readmes_command():
    """The workflow's build job builds the zip with README's command (its folder aside) and puts
    it where the home pages link it."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    expected, _ = with_site_dir(readme_command(), "FOLDER")
    prefix = expected.split(" FOLDER")[0]
    steps = [r for r in runs if prefix in r and ZIP in r]
    assert steps, f"no step of the build job runs {prefix!r} and writes site/{ZIP}"
    for lang in ("en", "zh"):
        home = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
        assert ZIP in home, f"docs/{lang}/index.md does not link {ZIP}"


@pytest.fixture
def open_file(page, tab, offline_site):
    """Open a file of the edition by its path; collect JavaScript errors, failed requests and
    every request that is not for a file of the edition (tests/test_browser.py's tab)."""
    log = tab[1]
    root = offline_site.resolve().as_uri()
    log.local = lambda url: url.startswith(root + "/")
    log.record_failed = True

    def go(path):
        page.goto(f"{root}/{path}", wait_until="load")
        return page

    go.root, go.foreign, go.errors = root, log.foreign, log.errors
    return go


def where(page, root):
    """The page's path inside the edition: 'dense/parameters.html'."""
    return unquote(urlparse(page.url).path)[len(unquote(urlparse(root).path)) + 1 :]


@needs_browser
def test_navigation_from_the_home_page(open_file):
    page = open_file("index.html")
    assert page.locator("h1").inner_text().startswith("Dense layers and Batch Normalization")
    page.locator("article a", has_text="Counting parameters").first.click()
    page.wait_for_load_state("load")
    assert where(page, open_file.root) == "dense/parameters.html"
    assert page.locator("h1").count() == 1 and page.locator("article pre code").count() > 0
    page.locator("nav.md-nav--primary a", has_text="training versus trainable").first.dispatch_event("click")
    page.wait_for_url(re.compile(r"training-vs-trainable\.html$"), wait_until="load")
    assert not open_file.errors, f"JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"requests outside the edition: {open_file.foreign}"


@pytest.mark.parametrize("notebook, page_file", [("notebooks/dense.html", "dense/index.html"), ("zh/notebooks/batchnorm.html", "zh/batchnorm/index.html")])
@needs_browser
def test_notebook_links_lead_to_pages(open_file, notebook, page_file):
    """A notebook's links are written for the published site's folder URLs (hooks/notebooks.py)."""
    page = open_file(notebook)
    assert page.locator(".jp-CodeCell").count() > 0, f"{notebook}: no code cells"
    page.locator('.jp-MarkdownCell a[href$=".html"]').first.click()
    page.wait_for_load_state("load")
    assert where(page, open_file.root) == page_file, f"{notebook}: its first link went to {page.url}"
    assert not open_file.errors, f"JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"requests outside the edition: {open_file.foreign}"


@pytest.mark.parametrize("start", ["index.html", "dense/parameters.html"])
@needs_browser
def test_language_switch_and_back(open_file, start):
    page = open_file(start)
    for lang, expected in (("zh", f"zh/{start}"), ("en", start)):
        link = page.locator(f'.md-select a[hreflang="{lang}"]')
        assert link.count() == 1, f"{where(page, open_file.root)}: no language switcher entry for {lang}"
        link.dispatch_event("click")  # the reader's click, without waiting for the menu's animation
        # The whole path: "index.html" would also match the "zh/index.html" the page is leaving.
        page.wait_for_url(f"{open_file.root}/{expected}", wait_until="load")
        assert page.locator("html").get_attribute("lang").startswith(lang)
    assert not open_file.errors, f"JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"requests outside the edition: {open_file.foreign}"


@pytest.mark.parametrize(
    "start, query, expected",
    [("index.html", "parameters", "dense/parameters.html"), ("zh/index.html", "参数", "zh/dense/parameters.html")],
)
@needs_browser
def test_search_finds_the_page(open_file, start, query, expected):
    page = open_file(start)
    root = unquote(urlparse(open_file.root).path)
    found = [unquote(path)[len(root) + 1 :] for path in search(page, query)]
    assert expected in found, f"searching {query!r} from {start} found {found}"
    assert not open_file.foreign, f"requests outside the edition: {open_file.foreign}"
    assert not open_file.errors, f"JavaScript errors or failed requests: {open_file.errors}"


@pytest.mark.parametrize("path", ["batchnorm/index.html", "zh/batchnorm/index.html"])
@needs_browser
def test_math_is_rendered(open_file, path):
    page = open_file(path)
    formulas = page.locator(".arithmatex")
    assert formulas.count() > 0, f"{path}: no formula"
    assert page.locator(".arithmatex .katex").count() == formulas.count(), f"{path}: a formula is not KaTeX HTML"
    text = page.locator("article").inner_text()
    raw = re.findall(r"\\\(|\\\[|\$[^$\s][^$]*\$|\\frac|\\mathbf", text)
    assert not raw, f"{path}: raw TeX is visible: {raw[:5]}"
    fonts = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts]"
        ".filter(f => f.family.startsWith('KaTeX') && f.status === 'loaded').length)"
    )
    assert fonts > 0, f"{path}: no KaTeX font was loaded from the edition"
    assert not open_file.errors, f"{path}: JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"{path}: requests outside the edition: {open_file.foreign}"


@pytest.mark.parametrize("path", ["tools/explorer.html", "zh/tools/explorer.html"])
@needs_browser
def test_the_explorer_works_from_the_disk(open_file, path):
    """The explorer's scripts are classic ones (a page opened from file:// may not load a
    module script): it computes, finds its stylesheet, and its links to chapters name files."""
    page = open_file(path)
    page.wait_for_function("document.getElementById('kt-explorer').dataset.state === 'ok'")
    assert page.locator("#kt-explorer [data-q='xhat-0-0']").inner_text().strip(), f"{path}: no x_hat shown"
    styled = page.eval_on_selector("#kt-explorer .kt-scroll", "el => getComputedStyle(el).overflowX")
    assert styled == "auto", f"{path}: the explorer's stylesheet did not load"
    page.locator("#kt-explorer .kt-train").first.click()
    assert "h=t" in page.url, page.url
    links = page.eval_on_selector_all("#kt-explorer .kt-see a", "as => as.map(a => a.href)")
    missing = [link for link in links if not offline_path(link).is_file()]
    assert links and not missing, f"{path}: the explorer links what the edition does not hold: {missing}"
    assert not open_file.errors, f"{path}: JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"{path}: requests outside the edition: {open_file.foreign}"


@pytest.mark.parametrize("path", ["tools/calculator.html", "zh/tools/explainer.html"])
@needs_browser
def test_the_calculator_and_the_explainer_work_from_the_disk(open_file, path):
    """Their scripts are classic ones too: a module script does not load from file://. A model
    typed into the calculator, or the summary the explainer starts with, gives a table."""
    page = open_file(path)
    tool = "#kt-calculator" if "calculator" in path else "#kt-explainer"
    if "calculator" in path:
        page.fill(f"{tool} textarea", "from tensorflow import keras\n\nmodel = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)])\n")
    page.wait_for_function(f"document.querySelector('{tool}').dataset.state === 'ok'", timeout=10000)
    cells = page.eval_on_selector_all(f"{tool} table td", "tds => tds.map(td => td.textContent.trim())")
    if "calculator" in path:
        assert "15" in cells, f"{path}: Dense(3) on 4 inputs is not 15 parameters: {cells}"
    else:
        assert len(cells) > 3, f"{path}: the explainer shows no rows for its example: {cells}"
    assert not open_file.errors, f"{path}: JavaScript errors or failed requests: {open_file.errors}"
    assert not open_file.foreign, f"{path}: requests outside the edition: {open_file.foreign}"


def offline_path(url):
    """The file a file:// address names."""
    return Path(unquote(urlparse(url).path))
