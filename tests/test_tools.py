"""The parameter calculator and the summary() explainer (docs/*/tools/), in Chromium.

The calculator is held to Keras itself: snippets/tools/random_stacks.py has Keras build random
layer stacks and records every row, every total and every refusal; each stack's code is typed
into the calculator here and its table compared with Keras 3's record. The explainer is fed
every summary that a snippet recorded, under both Keras versions, found by scanning
snippets/**/*.out. Bad input must give a message, never a JavaScript error or a frozen page.
"""

import gzip
import re
import time
from urllib.parse import urlparse

import pytest

from pagemodel import DOCS, SNIPPETS, output_candidates, rel

# The browser fixtures of test_browser.py (Chromium, the built site served on localhost, the
# `visit` helper that records JavaScript errors and requests to other hosts).
from test_browser import browser_type_launch_args, page, site_url, tab, visit  # noqa: F401

TOOLS_JS = DOCS / "assets" / "javascripts" / "tools"
JS_BUDGET_GZIP = 30 * 1024
CALCULATOR = {"en": "/tools/calculator/", "zh": "/zh/tools/calculator/"}
EXPLAINER = {"en": "/tools/explainer/", "zh": "/zh/tools/explainer/"}


def read_stacks():
    """[(number, code, rows or None when Keras refused, totals)] from Keras 3's record."""
    record = output_candidates(SNIPPETS / "tools" / "random_stacks.py")[3]
    stacks = []
    for block in re.split(r"(?m)^## stack (\d+)\n", record.read_text(encoding="utf-8"))[1:]:
        if block.isdigit():
            number = int(block)
            continue
        lines = block.rstrip("\n").split("\n")
        code = "\n".join(l for l in lines if not l.startswith("-> "))
        results = [l[3:] for l in lines if l.startswith("-> ")]
        if results[0].startswith("refused"):
            stacks.append((number, code, None, None))
            continue
        rows = [tuple(part.strip() for part in r.split(" | ")) for r in results[:-1]]
        totals = tuple(int(n) for n in re.findall(r"\d+", results[-1]))
        stacks.append((number, code, rows, totals))
    return stacks


STACKS = read_stacks()


def calculator_table(page):
    return page.evaluate(
        """() => {
        const root = document.getElementById('kt-calculator');
        const rows = [...root.querySelectorAll('table tbody tr')].map(tr =>
            [tr.dataset.name, tr.dataset.class, tr.dataset.shape, tr.dataset.params]);
        const t = root.querySelector('.kt-totals');
        return {state: root.dataset.state, rows, status: root.querySelector('.kt-status').innerText,
                totals: [t.dataset.total, t.dataset.trainable, t.dataset.nontrainable].map(Number),
                totalsText: t.innerText, tableHidden: root.querySelector('table').offsetParent === null};  // not rendered
    }"""
    )


def type_code(page, selector, text):
    """Put text in the text area as a paste does: one `input` event (the tools have no button)."""
    page.evaluate(
        "([selector, text]) => { const area = document.querySelector(selector); area.value = text;"
        " area.dispatchEvent(new Event('input', {bubbles: true})); }",
        [selector, text],
    )


def test_the_record_has_stacks_and_refusals():
    refused = [n for n, _, rows, _ in STACKS if rows is None]
    assert len(STACKS) >= 30 and refused and len(refused) < len(STACKS) / 2, (len(STACKS), refused)


def test_calculator_agrees_with_keras_on_every_random_stack(visit):
    page = visit(CALCULATOR["en"])
    problems = []
    for number, code, rows, totals in STACKS:
        type_code(page, "#kt-code", code)
        got = calculator_table(page)
        if rows is None:
            if got["state"] != "refused":
                problems.append(f"stack {number}: Keras refused it, the calculator says {got['state']}: {got['status']}")
            elif not got["tableHidden"]:
                problems.append(f"stack {number}: refused, but a table is shown")
            continue
        if got["state"] != "ok":
            problems.append(f"stack {number}: Keras built it, the calculator says {got['state']}: {got['status']}")
            continue
        if [tuple(r) for r in got["rows"]] != rows:
            problems.append(f"stack {number}: rows differ\n  Keras: {rows}\n  calculator: {got['rows']}")
        if tuple(got["totals"]) != totals:
            problems.append(f"stack {number}: totals {got['totals']}, Keras {totals}")
        words = [f"Total params: {totals[0]:,}", f"Trainable params: {totals[1]:,}", f"Non-trainable params: {totals[2]:,}"]
        if not all(w in got["totalsText"] for w in words):
            problems.append(f"stack {number}: totals not written as summary() writes them: {got['totalsText']!r}")
    assert not problems, "\n".join(problems)
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def summary_blocks():
    """(file, block) for every summary() table recorded in snippets/, both Keras versions."""
    found = []
    for out in sorted(SNIPPETS.rglob("*.out")):
        text = out.read_text(encoding="utf-8")
        for m in re.finditer(r'(?ms)^Model: ".*?(?:^\s*(?:Total|Trainable|Non-trainable|Optimizer) params:.*?$\n?)+(?:_+\n)?', text):
            found.append((out, m.group(0)))
    return found


