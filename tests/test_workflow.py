"""The GitHub Actions workflow is valid (JSON schema) and passes zizmor's checks offline:
actions pinned to commits, least permissions, no credentials left in the checkout."""

import subprocess
import sys
from pathlib import Path

import pytest

from pagemodel import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def test_there_is_a_workflow():
    assert WORKFLOWS, ".github/workflows/ holds no workflow"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
@pytest.mark.parametrize(
    "linter",
    [["check-jsonschema", "--builtin-schema", "vendor.github-workflows"], ["zizmor", "--offline", "--no-progress"]],
    ids=["schema", "zizmor"],
)
def test_workflow_lints_clean(workflow, linter):
    result = subprocess.run([str(BIN / linter[0]), *linter[1:], str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, f"{linter[0]} on {workflow.relative_to(ROOT)}:\n{result.stdout}\n{result.stderr}"


def test_the_workflow_runs_ci_run_once_per_keras_column():
    """One CI definition: the workflow's test job runs .ci/run for each column of its matrix,
    and .ci/run knows each of those columns, so the two cannot run different tests."""
    import re

    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))
    test = workflow["jobs"]["test"]
    columns = test["strategy"]["matrix"]["keras"]
    runs = [step for step in test["steps"] if "run" in step]
    assert [step["run"] for step in runs] == ['.ci/run "$KERAS"'], (
        f"the test job should only run `.ci/run \"$KERAS\"`, it runs: {[s['run'] for s in runs]}"
    )
    assert runs[0]["env"]["KERAS"] == "${{ matrix.keras }}"
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    known = re.search(r"case \"\$column\" in ([\w|]+)\)", script).group(1).split("|")
    assert sorted(columns) == sorted(c for c in known if c != "all"), f".ci/run knows {known}, the workflow runs {columns}"
