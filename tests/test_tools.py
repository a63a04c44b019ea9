"""The parameter calculator and the summary() explainer (docs/*/tools/), in Chromium.

The calculator is held to Keras itself. snippets/tools/random_stacks.py has Keras build random
models (Sequential and functional, in the forms people write) and records every row of their
summaries, every total and every refusal; snippets/tools/published_styles.py runs models written
in the styles of published examples and records the summaries Keras prints. Each model's code is
typed into the calculator here and its table compared with Keras 3's record, row by row. The
explainer is fed every summary that a snippet recorded, under both Keras versions, found by
scanning snippets/**/*.out. Bad input must give a message, never a JavaScript error or a frozen
page.
"""

import gzip
import random
import re
import time
from urllib.parse import urlparse

import pytest

from pagemodel import DOCS, SNIPPETS, output_candidates, record_url, records_shown_in_part, rel

# The browser fixtures of test_browser.py (Chromium, the built site served on localhost, the
# `visit` helper that records JavaScript errors and requests to other hosts).
from test_browser import browser_type_launch_args, page, site_url, tab, visit  # noqa: F401

TOOLS_JS = DOCS / "assets" / "javascripts" / "tools"
JS_BUDGET_GZIP = 40 * 1024
CALCULATOR = {"en": "/tools/calculator/", "zh": "/zh/tools/calculator/"}
EXPLAINER = {"en": "/tools/explainer/", "zh": "/zh/tools/explainer/"}


def keras3_record(name):
    return output_candidates(SNIPPETS / "tools" / name)[3].read_text(encoding="utf-8")


def read_stacks():
    """[(number, code, (model name, rows) or None when Keras refused, totals)] from Keras 3's
    record. A row is summary()'s cells: "name (Class)", output shape, Param #, and "Connected to"
    when printed."""
    stacks = []
    for number, block in re.findall(r"(?ms)^## model (\d+)\n(.*?)(?=^## model |\Z)", keras3_record("random_stacks.py")):
        lines = block.rstrip("\n").split("\n")
        code = "\n".join(l for l in lines if not l.startswith("-> "))
        results = [l[3:] for l in lines if l.startswith("-> ")]
        if results[0].startswith("refused"):
            stacks.append((int(number), code, None, None))
            continue
        name = results[0]
        rows = [tuple(part.strip() for part in r.split(" | ")) for r in results[1:-1]]
        totals = tuple(int(n) for n in re.findall(r"\d+", results[-1]))
        stacks.append((int(number), code, (name, rows), totals))
    return stacks


STACKS = read_stacks()


def calculator_table(page):
    return page.evaluate(
        """() => {
        const root = document.getElementById('kt-calculator');
        const rows = [...root.querySelectorAll('table tbody tr')].map(tr =>
            [tr.dataset.name, tr.dataset.class, tr.dataset.shape, tr.dataset.params, tr.dataset.connected]);
        const t = root.querySelector('.kt-totals');
        return {state: root.dataset.state, rows, status: root.querySelector('.kt-status').innerText,
                totals: [t.dataset.total, t.dataset.trainable, t.dataset.nontrainable].map(Number),
                unbuilt: [...root.querySelectorAll('table tbody tr')].map(tr => tr.hasAttribute('data-unbuilt')),
                totalsText: t.innerText, tableHidden: root.querySelector('table').offsetParent === null,  // not rendered
                caption: root.querySelector('caption').innerText,
                columns: [...root.querySelectorAll('table thead th')].map(th => th.innerText)};
    }"""
    )


def as_printed(got):
    """The calculator's rows as summary() prints them: "name (Class)", shape, Param #[, Connected to]."""
    connected = "Connected to" in got["columns"]
    return [(f"{n} ({c})", s, f"{int(p):,}", *([conn] if connected else [])) for n, c, s, p, conn in got["rows"]]


def type_code(page, selector, text):
    """Put text in the text area as a paste does: one `input` event (the tools have no button)."""
    page.evaluate(
        "([selector, text]) => { const area = document.querySelector(selector); area.value = text;"
        " area.dispatchEvent(new Event('input', {bubbles: true})); }",
        [selector, text],
    )


def test_the_record_has_models_and_refusals():
    refused = [n for n, _, rows, _ in STACKS if rows is None]
    assert len(STACKS) >= 100 and refused and len(refused) < len(STACKS) / 2, (len(STACKS), refused)


