"""The BatchNormalization explorer (docs/*/tools/explorer.md), in Chromium, against Keras.

snippets/tools/explorer_cases.py has a real Keras BatchNormalization layer run random cases
(batches that drift, arguments, calls, the trainable flag) and records every quantity the
explorer shows. Each step of each case is set here through the page's address, in one page
load per language, and every number the page shows is compared with the record. Keras
computes in float32 and the page in double precision: a value on a rounding boundary may
print one unit of the fourth decimal apart, and no more (TOLERANCE). Bad input must give a
message next to its control, never NaN on the page and never a JavaScript error.
"""

import gzip
import re
from urllib.parse import urlencode

import pytest

from pagemodel import DOCS, SNIPPETS, output_candidates

# The browser fixtures of test_browser.py (Chromium, the built site on localhost, `visit`).
from test_browser import browser_type_launch_args, page, site_url, tab, visit  # noqa: F401

EXPLORER = {"en": "/tools/explorer/", "zh": "/zh/tools/explorer/"}
EXPLORER_JS = DOCS / "assets" / "javascripts" / "explorer"
JS_BUDGET_GZIP = 15 * 1024
TOLERANCE = 0.0001 + 1e-9  # one unit of the fourth decimal
CODES = {"layer(x, training=True)": "t", "layer(x, training=False)": "i", "model.fit(x)": "f", "model.predict(x)": "p"}


def read_cases():
    """[{settings, steps: [{call, trainable, quantities}]}] from the recorded output."""
    record = output_candidates(SNIPPETS / "tools" / "explorer_cases.py")
    path = next(record[v] for v in ("shared", 3) if record[v].exists())
    cases = []
    for block in re.split(r"(?m)^## case \d+: .*\n", path.read_text(encoding="utf-8"))[1:]:
        head, *steps = re.split(r"(?m)^(?=step \d+: )", block)
        lines = head.strip().split("\n")
        args = dict(re.findall(r"(\w+)=([^,\s]+)", lines[0]))
        value = lambda line: line.split(": ", 1)[1]  # noqa: E731
        case = {
            "m": args["momentum"], "e": args["epsilon"],
            "c": "1" if args["center"] == "True" else "0", "s": "1" if args["scale"] == "True" else "0",
            "g": value(lines[1]).split(), "b": value(lines[2]).split(),
            "x": [row.strip("[]").split(", ") for row in value(lines[3]).split(" / ")],
            "d": value(lines[4]).split(), "steps": [],
        }
        for text in steps:
            first, *rest = text.strip().split("\n")
            m = re.match(r"step (\d+): trainable=(True|False), (.*)$", first)
            quantities = dict(line.strip().split(": ", 1) for line in rest)
            case["steps"].append({"call": CODES[m.group(3)], "trainable": m.group(2) == "True", "q": quantities})
        cases.append(case)
    return cases


CASES = read_cases()


def address(case, t):
    """The page's address for step t of a case: the steps before it trained, step t's call shown."""
    k = len(case["g"])
    code = lambda s: s["call"] if s["trainable"] else s["call"].upper()  # noqa: E731
    step = case["steps"][t]
    fields = {
        "n": len(case["x"]), "k": k, "m": case["m"], "e": case["e"], "c": case["c"], "s": case["s"],
        "tr": "1" if step["trainable"] else "0", "call": step["call"],
        "g": ",".join(case["g"]), "b": ",".join(case["b"]), "mu": ",".join(["0"] * k), "sd": ",".join(["1"] * k),
        "d": ",".join(case["d"]), "seed": 1, "h": "".join(code(s) for s in case["steps"][:t]), "f": 0,
        "x": ";".join(",".join(row) for row in case["x"]),
    }
    return "#" + urlencode(fields, safe=",;")


# Everything the explorer shows: each number (data-q), the messages next to the controls, the
# message above the results, which statistics it used and what fit() trains.
COLLECT = """
const root = document.getElementById('kt-explorer');
const q = {};
for (const el of root.querySelectorAll('[data-q]')) q[el.dataset.q] = el.textContent;
const msgs = {};
for (const el of root.querySelectorAll('.kt-msg')) if (el.textContent) msgs[el.id.slice(3, -4)] = el.textContent;
const shown = {state: root.dataset.state, q, msgs, text: root.innerText, status: root.querySelector('.kt-status').innerText,
  uses: root.querySelector('[data-q="uses"]')?.dataset.uses, trained: root.querySelector('[data-q="trained"]')?.dataset.trained};
"""
# Sets the address, waits until the page shows it (hashchange), and reads the page.
SHOW = (
    "async (hash) => { location.hash = hash; const wanted = location.hash;"
    " const explorer = document.getElementById('kt-explorer');"
    " for (let i = 0; i < 400 && explorer.dataset.from !== wanted; i++) await new Promise(r => setTimeout(r, 5));"
    + COLLECT + " return {...shown, shown: explorer.dataset.from === wanted}; }"
)
READ = "() => {" + COLLECT + " return shown; }"


