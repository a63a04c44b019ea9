"""Every chapter's notebook: built from the nav, valid, and run top to bottom in a real kernel.

pagemodel.notebook() builds the notebooks the site serves; tests/harness.py runs the English
ones in a Jupyter kernel (the Chinese ones hold the same code, checked below). The programs'
outputs are compared with their recorded outputs here, cell by cell, and by
test_snippets.py, which reads the same run.
"""

import ast
import inspect

import nbformat
import pytest

import pagemodel
from harness import output_diff
from pagemodel import (
    LANGUAGES,
    SNIPPETS,
    chapters,
    experiment_tolerance,
    mkdocs_config,
    notebook,
    notebook_nav_entries,
    recorded_output_path,
    rel,
)

CONFIG = mkdocs_config()
CHAPTERS = chapters(CONFIG)
NAMES = [c.name for c in CHAPTERS]


def test_every_chapter_has_a_notebook_entry_in_the_nav():
    listed = set(notebook_nav_entries(CONFIG))
    missing = [c.notebook for c in CHAPTERS if c.notebook not in listed]
    extra = sorted(listed - {c.notebook for c in CHAPTERS})
    assert CHAPTERS and not missing and not extra, (
        f"mkdocs.yml's nav: notebooks missing for chapters {missing}; notebooks of no chapter {extra}"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("chapter", CHAPTERS, ids=NAMES)
def test_notebook_is_valid_and_holds_the_chapters_programs(chapter, lang):
    nb = notebook(chapter, lang, CONFIG)
    nbformat.validate(nb)
    programs = [c.metadata["snippet"] for c in nb.cells if c.metadata.get("snippet")]
    shown = [
        i.path
        for page in chapter.pages
        for i in pagemodel.Page.read(pagemodel.DOCS / lang / page).includes
        if i.path.endswith(".py")
    ]
    assert programs and programs == shown, f"notebook {chapter.name} ({lang}) runs {programs}, its pages show {shown}"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=NAMES)
def test_chinese_notebook_text_has_no_line_break_between_chinese_characters(chapter):
    """The notebooks' Markdown cells come from the pages' lines; pagemodel.notebook removes the
    line breaks that Jupyter would show as a space between Chinese characters, by the page
    model's rule (as hooks/zh_line_breaks.py does for the pages)."""
    from markdown_it import MarkdownIt

    from test_site import stray_spaces_in

    render = MarkdownIt("commonmark").render
    found = [
        problem
        for number, cell in enumerate(notebook(chapter, "zh", CONFIG).cells, 1)
        if cell.cell_type == "markdown"
        for problem in stray_spaces_in(render(cell.source), f"cell {number}")
    ]
    assert not found, f"notebook {chapter.name} (zh): stray spaces between Chinese characters:\n" + "\n".join(found)


def syntax(source):
    return ast.dump(ast.parse(source))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=NAMES)
def test_notebooks_run_the_same_code_in_every_language(chapter):
    """The kernel runs the English notebook only: the others must compute the same. Comments
    may differ (translated), the code as Python parses it may not."""
    english = [c for c in notebook(chapter, LANGUAGES[0], CONFIG).cells if c.cell_type == "code"]
    for lang in LANGUAGES[1:]:
        other = [c for c in notebook(chapter, lang, CONFIG).cells if c.cell_type == "code"]
        assert len(other) == len(english), f"notebook {chapter.name}: {lang} has {len(other)} code cells, en {len(english)}"
        for number, (en, cell) in enumerate(zip(english, other), 1):
            assert syntax(en.source) == syntax(cell.source), (
                f"notebook {chapter.name} ({lang}), code cell {number} ({cell.metadata.get('snippet', 'setup/reset')}): "
                "the code differs from the English notebook's, not only its comments"
            )