SUMMARIES = summary_blocks()


def printed_rows(block):
    """(name, Param #, shape is shown) of each row, read here independently of the explainer."""
    if "┃" in block:
        rows = []
        for line in block.splitlines():
            cells = [c.strip() for c in line.split("│")]
            if line.startswith("│") and cells[3]:
                rows.append((cells[1].split()[0], int(cells[3].replace(",", "")), cells[2] != "multiple"))
        return rows
    return [
        (m.group(1), int(m.group(3)), m.group(2).strip() != "multiple")
        for m in re.finditer(r"(?m)^ (\S+) \(\S*\s+(\(.*?\)|multiple)\s+(\d+)\s*$", block)
    ]


def test_every_recorded_summary_is_found():
    files = {rel(f) for f, _ in SUMMARIES}
    assert any(".keras3." in f for f in files) and any(".keras2." in f for f in files), files
    assert all(printed_rows(b) for _, b in SUMMARIES)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explainer_accounts_for_every_row_and_total_of_every_recorded_summary(visit, lang):
    page = visit(EXPLAINER[lang])
    problems = []
    for out, block in SUMMARIES:
        type_code(page, "#kt-summary", block)
        got = page.evaluate(
            """() => {
            const root = document.getElementById('kt-explainer');
            return {state: root.dataset.state, status: root.querySelector('.kt-status').innerText,
                    rows: [...root.querySelectorAll('table tbody tr')].map(tr =>
                        [tr.dataset.name, Number(tr.dataset.params), tr.dataset.status, tr.innerText]),
                    checks: [...root.querySelectorAll('.kt-checks li')].map(li => [li.dataset.check, li.dataset.status, li.innerText])};
        }"""
        )
        where = rel(out)
        expected = printed_rows(block)
        if got["state"] != "ok":
            problems.append(f"{where}: {got['state']}: {got['status']}")
        if [(n, p) for n, p, _ in expected] != [(n, p) for n, p, _, _ in got["rows"]]:
            problems.append(f"{where}: rows read as {got['rows']}, printed {expected}")
            continue
        for (name, count, shown), (_, _, status, text) in zip(expected, got["rows"]):
            # Every row explained; only a row whose shape is not printed keeps its count as is.
            if status != ("ok" if shown else "taken"):
                problems.append(f"{where}: row {name} is {status}: {text}")
            elif shown and count and f"= {count:,}" not in text:  # the arithmetic ends on the row's count
                problems.append(f"{where}: row {name}'s explanation does not work out {count:,}: {text}")
        checks = {key: status for key, status, _ in got["checks"]}
        if checks.get("total") != "ok" or checks.get("split") != "ok" or checks.get("nontrainable", "ok") != "ok":
            problems.append(f"{where}: totals {got['checks']}")
        if all(shown for _, _, shown in expected) and "nontrainable" not in checks:
            problems.append(f"{where}: the non-trainable total was not checked")
    assert not problems, "\n".join(problems)
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def test_explainer_points_out_a_row_and_a_total_that_do_not_add_up(visit):
    out, block = next((o, b) for o, b in SUMMARIES if ".keras2." in o.name and "Normalization)" in b)
    # Change one BatchNormalization row's count by one: the row and the total must be marked.
    changed = re.sub(r"(?m)^( batch_normalization \(Batch.*?)(\d+)$", lambda m: m.group(1) + str(int(m.group(2)) + 1), block, count=1)
    assert changed != block
    page = visit(EXPLAINER["en"])
    type_code(page, "#kt-summary", changed)
    marked = page.eval_on_selector_all("#kt-explainer tbody tr", "trs => trs.map(tr => [tr.dataset.name, tr.dataset.status])")
    assert ["batch_normalization", "mismatch"] in marked, marked
    checks = page.eval_on_selector_all("#kt-explainer .kt-checks li", "lis => lis.map(li => [li.dataset.check, li.dataset.status])")
    assert ["total", "mismatch"] in checks, checks
    assert page.get_attribute("#kt-explainer", "data-state") == "bad"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_explainer_names_the_line_it_cannot_read(visit, lang):
    _, block = next((o, b) for o, b in SUMMARIES if ".keras3." in o.name)
    lines = block.splitlines()
    lines.insert(5, "│ this is not a row")
    page = visit(EXPLAINER[lang])
    type_code(page, "#kt-summary", "\n".join(lines))
    status = page.inner_text("#kt-explainer .kt-status")
    assert page.get_attribute("#kt-explainer", "data-state") == "error"
    assert ("Line 6" if lang == "en" else "第 6 行") in status, status


