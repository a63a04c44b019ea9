"""Every snippet prints exactly its recorded output.

The programs run in a Jupyter kernel, as cells of their chapter's notebook (tests/harness.py):
the output compared here is what the notebook cell printed.
"""

import builtins
import json
import re
import shutil
import symtable

import pytest

import figure_text
from harness import output_diff, record
from pagemodel import (
    FIGURES,
    experiment_tolerance,
    figure_path,
    keras_version,
    output_candidates,
    pages_including,
    recorded_output_path,
    rel,
    snippet_files,
    snippet_id,
)

SNIPPETS = snippet_files()


def where(snippet, run):
    pages = pages_including(snippet)
    shown = ", ".join(rel(p) for p in pages) if pages else "no page"
    return f"{rel(snippet)} (shown on {shown}; run as {run.where})"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet_id(s) for s in SNIPPETS])
def test_snippet_prints_its_recorded_output(snippet, kernel, pytestconfig):
    run = kernel.result(snippet)
    assert run is not None, f"{rel(snippet)} was not run"
    if run.error:
        pytest.fail(f"{where(snippet, run)} raised an exception:\n{run.error}\n\nIt printed before failing:\n{run.printed}", pytrace=False)

    # Files the snippet wrote are figures for its page. Their pixels vary with fonts and
    # library versions, so only the numbers printed beside them are compared. The Chinese
    # pages' copies (name.zh.png) have their text in Chinese (tests/figure_text.py).
    update = pytestconfig.getoption("--update-outputs")
    check_chinese_figures(snippet, run, update)
    for written in run.files:
        committed = figure_path(snippet, written.name)
        if update:
            if keras_version() == 3:  # the pages show the default (Keras 3) run's figures
                committed.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(written, committed)
        elif not committed.exists():
            pytest.fail(
                f"{where(snippet, run)} wrote {written.name}, which is not in {rel(FIGURES)}: "
                "run `.venv/bin/python tests/update_outputs.py` to copy it there.",
                pytrace=False,
            )

    if update:
        record(snippet, run.printed)
        return
    expected_file = recorded_output_path(snippet)
    if not expected_file.exists():
        pytest.fail(
            f"{where(snippet, run)} has no recorded output: run `.venv/bin/python tests/update_outputs.py` "
            f"to create {rel(expected_file)}, then review it.",
            pytrace=False,
        )
    printed_by = f"{rel(snippet)} (printed now, Keras {keras_version()}, {run.where})"
    diff = output_diff(expected_file, run.printed, printed_by, experiment_tolerance(snippet))
    if diff:
        pytest.fail(
            f"{where(snippet, run)} printed something other than {rel(expected_file)}.\n"
            "If the new output is right, run `.venv/bin/python tests/update_outputs.py` and review the diff.\n\n"
            + diff,
            pytrace=False,
        )
def check_chinese_figures(snippet, run, update):
    if run.figures is None:
        return
    name = rel(figure_text.TRANSLATIONS)
    if "error" in run.figures:
        pytest.fail(f"{where(snippet, run)}: drawing its figures in Chinese failed:\n{run.figures['error']}", pytrace=False)
    if keras_version() != 3:
        return  # the pages show the Keras 3 run's figures; Keras 2's may show other texts
    if run.figures["missing"]:
        key = snippet_id(snippet) + ".py"
        lines = "\n".join(f"  {json.dumps(t, ensure_ascii=False)}: \"…\"" for t in run.figures["missing"])
        pytest.fail(
            f"{where(snippet, run)}: its figures show texts with no Chinese in {name}. Add them under "
            f"`{key}:` there, replacing … with the Chinese:\n{lines}",
            pytrace=False,
        )
    if run.figures["unused"]:
        pytest.fail(
            f"{where(snippet, run)}: {name} gives Chinese for texts its figures no longer show "
            f"(update or remove them): {run.figures['unused']}",
            pytrace=False,
        )
    if update and not run.figures["font"]:
        pytest.fail(
            f"{where(snippet, run)}: no {figure_text.FONT} font to draw its Chinese figures with: install "
            f"Debian's {figure_text.FONT_PACKAGE} (`apt-get install {figure_text.FONT_PACKAGE}`, README) and record again.",
            pytrace=False,
        )


