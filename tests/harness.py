"""The test harness: runs the programs in a real Jupyter kernel, and normalises, records, splits,
merges and diffs their outputs.

Each program runs once per suite. The chapter notebooks (pagemodel.notebook, the files the site
serves) run top to bottom in one kernel (nbclient + ipykernel), the English ones: a Chinese
notebook holds the same cells, its programs differing at most in their comments, which
test_notebooks.py checks by comparing the cells' syntax trees, so running it would repeat the
same computations. A program's output, as its notebook cell printed it, is what
test_snippets.py compares with the recorded output; a snippet that no chapter shows runs in
the same kernel after them, preceded by the same reset cell. Notebooks whose programs need a
setup cell (`# requires: two-cpus`: the CPU split into two logical devices, which must come
before TensorFlow starts its runtime) run first. The kernel's working folder is a temporary
one; after each program the files it wrote (figures) are moved aside under its name. Around
a program whose figures have Chinese text (snippets/figures.zh.yml), two cells outside the
notebooks note its figures and save them again in Chinese (tests/figure_text.py).

The pytest process itself never imports TensorFlow for this.
"""

from __future__ import annotations

import dataclasses
import difflib
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import figure_text
import pagemodel
from pagemodel import RESULT_CELL, ROOT, SNIPPETS, keras_version, output_candidates, rel, result_cells

# ---------------------------------------------------------------------------------------------
# Outputs: normalise, diff, record

# Text that changes from run to run and that no page talks about.
VOLATILE = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0x…"),  # object addresses
    (re.compile(r"\b\d+(?:\.\d+)?m?s(?:/step)?\b(?=[ \t]*(?:-|$))", re.M), "…s"),  # progress-bar timings
]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# In a kernel (an interactive session) TensorFlow sends its log records to stdout; run as
# `python snippet.py`, a program sends them to stderr. They are no part of its output.
LOG_RECORD = re.compile(r"^(?:DEBUG|INFO|WARNING|ERROR|CRITICAL):(?:tensorflow|absl):.*\n?", re.M)


def normalise(text):
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


# XLA auto-clustering: rounds differently from TensorFlow's default CPU kernels, as another CPU
# or a GPU does. The stand-in for "another machine" (README, "Run the tests"; `--xla`).
XLA_FLAGS = "--tf_xla_auto_jit=2 --tf_xla_cpu_global_jit"

def _skeleton(text):
    """The output with each result cell replaced by a mark and runs of spaces by one: what must
    stay exactly the same when the results move within their tolerance."""
    return [re.sub(r"[ \t]+", " ", RESULT_CELL.sub("‹result›", line)) for line in text.splitlines()]


def outside_tolerance(expected, printed, tolerance):
    """Why `printed` is not `expected` within `tolerance` (a list of reasons; empty when it is).

    Everything but the result cells must be identical: the text, the counts, the settings an
    experiment prints. Each number of a result cell, the mean and the std, may differ by at most
    the tolerance."""
    if _skeleton(expected) != _skeleton(printed):
        return ["the text around the results differs (only the numbers of \"mean ± std\" cells may move)"]
    reasons = []
    for number, (old, new) in enumerate(zip(result_cells(expected), result_cells(printed)), 1):
        for what, a, b in (("mean", old[0], new[0]), ("std", old[1], new[1])):
            if abs(a - b) > tolerance:
                reasons.append(f"result {number}: {what} {b}, recorded {a}: {abs(a - b)} apart, tolerance {tolerance}")
    return reasons


def output_diff(expected_file, printed, printed_by, tolerance=None):
    """'' when what was printed now matches the recorded output file: exactly, or for an
    experiment (`tolerance` set) within its tolerance. Otherwise a unified diff, and for an
    experiment the results that moved too far."""
    expected = expected_file.read_text(encoding="utf-8")
    if expected == printed:
        return ""
    reasons = []
    if tolerance is not None:
        reasons = outside_tolerance(expected, printed, tolerance)
        if not reasons:
            return ""
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            printed.splitlines(keepends=True),
            fromfile=f"{rel(expected_file)} (recorded)",
            tofile=printed_by,
        )
    )
    if reasons:
        diff += f"\nAn experiment: its results may move by {tolerance}, and these moved further:\n" + "\n".join(
            f"  {r}" for r in reasons
        ) + "\n"
    return diff