UNREADABLE = {
    "undefined name": ("from tensorflow import keras\nmodel = keras.Sequential([\n    keras.Input(shape=(10,)),\n"
                       "    keras.layers.Dense(num_classes),\n])", 4, ["num_classes"]),
    "unknown layer": ("model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.LSTM(4)])", 1, ["LSTM"]),
    "unclosed bracket": ("model = keras.Sequential()\nmodel.add(Dense(3, input_dim=2)\n", 2, []),
    "for loop": ("model = keras.Sequential()\nfor units in sizes:\n    model.add(Dense(units))", 2, ["for"]),
    "functional API": ("inputs = keras.Input(shape=(3,))\noutputs = keras.layers.Dense(2)(inputs)", 2, []),
    "function with arguments": ("def build(n):\n    return keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(n)])\n"
                                "model = build(4)", 2, ["n"]),
    "groups=": ("model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Conv2D(4, 3, groups=2)])", 1, ["groups"]),
}


def test_calculator_names_the_line_and_the_problem(visit):
    page = visit(CALCULATOR["en"])
    problems = []
    for name, (code, line, words) in UNREADABLE.items():
        type_code(page, "#kt-code", code)
        got = calculator_table(page)
        if got["state"] not in ("error", "refused") or not got["tableHidden"]:
            problems.append(f"{name}: {got['state']}, table shown: {not got['tableHidden']}")
        if f"Line {line}:" not in got["status"] or not all(w in got["status"] for w in words):
            problems.append(f"{name}: the message names not line {line} and {words}: {got['status']!r}")
    assert not problems, "\n".join(problems)
    assert not visit.errors


def test_calculator_refuses_a_stack_keras_would_refuse_with_the_reason(visit):
    page = visit(CALCULATOR["zh"])
    type_code(page, "#kt-code", "model = keras.Sequential([\n    keras.Input(shape=(4, 4, 1)),\n    layers.Conv2D(8, 5),\n])")
    got = calculator_table(page)
    assert got["state"] == "refused" and got["tableHidden"]
    assert "第 3 行" in got["status"] and "Keras 会拒绝" in got["status"] and "零或负数" in got["status"], got["status"]


HINTS = """from tensorflow import keras
model = keras.Sequential([
    keras.Input(shape=(10,)),
    keras.layers.Dense(20),
    keras.layers.BatchNormalization(),
    keras.layers.Activation("softmax"),
    keras.layers.Dense(1, activation="softmax"),
])"""


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_hints_link_the_pages_that_explain_them(visit, page, lang):
    visit(CALCULATOR[lang])
    page.fill("#kt-code", HINTS)  # typed by Playwright: the table follows the text area's own events
    hrefs = page.eval_on_selector_all("#kt-calculator .kt-hints a", "as => as.map(a => a.href)")
    paths = sorted(urlparse(h).path + "#" + urlparse(h).fragment for h in hrefs)
    prefix = "/zh/" if lang == "zh" else "/"
    assert paths == sorted(prefix + p for p in ["batchnorm/anatomy/#bn-before-softmax", "batchnorm/placement/#use-bias", "summary/#softmax-one-unit"]), paths
    for href in hrefs:  # each target page exists and has the section
        response = page.request.get(href)
        assert response.ok, href
        assert f'id="{urlparse(href).fragment}"' in response.text(), href


