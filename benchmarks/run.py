"""Measure the site and the suite against their budgets, in one run.

    .venv/bin/python benchmarks/run.py            # everything (runs the whole test suite once)
    .venv/bin/python benchmarks/run.py --no-suite # build and page weights only

Prints, for this machine: the time of `mkdocs build`; the time of the whole test suite as a
multiple of `python -c "import tensorflow"`; and the bytes each page makes the browser load
(its HTML and every asset it requests, fonts included), measured in Chromium; the search index,
which a page requests only when the reader opens search, is listed on its own line. Page bytes are measured as they cross the network from a host that gzips text
files, as GitHub Pages does; the uncompressed size is printed beside them. Exits with 1 when
a figure is over its budget. Timings are not tests: they depend on the machine, so they live
here and in README, not in the suite.
"""

import argparse
import functools
import gzip
import http.server
import io
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KIB = 1024
BUDGETS = {
    "build_s": 5.0,
    "suite_ratio": 15.0,
    "page_kib": 400,
    "page_raw_kib": 400,  # the home page uncompressed: what the browser parses and keeps
    "math_page_kib": 700,
    "tools_js_kib": 40,
    "one_snippet_s": 15.0,  # `pytest -k dense/output_shape`: a contributor's loop on one program
}
PAGES = {  # name: (path, budget for the bytes transferred, budget for the bytes uncompressed)
    "home (/)": ("/", "page_kib", "page_raw_kib"),
    "Chinese home (/zh/)": ("/zh/", "page_kib", "page_raw_kib"),
    "page with math (/batchnorm/)": ("/batchnorm/", "math_page_kib", None),
    "Chinese page with math (/zh/batchnorm/)": ("/zh/batchnorm/", "math_page_kib", None),
    "notebook page (/notebooks/dense/)": ("/notebooks/dense/", "page_kib_notebook", None),
    "calculator (/tools/calculator/)": ("/tools/calculator/", "page_kib", None),
    "explainer (/zh/tools/explainer/)": ("/zh/tools/explainer/", "page_kib", None),
}


def timed(cmd, **kwargs):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def timed_tests(cmd):
    """(seconds, exit status, pytest's last line) of a test run: timed whether it passes or not,
    so that the figures are printed either way."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    return time.perf_counter() - start, done.returncode, lines[-1] if lines else done.stderr.strip()[-200:]


TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host that gzips text files for clients that accept it, like GitHub Pages."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix in TEXT
            and path.is_file()
            and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            body = gzip.compress(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()


def page_bytes(site, path):
    """(bytes transferred, bytes uncompressed) of every response a Chromium page view receives."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    total, raw, statuses = 0, 0, []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            responses = []
            page.on("response", lambda r: responses.append(r))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}")
            page.wait_for_load_state("networkidle")
            for r in responses:
                statuses.append(r.status)
                total += r.request.sizes()["responseBodySize"]
                try:
                    raw += len(r.body())
                except Exception:  # redirects have no body
                    pass
            browser.close()
    finally:
        server.shutdown()
    if any(s >= 400 for s in statuses):
        raise SystemExit(f"{path}: a request failed ({statuses})")
    return total, raw


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-suite", action="store_true", help="skip the test-suite timing")
    args = parser.parse_args()
    python = sys.executable
    rows, over = [], []

    def row(name, value, budget, unit, note=""):
        ok = value <= budget
        rows.append(
            f"{name:<44} {value:>9.1f} {unit:<4} budget {budget:>6.1f} {unit:<4} {'ok' if ok else 'OVER':<4} {note}"
        )
        if not ok:
            over.append(name)

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env_cmd = [python, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
        # A cold build renders every notebook with nbconvert; later builds reuse mkdocs-jupyter's
        # cache (.cache/mkdocs-jupyter, keyed by each notebook's content) until a notebook changes.
        shutil.rmtree(ROOT / ".cache" / "mkdocs-jupyter", ignore_errors=True)
        cold = timed(env_cmd)
        rows.append(f"{'mkdocs build, cold (notebooks rendered)':<44} {cold:>9.1f} s")
        builds = [timed(env_cmd) for _ in range(3)]
        row("mkdocs build (median of 3)", statistics.median(builds), BUDGETS["build_s"], "s")

        if not args.no_suite:
            imports = [timed([python, "-c", "import tensorflow"]) for _ in range(3)]
            import_s = statistics.median(imports)
            pytest = [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
            suite_s, suite_status, suite_said = timed_tests(pytest)
            one_s, one_status, one_said = timed_tests([*pytest, "-k", "dense/output_shape"])
            rows.append(f"{'import tensorflow (median of 3)':<44} {import_s:>9.1f} s")
            rows.append(f"{'whole test suite':<44} {suite_s:>9.1f} s    {suite_said}")
            row("suite / import tensorflow", suite_s / import_s, BUDGETS["suite_ratio"], "x")
            row("one snippet's test (-k dense/output_shape)", one_s, BUDGETS["one_snippet_s"], "s", one_said)
            for name, status in (("whole test suite", suite_status), ("one snippet's test", one_status)):
                if status:
                    over.append(f"{name} FAILED (pytest exit {status})")

        for name, (path, budget_key, raw_budget_key) in PAGES.items():
            if not (site / path.strip("/") / "index.html").exists():
                rows.append(f"{name:<44} {'(no such page yet)':>14}")
                continue
            transferred, raw = page_bytes(site, path)
            budget = BUDGETS.get(budget_key, 2 * BUDGETS["page_kib"])  # a notebook page: twice a page
            row(name + ", gzipped", transferred / KIB, budget, "KiB", f"({raw / KIB:.0f} KiB uncompressed)")
            if raw_budget_key:
                row(name + ", uncompressed", raw / KIB, BUDGETS[raw_budget_key], "KiB")

        # Not part of a page view: docs/assets/javascripts/search-on-demand.js downloads a
        # language's index when the reader opens search.
        for lang in ("", "zh/"):
            index = (site / lang / "search" / "search_index.json").read_bytes()
            rows.append(
                f"{'search index /' + lang + ', on opening search':<44} {len(gzip.compress(index)) / KIB:>9.1f} KiB"
                f" gzipped ({len(index) / KIB:.0f} KiB uncompressed)"
            )

    # The calculator's and the explainer's own scripts (docs/assets/javascripts/tools/), gzipped.
    scripts = sorted((ROOT / "docs" / "assets" / "javascripts" / "tools").glob("*.js"))
    packed = sum(len(gzip.compress(p.read_bytes(), 9)) for p in scripts)
    plain = sum(p.stat().st_size for p in scripts)
    row("tools' JavaScript, gzipped", packed / KIB, BUDGETS["tools_js_kib"], "KiB", f"({plain / KIB:.0f} KiB uncompressed)")
    # The BatchNormalization explorer's scripts (docs/assets/javascripts/explorer/), gzipped, budget 15 KiB.
    explorer = sorted((ROOT / "docs" / "assets" / "javascripts" / "explorer").glob("*.js"))
    row("explorer's JavaScript, gzipped", sum(len(gzip.compress(p.read_bytes(), 9)) for p in explorer) / KIB, 15, "KiB", f"({sum(p.stat().st_size for p in explorer) / KIB:.0f} KiB uncompressed)")

    print("\n".join(rows))
    if over:
        print("over budget or failing: " + ", ".join(over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
