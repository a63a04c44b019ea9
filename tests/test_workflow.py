"""The GitHub Actions workflow is valid (JSON schema) and passes zizmor's checks offline:
actions pinned to commits, least permissions, no credentials left in the checkout. README's
commands for a contributor's loop select the tests they say they run."""

import re
import shlex
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


def readme_loop_commands():
    """The commands of README's table under "### While you work", as argument lists for pytest."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### While you work", 1)[1].split("\n#", 1)[0]
    commands = re.findall(r"^\|[^|]*\| `\.venv/bin/python -m pytest ([^`]*)`", section, re.M)
    return [shlex.split(command) for command in commands]


def test_readmes_commands_for_a_change_select_the_tests_they_name():
    """Each command in README's "While you work" table selects some tests: a file that was
    renamed, or a program or page named with -k that no test is about any more, fails here.
    `-k` is a plain name in each row; pytest matches it, case-insensitively, within test ids."""
    commands = readme_loop_commands()
    assert len(commands) >= 5, f"README's table under 'While you work' has {len(commands)} pytest commands"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0"],
        cwd=ROOT, capture_output=True, text=True,
    )
    ids = [line for line in collected.stdout.splitlines() if "::" in line]
    assert ids, collected.stdout + collected.stderr
    unselected = []
    for args in commands:
        files = [a for a in args if a.startswith("tests/")]
        missing = [f for f in files if not (ROOT / f).is_file()]
        name = args[args.index("-k") + 1] if "-k" in args else ""
        selected = [i for i in ids if (not files or i.split("::")[0] in files) and name.lower() in i.lower()]
        if missing or not selected:
            unselected.append(f"pytest {shlex.join(args)}: {'no file ' + ', '.join(missing) if missing else 'selects no test'}")
    assert not unselected, "README's 'While you work' commands that run nothing:\n  " + "\n  ".join(unselected)
