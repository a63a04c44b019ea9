// The tools' pages in both languages: the parameter calculator (its table updated as one
// types; the code lives in the address, #code=...) and the summary() explainer. A classic
// script (see calc.js), loaded after calc.js and the page language's text.<lang>.js.
"use strict";
(() => {
const { calculate, program, memory, section, explain } = globalThis.kerasCalc;


const c = (s) => `<code>${esc(s)}</code>`;
function esc(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
}

const T = globalThis.kerasToolsText(c);

// Numbers as summary() writes them: 12,345
const f = (x) => (typeof x === "number" ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : x);

// Each tool reads at once what is short, and a long paste once typing pauses.
function listen(area, update) {
  let timer = 0;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    if (area.value.length < 20000) update();
    else timer = setTimeout(update, 250);
  });
}

// ---- The parameter calculator ----

const CODE_EXAMPLE = `from tensorflow import keras

num_classes = 38

model = keras.Sequential([
    keras.Input(shape=(10,)),
    keras.layers.Dense(20),
    keras.layers.BatchNormalization(),
    keras.layers.Activation("relu"),
    keras.layers.Dense(num_classes, activation="softmax"),
])
model.summary()
`;

const calculator = document.getElementById("kt-calculator");

function renderCalculator(res) {
  const status = calculator.querySelector(".kt-status");
  const table = calculator.querySelector("table");
  const totals = calculator.querySelector(".kt-totals");
  const hints = calculator.querySelector(".kt-hints");
  calculator.dataset.state = res.status;
  calculator.querySelector(".kt-copy-program").disabled = res.status !== "ok";
  let msg = "";
  if (res.status === "empty") msg = T.empty;
  else if (res.error) {
    const e = res.error;
    msg = T.line(e.line) + (res.status === "refused" ? T.refused : "") + (T.err[e.code] || (() => e.code))(e.params || {});
  } else if (res.status === "noInput") msg = T.noInput(res.rows.length);
  else msg = T.ok(res.rows.length);
  status.innerHTML = msg;
  status.className = `kt-status admonition ${res.status === "ok" ? "success" : res.status === "empty" ? "info" : "failure"}`;
  const notes = res.status === "ok" || res.status === "noInput" ? [
    ...res.hints.map((h) => T.line(h.line) + (h.code === "softmaxOne" ? T.hintSoftmaxOne(h.name) : h.code === "bnSoftmax" ? T.hintBnSoftmax(h.name) : T.hintBias(h.name, f(h.bias)))),
    ...res.notes.map((n) => T.line(n.line) + T.noteInputLength),
  ] : [];
  hints.innerHTML = notes.map((n) => `<li>${n}</li>`).join("");
  hints.hidden = !notes.length;
  const unbuilt = res.status === "noInput";
  if (res.status !== "ok" && !unbuilt) {
    table.hidden = totals.hidden = true;
    table.querySelector("tbody").innerHTML = totals.textContent = "";
    return;
  }
  table.hidden = totals.hidden = false;
  table.querySelector("caption").textContent = `Model: "${res.modelName}"`;
  // A functional model with branches has Keras 3's "Connected to" column.
  const conn = res.connected;
  table.querySelector("thead").innerHTML = `<tr><th>${T.layerType}</th><th>${T.outputShape}</th><th>${T.paramNo}</th>${conn ? `<th>${T.conn}</th>` : ""}<th>${T.how}</th></tr>`;
  table.querySelector("tbody").innerHTML = res.rows.map((r) => {
    let how = unbuilt ? "" : r.formula ? r.formula.expr : r.params ? T.inner : T.noWeights;
    if (r.frozen) how = T.frozen(how);
    else if (r.formula && r.formula.nt) how = T.ofWhich(how, r.formula.nt);
    return `<tr data-name="${esc(r.name)}" data-class="${r.cls}" data-shape="${r.shape}" data-params="${r.params}"${r.unbuilt ? " data-unbuilt" : ""} data-connected="${esc(r.conn || "")}" data-line="${r.line}">` +
      `<td><code>${esc(r.name)}</code> (<a href="#${section(r.cls)}">${r.cls}</a>)</td><td><code>${r.shape}</code></td><td>${r.unbuilt ? "0 (unbuilt)" : f(r.params)}</td>${conn ? `<td>${esc(r.conn)}</td>` : ""}<td>${esc(how)}</td></tr>`;
  }).join("");
  totals.dataset.total = res.total;
  totals.dataset.trainable = res.trainable;
  totals.dataset.nontrainable = res.nontrainable;
  totals.textContent = [
    `${T.total}: ${f(res.total)} (${memory(res.total)})`,
    `${T.trainable}: ${f(res.trainable)} (${memory(res.trainable)})`,
    `${T.nontrainable}: ${f(res.nontrainable)} (${memory(res.nontrainable)})`,
  ].join("\n");
}

