"""Measure how far an experiment's results move from one run to another, to set its tolerance.

    .venv/bin/python tests/measure_spread.py                           # every experiment
    .venv/bin/python tests/measure_spread.py in_practice/lr_sweep --seeds 10

An experiment (a program whose first lines say `# experiment: tolerance 0.05`) prints its
results as "mean ± std" cells: the accuracy of trained networks, which depends on the rounding
of the CPU or GPU it runs on. A different machine changes the rounding, and training at a high
learning rate or on tiny batches magnifies the difference until the networks end up as if they
had started from other random weights. So the spread that matters is the spread across seeds.

This script runs the program in a fresh Python process once per seed, with the seed it sets
(`keras.utils.set_random_seed(0)`) shifted by 0, 1, 2, ... (the data split, drawn with NumPy's
own generator, stays the same), under Keras 3 and Keras 2 (TF_USE_LEGACY_KERAS=1), and once per
version under XLA auto-clustering, which rounds differently from the default CPU kernels, the
way another CPU or a GPU does. For every result (each mean and each std) it prints the values'
range and standard deviation sigma across the runs. Another machine's result is one more such
draw, so it differs from the recorded one by a difference whose standard deviation is
sqrt(2) sigma: the tolerance must be at least 5 sigma of the widest-spread result (3.5 standard
deviations of that difference, about 1 chance in 2,000 of a false failure per result), and
every sentence about the experiment must hold across it.
"""

import argparse
import os
import statistics
import subprocess
import sys
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import pagemodel  # noqa: E402
from harness import XLA_FLAGS, _skeleton  # noqa: E402
from pagemodel import result_cells  # noqa: E402

# Runs the program with every seed it sets shifted by SEED_OFFSET.
RUNNER = """
import os, runpy, sys
from tensorflow import keras
set_random_seed = keras.utils.set_random_seed
keras.utils.set_random_seed = lambda seed: set_random_seed(seed + int(os.environ["SEED_OFFSET"]))
runpy.run_path(sys.argv[1], run_name="__main__")
"""


def run(snippet, offset, keras_version, xla, workdir):
    env = {**os.environ, "SEED_OFFSET": str(offset), "CUDA_VISIBLE_DEVICES": "-1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "MPLBACKEND": "Agg", "TF_USE_LEGACY_KERAS": "1" if keras_version == 2 else "0"}
    env.pop("TF_XLA_FLAGS", None)
    if xla:
        env["TF_XLA_FLAGS"] = XLA_FLAGS
    done = subprocess.run([sys.executable, "-c", RUNNER, str(snippet)], cwd=workdir, env=env,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{pagemodel.rel(snippet)} failed (seed offset {offset}, Keras {keras_version}, "
                         f"XLA {xla}):\n{done.stderr[-3000:]}")
    return done.stdout


def measure(snippet, seeds, versions, workdir):
    """Run the experiment and print the spread of each result; returns (suggested, stated)."""
    stated = pagemodel.experiment_tolerance(snippet)
    groups = {}  # runs that print the same text around their results (Keras 2 may add a row)
    for version in versions:
        for offset, xla in [(o, False) for o in range(seeds)] + [(0, True)]:
            text = run(snippet, offset, version, xla, workdir)
            label = f"Keras {version}, seed +{offset}" + (", XLA" if xla else "")
            groups.setdefault(tuple(_skeleton(text)), []).append((label, text))
    print(f"\n{pagemodel.rel(snippet)}")
    suggested = Decimal(0)
    for runs in groups.values():
        print(f"{len(runs)} runs: " + "; ".join(label for label, _ in runs))
        print(runs[0][1], end="")
        columns = list(zip(*([v for cell in result_cells(text) for v in cell] for _, text in runs)))
        for index, values in enumerate(columns):
            sigma = statistics.stdev(values) if len(values) > 1 else 0.0
            # Another machine's result is one more draw: it differs from the recorded one by a
            # difference whose std is sqrt(2) sigma. 5 sigma is 3.5 of those: about 1 in 2000.
            needed = Decimal(5 * sigma).quantize(Decimal("0.01"), rounding=ROUND_CEILING)
            suggested = max(suggested, needed)
            what = "mean" if index % 2 == 0 else "std "
            print(f"  result {index // 2 + 1:>2} {what}: {min(values)}..{max(values)}, sigma {sigma:.4f}, 5 sigma {needed}")
    verdict = "ok" if stated is not None and suggested <= stated else "TOO SMALL"
    print(f"5 sigma of the widest result: {suggested}; the program states tolerance {stated}: {verdict}")
    return suggested, stated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("snippets", nargs="*", help="e.g. in_practice/lr_sweep (default: every experiment)")
    parser.add_argument("--seeds", type=int, default=8, help="seeds per Keras version (default 8)")
    parser.add_argument("--versions", default="3,2", help="Keras versions to run (default 3,2)")
    args = parser.parse_args()
    snippets = [pagemodel.SNIPPETS / f"{s.removesuffix('.py')}.py" for s in args.snippets] or [
        s for s in pagemodel.snippet_files() if pagemodel.experiment_tolerance(s) is not None
    ]
    versions = [int(v) for v in args.versions.split(",")]
    import tempfile

    failed = []
    with tempfile.TemporaryDirectory() as workdir:
        for snippet in snippets:
            suggested, stated = measure(snippet, args.seeds, versions, workdir)
            if stated is None or suggested > stated:
                failed.append(pagemodel.rel(snippet))
    if failed:
        print("\ntolerance smaller than 5 sigma of a result:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