# What the random models must hold, each at least once: every layer the calculator counts or
# passes through, and every form of code it reads.
LAYERS_COVERED = """Dense BatchNormalization LayerNormalization UnitNormalization Activation ReLU LeakyReLU PReLU
ELU Softmax Dropout SpatialDropout1D SpatialDropout2D GaussianNoise Flatten Reshape Permute RepeatVector Conv1D Conv2D
Conv3D SeparableConv2D DepthwiseConv2D Conv2DTranspose MaxPooling1D MaxPooling2D MaxPooling3D AveragePooling1D
AveragePooling2D GlobalMaxPooling1D GlobalMaxPooling2D GlobalAveragePooling2D UpSampling1D UpSampling2D ZeroPadding1D
ZeroPadding2D Cropping1D Cropping2D Rescaling RandomFlip RandomRotation RandomZoom Embedding SimpleRNN LSTM GRU
Bidirectional TimeDistributed ConvLSTM2D MultiHeadAttention Add Concatenate InputLayer Sequential""".split()
FORMS_COVERED = {
    "keras.Input, keras.Model": "keras.Model(inputs",
    "several inputs and outputs": "keras.Model(inputs=[inputs, extra], outputs=outputs)",
    "layers.add": "layers.add([",
    "x + y": "x + shortcut",
    "Add()": "Add()([",
    "layers.concatenate": "layers.concatenate([",
    "Concatenate()": "Concatenate()([",
    "a layer called twice": "b = shared(x)",
    "a Sequential called as a layer": "x = augment(x)",
    "layers.X": "= layers.",
    "keras.layers.X": "keras.layers.",
    "tf.keras.layers.X": "tf.keras.layers.",
    "a bare X": "x = Dense(",
    "a builder function called without arguments": "model = build_model()",
    "a builder function called with an argument": "model = build_model((",
    "a builder function called with a keyword argument": "model = build_model(input_shape=",
    "a loop over range adding a block": "for i in range(2):",
    "a block function with f-string names": 'f"block{i}"',
    "a loop over a list adding layers": "for units in [",
    "model.add": "model.add(",
    "model.build": "model.build(",
    "input_shape=": "input_shape=(",
    "input_dim=": "input_dim=",
    "a size given by a name": "num_classes = ",
    "a with block": "with tf.distribute",
}


def test_random_models_cover_every_layer_and_form():
    record = keras3_record("random_stacks.py")
    built = {m.group(1) for m in re.finditer(r"(?m)^-> \S+ \((\w+)\) \|", record)}
    assert not set(LAYERS_COVERED) - built, f"no random model has these layers: {set(LAYERS_COVERED) - built}"
    missing = [form for form, text in FORMS_COVERED.items() if text not in record]
    assert not missing, f"no random model is written with: {missing}"


def compare_with_keras(page, stacks):
    problems = []
    for number, code, rows, totals in stacks:
        type_code(page, "#kt-code", code)
        got = calculator_table(page)
        if rows is None:
            if got["state"] != "refused":
                problems.append(f"model {number}: Keras refused it, the calculator says {got['state']}: {got['status']}")
            elif not got["tableHidden"]:
                problems.append(f"model {number}: refused, but a table is shown")
            continue
        if got["state"] != "ok":
            problems.append(f"model {number}: Keras built it, the calculator says {got['state']}: {got['status']}")
            continue
        name, rows = rows
        if as_printed(got) != rows or got["caption"] != name:
            problems.append(f"model {number}: rows differ\n  Keras: {name} {rows}\n  calculator: {got['caption']} {as_printed(got)}")
        if tuple(got["totals"]) != totals:
            problems.append(f"model {number}: totals {got['totals']}, Keras {totals}")
        words = [f"Total params: {totals[0]:,}", f"Trainable params: {totals[1]:,}", f"Non-trainable params: {totals[2]:,}"]
        if not all(w in got["totalsText"] for w in words):
            problems.append(f"model {number}: totals not written as summary() writes them: {got['totalsText']!r}")
    return problems


def test_calculator_agrees_with_keras_on_every_random_model(visit):
    page = visit(CALCULATOR["en"])
    problems = compare_with_keras(page, STACKS)
    assert not problems, "\n".join(problems)
    assert not visit.errors and not visit.foreign, visit.errors + visit.foreign