@pytest.mark.parametrize("chapter", CHAPTERS, ids=NAMES)
def test_notebook_runs_top_to_bottom(chapter, kernel):
    run = kernel.notebook(chapter.name)
    assert run is not None, f"notebook {chapter.name} was not run"
    problems = [f"cell {number} ({first!r}) raised:\n{error}" for number, first, error in run.errors]
    for number, cell in enumerate(run.nb.cells, 1):
        snippet = cell.metadata.get("snippet")
        if cell.cell_type != "code" or not snippet:
            continue
        assert cell.get("execution_count"), f"notebook {chapter.name}: cell {number} did not run"
        expected = recorded_output_path(SNIPPETS / snippet)
        printed = kernel.result(SNIPPETS / snippet).printed
        where = f"notebook {chapter.name} (en), cell {number} (snippets/{snippet})"
        diff = expected.exists() and output_diff(expected, printed, where, experiment_tolerance(SNIPPETS / snippet))
        if diff:
            problems.append(f"cell {number} printed something other than {rel(expected)}:\n{diff}")
    assert not problems, f"notebook {chapter.name}:\n" + "\n".join(problems)


def test_plugin_workarounds_still_hold():
    """hooks/jupyter_i18n.py works around mkdocs-static-i18n #198 with mkdocs-jupyter. Each
    assumption it makes is checked here; when one fails, read the hook's docstring, check
    whether the upstream issue is fixed, and drop or adapt the workaround."""
    import mkdocs_jupyter.plugin as jupyter
    import mkdocs_static_i18n.plugin as i18n

    i18n_priority = getattr(i18n.I18n.on_files, "mkdocs_priority", None)
    assert i18n_priority == -100, (
        f"mkdocs-static-i18n's on_files now runs at priority {i18n_priority}, not -100: "
        "hooks/jupyter_i18n.py's on_files must run after it (I18N_FILES_PRIORITY)"
    )
    assert "File(" in inspect.getsource(__import__("mkdocs_static_i18n.folder", fromlist=["x"]).create_i18n_file), (
        "mkdocs-static-i18n no longer rebuilds Files (create_i18n_file): issue #198 may be fixed; "
        "hooks/jupyter_i18n.py's on_files may no longer be needed"
    )
    assert 'hasattr(page.file, "locale")' in inspect.getsource(i18n.I18n.on_page_context), (
        "mkdocs-static-i18n's on_page_context no longer skips pages without a `locale`: it may now "
        "point a notebook's language switcher itself; hooks/jupyter_i18n.py's on_page_context may "
        "no longer be needed"
    )
    plugin = jupyter.Plugin()
    plugin.on_pre_build(config=None)
    assert isinstance(getattr(plugin, "_used_cache_paths", None), set), (
        "mkdocs-jupyter no longer resets `_used_cache_paths` in on_pre_build: "
        "hooks/jupyter_i18n.py's on_pre_build (keeping both languages' cache) must be revisited"
    )
    assert "_used_cache_paths" in inspect.getsource(jupyter.Plugin.on_post_build), (
        "mkdocs-jupyter's on_post_build no longer evicts by `_used_cache_paths`: "
        "hooks/jupyter_i18n.py's KeepAll may no longer be needed"
    )
    assert "abs_src_path" in inspect.getsource(jupyter.Plugin.on_pre_page), (
        "mkdocs-jupyter no longer reads a notebook from its File's abs_src_path: "
        "the generated notebooks (hooks/notebooks.py, hooks/jupyter_i18n.py) must be passed another way"
    )


def test_a_broken_page_fails_the_build_naming_the_page_and_line(tmp_path, monkeypatch):
    import importlib.util

    from mkdocs.exceptions import PluginError

    spec = importlib.util.spec_from_file_location("notebooks_hook", pagemodel.ROOT / "hooks" / "notebooks.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    bad = tmp_path / "x.md"
    bad.write_text('# X\n\n```python\n--8<-- "nowhere/missing.py"\n```\n', encoding="utf-8")
    monkeypatch.setattr(hook.pagemodel, "pages", lambda: [bad])
    with pytest.raises(PluginError, match=r"x\.md:4: includes 'nowhere/missing\.py', which is not in snippets/"):
        hook.write_notebooks(pagemodel.ROOT / "mkdocs.yml")
    tab = tmp_path / "y.md"
    tab.write_text('# Y\n\n=== Keras 3\n    text\n', encoding="utf-8")
    monkeypatch.setattr(hook.pagemodel, "pages", lambda: [tab])
    with pytest.raises(PluginError, match=r"y\.md:3: malformed content tab"):
        hook.write_notebooks(pagemodel.ROOT / "mkdocs.yml")