FLOAT = re.compile(r"-?\d+\.\d+|nan")


def floats(text):
    return [float(v) for v in FLOAT.findall(text)]


def compare(where, name, shown, recorded, problems):
    shown, recorded = floats(shown), floats(recorded)
    if len(shown) != len(recorded) or any(abs(a - b) > TOLERANCE for a, b in zip(shown, recorded)):
        problems.append(f"{where}: {name}: page {shown}, Keras {recorded}")


def check_step(got, case, t, where, problems):
    step = case["steps"][t]
    q, rec = got["q"], step["q"]
    if not got["shown"] or got["state"] != "ok":
        problems.append(f"{where}: not shown ({got['state']}): {got['msgs']}")
        return
    if re.search(r"\bNaN\b|undefined|Infinity", got["text"]):
        problems.append(f"{where}: the page shows NaN, undefined or Infinity")
    n, k = len(case["x"]), len(case["g"])
    cells = lambda prefix: " ".join(q.get(f"{prefix}-{i}-{j}", "?") for i in range(n) for j in range(k))  # noqa: E731
    vector = lambda prefix: " ".join(q.get(f"{prefix}-{j}", "?") for j in range(k))  # noqa: E731
    compare(where, "batch", cells("x"), rec["batch"], problems)
    compare(where, "batch mean", vector("mean"), rec["batch mean"], problems)
    compare(where, "batch variance", vector("var"), rec["batch variance"], problems)
    for name, prefix in (("x_hat", "xhat"), ("output", "out")):
        if "nan" in rec[name]:  # Keras divided 0 by 0: the page must say so and show no number
            if any(key.startswith(prefix + "-") for key in q) or "e" not in got["msgs"]:
                problems.append(f"{where}: Keras gives NaN for {name}; the page shows {cells(prefix)}, messages {got['msgs']}")
        else:
            compare(where, name, cells(prefix), rec[name], problems)
    before, after = rec["moving mean"].split(" -> ")
    compare(where, "moving mean before", vector("mmb"), before, problems)
    compare(where, "moving mean after", vector("mma"), after, problems)
    v_before, v_after = rec["moving variance"].split(" -> ")
    compare(where, "moving variance before", vector("mvb"), v_before, problems)
    compare(where, "moving variance after", vector("mva"), v_after, problems)
    if got["uses"] == "batch":  # the update written out: momentum, before, 1 - momentum, batch, after
        momentum = float(case["m"])
        for j in range(k):
            numbers = floats(q.get(f"upd-{j}", ""))
            expected = [momentum, floats(before)[j], 1 - momentum, floats(rec["batch mean"])[j], floats(after)[j],
                        momentum, floats(v_before)[j], 1 - momentum, floats(rec["batch variance"])[j], floats(v_after)[j]]
            if len(numbers) != 10 or any(abs(a - b) > TOLERANCE for a, b in zip(numbers, expected)):
                problems.append(f"{where}: the update of feature {j + 1} reads {q.get(f'upd-{j}')!r}, Keras {expected}")
    elif "upd-none" not in q or before != after or v_before != v_after:
        problems.append(f"{where}: the page says nothing is updated; Keras: {rec['moving mean']}, {rec['moving variance']}")
    expected = rec["fit() trains"].replace(" ", "") if rec["fit() trains"] != "nothing" else ""
    if got["trained"] != expected:
        problems.append(f"{where}: fit() trains {got['trained']!r} on the page, {expected!r} in Keras")


def test_the_record_covers_what_the_issue_asks():
    steps = [(s, c) for c in CASES for s in c["steps"]]
    calls = {s["call"] for s, _ in steps}
    frozen_training = [s for s, _ in steps if not s["trainable"] and s["call"] in "tf"]
    drifting = [c for c in CASES if any(float(d) for d in c["d"])]
    assert len(CASES) >= 16 and calls == set("tifp") and frozen_training and drifting, (len(CASES), calls)
    assert any(len(c["x"]) == 1 for c in CASES) and any("nan" in s["q"]["x_hat"] for s, _ in steps)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_number_shown_agrees_with_keras_on_every_recorded_step(visit, page, lang):
    visit(EXPLORER[lang])
    problems = []
    for number, case in enumerate(CASES, start=1):
        for t in range(len(case["steps"])):
            got = page.evaluate(SHOW, address(case, t))
            check_step(got, case, t, f"{lang} case {number} step {t}", problems)
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:40])
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def read(page):
    return page.evaluate(READ)


