"""The page model (pagemodel.py) on tiny pages, one construct at a time."""

import sys
import textwrap

import pytest

import pagemodel
from pagemodel import Page, PageError


def page(text):
    return Page(textwrap.dedent(text).lstrip("\n"))


@pytest.mark.parametrize(
    "marker, kind, title, collapsible, is_open",
    [
        ('!!! note "Read this"', "note", "Read this", False, True),
        ("!!! tip", "tip", "Tip", False, True),  # untitled: the type is the title
        ('!!! warning ""', "warning", "", False, True),  # explicitly no title
        ("??? question", "question", "Question", True, False),
        ('??? question "Why 20?"', "question", "Why 20?", True, False),
        ("???+ example", "example", "Example", True, True),
    ],
)
def test_admonitions(marker, kind, title, collapsible, is_open):
    p = page(f"Intro.\n\n{marker}\n    Body with a [link](other.md).\n\nAfter.\n")
    (a,) = p.admonitions
    assert (a.type, a.title, a.collapsible, a.open, a.line) == (kind, title, collapsible, is_open, 3)
    body = [b for b in p.blocks if b.type == "admonition"][0].children
    assert [b.type for b in body] == ["paragraph"]
    assert "After." not in p.lines[a.line : a.end][-1]


def test_admonition_title_is_prose_its_marker_is_not():
    prose = page('!!! tip "Use 3 layers"\n    Text.\n').prose()
    assert "Use 3 layers" in prose and "!!!" not in prose and "tip" not in prose


def test_nested_fences_are_one_fence():
    p = page(
        """
        ````markdown
        ```python
        --8<-- "dense/x.py"
        ```
        ````

        # Not a heading
        """
    )
    (fence,) = p.fences
    assert fence.info == "markdown" and fence.line == 1 and fence.end == 5
    assert [i.path for i in fence.includes] == ["dense/x.py"]
    assert [h.text for h in p.headings] == ["Not a heading"]


def test_fence_title_and_includes():
    p = page('```python title="snippets/dense/x.py"\n--8<-- "dense/x.py"\n```\n')
    (fence,) = p.fences
    assert fence.title == "snippets/dense/x.py" and fence.includes[0].line == 2


def test_content_tabs():
    p = page(
        """
        === "Keras 3"

            ```text title="Output"
            --8<-- "dense/x.keras3.out"
            ```

        === "Keras 2 (tf-keras)"

            Prose in a tab.

        After the tabs.
        """
    )
    assert [(t.title, t.line) for t in p.tabs] == [("Keras 3", 1), ("Keras 2 (tf-keras)", 7)]
    tabs = [b for b in p.blocks if b.type == "tab"]
    assert [c.type for c in tabs[0].children] == ["fence"] and [c.type for c in tabs[1].children] == ["paragraph"]
    assert p.blocks[-1].type == "paragraph" and p.lines[p.blocks[-1].start] == "After the tabs."
    assert p.fences[0].includes[0].path == "dense/x.keras3.out"


def test_heading_with_a_link_and_an_id():
    p = page("## See [Counting parameters](../dense/parameters.md) for `Dense` { #see }\n")
    (h,) = p.headings
    assert (h.level, h.id, h.text) == (2, "see", "See Counting parameters for Dense")
    assert h.title == "See [Counting parameters](../dense/parameters.md) for `Dense`"


def test_setext_heading_is_no_tab():
    (h,) = page("Title\n===\n\nText.\n").headings
    assert (h.level, h.text) == (1, "Title")


def test_heading_without_id():
    (h,) = page("# Title\n").headings
    assert (h.level, h.id, h.text, h.line) == (1, None, "Title", 1)


def test_front_matter_and_sections():
    p = page(
        """
        ---
        translation_of: 0123456789ab
        ---

        # Title

        Intro.

        ## One { #one }

        ```python
        --8<-- "dense/one.py"
        ```

        ## Two { #two }

        Text.
        """
    )
    assert p.front_matter == {"translation_of": "0123456789ab"}
    assert [s.heading and s.heading.id for s in p.sections] == [None, "one", "two"]
    assert [[i.path for i in s.includes] for s in p.sections] == [[], ["dense/one.py"], []]
    assert "translation_of" not in p.prose() and "Intro." in p.prose()


@pytest.mark.parametrize("marker", ["--8<--", "-8<-"])
def test_includes_both_markers_and_sections(marker):
    p = page(f'```python\n{marker} "dense/x.py"\n{marker} "dense/y.py:part"\n```\n')
    assert [(i.path, i.section, i.line) for i in p.includes] == [("dense/x.py", None, 2), ("dense/y.py", "part", 3)]


def test_prose_blanks_markup_and_keeps_offsets():
    text = "# T\n\nSee [the 3 pages](x.md#a-7) <!-- 9 -->.\n\n1. first { #id-5 }\n\n```text\n42\n```\n"
    prose = page(text).prose()
    assert len(prose) == len(text) and prose.count("\n") == text.count("\n")
    assert "3" in prose and not any(d in prose for d in "79542")


