"""Code and display math that are off screen are not styled or laid out until they come near it.

Most of a long page's elements are a highlighted program's tokens (a span each) and KaTeX's
spans for display math: on /zh/notebooks/batchnorm/, 6,800 of 9,400. Material's JavaScript
restyles the whole document several times while a page starts (it sets and clears
`data-md-color-switching` on <body>, and reads styles and sizes back), and on a phone's CPU each
pass over every token was a long task (benchmarks/run.py: Lighthouse's mobile profile).

Each such block gets `content-visibility: auto` (CSS Containment 2): the browser skips the
style and layout of its contents until it is about to scroll into view, and keeps them in the
page for find-in-page, selection and screen readers. Its placeholder size is written here, from
the block itself, so that it is never smaller than the block: a program of n lines takes n + 1
lines (`lh`, the block's own line height; the extra line covers a horizontal scrollbar), a
formula the height of KaTeX's tallest strut plus its margins. A placeholder smaller than its
block would make tools that read the layout element by element see the block overlap what
follows it (axe-core then reported the text below a program as drawn on the program's grey),
and the page would grow as it is read. tests/test_reader.py checks, on every page at a phone's
width and at 1280 px, that no block outgrows its placeholder.

Only blocks that do not wrap get one: programs (docs/assets/stylesheets/reader.css wraps only
recorded outputs, whose lines can wrap, and which are text with few elements), notebook code
cells, display math. Material mounts its copy button on a code block when the block first
comes into view (the `content.lazy` feature in mkdocs.yml), so it does not lay out every block
at load to measure it.
"""

import re

# A program (pymdownx.highlight with pygments_lang_class; ```text blocks are recorded outputs).
CODE = re.compile(
    r'(<div (?:data-search-exclude )?class="language-(?!text\b)[\w-]+ highlight">.*?<pre[^>]*><span></span><code)'
    r"(>)(.*?)</code>",
    re.S,
)
# A notebook's code cell (nbconvert, restyled by hooks/notebooks.py): a <pre> without <code>.
CELL = re.compile(r'(<div (?:data-search-exclude )?class="highlight hl-\w+"><pre)((?: [^>]*)?>)(.*?)</pre>', re.S)
# Display math rendered by hooks/katex_render.py, and the tags inside it.
MATH = re.compile(r'<div class="arithmatex"(?=[ >])')
SPAN = re.compile(r"<(/?)span\b")
STRUT = re.compile(r'class="(?:katex-)?strut" style="height:([\d.]+)em')

KATEX_SCALE = 1.21  # katex.min.css: .katex { font: normal 1.21em KaTeX_Main }
KATEX_LINE = 1.2  # .katex { line-height: 1.2 }
KATEX_MARGINS = 2.0  # .katex-display { margin: 1em 0 }


def placeholder(size):
    return f' style="content-visibility: auto; contain-intrinsic-block-size: auto {size}"'


def lines(code):
    return code.rstrip("\n").count("\n") + 1


def math_height_em(html, start):
    """An upper bound of the height of the display formula whose block starts at `start`, in
    the em of its block: KaTeX gives each part of a formula a strut as tall as the part."""
    depth, struts = 0, []
    for tag in SPAN.finditer(html, start):
        depth += -1 if tag[1] else 1
        if depth == 0:
            struts = STRUT.findall(html, start, tag.start())
            break
    tallest = max((float(h) for h in struts), default=1.0)
    return round(KATEX_SCALE * (tallest + KATEX_LINE) + KATEX_MARGINS, 2)


def on_page_content(html, page, config, files):
    html = CODE.sub(lambda m: m[1] + placeholder(f"{lines(m[3]) + 1}lh") + m[2] + m[3] + "</code>", html)
    html = CELL.sub(lambda m: m[1] + placeholder(f"{lines(m[3]) + 1}lh") + m[2] + m[3] + "</pre>", html)
    return MATH.sub(lambda m: m[0] + placeholder(f"{math_height_em(html, m.end())}em"), html)