let last = null;
let linked = true; // whether the address holds the code in the box
function updateCalculator() {
  const text = calculator.querySelector("textarea").value;
  let res;
  try {
    res = calculate(text);
  } catch (e) {
    // A bug of the calculator must not break the page: say so, and show no number.
    res = { status: "internal", error: { line: 0, code: "internal" }, hints: [], notes: [] };
    T.err.internal = () => esc(String(e));
  }
  last = res;
  renderCalculator(res);
  calculator.querySelector(".kt-program").hidden = true;
  const hash = text && text !== CODE_EXAMPLE ? `#code=${encodeURIComponent(text)}` : "";
  // Browsers cap an address's length: a longer code stays out of the address, and "Copy link" says so.
  linked = hash.length < 60000;
  if (linked) history.replaceState(null, "", hash || location.pathname + location.search);
}

async function copy(text, where) {
  const note = calculator.querySelector(".kt-copied");
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = T.copied;
  } catch {
    // The program is shown below the buttons; the link is in the address bar.
    note.textContent = where ? T.copyFailed : T.copyLinkFailed;
  }
  if (where) where.hidden = false;
}

function initCalculator() {
  calculator.innerHTML = `
<p><label for="kt-code"><strong>${T.codeLabel}</strong></label></p>
<textarea id="kt-code" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="14"></textarea>
<p class="kt-actions"><button type="button" class="md-button kt-copy-program">${T.copyProgram}</button>
<button type="button" class="md-button kt-copy-link">${T.copyLink}</button> <span class="kt-copied" role="status"></span></p>
<div class="kt-program" hidden><p>${T.programTitle}</p><pre><code class="kt-program-text"></code></pre></div>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<ul class="kt-hints" hidden></ul>
<div class="md-typeset__scrollwrap"><table hidden><caption></caption><thead></thead><tbody></tbody></table></div>
<pre class="kt-totals" hidden></pre>`;
  const area = calculator.querySelector("textarea");
  let text = CODE_EXAMPLE;
  if (location.hash.startsWith("#code=")) {
    try { text = decodeURIComponent(location.hash.slice(6)); } catch { /* a damaged link: keep the example */ }
  }
  area.value = text;
  listen(area, updateCalculator);
  calculator.querySelector(".kt-copy-program").addEventListener("click", () => {
    if (!last || last.status !== "ok") return;
    const text = program(last);
    const box = calculator.querySelector(".kt-program");
    box.querySelector("code").textContent = text;
    copy(text, box);
  });
  calculator.querySelector(".kt-copy-link").addEventListener("click", () => {
    if (linked) copy(location.href);
    else calculator.querySelector(".kt-copied").textContent = T.linkTooLong;
  });
  updateCalculator();
}

// ---- The summary() explainer ----

const SUMMARY_EXAMPLE = `Model: "sequential"
_________________________________________________________________
 Layer (type)                Output Shape              Param #
=================================================================
 dense (Dense)               (None, 20)                220

 batch_normalization (Batch  (None, 20)                80
 Normalization)

 dense_1 (Dense)             (None, 10)                210

 dense_2 (Dense)             (None, 1)                 11

=================================================================
Total params: 521 (2.04 KB)
Trainable params: 481 (1.88 KB)
Non-trainable params: 40 (160.00 Byte)
_________________________________________________________________
`;

const explainer = document.getElementById("kt-explainer");