def test_keyboard_alone_sets_the_layer_the_call_and_trains(visit, page):
    visit(EXPLORER["en"])
    page.focus("#kx-m")
    page.keyboard.press("Control+A")
    page.keyboard.type("0.5")
    page.focus("#kx-call-t")
    page.keyboard.press("ArrowDown")  # the radio group moves to training=False
    assert page.is_checked("#kx-call-i")
    assert read(page)["uses"] == "moving"
    page.keyboard.press("ArrowUp")
    page.focus("#kx-tr")
    page.keyboard.press("Space")  # trainable off
    assert not page.is_checked("#kx-tr") and read(page)["uses"] == "moving"
    page.keyboard.press("Space")
    page.focus(".kt-train[data-steps='1']")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    got = read(page)
    assert got["state"] == "ok" and got["uses"] == "batch"
    assert "h=tt" in page.url and "m=0.5" in page.url, page.url
    assert got["q"]["mmb-0"] != "0.0000", got["q"]  # two steps trained: the moving mean has moved
    shared = page.url  # the address alone gives the same page
    page.goto("about:blank")
    page.goto(shared, wait_until="load")
    assert read(page)["q"] == got["q"]
    assert not visit.errors, visit.errors


BAD = [
    # (what, field, text typed, control whose message must say something, the page computes)
    ("non-number momentum", "#kx-m", "abc", "m", False),
    ("momentum above 1", "#kx-m", "1.5", "m", False),
    ("momentum below 0", "#kx-m", "-0.1", "m", False),
    ("empty epsilon", "#kx-e", "", "e", False),
    ("non-number in the batch", "[data-key='x'][data-i='1'][data-j='0']", "1..2", "x", False),
    ("a number too large to square at this precision", "[data-key='x'][data-i='0'][data-j='1']", "1e308", "x", False),
    ("non-number gamma", "[data-key='g'][data-j='0']", "one", "g", False),
    ("empty batch", "#kx-n", "0", "n", False),
    ("one example", "#kx-n", "1", "n", True),
]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bad_input_gives_a_message_next_to_the_control_and_no_nan(visit, page, lang):
    problems = []
    for what, selector, text, key, computes in BAD:
        visit(EXPLORER[lang])
        page.fill(selector, text)
        got = read(page)
        message = got["msgs"].get(key, "")
        described = page.eval_on_selector(selector, "el => el.getAttribute('aria-describedby') || ''")
        if not message:
            problems.append(f"{what}: no message next to the control ({got['msgs']})")
        if described != f"kx-{key}-msg":
            problems.append(f"{what}: the control is not described by its message ({described!r})")
        if (got["state"] == "ok") != computes:
            problems.append(f"{what}: state {got['state']}")
        if re.search(r"\bNaN\b|undefined|Infinity", got["text"]):
            problems.append(f"{what}: NaN, undefined or Infinity on the page")
        if lang == "zh" and message and not re.search(r"[\u4e00-\u9fff]", message):
            problems.append(f"{what}: the message is not Chinese: {message}")
    # A feature whose values are all equal: variance 0, x_hat 0; with epsilon 0 as well, 0/0.
    visit(EXPLORER[lang])
    for i in range(4):
        page.fill(f"[data-key='x'][data-i='{i}'][data-j='0']", "2")
    got = read(page)
    if got["state"] != "ok" or "x" not in got["msgs"] or got["q"].get("xhat-0-0") != "0.0000":
        problems.append(f"zero variance: {got['state']}, {got['msgs']}, x_hat {got['q'].get('xhat-0-0')}")
    page.fill("#kx-e", "0")
    got = read(page)
    if "e" not in got["msgs"] or "xhat-0-0" in got["q"] or re.search(r"\bNaN\b|Infinity", got["text"]):
        problems.append(f"zero variance and epsilon 0: {got['msgs']}, x_hat shown: {'xhat-0-0' in got['q']}")
    assert not problems, f"{lang}:\n" + "\n".join(problems)
    assert not visit.errors, visit.errors


@pytest.mark.parametrize("hash", ["#m=abc&call=z&h=xyz&foo=1", "#%E0%A4%A", "#x=1,2;3&n=9&k=-1"])
def test_an_address_the_page_cannot_read_gives_a_message(visit, page, hash):
    visit(EXPLORER["en"] + hash)
    got = read(page)
    assert got["status"].strip() or got["msgs"], got
    assert not re.search(r"\bNaN\b|undefined", got["text"])
    assert not visit.errors, visit.errors


def test_the_explorer_links_the_chapters_that_explain_each_quantity(visit, page):
    visit(EXPLORER["en"] + "#tr=0&call=t")
    hrefs = page.eval_on_selector_all("#kt-explorer .kt-see a", "as => as.map(a => a.href)")
    assert len(hrefs) >= 4, hrefs
    for href in hrefs:
        response = page.request.get(href)
        assert response.ok and f'id="{href.split("#")[1]}"' in response.text(), href


def test_explorer_scripts_stay_within_their_size_budget():
    size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in EXPLORER_JS.glob("*.js"))
    assert 0 < size <= JS_BUDGET_GZIP, f"the explorer's JavaScript is {size / 1024:.1f} KiB gzipped"