@pytest.mark.parametrize(
    "text, line, says",
    [
        ("Text.\n\n=== Keras 3\n    x\n", 3, "malformed content tab"),
        ('Text.\n\n=== "Keras 3"\nnot indented\n', 3, "no body indented"),
        ("Text.\n\n!!!\n    x\n", 3, "malformed admonition"),
        ('!!! note "unclosed\n    x\n', 1, "malformed admonition"),
        ("??? question\n\nnot indented\n", 1, "no body indented"),
        ('```\n--8<-- dense/x.py\n```\n', 2, "malformed include"),
    ],
)
def test_malformed_constructs_name_the_line(text, line, says):
    with pytest.raises(PageError) as err:
        Page(text, pagemodel.DOCS / "en" / "x.md")
    assert f"docs/en/x.md:{line}: " in str(err.value) and says in str(err.value)


def test_a_missing_include_names_the_page_and_line():
    p = Page('# T\n\n```python\n--8<-- "nowhere/missing.py"\n```\n', pagemodel.DOCS / "en" / "x.md")
    with pytest.raises(PageError, match=r"docs/en/x\.md:4: includes 'nowhere/missing\.py'"):
        pagemodel.check_includes(p)


def test_page_errors_are_mkdocs_plugin_errors():
    from mkdocs.exceptions import PluginError

    assert issubclass(PageError, PluginError)


def test_url_mapping():
    docs = pagemodel.DOCS
    assert pagemodel.url_path(docs / "en" / "index.md") == "/"
    assert pagemodel.url_path(docs / "en" / "dense" / "parameters.md") == "/dense/parameters/"
    assert pagemodel.url_path(docs / "zh" / "dense" / "index.md") == "/zh/dense/"
    assert pagemodel.url_of("notebooks/dense.ipynb") == "notebooks/dense/"
    assert pagemodel.relink("../dense/parameters.md#x", "summary/index.md", "zh", "zh/notebooks/summary/") == (
        "../../dense/parameters/#x"
    )


def test_chapters_come_from_the_nav():
    config = {
        "nav": [
            {"Home": "index.md"},
            {"Dense": [{"A": "dense/index.md"}, {"B": "dense/b.md"}]},
            {"Keras 3": "keras3.md"},
            {"Notebooks": [{"N": "notebooks/dense.ipynb"}]},
            {"FAQ": "faq.md"},
        ]
    }
    assert [(c.name, c.pages) for c in pagemodel.chapters(config)] == [
        ("dense", ["dense/index.md", "dense/b.md"]),
        ("keras3", ["keras3.md"]),
    ]
    assert pagemodel.notebook_nav_entries(config) == ["notebooks/dense.ipynb"]


def test_requires_directive(tmp_path):
    snippet = tmp_path / "x.py"
    snippet.write_text("# requires: two-cpus\nimport numpy\n# requires: not-at-the-top\n")
    assert pagemodel.requirements(snippet) == {"two-cpus"}


def test_notebook_markdown_handles_each_construct(tmp_path, monkeypatch):
    """A page with a collapsible question, an untitled tip, a heading with a link and Keras 2
    tabs becomes cells that Jupyter renders: no raw `???`, `!!!` or `===` left."""
    docs = tmp_path / "docs"
    (docs / "en" / "ch").mkdir(parents=True)
    snippets = tmp_path / "snippets" / "ch"
    snippets.mkdir(parents=True)
    (snippets / "p.py").write_text("print(1)\n")
    (snippets / "p.keras3.out").write_text("1\n")
    (docs / "en" / "ch" / "index.md").write_text(
        textwrap.dedent(
            """
            # Chapter

            ## See [other](other.md) { #see }

            ??? question "Why?"
                Because.

            !!! tip
                A tip.

            ```python title="snippets/ch/p.py"
            --8<-- "ch/p.py"
            ```

            === "Keras 3"

                Three.

            === "Keras 2 (tf-keras)"

                Two.

            === "NumPy"

                ```text title="Output"
                --8<-- "ch/p.keras3.out"
                ```
            """
        ).lstrip()
    )
    monkeypatch.setattr(pagemodel, "DOCS", docs)
    monkeypatch.setattr(pagemodel, "SNIPPETS", tmp_path / "snippets")
    config = {"nav": [{"Ch": [{"Index": "ch/index.md"}]}], "plugins": []}
    (chapter,) = pagemodel.chapters(config)
    nb = pagemodel.notebook(chapter, "en", config)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    # one level down: the notebook's title is its only h1
    assert '<h2 id="page-ch-index">Chapter</h2>' in markdown
    assert '<h3 id="see">See <a href="../../ch/other/">other</a></h3>' in markdown
    assert "<details><summary>Why?</summary>" in markdown and "Because." in markdown
    assert "> **Tip**" in markdown and "> A tip." in markdown
    assert "**Keras 3**" in markdown and "Three." in markdown and "Two." not in markdown
    assert "NumPy" not in markdown  # a tab that holds an output only: the output is the cell's
    assert not any(marker in markdown for marker in ("???", "!!!", "==="))
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.metadata.get("tags") for c in code] == [["reset"], None]
    assert code[1].source == "print(1)" and code[1].outputs[0]["text"] == "1\n"


