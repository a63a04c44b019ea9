"""Keep code blocks and recorded outputs out of the search index, and out of its parser.

The programs and their outputs (summary tables drawn with box characters) made up most of the
index. A reader searches for the question, which the prose states, inline code included
(`Dense(512)`, `trainable`). Material's search plugin skips any element carrying
`data-search-exclude`, but it still parses every tag inside one, and a highlighted program has
a tag per token: nine tags in ten of a page, a third of a rebuild (benchmarks/run.py). So the
plugin is handed the page without those blocks: the last `on_page_content` handler keeps the
page's HTML aside and leaves the prose in `page.content` for the search plugin's
`on_page_context` (priority 0); this module's `on_page_context` (priority -100) puts the whole
HTML back before the page's template is rendered. tests/test_site.py checks that the built
pages still show their code and that the index holds no code block.
"""

import re

from mkdocs.plugins import event_priority

# Material's code blocks (<div class="language-python highlight">, mkdocs.yml's
# pygments_lang_class), and in notebook pages nbconvert's code (<div class="highlight hl-python">)
# and outputs (<div class="jp-OutputArea ...">).
BLOCK = re.compile(r'<div class="(?=(?:(?:language-[\w-]+ )?highlight|jp-OutputArea)[ "])')
EXCLUDED = '<div data-search-exclude class="'
DIV = re.compile(r"<div\b|</div>")


def prose(html):
    """The HTML without the elements marked `data-search-exclude` (nested <div>s counted)."""
    kept, start = [], 0
    while (begin := html.find(EXCLUDED, start)) != -1:
        kept.append(html[start:begin])
        depth, position = 0, begin
        for tag in DIV.finditer(html, begin):
            depth += 1 if tag.group() == "<div" else -1
            position = tag.end()
            if depth == 0:
                break
        start = position
    kept.append(html[start:])
    return "".join(kept)


@event_priority(-1000)  # the last: every other handler has changed the HTML the reader gets
def on_page_content(html, page, config, files):
    html = BLOCK.sub(EXCLUDED, html)
    page.full_content = html
    return prose(html)


@event_priority(-100)  # after Material's search plugin (0) has read the prose
def on_page_context(context, page, config, nav):
    page.content = page.full_content
    return context
