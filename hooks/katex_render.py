"""Render the page's math at build time with the KaTeX copy in docs/assets/katex.

pymdownx.arithmatex (generic mode) leaves `\\( ... \\)` and `\\[ ... \\]` in the HTML. This hook
runs katex.min.js in QuickJS (a small JavaScript engine, no Node.js needed) and puts KaTeX's
HTML in their place, so a reader's browser loads no JavaScript for math at all, only
katex.min.css and the fonts it uses, and only on pages that have math. A formula KaTeX cannot
parse fails the build, naming the page.
"""

import html
import re
from pathlib import Path

import quickjs
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

KATEX = Path(__file__).resolve().parent.parent / "docs" / "assets" / "katex"
CSS = "assets/katex/katex.min.css"
MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>',
    re.S,
)

_render = None


def renderer():
    global _render
    if _render is None:
        context = quickjs.Context()
        context.eval((KATEX / "katex.min.js").read_text(encoding="utf-8"))
        _render = context.eval(
            "(function (tex, display) {"
            " return katex.renderToString(tex, {displayMode: display, throwOnError: true}); })"
        )
    return _render


# In a notebook's Markdown cells (rendered by nbconvert) math is left as $...$ or $$...$$ text.
NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|(?<![\\$])\$(?P<inline>[^$\n]+?)\$", re.S)
PRE = re.compile(r"(<pre\b.*?</pre>)", re.S)


def notebook_math_to_arithmatex(content):
    def wrap(m):
        if m.group("display") is not None:
            return f'<div class="arithmatex">\\[{m.group("display")}\\]</div>'
        return f'<span class="arithmatex">\\({m.group("inline")}\\)</span>'

    parts = PRE.split(content)
    return "".join(p if p.startswith("<pre") else NOTEBOOK_MATH.sub(wrap, p) for p in parts)


def on_page_content(content, page, config, files):
    if page.file.src_uri.endswith(".ipynb"):
        content = notebook_math_to_arithmatex(content)

    def replace(m):
        display = m.group("display") is not None
        tex = html.unescape(m.group("display") if display else m.group("inline"))
        try:
            rendered = renderer()(tex, display)
        except quickjs.JSException as err:
            raise PluginError(f"{page.file.src_uri}: KaTeX cannot render {tex!r}: {err}") from None
        tag = m.group("tag")
        return f'<{tag} class="arithmatex">{rendered}</{tag}>'

    return MATH.sub(replace, content)


# The fonts of KaTeX's ordinary text and its italic variables, fetched with the page rather than
# when the first formula is laid out: arriving after the first paint, they changed the height
# of the lines around each formula, and moved the text below it (Lighthouse's layout shift, up
# to 0.21 on a page). Used by every page with math; the rarer ones (bold, large delimiters)
# still load on demand.
FONTS = {
    "assets/katex/fonts/KaTeX_Main-Regular.woff2": 'class="katex',
    "assets/katex/fonts/KaTeX_Math-Italic.woff2": "mathnormal",
}


def on_post_page(output, page, config):
    if 'class="katex' not in output:
        return output
    links = [f'<link rel="stylesheet" href="{get_relative_url(CSS, page.url)}">']
    if config.use_directory_urls:  # not the offline edition: from file:// a font preload is refused
        links += [
            f'<link rel="preload" href="{get_relative_url(font, page.url)}" as="font" type="font/woff2" crossorigin>'
            for font, used in FONTS.items()
            if used in output
        ]
    return output.replace("</head>", "\n".join(links) + "\n</head>", 1)