def record(snippet, printed, version=None):
    """Write what the snippet printed under this Keras version, keeping one file when both agree.

    The default run (Keras 3) writes the shared `name.out`; a Keras 2 run that prints something
    else splits it into `name.keras3.out` and `name.keras2.out`; when the two agree again, they
    are merged back into `name.out`. An experiment's output that is within its tolerance of the
    recorded one counts as the same and is left as it is: only a real change is written.
    """
    tolerance = pagemodel.experiment_tolerance(snippet)

    def same(path):
        if not path.exists():
            return False
        recorded = path.read_text(encoding="utf-8")
        return recorded == printed or (tolerance is not None and not outside_tolerance(recorded, printed, tolerance))

    files = output_candidates(snippet)
    mine = version or keras_version()
    other = 5 - mine
    if files[other].exists():
        if same(files[other]):  # the versions agree again
            files[other].rename(files["shared"])
            files[mine].unlink(missing_ok=True)
        elif not same(files[mine]):
            files[mine].write_text(printed, encoding="utf-8")
        return
    shared = files["shared"]
    if same(shared):
        return
    if mine == 2 and shared.exists():
        shared.rename(files[3])
        files[2].write_text(printed, encoding="utf-8")
        return
    shared.write_text(printed, encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Running the programs in a kernel


@dataclasses.dataclass
class Run:
    """One program's run: what it printed (normalised), where it ran, what it raised and wrote."""

    snippet: Path
    printed: str
    where: str  # "notebook batchnorm (en), cell 12"
    error: str | None = None
    files: list = dataclasses.field(default_factory=list)
    # Its figures in Chinese (tests/figure_text.py): {"missing": [texts], "unused": [texts],
    # "font": bool}, or
    # {"error": traceback}; None for a program whose figures have no translations.
    figures: dict | None = None
    seconds: float = 0.0  # wall time of its cell


@dataclasses.dataclass
class NotebookRun:
    name: str
    nb: object  # the executed NotebookNode
    errors: list  # (cell number, source's first line, traceback) of cells that raised


def cell_text(cell):
    """What a code cell printed: stdout, and the plain text of what it displayed (Keras 3's
    summary() draws its table with rich, which in a kernel displays it instead of printing)."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream" and out["name"] == "stdout":
            parts.append(out["text"])
        elif out["output_type"] == "display_data" and "text/plain" in out["data"] and len(out["data"]) <= 2:
            if not any(k.startswith("image/") for k in out["data"]):
                parts.append(out["data"]["text/plain"])
    return LOG_RECORD.sub("", ANSI.sub("", "".join(parts)))


def cell_error(cell):
    for out in cell.get("outputs", []):
        if out["output_type"] == "error":
            return ANSI.sub("", "\n".join(out["traceback"]))
    return None


def standalone_notebook(snippets):
    """Programs that no chapter shows, as a notebook of the same cells."""
    import nbformat

    needs = set().union(*(pagemodel.requirements(s) for s in snippets)) if snippets else set()
    cells = [pagemodel._code_cell(pagemodel.SETUP[n], tags=["setup"]) for n in sorted(needs)]
    for snippet in snippets:
        cells.append(pagemodel._code_cell(pagemodel.RESET, tags=["reset"]))
        cells.append(pagemodel._code_cell(pagemodel.program_source(snippet, "en"), snippet=rel_snippet(snippet)))
    for number, cell in enumerate(cells):
        cell.id = f"standalone-{number}"
    return nbformat.from_dict({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells})


def rel_snippet(snippet):
    return Path(snippet).relative_to(SNIPPETS).as_posix()


class Kernel:
    """The programs of the suite, run lazily, once, in one kernel.

    `wanted` is what the session selected: snippets whose output is tested and chapters whose
    notebook is tested whole. A chapter tested whole runs every cell; otherwise only its setup
    cells and the reset and program cells of the selected snippets run (`pytest -k name`).
    """

    def __init__(self, workdir, device="cpu", snippets=(), chapters=()):
        self.workdir = Path(workdir)
        self.device = device
        self.snippets = {rel_snippet(s) for s in snippets}
        self.whole = set(chapters)
        self.runs, self.notebooks = {}, {}
        self.failure = None
        self._done = False

    def env(self):
        env = {**os.environ, "JUPYTER_COLUMNS": os.environ.get("COLUMNS", "100"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
        if self.device == "cpu":
            env["CUDA_VISIBLE_DEVICES"] = "-1"
        else:
            # TensorFlow multiplies float32 matrices in TensorFloat-32 on Ampere and later GPUs,
            # with a 10-bit mantissa: the 4th decimal of a printed result would change. NVIDIA's
            # libraries honour this variable and keep float32 (README, "Keras 2 and GPUs").
            env["NVIDIA_TF32_OVERRIDE"] = "0"
        return env

    def plan(self):
        """[(name, notebook, cell indices to run)], the notebooks with setup cells first."""
        config = pagemodel.mkdocs_config()
        jobs, shown = [], set()
        for chapter in pagemodel.chapters(config):
            nb = pagemodel.notebook(chapter, "en", config)
            programs = {c.metadata.get("snippet") for c in nb.cells if c.metadata.get("snippet")}
            shown |= programs
            if chapter.name in self.whole:
                jobs.append((chapter.name, nb, list(range(len(nb.cells)))))
            elif programs & self.snippets:
                jobs.append((chapter.name, nb, self._selected(nb)))
        rest = sorted(SNIPPETS / s for s in self.snippets - shown)
        if rest:
            nb = standalone_notebook(rest)
            jobs.append(("standalone", nb, list(range(len(nb.cells)))))
        return sorted(jobs, key=lambda job: not any("setup" in c.metadata.get("tags", []) for c in job[1].cells))

    def _selected(self, nb):
        chosen = []
        for index, cell in enumerate(nb.cells):
            tags = cell.metadata.get("tags", [])
            if "setup" in tags:
                chosen.append(index)
            elif cell.metadata.get("snippet") in self.snippets:
                chosen += [index - 1, index]  # its reset cell, then the program
        return [i for i in chosen if nb.cells[i].cell_type == "code"]

    def run(self):
        if self._done:
            return
        self._done = True
        from nbclient import NotebookClient

        jobs = self.plan()
        if not jobs:
            return
        cwd = self.workdir / "cwd"
        cwd.mkdir(parents=True, exist_ok=True)
        client = NotebookClient(
            jobs[0][1],
            kernel_name="python3",
            timeout=1800,
            allow_errors=True,
            resources={"metadata": {"path": str(cwd)}},
        )
        with client.setup_kernel(env=self.env()):
            if self.device == "gpu":
                self._check_gpu(client)
            figures = figure_text.translations()
            for name, nb, indices in jobs:
                errors = []
                for index in indices:
                    cell = nb.cells[index]
                    snippet = cell.metadata.get("snippet")
                    if snippet in figures:
                        self._hidden(client, figure_text.RECORD)
                    client.nb = nb
                    started = time.perf_counter()
                    client.execute_cell(cell, index)
                    seconds = time.perf_counter() - started
                    error = cell_error(cell)
                    where = f"notebook {name} (en), cell {index + 1}"
                    if error:
                        errors.append((index + 1, cell.source.splitlines()[0] if cell.source else "", error))
                    if snippet:
                        run = Run(SNIPPETS / snippet, normalise(cell_text(cell)), where, error, seconds=seconds)
                        if snippet in figures and not error:
                            run.figures = self._chinese_figures(client, snippet)
                        run.files = self._files(cwd, snippet)
                        self.runs[snippet] = run
                self.notebooks[name] = NotebookRun(name, nb, errors)

    def _files(self, cwd, snippet):
        """Move what the program wrote in the kernel's folder aside, under the program's name."""
        written = sorted(cwd.iterdir())
        if not written:
            return []
        keep = self.workdir / "files" / Path(snippet).with_suffix("")
        keep.mkdir(parents=True, exist_ok=True)
        for path in written:
            shutil.move(str(path), keep / path.name)
        return sorted(keep.iterdir())

    def _hidden(self, client, source):
        """Run `source` in the kernel outside the notebooks: (what it printed, its error)."""
        import nbformat

        probe = nbformat.from_dict({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": source})
        client.nb = nbformat.from_dict({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [probe]})
        client.execute_cell(probe, 0)
        return cell_text(probe), cell_error(probe)

    def _chinese_figures(self, client, snippet):
        """The program's figures again, their text in Chinese (tests/figure_text.py)."""
        printed, error = self._hidden(client, figure_text.save_chinese_code(snippet))
        if error:
            return {"error": error}
        return json.loads(printed.strip().splitlines()[-1])

    def _check_gpu(self, client):
        printed, _ = self._hidden(
            client, "import tensorflow as tf\nprint(len(tf.config.list_physical_devices('GPU')), tf.__version__, tf.test.is_built_with_cuda())"
        )
        gpus, version, cuda = (printed.split() + ["?", "?", "?"])[:3]
        if gpus in ("0", "?"):
            self.failure = (
                "--tf-device gpu was given, but TensorFlow sees no GPU in the kernel "
                f"(tensorflow {version}, built with CUDA: {cuda}). Install TensorFlow with GPU "
                "support (see README, 'Keras 2 and GPUs') or run without --tf-device gpu."
            )
            raise RuntimeError(self.failure)

    def result(self, snippet):
        self.run()
        return self.runs.get(rel_snippet(snippet))

    def notebook(self, name):
        self.run()
        return self.notebooks.get(name)


# ---------------------------------------------------------------------------------------------
# The build, without TensorFlow

# Put on PYTHONPATH for the build: importing tensorflow leaves a mark and fails.
TENSORFLOW_TRAP = '''
import os, pathlib
pathlib.Path(os.environ["TENSORFLOW_TRAP_MARK"]).write_text("imported")
raise ImportError("mkdocs build must not import TensorFlow")
'''


def build_site_once(work):
    """build_site(work), run by the first process that asks; a process that asks later, or
    while it runs, waits for it and gets the same result."""
    work.mkdir(parents=True, exist_ok=True)
    record = work / "result.json"
    with open(work / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.exists():
            built = build_site(work / "site-build")
            result = built["result"]
            record.write_text(json.dumps({
                "returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr,
                "site": str(built["site"]), "tensorflow_imported": built["tensorflow_imported"],
            }))
    data = json.loads(record.read_text())
    result = subprocess.CompletedProcess(["mkdocs", "build"], data["returncode"], data["stdout"], data["stderr"])
    return {"result": result, "site": Path(data["site"]), "tensorflow_imported": data["tensorflow_imported"]}


def build_site(work):
    """`mkdocs build --strict` into `work`/site, with a tensorflow that fails when imported."""
    trap = work / "trap" / "tensorflow"
    trap.mkdir(parents=True)
    (trap / "__init__.py").write_text(TENSORFLOW_TRAP)
    mark = work / "tensorflow-imported"
    site = work / "site"
    env = {**os.environ, "PYTHONPATH": str(trap.parent), "TENSORFLOW_TRAP_MARK": str(mark), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return {"result": result, "site": site, "tensorflow_imported": mark.exists()}
