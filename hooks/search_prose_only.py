"""Keep code blocks and recorded outputs out of the search index.

Every page view loads the whole index (both languages), and the programs and their outputs
(summary tables drawn with box characters) made up most of it. A reader searches for the
question, which the prose states, inline code included (`Dense(512)`, `trainable`). Material's
search plugin skips any element carrying `data-search-exclude`.
"""

import re

# Material's code blocks (<div class="highlight">), and in notebook pages nbconvert's code
# (<div class="highlight hl-python">) and outputs (<div class="jp-OutputArea ...">).
BLOCK = re.compile(r'<div class="(?=(?:highlight|jp-OutputArea)[ "])')


def on_page_content(html, page, config, files):
    return BLOCK.sub('<div data-search-exclude class="', html)
