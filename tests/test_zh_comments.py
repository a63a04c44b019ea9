"""Chinese comments in the code of the Chinese pages (hooks/zh_comments.py, snippets/comments.zh.yml).

The snippets stay the one source of the code: on a Chinese page and in a Chinese notebook only
their comments change. Checked here: the code is the same token for token, every comment has a
Chinese translation, the translations use the glossary's terms and fit the block's width, the
built pages show them, and Material's "Copy" button copies what the page shows.
"""

import html
import json
import re
import unicodedata
from urllib.parse import urlparse

import figure_text
import pytest
import zh_comments
from zh_comments import code_tokens, comments, missing, translate, translations

from pagemodel import SNIPPETS, Page, built_file, glossary, pages, rel

try:  # the browser tests' fixtures: Debian's Chromium through Playwright, the site on localhost
    from test_browser import browser_type_launch_args, page, site_url, tab, visit  # noqa: F401
except pytest.skip.Exception as skipped:  # no Chromium (outside CI): only the browser test skips
    NO_BROWSER = str(skipped)
else:
    NO_BROWSER = ""

CHINESE = pages("zh")
SHOWN = sorted({path for page in CHINESE for path in Page.read(page).include_paths() if path.endswith(".py")})
TABLE = rel(zh_comments.TRANSLATIONS)


def source(snippet):
    return (SNIPPETS / snippet).read_text(encoding="utf-8")


def test_chinese_pages_show_snippets():
    assert SHOWN, "no Chinese page includes a snippet: the include parser found nothing"


@pytest.mark.parametrize("snippet", SHOWN)
def test_translated_snippet_is_the_same_code(snippet):
    """Tokens without comments and comment-only line breaks: the same program in both languages."""
    original = source(snippet)
    translated = translate(original, snippet)
    assert code_tokens(translated) == code_tokens(original), f"snippets/{snippet}: translating its comments changed its code"


def test_every_comment_of_a_snippet_on_a_chinese_page_has_a_translation():
    lacking = {snippet: missing(source(snippet), snippet) for snippet in SHOWN}
    lacking = {snippet: found for snippet, found in lacking.items() if found}
    listing = []
    for snippet, found in lacking.items():
        listing.append(f"{snippet}:")
        for comment in found:
            key = json.dumps(comment.text, ensure_ascii=False)  # a JSON string is a YAML string
            listing.append(f"  # snippets/{snippet}, line {comment.first}")
            listing.append(f'  {key}: "…"')
    assert not lacking, (
        f"{sum(map(len, lacking.values()))} comment(s) on snippets shown on Chinese pages have no "
        f"Chinese translation. Add each to {TABLE} under its snippet's entry (add the entry where "
        "it has none; the key is the comment's text, its lines joined by spaces) and replace … "
        "with the Chinese:\n\n" + "\n".join(listing)
    )


def test_every_translation_belongs_to_a_comment_shown_on_a_chinese_page():
    """A comment reworded or removed in a snippet leaves its old translation behind."""
    stale = []
    for snippet, entries in translations().items():
        if snippet not in SHOWN:
            stale.append(f"{snippet}: no Chinese page shows this snippet")
            continue
        texts = {c.text for c in comments(source(snippet))}
        stale += [f"{snippet}: {english!r} is no comment of it" for english in entries if english not in texts]
    assert not stale, f"{TABLE} holds translations nothing uses (update or remove them):\n" + "\n".join(stale)


def test_figure_translations_name_programs_that_draw_figures():
    """snippets/figures.zh.yml: each entry is a program that saves a figure (tests/figure_text.py)."""
    wrong = [
        s
        for s in figure_text.translations()
        if not (SNIPPETS / s).is_file() or "savefig(" not in (SNIPPETS / s).read_text(encoding="utf-8")
    ]
    assert not wrong, f"{rel(figure_text.TRANSLATIONS)}: entries for programs that save no figure: {wrong}"


def test_translations_use_the_glossary_terms():
    """The comments' Chinese, and the figures' (snippets/figures.zh.yml, tests/figure_text.py)."""
    chosen_terms = sorted({t for chosen, _ in glossary() for t in chosen}, key=len, reverse=True)
    found = []
    for snippet, entries in [*translations().items(), *figure_text.translations().items()]:
        for english, chinese in entries.items():
            text = chinese
            for term in chosen_terms:  # an alternative may occur inside a chosen term
                text = text.replace(term, "")
            found += [
                f"{snippet}: '{alt}' in {chinese!r} (this site says '{' / '.join(chosen)}')"
                for chosen, alternatives in glossary()
                for alt in alternatives
                if alt in text
            ]
    assert not found, f"{TABLE} uses terms docs/zh/glossary.md replaces:\n" + "\n".join(found)


