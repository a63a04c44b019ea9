"""Measure the site and the suite against their budgets, in one run.

    .venv/bin/python benchmarks/run.py            # everything (runs the whole test suite once)
    .venv/bin/python benchmarks/run.py --no-suite # build, page weights and Lighthouse only
    .venv/bin/python benchmarks/run.py --no-suite --pages /batchnorm/ /zh/batchnorm/ --runs 3

Prints, for this machine: the time of `mkdocs build`; the time of the whole test suite as a
multiple of `python -c "import tensorflow"`; and the bytes each page makes the browser load
(its HTML and every asset it requests, fonts included), measured in Chromium; the search index,
which a page requests only when the reader opens search, is listed on its own line. Page bytes are measured as they cross the network from a host that gzips text
files, as GitHub Pages does; the uncompressed size is printed beside them. Exits with 1 when
a figure is over its budget. Timings are not tests: they depend on the machine, so they live
here and in README, not in the suite.

Then Lighthouse's mobile profile (its default: a mid-range phone, 4x CPU slowdown, slow 4G,
simulated) on every page of the built site, both languages, notebooks and tools included,
served gzipped: one line per page with its performance score, total blocking time (TBT),
largest contentful paint (LCP) and accessibility score, and the lowest score and highest TBT
over all pages against their budgets. A page Lighthouse cannot measure, or that requests
anything from another host, is listed as failed and the other pages are still measured.
Lighthouse (benchmarks/package.json, pinned) is installed into benchmarks/node_modules with
`npm ci` on first use; it drives Debian's chromium, which resolves no host but this machine.
`--reports DIR` keeps each page's Lighthouse report (JSON, with the trace's main-thread
breakdown), to see where the time goes.
"""

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
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
    "lighthouse_performance": 95,  # at least, on every page (Lighthouse's mobile profile)
    "lighthouse_tbt_ms": 200,  # at most, on every page
    "lighthouse_accessibility": 100,  # at least, on every page
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


