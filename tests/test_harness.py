"""The harness (tests/harness.py) without a kernel: what it plans to run, how it reads a
cell's output, and how it records outputs of the two Keras versions."""

from decimal import Decimal

import nbformat

import harness
import pagemodel
from pagemodel import SNIPPETS


def test_record_splits_and_merges_the_versions(tmp_path):
    snippet = tmp_path / "x.py"
    snippet.write_text("print(1)\n")
    names = lambda: sorted(p.name for p in tmp_path.glob("x*.out"))  # noqa: E731
    harness.record(snippet, "same\n", version=3)
    harness.record(snippet, "same\n", version=2)
    assert names() == ["x.out"]
    harness.record(snippet, "keras 2\n", version=2)  # Keras 2 now prints something else: split
    assert names() == ["x.keras2.out", "x.keras3.out"]
    assert (tmp_path / "x.keras3.out").read_text() == "same\n"
    harness.record(snippet, "keras 2\n", version=3)  # the versions agree again: merge
    assert names() == ["x.out"] and (tmp_path / "x.out").read_text() == "keras 2\n"


def test_cell_text_is_what_the_program_printed():
    cell = {
        "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "INFO:tensorflow:Using MirroredStrategy\nreplicas: 2\n"},
            {"output_type": "stream", "name": "stderr", "text": "a warning\n"},
            {"output_type": "display_data", "metadata": {}, "data": {"text/plain": "\x1b[1mModel\x1b[0m\n", "text/html": "<pre>"}},
            {"output_type": "display_data", "metadata": {}, "data": {"text/plain": "<Figure>", "image/png": "..."}},
            {"output_type": "execute_result", "metadata": {}, "data": {"text/plain": "42"}, "execution_count": 1},
        ]
    }
    assert harness.cell_text(cell) == "replicas: 2\nModel\n"


def test_normalise_hides_addresses_and_timings():
    printed = "<obj at 0x7f3a2b4c5d6e>  \n1/1 ━━ 12ms/step - loss: 0.5\n"
    assert harness.normalise(printed) == "<obj at 0x…>\n1/1 ━━ …s - loss: 0.5\n"


def test_a_program_needing_two_cpus_runs_first_after_its_setup_cell(tmp_path):
    wanted = [SNIPPETS / "dense" / "output_shape.py", SNIPPETS / "distributed" / "sync_batchnorm.py"]
    jobs = harness.Kernel(tmp_path, snippets=wanted).plan()
    assert [name for name, _, _ in jobs] == ["batchnorm", "dense"]
    runs = [[nb.cells[i].metadata.get("snippet") or nb.cells[i].metadata["tags"][0] for i in cells] for _, nb, cells in jobs]
    assert runs == [["setup", "reset", "distributed/sync_batchnorm.py"], ["reset", "dense/output_shape.py"]]


def test_a_program_on_no_chapter_runs_on_its_own():
    nb = harness.standalone_notebook([SNIPPETS / "distributed" / "sync_batchnorm.py"])
    nbformat.validate(nb)
    assert [c.metadata.get("tags", [c.metadata.get("snippet")])[0] for c in nb.cells] == [
        "setup",
        "reset",
        "distributed/sync_batchnorm.py",
    ]
    assert nb.cells[1].source == pagemodel.RESET


EXPERIMENT_OUTPUT = """\
validation accuracy after 150 steps, mean ± std over 8 networks
learning rate          0.01          1.0
without BN       0.25 ± 0.03   0.14 ± 0.08
"""


def test_an_experiments_results_may_move_within_its_tolerance_and_no_further(tmp_path):
    recorded = tmp_path / "x.out"
    recorded.write_text(EXPERIMENT_OUTPUT)
    moved = EXPERIMENT_OUTPUT.replace("0.14 ± 0.08", "0.18 ± 0.04")
    assert harness.output_diff(recorded, moved, "now", tolerance=Decimal("0.04")) == ""
    too_far = EXPERIMENT_OUTPUT.replace("0.14 ± 0.08", "0.19 ± 0.08")
    diff = harness.output_diff(recorded, too_far, "now", tolerance=Decimal("0.04"))
    assert "+without BN       0.25 ± 0.03   0.19 ± 0.08" in diff
    assert "result 2: mean 0.19, recorded 0.14: 0.05 apart, tolerance 0.04" in diff
    # A program without the directive is compared exactly.
    assert harness.output_diff(recorded, moved, "now") != ""


