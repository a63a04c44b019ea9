"""Every chapter's notebook runs top to bottom and prints what its chapter's pages show.

The notebooks are assembled by hooks/notebooks.py (the same function the site build uses).
Their code cells run here in order, in one namespace, as a kernel would run them, in this
process (TensorFlow is imported once for the whole suite). Each program's output is compared
with the snippet's recorded output for the Keras version running the tests.
"""

import contextlib
import importlib.util
import io
import os

import pytest

from conftest import close_figures, normalise, output_diff
from project import ROOT, SNIPPETS, mkdocs_config, recorded_output_path, rel
from zh_comments import code_tokens

spec = importlib.util.spec_from_file_location("notebooks_hook", ROOT / "hooks" / "notebooks.py")
notebooks_hook = importlib.util.module_from_spec(spec)
spec.loader.exec_module(notebooks_hook)


CHAPTERS = notebooks_hook.chapters(mkdocs_config()["nav"])


def test_every_chapter_has_a_notebook_entry_in_the_nav():
    listed = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    missing = [c for c, _, _ in CHAPTERS if f"notebooks/{c}.ipynb" not in listed]
    assert CHAPTERS and not missing, f"mkdocs.yml's nav lists no notebook for: {missing}"


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("chapter, title, pages", CHAPTERS, ids=[c for c, _, _ in CHAPTERS])
def test_notebook_runs_top_to_bottom(chapter, title, pages, lang, tensorflow, tmp_path):
    nb = notebooks_hook.notebook(chapter, title, pages, lang, {})
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert any(c["metadata"].get("snippet") for c in code), f"notebook {chapter} has no program"
    if lang == "zh":
        # Same programs in both languages (comments aside: hooks/zh_comments.py translates them):
        # run them once, check that the cells hold the same code.
        english = notebooks_hook.notebook(chapter, title, pages, "en", {})
        assert [code_tokens(c["source"]) for c in code] == [
            code_tokens(c["source"]) for c in english["cells"] if c["cell_type"] == "code"
        ], f"the en and zh notebooks of {chapter} hold different code"
        return

    namespace = {"__name__": "__main__"}
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for number, cell in enumerate(code, 1):
            buffer = io.StringIO()
            snippet = cell["metadata"].get("snippet")
            where = f"notebook {chapter}, code cell {number}" + (f" (snippets/{snippet})" if snippet else "")
            try:
                with contextlib.redirect_stdout(buffer):
                    exec(compile(cell["source"], f"<{where}>", "exec"), namespace)
            except Exception as exc:  # noqa: BLE001 - reported with the cell that raised it
                pytest.fail(f"{where} raised {type(exc).__name__}: {exc}", pytrace=False)
            finally:
                close_figures()
            if snippet:
                expected_file = recorded_output_path(SNIPPETS / snippet)
                diff = output_diff(expected_file, normalise(buffer.getvalue()), where)
                if diff:
                    pytest.fail(f"{where} printed something other than {rel(expected_file)}:\n{diff}", pytrace=False)
    finally:
        os.chdir(cwd)