@contextlib.contextmanager
def serve(site):
    """The built site on a gzipping localhost host; yields its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


# Chromium resolves no host but this machine (as in tests/test_browser.py), and starts no
# background traffic of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def page_bytes(site, path):
    """(bytes transferred, bytes uncompressed) of every response a Chromium page view receives."""
    from playwright.sync_api import sync_playwright

    total, raw, statuses = 0, 0, []
    with serve(site) as host, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium"),
            args=CHROMIUM_ARGS,
        )
        page = browser.new_page()
        responses = []
        page.on("response", lambda r: responses.append(r))
        page.goto(host + path)
        page.wait_for_load_state("networkidle")
        for r in responses:
            statuses.append(r.status)
            total += r.request.sizes()["responseBodySize"]
            try:
                raw += len(r.body())
            except Exception:  # redirects have no body
                pass
        browser.close()
    if any(s >= 400 for s in statuses):
        raise SystemExit(f"{path}: a request failed ({statuses})")
    return total, raw


LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / "lighthouse" / "cli" / "index.js"


def site_pages(site):
    """The address of every page of the built site, both languages, notebooks and tools."""
    found = []
    for html in sorted(site.rglob("index.html")):
        found.append("/" + html.parent.relative_to(site).as_posix().strip(".").strip("/") + "/")
    return [path.replace("//", "/") for path in found]


def install_lighthouse():
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT / "benchmarks", check=True)


def lighthouse(url, report):
    """One Lighthouse run (mobile profile) of url: a dict of its figures, or of why it failed."""
    flags = " ".join(["--headless=new", *(f"'{a}'" if " " in a else a for a in CHROMIUM_ARGS)])
    cmd = [
        "node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
        "--only-categories=performance,accessibility", f"--chrome-flags={flags}",
    ]
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    done = subprocess.run(cmd, check=False, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode or not report.exists():
        return {"failed": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    problems = [result["runtimeError"]["message"]] if result.get("runtimeError") else []
    problems += [f"{name}: no score" for name, c in result["categories"].items() if c["score"] is None]
    host = url[: url.index("/", len("http://"))]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    problems += [f"requested {r['url']}" for r in requests if not r["url"].startswith((host + "/", "data:", "blob:"))]
    if problems:
        return {"failed": "; ".join(problems)}
    return {
        "performance": round(100 * result["categories"]["performance"]["score"]),
        "accessibility": round(100 * result["categories"]["accessibility"]["score"]),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        # Lighthouse's measure of the CPU it had (higher is faster): a low one means other work
        # shared the machine, and the blocking time is inflated.
        "cpu": round(result["environment"]["benchmarkIndex"]),
    }


def lighthouse_rows(site, paths, runs, reports):
    """One line per page (the median run's figures), then the lowest score and highest TBT over
    all pages. Yields (line, figures) as each page is measured, so that a long run shows them."""
    with serve(site) as host:
        for path in paths:
            measured, failures = [], []
            for run in range(runs):
                name = path.strip("/").replace("/", "_") or "home"
                report = Path(reports) / f"{name}.{run}.json"
                figures = lighthouse(host + path, report)
                (failures if "failed" in figures else measured).append(figures)
            if not measured:
                yield f"{'Lighthouse ' + path:<56} failed: {failures[0]['failed']}", None
                continue
            median = sorted(measured, key=lambda f: f["performance"])[len(measured) // 2]
            line = (
                f"{'Lighthouse ' + path:<56} {median['performance']:>3} performance"
                f" {median['tbt_ms']:>6.0f} ms TBT {median['lcp_s']:>5.1f} s LCP"
                f" {median['accessibility']:>4} accessibility  (CPU index {median['cpu']})"
            )
            if runs > 1:
                line += f"  (median of {len(measured)}: {sorted(f['performance'] for f in measured)})"
            if failures:
                line += f"  ({len(failures)} failed: {failures[0]['failed']})"
            yield line, {**median, "path": path}


class Printed(list):
    """The report's lines, each printed as soon as it is known: a run that stops half way (a
    failed build, an interrupted Lighthouse run) still shows the figures it had."""

    def append(self, line):
        print(line, flush=True)
        super().append(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-suite", action="store_true", help="skip the test-suite timing")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help="Lighthouse on these pages only (/zh/batchnorm/)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is shown")
    parser.add_argument("--reports", metavar="DIR", help="keep Lighthouse's reports (JSON) in DIR")
    args = parser.parse_args()
    python = sys.executable
    rows, over = Printed(), []

    def row(name, value, budget, unit, note="", at_least=False):
        ok = value >= budget if at_least else value <= budget
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
            try:
                transferred, raw = page_bytes(site, path)
            except (Exception, SystemExit) as err:
                rows.append(f"{name:<44} failed: {err}")
                over.append(name)
                continue
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

        if not args.no_lighthouse:
            install_lighthouse()
            measured, failed = [], []
            with tempfile.TemporaryDirectory() as scratch:
                paths = args.pages or site_pages(site)
                for line, figures in lighthouse_rows(site, paths, args.runs, args.reports or scratch):
                    rows.append(line)
                    (measured.append(figures) if figures else failed.append(line.split()[1]))
            if measured:
                low = min(measured, key=lambda f: f["performance"])
                row(f"Lighthouse performance, lowest ({low['path']})", low["performance"],
                    BUDGETS["lighthouse_performance"], "", at_least=True)
                high = max(measured, key=lambda f: f["tbt_ms"])
                row(f"Lighthouse TBT, highest ({high['path']})", high["tbt_ms"], BUDGETS["lighthouse_tbt_ms"], "ms")
                low = min(measured, key=lambda f: f["accessibility"])
                row(f"Lighthouse accessibility, lowest ({low['path']})", low["accessibility"],
                    BUDGETS["lighthouse_accessibility"], "", at_least=True)
            if failed:
                rows.append(f"Lighthouse failed on {len(failed)} of {len(paths)} pages: {' '.join(failed)}")
                over.append("Lighthouse (pages it could not measure)")

    # The calculator's and the explainer's own scripts (docs/assets/javascripts/tools/), gzipped:
    # What a tool's page loads: calc.js, tools.js and the strings of its language (the larger).
    tools = ROOT / "docs" / "assets" / "javascripts" / "tools"
    packed, plain = max(
        (sum(len(gzip.compress(p.read_bytes(), 9)) for p in scripts), sum(p.stat().st_size for p in scripts))
        for scripts in ([tools / "calc.js", tools / "tools.js", tools / f"text.{lang}.js"] for lang in ("en", "zh"))
    )
    row("tools' JavaScript, gzipped", packed / KIB, BUDGETS["tools_js_kib"], "KiB", f"({plain / KIB:.0f} KiB uncompressed)")
    # The BatchNormalization explorer's scripts (docs/assets/javascripts/explorer/), gzipped, budget 15 KiB.
    explorer = sorted((ROOT / "docs" / "assets" / "javascripts" / "explorer").glob("*.js"))
    row("explorer's JavaScript, gzipped", sum(len(gzip.compress(p.read_bytes(), 9)) for p in explorer) / KIB, 15, "KiB", f"({sum(p.stat().st_size for p in explorer) / KIB:.0f} KiB uncompressed)")

    if over:
        print("over budget or failing: " + ", ".join(over))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
