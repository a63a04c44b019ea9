"""Command-line options and fixtures. The harness itself is tests/harness.py; what the tests
know about pages, snippets and the nav is pagemodel.py."""

import os

import pytest

import harness
from pagemodel import keras_version


def pytest_addoption(parser):
    group = parser.getgroup("snippets")
    group.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite the recorded output of every snippet that printed something else; "
        "tests/update_outputs.py does it for both Keras versions and shows what changed",
    )
    group.addoption(
        "--tf-device",
        choices=("cpu", "gpu"),
        default="cpu",
        help="where the programs run: cpu (default; GPUs are hidden from TensorFlow) or gpu "
        "(fails at once when TensorFlow sees no GPU)",
    )
    group.addoption(
        "--xla",
        action="store_true",
        help="run the programs under XLA auto-clustering, which rounds differently from the default "
        "CPU kernels, as another CPU or a GPU does: exact outputs must not change, and experiments "
        "must stay within their tolerance",
    )


def pytest_configure(config):
    # The kernel that runs the programs, and pytest-codeblocks' README blocks, inherit these.
    if config.getoption("--tf-device") == "cpu":
        os.environ["CUDA_VISIBLE_DEVICES"] = "-1"
    if config.getoption("--xla"):
        os.environ["TF_XLA_FLAGS"] = harness.XLA_FLAGS
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    os.environ["MPLBACKEND"] = "Agg"  # figures go to files, never to a window
    # Keras 3 draws summary() tables with rich: make their width independent of the terminal.
    os.environ["COLUMNS"] = "100"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups into the test ids
def pytest_collection_modifyitems(config, items):
    """Groups for pytest-xdist (`-n 2 --dist loadgroup`, see pytest.ini). Everything that runs
    Keras stays in one worker, which owns the kernel (TensorFlow is imported once); the offline
    edition's tests stay together, as they share its build. The other tests (the site, the
    pages, the browser) go to whichever worker is free, so that they fill the Keras worker's
    time too: each worker builds the site once if it runs any of them."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "kernel" in fixtures or "tensorflow" in fixtures or item.path.suffix == ".md":
            item.add_marker(pytest.mark.xdist_group("keras"))
        elif item.path.name == "test_offline.py":
            item.add_marker(pytest.mark.xdist_group("offline"))


def pytest_report_header(config):
    xla = ", XLA auto-clustering" if os.environ.get("TF_XLA_FLAGS") else ""
    return f"snippets: Keras {keras_version()}, device {config.getoption('--tf-device')}{xla}"


@pytest.fixture(scope="session")
def kernel(request, pytestconfig, tmp_path_factory):
    """The programs this session tests, run once in a Jupyter kernel (see tests/harness.py)."""
    items = [i for i in request.session.items if "kernel" in getattr(i, "fixturenames", ())]
    params = [getattr(i, "callspec", None) for i in items]
    snippets = {p.params["snippet"] for p in params if p and "snippet" in p.params}
    chapters = {p.params["chapter"].name for p in params if p and "chapter" in p.params}
    run = harness.Kernel(tmp_path_factory.mktemp("kernel"), pytestconfig.getoption("--tf-device"), snippets, chapters)
    try:
        run.run()
    except RuntimeError:
        if run.failure:
            pytest.exit(run.failure, returncode=4)
        raise
    return run


@pytest.fixture(scope="session")
def tensorflow(pytestconfig):
    """TensorFlow in pytest's own process, for a test that needs it there (the programs run in
    the kernel instead). Two logical CPUs, as the kernel's setup cell makes them."""
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
    if pytestconfig.getoption("--tf-device") == "gpu" and not tf.config.list_physical_devices("GPU"):
        pytest.exit("--tf-device gpu was given, but TensorFlow sees no GPU", returncode=4)
    return tf


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """`mkdocs build --strict` into a temporary folder, once for the session: under
    pytest-xdist, the first worker that needs the site builds it and the other reads it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder all workers' temporary folders are in
    return harness.build_site_once(shared / "build")