def undefined_names(source, filename="<snippet>"):
    """Names a program reads that it neither defines nor imports (nor are builtins)."""
    top = symtable.symtable(source, filename, "exec")
    defined = {s.get_name() for s in top.get_symbols() if s.is_assigned() or s.is_imported() or s.is_namespace()}
    known = defined | set(dir(builtins)) | {"__file__"}
    missing = set()

    def visit(table):
        for symbol in table.get_symbols():
            if symbol.is_referenced() and (table is top or symbol.is_global()) and symbol.get_name() not in known:
                missing.add(symbol.get_name())
        for child in table.get_children():
            visit(child)

    visit(top)
    return sorted(missing)


def test_undefined_names_are_found():
    assert undefined_names("import numpy as np\nx = np.ones(2)\ndef f():\n    return [y for _ in x]\nprint(model, f)") == [
        "model",
        "y",
    ]


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet_id(s) for s in SNIPPETS])
def test_snippet_is_a_complete_program(snippet):
    """The programs run one after another in one kernel, as in a notebook; each must still run
    on its own with `python`, so it may use no name that an earlier program defined."""
    missing = undefined_names(snippet.read_text(encoding="utf-8"), str(snippet))
    assert not missing, f"{rel(snippet)} uses names it does not define or import: {missing}"


TOTALS = re.compile(r"^\s*(Total|Trainable|Non-trainable|Optimizer) params: ([\d,]+)", re.M)


def summary_counts(text):
    """Per-layer `Param #` values and the totals of the model summaries in a recorded output.

    Keras 3 draws a table with │ borders and counts the optimizer's variables in the total
    after training ("Optimizer params"); Keras 2 prints plain columns. Both are read into the
    same form: layer counts in order (read in the `Param #` column, also when a `Connected to`
    column follows), and totals without the optimizer. Keras 3 also lists the operations that
    make a mask (NotEqual, Any), which have no weights and which Keras 2 does not list.
    """
    layers, box, cols, inside = [], None, None, False
    for line in text.splitlines():
        if "Layer (type)" in line and "Param #" in line:
            if "┃" in line:
                box, cols = [c.strip() for c in line.split("┃")].index("Param #"), None
            else:
                box, cols, inside = None, (line.index("Param #"), line.find("Connected to")), False
        elif box is not None and line.startswith("│"):
            cells = [c.strip() for c in line.split("│")]
            if re.fullmatch(r"[\d,]+", cells[box]) and not re.search(r"\((NotEqual|Any)\)", line):
                layers.append(int(cells[box].replace(",", "")))
        elif cols and line.startswith("===="):
            inside = not inside
            cols = cols if inside else None
        elif cols and inside:
            m = re.fullmatch(r"\s*(\d+)\s*", line[cols[0] : cols[1] if cols[1] > 0 else None])
            if m:
                layers.append(int(m.group(1)))
    totals = {k: int(v.replace(",", "")) for k, v in TOTALS.findall(text)}
    if "Total" in totals:
        totals["Total"] -= totals.pop("Optimizer", 0)
    return layers, totals


SPLIT = [s for s in SNIPPETS if all(output_candidates(s)[v].exists() for v in (2, 3))]
WITH_SUMMARIES = [s for s in SPLIT if "Total params" in output_candidates(s)[3].read_text(encoding="utf-8")]


def test_some_outputs_hold_summaries_of_both_versions():
    assert WITH_SUMMARIES, "no snippet records a summary under both Keras versions"


def programs(text):
    """A recorded output cut at the headings of the programs it runs ("## 3. title"), if any."""
    return re.split(r"(?m)^## \d+\. ", text)


@pytest.mark.parametrize("snippet", WITH_SUMMARIES, ids=[snippet_id(s) for s in WITH_SUMMARIES])
def test_parameter_counts_agree_between_keras_versions(snippet):
    """Program by program, where both versions built the model: a program that one version
    refuses (an import Keras 3 no longer has), or whose model Keras 3 has not built yet (where
    Keras 2 builds one that begins with an Embedding), has no counts to compare."""
    files = output_candidates(snippet)
    k3, k2 = (programs(files[v].read_text(encoding="utf-8")) for v in (3, 2))
    assert len(k3) == len(k2), f"{rel(snippet)}: the two records hold different programs"
    both = [(a, b) for a, b in zip(k3, k2) if "Total params" in a and "Total params" in b and "(unbuilt)" not in a]
    assert both and summary_counts(both[0][0])[0], f"{rel(files[3])}: no layer rows found"
    for a, b in both:
        c3, c2 = summary_counts(a), summary_counts(b)
        assert c3 == c2, (
            f"{rel(snippet)}: Keras 3 and Keras 2 count different parameters\n"
            f"  {rel(files[3])}: layers {c3[0]}, totals {c3[1]}\n  {rel(files[2])}: layers {c2[0]}, totals {c2[1]}"
        )