def test_an_experiments_text_counts_and_settings_stay_exact(tmp_path):
    recorded = tmp_path / "x.out"
    recorded.write_text(EXPERIMENT_OUTPUT)
    for changed in ("over 8 networks", "over 9 networks"), ("0.01          1.0", "0.01          3.0"), ("without BN", "with BN"):
        diff = harness.output_diff(recorded, EXPERIMENT_OUTPUT.replace(*changed), "now", tolerance=Decimal("0.5"))
        assert "the text around the results differs" in diff


def test_the_tolerance_is_read_from_the_experiments_first_lines(tmp_path):
    snippet = tmp_path / "x.py"
    snippet.write_text("# experiment: tolerance 0.05 (each mean and std)\nimport numpy\n")
    assert pagemodel.experiment_tolerance(snippet) == Decimal("0.05")
    snippet.write_text("import numpy\n# experiment: tolerance 0.05\n")
    assert pagemodel.experiment_tolerance(snippet) is None


def test_recording_leaves_an_experiments_output_alone_within_its_tolerance(tmp_path):
    snippet = tmp_path / "x.py"
    snippet.write_text("# experiment: tolerance 0.04\n")
    harness.record(snippet, EXPERIMENT_OUTPUT, version=3)
    harness.record(snippet, EXPERIMENT_OUTPUT.replace("0.14 ± 0.08", "0.17 ± 0.08"), version=2)
    assert sorted(p.name for p in tmp_path.glob("x*.out")) == ["x.out"]
    assert (tmp_path / "x.out").read_text() == EXPERIMENT_OUTPUT
    harness.record(snippet, EXPERIMENT_OUTPUT.replace("0.14 ± 0.08", "0.24 ± 0.08"), version=2)
    assert sorted(p.name for p in tmp_path.glob("x*.out")) == ["x.keras2.out", "x.keras3.out"]


def test_chinese_figure_has_the_chinese_text_and_the_same_size(tmp_path, monkeypatch):
    """tests/figure_text.py's kernel code, run here without a kernel: the saved figure is saved
    again as name.zh.png, its texts replaced, with the arguments of the first save; a text with
    no Chinese is reported."""
    import contextlib
    import io
    import json
    import struct

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.figure
    import matplotlib.pyplot as plt

    import figure_text

    monkeypatch.setattr(figure_text, "translations", lambda: {"x.py": {"epoch": "轮", "Title, 3 seeds": "标题：3 个种子"}})
    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", matplotlib.figure.Figure.savefig)  # undone after
    monkeypatch.chdir(tmp_path)
    kernel = {}
    exec(figure_text.RECORD, kernel)
    plt.plot([1, 2], [0.5, 0.25], label="no BN")
    plt.xlabel("epoch")
    plt.title(f"Title, {3} seeds")
    plt.legend()
    figure = plt.gcf()
    plt.savefig("f.png", dpi=30)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(figure_text.save_chinese_code("x.py"), kernel)
    report = json.loads(printed.getvalue())
    assert (report["missing"], report["unused"]) == (["no BN"], [])
    axes = figure.axes[0]
    assert (axes.get_xlabel(), axes.get_title()) == ("轮", "标题：3 个种子")
    size = [struct.unpack(">II", (tmp_path / name).read_bytes()[16:24]) for name in ("f.png", "f.zh.png")]
    assert size[0] == size[1] == (192, 144)  # 6.4 x 4.8 inches at dpi 30
    assert not plt.get_fignums(), "the program's figures are closed for the next program"