def read_published():
    """[(title, code, what Keras printed)] from published_styles.py's Keras 3 record."""
    found = re.findall(r"(?ms)^## \d+\. (.*?)\n(.*?)^## printed\n(.*?)(?=^## \d+\. |\Z)", keras3_record("published_styles.py"))
    return [(title, code.strip(), printed) for title, code, printed in found]


PUBLISHED = read_published()


def box_rows(summary):
    """The rows of a Keras 3 box table, each cell's wrapped lines joined: [name (Class), shape,
    Param #, Connected to]. A cell too narrow for a name ends it with "…"."""
    rows, cells = [], None
    for line in summary.splitlines():
        if line.startswith("│"):
            parts = [c.strip() for c in line.strip("│").split("│")]
            cells = [[] for _ in parts] if cells is None else cells
            for i, part in enumerate(parts):
                if part:
                    cells[i].append(part)
        elif cells is not None and line[:1] in "├└":
            rows.append([" ".join(c).replace("( ", "(").replace(" )", ")") for c in cells])
            cells = None
    return rows


def same_as_printed(printed, mine, column=None):
    """A printed cell equals the calculator's, or is the start of it cut short with "…": the
    name and the class each, and "Connected to" entry by entry (an entry cut short loses its
    comma too)."""
    if column == 0:
        printed, mine = (re.match(r"(\S+?)\s*\((.*?)\)?$", x).groups() for x in (printed, mine))
        return all(map(same_as_printed, printed, mine))
    if column == 3:
        entries = printed.replace(",", " ").split(), mine.replace(",", " ").split()
        return len(entries[0]) == len(entries[1]) and all(map(same_as_printed, *entries))
    printed, mine = re.sub(r"\s+", "", printed), re.sub(r"\s+", "", mine)
    return printed == mine or (printed.endswith("…") and mine.startswith(printed[:-1]))


