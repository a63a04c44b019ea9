"""Record every snippet's output under Keras 3 and Keras 2, then show what changed.

    .venv/bin/python tests/update_outputs.py              # every snippet
    .venv/bin/python tests/update_outputs.py -k dense/    # some (pytest's -k)

Runs `pytest tests/test_snippets.py --update-outputs` twice: under Keras 3 (the default, whose
output the pages show first and whose figures they use), then under Keras 2
(TF_USE_LEGACY_KERAS=1). Where the two versions print the same, the snippet keeps one
`name.out`; where they differ, `name.keras3.out` and `name.keras2.out` (split and merged back
automatically). Review the summary printed at the end with `git diff`, then commit.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WATCHED = ["snippets", "docs/assets/figures"]


def main(args):
    for label, extra_env in (("Keras 3", {"TF_USE_LEGACY_KERAS": "0"}), ("Keras 2 (tf-keras)", {"TF_USE_LEGACY_KERAS": "1"})):
        command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:cacheprovider", "-q", "--no-header",
                   "tests/test_snippets.py::test_snippet_prints_its_recorded_output", "--update-outputs", *args]
        print(f"== {label}: {' '.join(command[1:])}", flush=True)
        result = subprocess.run(command, cwd=ROOT, env={**os.environ, **extra_env})
        if result.returncode not in (0, 5):  # 5: nothing selected under this -k
            print(f"update_outputs: the {label} run failed (exit {result.returncode}); nothing more recorded.")
            return result.returncode
    status = subprocess.run(["git", "status", "--short", "--", *WATCHED], cwd=ROOT, capture_output=True, text=True).stdout
    stat = subprocess.run(["git", "diff", "--stat", "--", *WATCHED], cwd=ROOT, capture_output=True, text=True).stdout
    if not status.strip():
        print("== No recorded output changed.")
        return 0
    print("== Changed since the last commit (review with `git diff snippets/`):")
    print(status + stat, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