def width(line):
    """Columns a line takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


@pytest.mark.parametrize("snippet", SHOWN)
def test_translated_lines_are_no_wider_than_the_snippet(snippet):
    """The Chinese page's code block needs no more width than the English page's."""
    original = source(snippet)
    widest = max(map(width, original.splitlines()), default=0)
    wide = [
        f"line {number}: {width(line)} columns: {line.strip()}"
        for number, line in enumerate(translate(original, snippet).splitlines(), 1)
        if width(line) > widest
    ]
    assert not wide, (
        f"snippets/{snippet}: translated lines wider than its widest line ({widest} columns); "
        f"break them in {TABLE}:\n" + "\n".join(wide)
    )


def test_translate_changes_comments_only(monkeypatch):
    """Strings holding `#`, code annotations (`# (1)!`), blocks of comment lines, indentation."""
    monkeypatch.setattr(
        zh_comments,
        "translations",
        lambda: {"x.py": {"make it": "生成", "two lines of it": "两行", "inside": "里面\n第二行", "a Dense(20)": "一个 Dense(20)"}},
    )
    original = (
        'x = "# make it"  # make it (1)!\n'
        "# two\n"
        "# lines of it\n"
        "if x:\n"
        "    # inside\n"
        "    y = 1  # (2)!\n"
        "z = 2  # untranslated\n"
        "w = 3  # a Dense(20)\n"
    )
    assert translate(original, "x.py") == (
        'x = "# make it"  # 生成 (1)!\n'
        "# 两行\n"
        "if x:\n"
        "    # 里面\n"
        "    # 第二行\n"
        "    y = 1  # (2)!\n"
        "z = 2  # untranslated\n"
        "w = 3  # 一个 Dense(20)\n"
    )
    assert [(c.first, c.text) for c in missing(original, "x.py")] == [(7, "untranslated")]


def test_include_translated_replaces_whole_program_includes_in_fences():
    """The fences and include lines are the page model's: a program included whole in a fence,
    in a tab, becomes its translated source at the include's indentation; an output, a part of
    a file and an include line outside a fence stay as written."""
    snippet = "batchnorm/placement_experiment.py"
    markdown = (
        "# 页\n\n"
        '=== "Keras 3"\n\n'
        "    ```python\n"
        f'    --8<-- "{snippet}"\n'
        "    ```\n\n"
        "```text\n"
        '--8<-- "batchnorm/placement_experiment.keras3.out"\n'
        f'--8<-- "{snippet}:part"\n'
        "```\n"
    )
    expected = markdown.replace(
        f'    --8<-- "{snippet}"\n',
        "".join(f"    {line}\n" for line in translate(source(snippet), snippet).splitlines()),
        1,
    )
    assert "每个网络看到同一个样本" in expected
    assert zh_comments.include_translated(markdown) == expected


def page_text(built, page):
    """The text a reader sees in a built page (tags dropped, entities decoded)."""
    document = built_file(built, page).read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", document))


@pytest.mark.parametrize("page", CHINESE, ids=[rel(p) for p in CHINESE])
def test_built_chinese_page_shows_the_chinese_comments(built_site, page):
    assert built_site["result"].returncode == 0, "the site did not build; see test_strict_build_passes"
    text = page_text(built_site["site"], page)
    absent = []
    for snippet in (p for p in Page.read(page).include_paths() if p.endswith(".py")):
        original = source(snippet)
        english = {line.strip() for line in original.splitlines()}
        for line in translate(original, snippet).splitlines():
            if line.strip() not in english and line.strip() not in text:
                absent.append(f"{snippet}: {line.strip()}")
    assert not absent, f"{rel(page)}: the built page lacks these translated lines:\n" + "\n".join(absent)


COPY_PAGE = "/zh/batchnorm/training-vs-trainable/"


@pytest.mark.skipif(bool(NO_BROWSER), reason=NO_BROWSER)
def test_copy_button_copies_the_chinese_code_the_page_shows(visit):
    page = visit(COPY_PAGE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=urlparse(page.url)._replace(path="").geturl())
    blocks = page.locator("article div.highlight:has(span.filename)")
    checked = 0
    for i in range(blocks.count()):
        block = blocks.nth(i)
        title = block.locator("span.filename").inner_text().strip()
        if not title.startswith("snippets/") or not title.endswith(".py"):
            continue
        snippet = title[len("snippets/") :]
        # In view, the block is drawn (hooks/offscreen.py) and gets its copy button (content.lazy).
        block.hover()
        button = block.locator('button[data-md-type="copy"]')
        button.wait_for()
        code = block.locator("pre > code")
        # innerText needs the block laid out: wait for the frame that draws it in view
        page.wait_for_function("el => el.innerText.trim().length > 0", arg=code.element_handle())
        shown = code.inner_text()
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        expected = translate(source(snippet), snippet)
        # Material leaves out the block's final line break
        assert copied == shown.rstrip("\n"), f"{COPY_PAGE} {title}: the Copy button copied something else than the block shows"
        assert copied.rstrip("\n") == expected.rstrip("\n"), f"{COPY_PAGE} {title}: copied code is not the translated snippet"
        checked += re.search(r"#[^\n]*[\u4e00-\u9fff]", copied) is not None
    assert checked, f"{COPY_PAGE}: no code block with a Chinese comment was copied"
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def test_chinese_notebooks_hold_the_translated_snippets():
    import pagemodel

    cells = [
        cell
        for chapter in pagemodel.chapters()
        for cell in pagemodel.notebook(chapter, "zh").cells
        if cell.cell_type == "code" and cell.metadata.get("snippet")
    ]
    assert cells, "the Chinese notebooks hold no snippet"
    differ = [
        cell.metadata["snippet"]
        for cell in cells
        if cell.source != translate(source(cell.metadata["snippet"]), cell.metadata["snippet"]).rstrip("\n")
    ]
    assert not differ, f"Chinese notebook cells that are not the translated snippet: {differ}"