function rowText(r) {
  if (r.code === "mismatch") return T.mismatch(f(r.args[0]), r.args[1]);
  const v = T[r.code];
  return typeof v === "function" ? v(...r.args.map(f)) : v;
}

function checkText(ch) {
  const label = { total: T.total, split: `${T.trainable} + ${T.nontrainable}`, nontrainable: T.nontrainable, trainable: T.trainable }[ch.key];
  const [what, numbers, extra] = ch.expr;
  const expr = what === "split" ? numbers : numbers + T.paren(`${T[what]}${extra ? ` + ${T[extra]}` : ""}`);
  if (ch.key === "split") return ch.status === "ok" ? T.totalOk(label, expr, f(ch.value) + T.paren(T.rowsSum)) : T.totalBad(label, f(ch.printed), T.rowsSum, f(ch.value));
  if (ch.status === "ok") return T.totalOk(label, f(ch.printed), expr);
  const text = T.totalBad(label, f(ch.printed), T[what], f(ch.value));
  return ch.status === "note" ? text + T.semi + T.frozenNote : text;
}

function renderExplainer(res) {
  const status = explainer.querySelector(".kt-status");
  const table = explainer.querySelector("table");
  const checks = explainer.querySelector(".kt-checks");
  explainer.dataset.state = res.status;
  let msg;
  if (res.status === "empty") msg = T.explainEmpty;
  else if (res.error) {
    const e = res.error;
    msg = e.code === "unread" ? T.unreadLine(e.line, e.text) : e.code === "tooLong" ? T.err.tooLong(e) : e.code === "missingTotals" ? T.missingTotals : T.noTable;
  } else msg = (res.status === "ok" ? T.explainOk : T.explainBad)(res.rows.length);
  status.innerHTML = msg;
  status.className = `kt-status admonition ${res.status === "ok" ? "success" : res.status === "empty" ? "info" : "failure"}`;
  if (!res.rows || res.error) {
    table.hidden = checks.hidden = true;
    table.querySelector("tbody").innerHTML = checks.innerHTML = "";
    return;
  }
  table.hidden = checks.hidden = false;
  table.querySelector("tbody").innerHTML = res.rows.map((r) =>
    `<tr data-name="${esc(r.name)}" data-class="${esc(r.cls)}" data-params="${r.params}" data-status="${r.status}" data-line="${r.line}"${r.status === "mismatch" ? ' class="kt-bad"' : ""}>` +
    // each known class links to the calculator's explanation of that layer
    `<td><code>${esc(r.name)}</code> (${r.known && !r.zero ? `<a href="../calculator/#${section(r.cls)}">${esc(r.cls)}</a>` : esc(r.cls)})</td><td><code>${esc(r.shapeText)}</code></td><td>${f(r.params)}</td><td>${r.status === "mismatch" ? "✗ " : ""}${esc(rowText(r))}</td></tr>`).join("");
  checks.innerHTML = res.checks.map((ch) => `<li data-check="${ch.key}" data-status="${ch.status}">${ch.status === "mismatch" ? "✗" : ch.status === "note" ? "!" : "✓"} ${esc(checkText(ch))}</li>`).join("");
}

function updateExplainer() {
  let res;
  try {
    res = explain(explainer.querySelector("textarea").value);
  } catch (e) {
    res = { status: "internal", error: { code: "noTable" } }; // a bug: a message, no numbers
  }
  renderExplainer(res);
}

function initExplainer() {
  explainer.innerHTML = `
<p><label for="kt-summary"><strong>${T.summaryLabel}</strong></label></p>
<textarea id="kt-summary" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="16" wrap="off"></textarea>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<div class="md-typeset__scrollwrap"><table hidden><thead><tr><th>${T.layerType}</th><th>${T.outputShape}</th><th>${T.paramNo}</th><th>${T.explanation}</th></tr></thead><tbody></tbody></table></div>
<ul class="kt-checks" hidden></ul>`;
  const area = explainer.querySelector("textarea");
  area.value = SUMMARY_EXAMPLE;
  listen(area, updateExplainer);
  updateExplainer();
}

if (calculator) initCalculator();
if (explainer) initExplainer();
})();
