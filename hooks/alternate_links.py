"""Drop the <link rel="alternate" hreflang> tags from each page's <head>.

Material's JavaScript treats every such link as the root of another language and fetches
`sitemap.xml` under it. mkdocs-static-i18n points those links at the same page in the other
language (/zh/dense/), so each page view made two requests that end in 404. The language
switcher in the header is separate and keeps working, and sitemap.xml still lists every
page's translations for search engines.
"""

import re

ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def on_post_page(output, page, config):
    return ALTERNATE.sub("", output)