def test_calculator_counts_every_published_style_model_as_keras_does(visit):
    """Each program is typed into the Chinese page (the English one reads the random models):
    every row of the summary it printed must be the calculator's, cells cut short by summary()
    compared up to the cut, and the programs the calculator cannot read must be refused with
    the line that stops it."""
    page = visit(CALCULATOR["zh"])
    problems, exact = [], 0
    for title, code, printed in PUBLISHED:
        type_code(page, "#kt-code", code)
        got = calculator_table(page)
        if title.startswith("Refused"):
            if got["state"] not in ("error", "refused") or not got["tableHidden"] or not re.match(r"第 \d+ 行", got["status"]):
                problems.append(f"{title}: {got['state']}: {got['status']!r}")
            continue
        summary = printed[printed.rindex('Model: "') :]
        keras_rows = box_rows(summary)
        # a model with no input shape yet: Keras shows "?" on each row, and "0 (unbuilt)" for a
        # layer that builds its weights when it first sees an input
        mine = [(f"{n} ({c})", s, "0 (unbuilt)" if u else f"{int(p):,}", conn) for (n, c, s, p, conn), u in zip(got["rows"], got["unbuilt"])]
        wrong = [
            f"  Keras: {k}\n  calculator: {m}"
            for k, m in zip(keras_rows, mine)
            if not all(same_as_printed(a, b, i) for i, (a, b) in enumerate(zip(k, m)))
        ]
        totals = [int(n.replace(",", "")) for n in re.findall(r"params: ([\d,]+)", summary)]
        if got["state"] not in ("ok", "noInput") or len(keras_rows) != len(mine) or wrong or totals != got["totals"]:
            problems.append(f"{title}: {got['state']} {got['status']!r}\n" + "\n".join(wrong) + f"\n  totals {totals} {got['totals']}")
        elif not summary.startswith(got["caption"]):
            problems.append(f"{title}: {got['caption']}, Keras printed {summary.splitlines()[0]}")
        else:
            exact += 1
    assert not problems, "\n".join(problems)
    assert exact == len([t for t, _, _ in PUBLISHED if not t.startswith("Refused")]) >= 40
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
    """(name, Param #, shape is shown, class) of each row, read here independently of the
    explainer: Keras 3's box table, or Keras 2's columns (a cell may go on on the next line)."""
    if "┃" in block:
        cells = [(re.match(r"(\S+?)\s*\((\w*)", r[0]).groups(), r[1], r[2]) for r in box_rows(block)]
    else:
        lines = block.splitlines()
        top = next(i for i, l in enumerate(lines) if "Layer (type)" in l)
        a, b = lines[top].index("Output Shape"), lines[top].index("Param #")
        end = lines[top].find("Connected to") if "Connected to" in lines[top] else None
        rows = []
        for line in lines[top + 2 :]:
            if line.startswith("="):
                break
            name, shape, params = line[:a].strip(), line[a:b].strip(), line[b:end].strip()
            if params:
                rows.append([name, shape, params])
            elif rows and (name or shape):
                rows[-1][0] += name
                rows[-1][1] += shape
        cells = [(re.match(r"(\S+) \((\w*)", n).groups(), s, p) for n, s, p in rows]
    # an unbuilt model's rows: "?" and "0 (unbuilt)", or "0" for a layer built when made (one
    # without weights, which the explainer explains)
    return [(name, int(re.sub(r"[,\s]|\(unbuilt\)", "", p)), s != "multiple" and (s != "?" or p.strip() == "0"), cls) for (name, cls), s, p in cells]


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
        if [(n, p) for n, p, _, _ in expected] != [(n, p) for n, p, _, _ in got["rows"]]:
            problems.append(f"{where}: rows read as {got['rows']}, printed {expected}")
            continue
        for (name, count, shown, cls), (_, _, status, text) in zip(expected, got["rows"]):
            # Every row explained; only a row whose shape is not printed, or a model used as a
            # layer (whose layers the summary does not show), keeps its count as printed.
            model = bool(count) and cls in ("Sequential", "Functional", "Model")
            if status != ("model" if model else "ok" if shown else "taken"):
                problems.append(f"{where}: row {name} is {status}: {text}")
            elif shown and count and not model and f"= {count:,}" not in text:  # the arithmetic ends on the count
                problems.append(f"{where}: row {name}'s explanation does not work out {count:,}: {text}")
        # The non-trainable total is checked against the moving statistics, unless a row keeps its
        # printed count; layers frozen with trainable=False make it a note, not a mismatch.
        checks = {key: status for key, status, _ in got["checks"]}
        if checks.get("total") != "ok" or checks.get("split") != "ok" or checks.get("nontrainable", "ok") not in ("ok", "note"):
            problems.append(f"{where}: totals {got['checks']}")
        all_explained = all(status == "ok" for _, _, status, _ in got["rows"])
        if all_explained and "nontrainable" not in checks:
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
    "unknown layer": ("model = keras.Sequential([keras.Input(shape=(10,)), keras.layers.Attention()])", 1, ["Attention"]),
    "unclosed bracket": ("model = keras.Sequential()\nmodel.add(Dense(3, input_dim=2)\n", 2, []),
    "for loop": ("model = keras.Sequential()\nfor units in sizes:\n    model.add(Dense(units))", 2, ["for"]),
    "custom layer class": ("class Scale(keras.layers.Layer):\n    pass\n\ninputs = keras.Input(shape=(3,))\n"
                           "outputs = Scale()(inputs)\nmodel = keras.Model(inputs, outputs)", 5, ["Scale"]),
    "Lambda layer": ("model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Lambda(lambda x: 2 * x)])", 1, ["Lambda"]),
    "size from data": ("import numpy as np\nx_train = np.load('x.npy')\n"
                       "model = keras.Sequential([keras.Input(shape=x_train.shape[1:]), keras.layers.Dense(2)])", 3, ["x_train"]),
    "call with a computed argument": ("from tensorflow.keras.preprocessing.text import Tokenizer\ntokenizer = Tokenizer()\n"
                                      "vocab_size = len(tokenizer.word_index) + 1\nmodel = keras.Sequential([keras.Input(shape=(4,)),"
                                      " keras.layers.Embedding(vocab_size, 8)])", 3, ["tokenizer.word_index"]),
    "pretrained model": ("base = keras.applications.MobileNetV2(include_top=False)\n"
                         "model = keras.Sequential([base, keras.layers.Dense(2)])", 1, ["MobileNetV2"]),
    "a Keras 2 module": ("from keras.layers.core import Dense\nmodel = keras.Sequential([keras.Input(shape=(3,)), Dense(2)])",
                         1, ["keras.layers.core.Dense", "keras.layers"]),
    "repeated keyword": ("model = keras.Sequential([keras.Input(shape=(3,)),\n    keras.layers.Dense(units=3, units=4)])", 2, ["units"]),
    "groups that do not divide": ("model = keras.Sequential([keras.Input(shape=(4, 4, 3)), keras.layers.Conv2D(4, 3, groups=2)])", 1, ["groups"]),
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
    number, code, (name, rows), totals = next(s for s in STACKS if s[2] and len(s[2][1]) >= 3)
    visit(CALCULATOR["en"])
    type_code(page, "#kt-code", code)
    shared = page.url
    assert "#code=" in shared
    page.goto("about:blank")
    page.goto(shared, wait_until="load")
    assert page.input_value("#kt-code") == code
    table = calculator_table(page)
    assert table["state"] == "ok" and as_printed(table) == rows
    assert not visit.errors


