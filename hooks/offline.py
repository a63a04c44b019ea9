"""The offline edition: the site as a folder that works from file:// (README, "Offline edition").

Material's offline plugin (enabled in mkdocs.yml by `OFFLINE=true`) does the work: it turns off
directory URLs, so that every link names an `index.html` a browser can open from the disk (the
language switcher's links too: mkdocs-static-i18n builds them from the same setting), and it
copies the search index into `search/search_index.js`, which Material loads with a <script>
tag under file://, where a page cannot fetch JSON. This hook does two things more:

- The plugin adds a <script> from unpkg.com, the `iframe-worker` shim that runs Material's search
  worker in an iframe (a page opened from file:// may not start a Worker). The site requests
  nothing from another host, and an offline reader has no unpkg.com: the shim is the npm
  package's file, copied unchanged to docs/assets/iframe-worker/.
- The home page links the zip of this edition, which the workflow publishes beside the site.
  Inside the edition that link would lead nowhere, so the sentence is left out there.
- Links that only a web server resolves are re-aimed at files: a notebook's links to pages,
  written by hooks/notebooks.py as folders (`../../dense/parameters/`), the tool pages'
  `<script src>` and `<link href>` (the explorer's stylesheet), written for their folder URL
  (`../../assets/...`), and the language
  switcher's link on a notebook page, which mkdocs-static-i18n gives as an absolute path (`/`).
  tests/test_offline.py checks that every link of the edition names one of its files.
"""

import posixpath
import re
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

SHIM = "assets/iframe-worker/shim.js"
ZIP = "offline/dense-batchnorm-offline.zip"  # where .github/workflows/site.yml publishes it
ZIP_PARAGRAPH = re.compile(r"<p>(?:(?!</p>).)*?" + re.escape(ZIP) + r".*?</p>\s*", re.S)


def offline(config):
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return plugin is not None and plugin.config.enabled


@event_priority(-50)  # after the offline plugin's on_config, which adds the unpkg.com shim
def on_config(config):
    if offline(config):
        polyfills = config.extra.get("polyfills", [])
        config.extra["polyfills"] = [SHIM if "iframe-worker" in str(p) else p for p in polyfills]
    return config


LINK = re.compile(r'(?P<attr>\b(?:href|src)=")(?P<url>[^"#?]*)(?P<rest>[^"]*")')


def on_page_content(html, page, config, files):
    if not offline(config):
        return html
    html = ZIP_PARAGRAPH.sub("", html)  # only the home pages have it
    if page.file.src_uri.endswith(".ipynb"):
        html = LINK.sub(lambda m: _folder_link(m, page, files), html)
    else:  # a page's own <script src> and <link href> (the tools), raw HTML for its folder URL
        html = SCRIPT.sub(lambda m: _folder_link(m, page, files), html)
    return html


SCRIPT = re.compile(r'(?P<attr><(?:script\b[^>]*?\bsrc|link\b[^>]*?\bhref)=")(?P<url>[^"#?]*)(?P<rest>[^"]*")')


def _folder_link(m, page, files):
    """A link written relative to the page's folder URL (notebooks/dense/, tools/calculator/),
    aimed at the file it means, relative to the page's file URL."""
    url = m.group("url")
    if not url or re.match(r"^[a-z]+:|^/", url, re.I):
        return m.group(0)
    folder = posixpath.splitext(page.url)[0] + "/"  # notebooks/dense.html -> notebooks/dense/
    target = posixpath.normpath(posixpath.join(folder, url))
    if url.endswith("/"):  # a page: dense/parameters/ -> dense/parameters.html or dense/index.html
        stem = "" if target == "." else target + "/"
        pages = {file.url for file in files.documentation_pages()}
        candidates = [stem + "index.html", stem.rstrip("/") + ".html"]
        target = next((c for c in candidates if c in pages), candidates[0])
    elif target not in {file.dest_uri for file in files}:  # beside the page (the .ipynb download)
        return m.group(0)
    return m.group("attr") + get_relative_url(target, page.url) + m.group("rest")


ABSOLUTE = re.compile(r'(?P<attr>\b(?:href|src)=")/(?!/)(?P<url>[^"]*)"')


def _relative_paths(output, page_url, config):
    """Absolute paths (/index.html; /repo/index.html under a SITE_URL with a path) made relative."""
    base = urlsplit(config.site_url or "/").path.lstrip("/")

    def relative(m):
        url = m.group("url")
        url = url[len(base):] if base and url.startswith(base) else url
        return f'{m.group("attr")}{get_relative_url(url or ".", page_url)}"'

    return ABSOLUTE.sub(relative, output)


@event_priority(-200)  # after mkdocs-static-i18n has written the language switcher
def on_post_page(output, page, config):
    return _relative_paths(output, page.url, config) if offline(config) else output


def on_post_template(output, template_name, config):
    """404.html, which MkDocs writes with absolute paths for a web server to serve anywhere."""
    return _relative_paths(output, template_name, config) if offline(config) else output
