"""No line break between Chinese characters on the Chinese pages.

The Chinese Markdown is wrapped mid-sentence, like the English, and a browser shows a line
break inside a paragraph as a space: "有不止一种解释。 本页". On each Chinese page this hook
removes the line breaks of the prose that a reader would see as such a stray space, and keeps
those between a Chinese character and a Latin word, where the space is right. Which breaks go
is the page model's rule (pagemodel.py, "Chinese text: line breaks"), read on its parse of the
page: never inside code, math or HTML blocks. pagemodel.notebook applies the same rule to the
Chinese notebooks; the search index is made from the built pages, so it follows.

tests/test_site.py checks the built Chinese pages and tests/test_notebooks.py the notebooks'
Markdown cells; both fail when this hook is not listed in mkdocs.yml.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import pagemodel  # noqa: E402


def is_chinese(page):
    path = page.file.abs_src_path
    return bool(path) and Path(path).resolve().is_relative_to(pagemodel.DOCS / "zh")


def on_page_markdown(markdown, page, config, files):
    if not is_chinese(page):
        return markdown
    return pagemodel.Page.of(markdown, page.file.abs_src_path).unwrapped()