# Types each code, clicks "Copy as a program", reads the program shown, types it back and reads
# the table again: in the page itself, one call for every model, as a reader would do by hand.
COPY_AND_READ_BACK = """
(codes) => {
  const root = document.getElementById('kt-calculator');
  const area = document.querySelector('#kt-code');
  const type = (text) => { area.value = text; area.dispatchEvent(new Event('input', {bubbles: true})); };
  return codes.map((code) => {
    type(code);
    root.querySelector('.kt-copy-program').click();
    const program = root.querySelector('.kt-program code').innerText;
    type(program);
    const rows = [...root.querySelectorAll('table tbody tr')].map(tr =>
        [tr.dataset.name, tr.dataset.class, tr.dataset.shape, tr.dataset.params, tr.dataset.connected]);
    const t = root.querySelector('.kt-totals');
    return {program, state: root.dataset.state, rows, caption: root.querySelector('caption').innerText,
            totals: [t.dataset.total, t.dataset.trainable, t.dataset.nontrainable].map(Number),
            columns: [...root.querySelectorAll('table thead th')].map(th => th.innerText)};
  });
}
"""


def test_copy_as_a_program_gives_a_program_with_the_same_summary(visit, page):
    """For every model Keras built: the program the button gives, read back by the calculator,
    has Keras' name, rows and totals again (the calculator's reading of code is checked above)."""
    visit(CALCULATOR["en"])
    built = [(number, code, rows, totals) for number, code, rows, totals in STACKS if rows is not None]
    problems = []
    for (number, code, rows, totals), again in zip(built, page.evaluate(COPY_AND_READ_BACK, [c for _, c, _, _ in built])):
        program = again["program"]
        if not (program.startswith("from tensorflow import keras") and program.rstrip().endswith("model.summary()")):
            problems.append(f"model {number}: not a complete program:\n{program}")
        name, rows = rows
        if again["state"] != "ok" or again["caption"] != name or as_printed(again) != rows or tuple(again["totals"]) != totals:
            problems.append(f"model {number}: the program\n{program}\nreads as {again['caption']} {as_printed(again)} {again['totals']}")
    assert not problems, "\n".join(problems)
    assert not visit.errors


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_refused_clipboard_says_where_to_copy_from(visit, page, lang):
    """When the browser refuses the clipboard, "Copy as a program" shows the program to select,
    and "Copy link" points to the address bar, where the link is: no message names text that
    is not there."""
    visit(CALCULATOR[lang])
    type_code(page, "#kt-code", EXAMPLE_OK["calculator"])
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError')); }")
    text = {key: page.evaluate(f"kerasToolsText(String).{key}") for key in ("copyFailed", "copyLinkFailed")}
    note = "#kt-calculator .kt-copied"
    page.click("#kt-calculator .kt-copy-link")
    page.wait_for_function(f"document.querySelector('{note}').textContent !== ''")
    assert page.inner_text(note) == text["copyLinkFailed"]
    assert page.is_hidden("#kt-calculator .kt-program")
    page.click("#kt-calculator .kt-copy-program")
    page.wait_for_function(f"document.querySelector('{note}').textContent === {text['copyFailed']!r}")
    assert page.is_visible("#kt-calculator .kt-program")
    assert not visit.errors


