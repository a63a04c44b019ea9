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
