"""Command-line options and the one-process snippet runner shared by the tests."""

import contextlib
import difflib
import io
import os
import re
import runpy
import subprocess
import sys
import traceback

import pytest

from project import ROOT


def pytest_addoption(parser):
    group = parser.getgroup("snippets")
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the recorded output of every snippet that printed something else; "
        "review the change with `git diff snippets/` before committing it",
    )
    group.addoption(
        "--tf-device",
        choices=("cpu", "gpu"),
        default="cpu",
        help="where the snippets run: cpu (default; GPUs are hidden from TensorFlow) or gpu "
        "(fails at once when TensorFlow sees no GPU)",
    )


def pytest_configure(config):
    # Must happen before TensorFlow is imported anywhere in this process.
    if config.getoption("--tf-device") == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = "-1"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["MPLBACKEND"] = "Agg"  # figures go to files, never to a window
    # Keras 3 draws summary() tables with rich: make their width independent of the terminal.
    os.environ["COLUMNS"] = "100"


def pytest_collection_modifyitems(config, items):
    """Two groups for pytest-xdist (`-n 2 --dist loadgroup`, see pytest.ini): everything that
    runs Keras in one worker, so TensorFlow is imported once; the site, the pages and the
    browser in the other. On a machine with two cores the groups run side by side."""
    for item in items:
        uses_keras = "tensorflow" in getattr(item, "fixturenames", ()) or item.path.suffix == ".md"
        item.add_marker(pytest.mark.xdist_group("keras" if uses_keras else "site"))


def pytest_report_header(config):
    from project import keras_version

    return f"snippets: Keras {keras_version()}, device {config.getoption('--tf-device')}"


@pytest.fixture(scope="session")
def tensorflow(pytestconfig):
    """TensorFlow, imported once for the whole session, on the device asked for."""
    import tensorflow as tf

    # Two logical CPUs, so that snippets can show two replicas (tf.distribute) on any machine.
    # It must be set before the runtime starts; one snippet would be too late to do it.
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

    if pytestconfig.getoption("--tf-device") == "gpu" and not tf.config.list_physical_devices("GPU"):
        pytest.exit(
            "--tf-device gpu was given, but TensorFlow sees no GPU "
            f"(tensorflow {tf.__version__}, built with CUDA: {tf.test.is_built_with_cuda()}). "
            "Install TensorFlow with GPU support (see README, 'Keras 2 and GPUs') "
            "or run without --tf-device gpu.",
            returncode=4,
        )
    return tf


# Text that changes from run to run and that no page talks about.
VOLATILE = [
    (re.compile(r"0x[0-9a-fA-F]{6,}"), "0x…"),  # object addresses
    (re.compile(r"\b\d+(?:\.\d+)?m?s(?:/step)?\b(?=[ \t]*(?:-|$))", re.M), "…s"),  # progress-bar timings
]


def normalise(text):
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


class SnippetError(Exception):
    pass


def run_snippet(path, tf, workdir):
    """Run a snippet as `python path` would, in this process, and return what it printed.

    Keras state and seeds are reset first, so layer names (`dense`, `dense_1`) and random
    values do not depend on which snippets ran before. The snippet runs in `workdir`, so the
    files it writes (figures) land there and not in the repository.
    """
    keras = tf.keras
    try:  # Keras 3: skip the full garbage collection, which costs more than the snippets
        keras.utils.clear_session(free_memory=False)
    except (AttributeError, TypeError):  # Keras 2 has neither keras.utils.clear_session nor the option
        keras.backend.clear_session()
    keras.utils.set_random_seed(0)
    buffer = io.StringIO()
    saved_argv, saved_path, saved_cwd = sys.argv[:], sys.path[:], os.getcwd()
    sys.argv = [str(path)]
    sys.path.insert(0, str(path.parent))
    os.chdir(workdir)
    try:
        with contextlib.redirect_stdout(buffer):
            runpy.run_path(str(path), run_name="__main__")
    except BaseException as exc:  # SystemExit too: a snippet must run to its end
        raise SnippetError(
            "".join(traceback.format_exception(exc)) + "\nIt printed before failing:\n" + buffer.getvalue()
        ) from None
    finally:
        sys.argv, sys.path[:] = saved_argv, saved_path
        os.chdir(saved_cwd)
        close_figures()
    return normalise(buffer.getvalue())


def close_figures():
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


# Put on PYTHONPATH for the build: importing tensorflow leaves a mark and fails.
TENSORFLOW_TRAP = '''
import os, pathlib
pathlib.Path(os.environ["TENSORFLOW_TRAP_MARK"]).write_text("imported")
raise ImportError("mkdocs build must not import TensorFlow")
'''


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """`mkdocs build --strict` into a temporary folder, once for the session."""
    work = tmp_path_factory.mktemp("build")
    trap = work / "trap" / "tensorflow"
    trap.mkdir(parents=True)
    (trap / "__init__.py").write_text(TENSORFLOW_TRAP)
    mark = work / "tensorflow-imported"
    site = work / "site"
    env = {
        **os.environ,
        "PYTHONPATH": str(trap.parent),
        "TENSORFLOW_TRAP_MARK": str(mark),
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    return {"result": result, "site": site, "tensorflow_imported": mark.exists()}




def output_diff(expected_file, printed, printed_by):
    """A unified diff from a recorded output file to what was printed now ('' when equal)."""
    from project import rel

    expected = expected_file.read_text(encoding="utf-8")
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            printed.splitlines(keepends=True),
            fromfile=f"{rel(expected_file)} (recorded)",
            tofile=printed_by,
        )
    )