def test_the_page_model_does_not_import_tensorflow():
    import subprocess

    code = "import pagemodel, sys; pagemodel.notebook(pagemodel.chapters()[0], 'en'); print('tensorflow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=pagemodel.ROOT, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def test_fence_includes_in_a_tab_and_an_admonition_give_their_lines():
    """hooks/zh_comments.py replaces a program's include line by its translated source, at the
    line and indentation the page model gives; parts of files and outputs it leaves alone."""
    p = page(
        """
        === "Keras 3"

            ```python
            --8<-- "dense/x.py"
            --8<-- "dense/y.py:part"
            ```

        !!! note
            ```text
            --8<-- "dense/x.out"
            ```
        """
    )
    tab, note = p.fences
    assert [(i.path, i.section, i.line, p.lines[i.line - 1]) for i in tab.includes] == [
        ("dense/x.py", None, 4, '    --8<-- "dense/x.py"'),
        ("dense/y.py", "part", 5, '    --8<-- "dense/y.py:part"'),
    ]
    assert [(i.path, i.line) for i in note.includes] == [("dense/x.out", 10)]


def test_page_of_a_text_is_parsed_once():
    assert Page.of("# T\n\nText.\n") is Page.of("# T\n\nText.\n")


@pytest.mark.parametrize(
    "text, unwrapped",
    [
        ("前文\n后文\n", "前文后文\n"),  # two Han characters
        ("有不止一种解释。\n本页\n", "有不止一种解释。本页\n"),
        ("句号之后。\nKeras 3\n", "句号之后。Keras 3\n"),  # CJK punctuation, then Latin
        ("一个 `Dense`\n，然后\n", "一个 `Dense`，然后\n"),  # a code span, then CJK punctuation
        ("见[这一页](x.md)\n的说明\n", "见[这一页](x.md)的说明\n"),  # the link's text is what shows
        ("一共\n3 层\n", "一共\n3 层\n"),  # Han, then a digit: the space is right
        ("一个\n`Dense` 层\n", "一个\n`Dense` 层\n"),  # Han, then a code span
        ("方差\n$\\sigma^2$ 变大\n", "方差\n$\\sigma^2$ 变大\n"),  # Han, then math
        ("Plain English\nwords.\n", "Plain English\nwords.\n"),
        ("硬换行  \n之后\n", "硬换行  \n之后\n"),  # a hard break stays
        ("行内 HTML<br>\n之后\n", "行内 HTML<br>\n之后\n"),
        ("```text\n代码\n里面\n```\n", "```text\n代码\n里面\n```\n"),
        ("$$\n\\text{公式}\n\\text{里面}\n$$\n", "$$\n\\text{公式}\n\\text{里面}\n$$\n"),
        ("<div>\nHTML\n块\n</div>\n", "<div>\nHTML\n块\n</div>\n"),
        ("- 列表项\n  接着写\n- 下一项\n", "- 列表项接着写\n- 下一项\n"),
        ('=== "标签"\n\n    标签页\n    里的文字\n    第三行\n', '=== "标签"\n\n    标签页里的文字第三行\n'),
        ("!!! note\n    提示\n    接着写\n", "!!! note\n    提示接着写\n"),
        ("> 引用\n> 接着写\n", "> 引用接着写\n"),
    ],
)
def test_line_breaks_between_chinese_characters_are_removed(text, unwrapped):
    assert Page(text).unwrapped() == unwrapped


def test_a_code_span_over_a_line_break_names_the_line():
    with pytest.raises(PageError, match=r"docs/zh/x\.md:3: a code span runs over a line break"):
        Page("# T\n\n中文 `a\nb` 中文\n", pagemodel.DOCS / "zh" / "x.md").line_joins


def test_chinese_notebook_text_is_unwrapped(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    (docs / "zh" / "ch").mkdir(parents=True)
    (docs / "zh" / "ch" / "index.md").write_text("# 章\n\n!!! tip\n    提示\n    接着写\n\n前文\n后文\n", encoding="utf-8")
    monkeypatch.setattr(pagemodel, "DOCS", docs)
    config = {"nav": [{"Ch": [{"Index": "ch/index.md"}]}], "plugins": []}
    (chapter,) = pagemodel.chapters(config)
    markdown = "\n".join(c.source for c in pagemodel.notebook(chapter, "zh", config).cells if c.cell_type == "markdown")
    assert "> 提示接着写" in markdown and "前文后文" in markdown


def test_links():
    p = page("# T\n\n- [A](dense/index.md): text\n    - [B `c`](notebooks/x.ipynb#part)\n\n```text\n[not](a link)\n```\n")
    assert p.links == ["dense/index.md", "notebooks/x.ipynb#part"]


def test_images_with_their_alt_text():
    p = page("# T\n\nText.\n\n![A *figure*, with `code`](../assets/figures/x/y.png)\n\n```text\n![not](an image)\n```\n")
    assert [(i.alt, i.src, i.line) for i in p.images] == [("A figure, with code", "../assets/figures/x/y.png", 5)]