def test_the_address_holds_the_model(visit, page):
    number, code, rows, totals = next(s for s in STACKS if s[2] and len(s[2]) >= 3)
    visit(CALCULATOR["en"])
    type_code(page, "#kt-code", code)
    shared = page.url
    assert "#code=" in shared
    page.goto("about:blank")
    page.goto(shared, wait_until="load")
    assert page.input_value("#kt-code") == code
    table = calculator_table(page)
    assert table["state"] == "ok" and [tuple(r) for r in table["rows"]] == rows
    assert not visit.errors


def test_copy_as_a_program_gives_a_program_with_the_same_summary(visit, page):
    """For every stack Keras built: the program the button gives, read back by the calculator,
    has Keras' rows and totals again (the calculator's reading of code is checked above)."""
    visit(CALCULATOR["en"])
    problems = []
    for number, code, rows, totals in STACKS:
        if rows is None:
            continue
        type_code(page, "#kt-code", code)
        page.click("#kt-calculator .kt-copy-program")
        program = page.inner_text("#kt-calculator .kt-program code")
        if not (program.startswith("from tensorflow import keras") and program.rstrip().endswith("model.summary()")):
            problems.append(f"stack {number}: not a complete program:\n{program}")
        type_code(page, "#kt-code", program)
        again = calculator_table(page)
        if again["state"] != "ok" or [tuple(r) for r in again["rows"]] != rows or tuple(again["totals"]) != totals:
            problems.append(f"stack {number}: the program\n{program}\nreads as {again['rows']} {again['totals']}")
    assert not problems, "\n".join(problems)
    assert not visit.errors


def garbage():
    return "".join(chr(c) for c in range(1, 1200) if c != 13) + "\n(((((\n'''\n\\\n" + "┃│" * 50


# Input that each tool reads (state 'ok'), typed before each bad input so that a change shows.
EXAMPLE_OK = {
    "calculator": "model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])",
    "explainer": next(b for _, b in SUMMARIES),
}

BAD_INPUTS = {
    "empty": "",
    "garbage": garbage(),
    "10000 lines": "model.add(keras.layers.Dense(10))\n" * 10000,
    "10000 summary-like lines": "│ dense (Dense) │ (None, 10) │ 110 │\n" * 10000,
}


@pytest.mark.parametrize("tool", ["calculator", "explainer"])
def test_bad_input_gives_a_message_and_the_page_stays_responsive(visit, page, tool):
    path, area = (CALCULATOR["en"], "#kt-code") if tool == "calculator" else (EXPLAINER["en"], "#kt-summary")
    visit(path)
    problems = []
    for name, text in BAD_INPUTS.items():
        type_code(page, area, EXAMPLE_OK[tool])
        start = time.perf_counter()
        type_code(page, area, text)
        page.wait_for_function(f"document.getElementById('kt-{tool}').dataset.state !== 'ok'", timeout=5000)
        status = page.inner_text(f"#kt-{tool} .kt-status")
        elapsed = time.perf_counter() - start
        if not status.strip():
            problems.append(f"{name}: no message")
        if elapsed > 3:
            problems.append(f"{name}: {elapsed:.1f} s before the message")
        start = time.perf_counter()
        if page.evaluate("1 + 1") != 2 or time.perf_counter() - start > 1:
            problems.append(f"{name}: the page does not respond")
    assert not problems, "\n".join(problems)
    assert not visit.errors, visit.errors


def test_the_tools_speak_the_pages_language(visit, page):
    visit(CALCULATOR["zh"])
    assert page.inner_text("#kt-calculator label") == "模型代码"
    assert "层" in page.inner_text("#kt-calculator .kt-status")
    visit(EXPLAINER["zh"])
    assert "model.summary()" in page.inner_text("#kt-explainer label")
    assert "对得上" in page.inner_text("#kt-explainer .kt-status")
    assert not visit.errors and not visit.foreign


def test_tool_scripts_stay_within_their_size_budget():
    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in TOOLS_JS.glob("*.js"))
    assert 0 < size <= JS_BUDGET_GZIP, f"the tools' JavaScript is {size / 1024:.1f} KiB gzipped"


def test_only_the_tool_pages_load_the_tools():
    users = sorted(rel(p) for p in DOCS.rglob("*.md") if "javascripts/tools/" in p.read_text(encoding="utf-8"))
    assert users == sorted(rel(DOCS / l / "tools" / f"{t}.md") for l in ("en", "zh") for t in ("calculator", "explainer"))