def test_a_code_too_long_for_an_address_is_not_offered_as_a_link(visit, page):
    """Browsers cap an address's length: code that would make a longer one stays out of the
    address, and "Copy link" says so and copies nothing, rather than the link of older code."""
    visit(CALCULATOR["en"])
    type_code(page, "#kt-code", EXAMPLE_OK["calculator"])
    short = page.url
    page.evaluate("() => { window.copied = []; navigator.clipboard.writeText = (t) => { copied.push(t); return Promise.resolve(); }; }")
    long_code = "model = keras.Sequential([keras.Input(shape=(3,))])\n" + "model.add(keras.layers.Dense(2))\n" * 2000
    type_code(page, "#kt-code", long_code)
    page.wait_for_function("document.querySelectorAll('#kt-calculator tbody tr').length >= 2000", timeout=10000)
    assert page.url == short, "the address changed to hold the long code"
    page.click("#kt-calculator .kt-copy-link")
    assert page.inner_text("#kt-calculator .kt-copied") == page.evaluate("kerasToolsText(String).linkTooLong")
    assert page.evaluate("copied") == []
    type_code(page, "#kt-code", EXAMPLE_OK["calculator"])
    page.click("#kt-calculator .kt-copy-link")
    page.wait_for_function("copied.length === 1")
    assert page.evaluate("copied") == [short]
    assert not visit.errors


def test_the_whole_records_the_tool_pages_link_read_as_printed(visit, page):
    """Each record a page shows in part, opened from the site as a reader's link does, shows the
    program's text: Keras 3's box-drawing tables included, from a host that names no charset."""
    records = records_shown_in_part()
    assert records, "no page shows a record in part"
    for path in records:
        visit("/" + record_url(path))
        shown = page.evaluate("document.body.innerText")
        expected = (SNIPPETS / path).read_text(encoding="utf-8")
        assert shown.rstrip("\n") == expected.rstrip("\n"), f"{record_url(path)} does not read as snippets/{path}"
    # (visit.errors is not checked: Chromium asks the host for /favicon.ico beside a text file,
    # which the site has not; its pages name their own icon.)


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


def readme_copy(block):
    """A summary as some READMEs copy it: "Param" without "#", and no Non-trainable params line."""
    return re.sub(r"(?m)^.*Non-trainable params.*\n", "", block.replace("Param #", "Param  "))


def test_explainer_reads_a_summary_as_readmes_copy_it(visit):
    page = visit(EXPLAINER["zh"])
    problems = []
    for out, block in SUMMARIES:
        type_code(page, "#kt-summary", readme_copy(block))
        state = page.get_attribute("#kt-explainer", "data-state")
        checks = page.eval_on_selector_all("#kt-explainer .kt-checks li", "lis => lis.map(li => [li.dataset.check, li.dataset.status])")
        # the total, and the trainable count against the rows less the moving statistics
        if state != "ok" or ["total", "ok"] not in checks or [c for c in checks if c[1] == "mismatch"]:
            problems.append(f"{rel(out)}: {state} {checks}")
    assert not problems, "\n".join(problems)


def test_explainer_reads_the_none_that_print_adds_after_a_summary(visit):
    """print(model.summary()) prints the table, then the None that summary() returns."""
    page = visit(EXPLAINER["en"])
    _, block = next((o, b) for o, b in SUMMARIES if ".keras3." in o.name)
    type_code(page, "#kt-summary", block + "None\n")
    assert page.get_attribute("#kt-explainer", "data-state") == "ok", page.inner_text("#kt-explainer .kt-status")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_row_links_to_the_calculators_explanation_of_its_layer(visit, page, lang):
    """The explainer's rows and the calculator's link each layer class to the calculator's
    section on it, which exists on the page of the same language."""
    visit(CALCULATOR[lang])
    calculator_ids = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    published = [(t, c, p) for t, c, p in PUBLISHED if not t.startswith("Refused")]
    missing, classes = [], set()
    for title, code, printed in published:
        type_code(page, "#kt-code", code)
        for cls, href in page.eval_on_selector_all("#kt-calculator tbody td:first-child a", "as => as.map(a => [a.innerText, a.getAttribute('href')])"):
            classes.add(cls)
            if not href.startswith("#") or href[1:] not in calculator_ids:
                missing.append(f"calculator, {cls}: {href}")
    visit(EXPLAINER[lang])
    for title, code, printed in published:
        type_code(page, "#kt-summary", printed[printed.rindex('Model: "') :])
        for cls, href in page.eval_on_selector_all("#kt-explainer tbody td:first-child a", "as => as.map(a => [a.innerText, a.href])"):
            url = urlparse(href)
            if url.path != CALCULATOR[lang] or url.fragment not in calculator_ids:
                missing.append(f"explainer, {cls}: {href}")
    assert not missing, "\n".join(missing)
    assert {"Dense", "LSTM", "Bidirectional", "Conv2D", "MultiHeadAttention", "InputLayer", "Functional"} <= classes
    assert not visit.errors


