"""Three accessibility fixes that CSS cannot make (the rest is in docs/assets/stylesheets/reader.css).

- Code that scrolls sideways (notebook cells and outputs on a narrow screen) must be reachable
  by keyboard. Material's JavaScript gives its own code blocks (`pre > code`) a tabindex when
  they scroll; nbconvert's `<pre>` elements, which have no `<code>`, get tabindex="0" here.
- Display math (hooks/katex_render.py renders it at build time) scrolls sideways when a formula
  is wider than the column: its block gets tabindex="0" too.
- Material's search is a `role="dialog"` without a name: it gets its search field's label
  ("Search", "搜索"), in the page's language.
"""

import re

BARE_PRE = re.compile(r"<pre>(?!<span></span><code)")
DISPLAY_MATH = '<div class="arithmatex">'
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
SEARCH_LABEL = re.compile(r'<input type="text" class="md-search__input"[^>]*? aria-label="([^"]+)"')


def on_page_content(html, page, config, files):
    html = BARE_PRE.sub('<pre tabindex="0">', html)
    return html.replace(DISPLAY_MATH, '<div class="arithmatex" tabindex="0">')


def on_post_page(output, page, config):
    label = SEARCH_LABEL.search(output)
    if label:
        output = output.replace(SEARCH_DIALOG, f'{SEARCH_DIALOG[:-1]} aria-label="{label.group(1)}">', 1)
    return output
