"""Every snippet runs, in this one process, and prints exactly its recorded output."""

import re
import shutil

import pytest

from conftest import SnippetError, output_diff, run_snippet
from project import (
    FIGURES,
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


def where(snippet):
    pages = pages_including(snippet)
    shown = ", ".join(rel(p) for p in pages) if pages else "no page"
    return f"{rel(snippet)} (shown on {shown})"


def record(snippet, printed):
    """Write what the snippet printed under this Keras version, keeping one file when both agree."""
    files = output_candidates(snippet)
    mine, other = keras_version(), 5 - keras_version()
    if files[other].exists():
        if files[other].read_text(encoding="utf-8") == printed:  # the versions agree again
            files[other].rename(files["shared"])
            files[mine].unlink(missing_ok=True)
        else:
            files[mine].write_text(printed, encoding="utf-8")
        return
    shared = files["shared"]
    if mine == 2 and shared.exists() and shared.read_text(encoding="utf-8") != printed:
        # Keras 2 now prints something else than the shared file, which the default (Keras 3)
        # run records: split it into one file per version.
        shared.rename(files[3])
        files[2].write_text(printed, encoding="utf-8")
        return
    shared.write_text(printed, encoding="utf-8")


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[snippet_id(s) for s in SNIPPETS])
def test_snippet_prints_its_recorded_output(snippet, tensorflow, pytestconfig, tmp_path):
    try:
        printed = run_snippet(snippet, tensorflow, tmp_path)
    except SnippetError as err:
        pytest.fail(f"{where(snippet)} raised an exception:\n{err}", pytrace=False)

    # Files the snippet wrote are figures for its page. Their pixels vary with fonts and
    # library versions, so only the numbers printed beside them are compared.
    for written in sorted(tmp_path.iterdir()):
        committed = figure_path(snippet, written.name)
        if pytestconfig.getoption("--update-outputs"):
            if keras_version() != 3:
                continue  # the pages show the default (Keras 3) run's figures
            committed.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(written, committed)
        elif not committed.exists():
            pytest.fail(
                f"{where(snippet)} wrote {written.name}, which is not in {rel(FIGURES)}: "
                "run `pytest --update-outputs` to copy it there.",
                pytrace=False,
            )

    expected_file = recorded_output_path(snippet)
    if pytestconfig.getoption("--update-outputs"):
        record(snippet, printed)
        return

    if not expected_file.exists():
        pytest.fail(
            f"{where(snippet)} has no recorded output: run `pytest --update-outputs` "
            f"to create {rel(expected_file)}, then review it.",
            pytrace=False,
        )
    diff = output_diff(expected_file, printed, f"{rel(snippet)} (printed now, Keras {keras_version()})")
    if diff:
        pytest.fail(
            f"{where(snippet)} printed something other than {rel(expected_file)}.\n"
            "If the new output is right, run `pytest --update-outputs` and review `git diff snippets/`.\n\n"
            + diff,
            pytrace=False,
        )


TOTALS = re.compile(r"^\s*(Total|Trainable|Non-trainable|Optimizer) params: ([\d,]+)", re.M)


def summary_counts(text):
    """Per-layer `Param #` values and the totals of the model summaries in a recorded output.

    Keras 3 draws a table with │ borders and counts the optimizer's variables in the total
    after training ("Optimizer params"); Keras 2 prints plain columns. Both are read into the
    same form: layer counts in order, and totals without the optimizer.
    """
    layers = []
    in_keras2_table = False
    for line in text.splitlines():
        if "│" in line:
            cells = [c.strip() for c in line.split("│") if c.strip()]
            if cells and re.fullmatch(r"[\d,]+", cells[-1]):
                layers.append(int(cells[-1].replace(",", "")))
        elif line.startswith("===="):
            in_keras2_table = not in_keras2_table
        elif in_keras2_table:
            m = re.search(r"\s(\d+)\s*$", line)
            if m and re.match(r"\s\S", line):
                layers.append(int(m.group(1)))
    totals = {k: int(v.replace(",", "")) for k, v in TOTALS.findall(text)}
    if "Total" in totals:
        totals["Total"] -= totals.pop("Optimizer", 0)
    return layers, totals


SPLIT = [s for s in SNIPPETS if all(output_candidates(s)[v].exists() for v in (2, 3))]
WITH_SUMMARIES = [s for s in SPLIT if "Total params" in output_candidates(s)[3].read_text(encoding="utf-8")]


def test_some_outputs_hold_summaries_of_both_versions():
    assert WITH_SUMMARIES, "no snippet records a summary under both Keras versions"


@pytest.mark.parametrize("snippet", WITH_SUMMARIES, ids=[snippet_id(s) for s in WITH_SUMMARIES])
def test_parameter_counts_agree_between_keras_versions(snippet):
    files = output_candidates(snippet)
    k3 = summary_counts(files[3].read_text(encoding="utf-8"))
    k2 = summary_counts(files[2].read_text(encoding="utf-8"))
    assert k3[0], f"{rel(files[3])}: no layer rows found"
    assert k3 == k2, (
        f"{rel(snippet)}: Keras 3 and Keras 2 count different parameters\n"
        f"  {rel(files[3])}: layers {k3[0]}, totals {k3[1]}\n  {rel(files[2])}: layers {k2[0]}, totals {k2[1]}"
    )