def cut_and_garbled(texts, count):
    """Pastes cut short anywhere, and random characters: what a reader's clipboard may hold."""
    rng = random.Random(0)
    out = []
    for _ in range(count):
        text = rng.choice(texts)
        out.append(text[: rng.randrange(len(text))])
    alphabet = "()[]{}:=,.'\"#\\\n _-+*│┃━└├0123456789abcdefxyzDenseLSTMInput"
    out += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 400))) for _ in range(count // 4)]
    return [t for t in out if len(t) < 20000]  # read at once, without waiting for typing to pause


def test_cut_and_garbled_pastes_give_a_message_never_an_error(visit, page):
    problems = []
    codes = [code for _, code, _, _ in STACKS] + [code for _, code, _ in PUBLISHED]
    for path, area, texts in ((CALCULATOR["en"], "#kt-code", cut_and_garbled(codes, 400)), (EXPLAINER["en"], "#kt-summary", cut_and_garbled([b for _, b in SUMMARIES], 300))):
        visit(path)
        results = page.evaluate(
            """([area, texts]) => texts.map(text => {
                const el = document.querySelector(area);
                el.value = text;
                el.dispatchEvent(new Event('input', {bubbles: true}));
                const root = el.closest('.kt-tool');
                return [root.dataset.state, root.querySelector('.kt-status').innerText];
            })""",
            [area, texts],
        )
        for text, (state, status) in zip(texts, results):
            if state not in ("ok", "bad", "error", "refused", "noInput", "empty") or not status.strip() or "internal" in status:
                problems.append(f"{path}: {state} {status!r} for {text[-80:]!r}")
        problems += visit.errors
    assert not problems, "\n".join(problems[:20])


def test_a_2000_layer_paste_shows_its_table_within_a_second(visit, page):
    """Sequential (model.add lines) and functional, 2000 Dense layers each: the time from the paste
    to the table, waiting for typing to pause (a long paste is read 250 ms after the last key)."""
    dense = "layers.Dense(16, activation='relu')"
    pastes = {
        "Sequential": "model = keras.Sequential()\nmodel.add(keras.Input(shape=(16,)))\n" + f"model.add({dense})\n" * 2000,
        "functional": "inputs = keras.Input(shape=(16,))\nx = inputs\n" + f"x = {dense}(x)\n" * 2000 + "model = keras.Model(inputs, x)\n",
    }
    visit(CALCULATOR["en"])
    timings = {}
    for name, text in pastes.items():
        type_code(page, "#kt-code", "")
        start = time.perf_counter()
        type_code(page, "#kt-code", text)
        page.wait_for_function("document.querySelectorAll('#kt-calculator tbody tr').length >= 2000", timeout=10000)
        timings[name] = time.perf_counter() - start
        assert calculator_table(page)["totals"][0] == 2000 * (16 * 16 + 16)
    print(f"2000-layer pastes, seconds to the table: {timings}")
    assert all(t < 1.5 for t in timings.values()), timings


def test_tool_scripts_stay_within_their_size_budget():
    """What a tool's page loads: calc.js, tools.js and its own language's strings."""
    for lang in ("en", "zh"):
        scripts = [TOOLS_JS / name for name in ("calc.js", "tools.js", f"text.{lang}.js")]
        size = sum(len(gzip.compress(p.read_bytes(), 9)) for p in scripts)
        assert 0 < size <= JS_BUDGET_GZIP, f"a {lang} tool page loads {size / 1024:.1f} KiB of the tools' JavaScript, gzipped"
    languages = {p.name for p in TOOLS_JS.glob("text.*.js")}
    assert languages == {"text.en.js", "text.zh.js"}, languages


def test_only_the_tool_pages_load_the_tools():
    users = sorted(rel(p) for p in DOCS.rglob("*.md") if "javascripts/tools/" in p.read_text(encoding="utf-8"))
    assert users == sorted(rel(DOCS / l / "tools" / f"{t}.md") for l in ("en", "zh") for t in ("calculator", "explainer"))
