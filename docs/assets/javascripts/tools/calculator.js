// The parameter calculator's page: a text area, and the summary table Keras 3 would print,
// updated on every keystroke. The code lives in the address (#code=...), so a link shares it.

import { calculate, program, memory, section } from "./calc.js";
import { T, esc } from "./i18n.js";

const EXAMPLE = `from tensorflow import keras

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

const root = document.getElementById("kt-calculator");
const f = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function render(res) {
  const status = root.querySelector(".kt-status");
  const table = root.querySelector("table");
  const totals = root.querySelector(".kt-totals");
  const hints = root.querySelector(".kt-hints");
  root.dataset.state = res.status;
  root.querySelector(".kt-copy-program").disabled = res.status !== "ok";
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
  if (res.status !== "ok") {
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
    let how = r.formula ? r.formula.expr : r.params ? T.inner : T.noWeights;
    if (r.frozen) how = T.frozen(how);
    else if (r.formula && r.formula.nt) how = T.ofWhich(how, r.formula.nt);
    return `<tr data-name="${esc(r.name)}" data-class="${r.cls}" data-shape="${r.shape}" data-params="${r.params}" data-connected="${esc(r.conn || "")}" data-line="${r.line}">` +
      `<td><code>${esc(r.name)}</code> (<a href="#${section(r.cls)}">${r.cls}</a>)</td><td><code>${r.shape}</code></td><td>${f(r.params)}</td>${conn ? `<td>${esc(r.conn)}</td>` : ""}<td>${esc(how)}</td></tr>`;
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
function update() {
  const text = root.querySelector("textarea").value;
  let res;
  try {
    res = calculate(text);
  } catch (e) {
    // A bug of the calculator must not break the page: say so, and show no number.
    res = { status: "internal", error: { line: 0, code: "internal" }, hints: [], notes: [] };
    T.err.internal = () => esc(String(e));
  }
  last = res;
  render(res);
  root.querySelector(".kt-program").hidden = true;
  const hash = text && text !== EXAMPLE ? `#code=${encodeURIComponent(text)}` : "";
  if (hash.length < 60000) history.replaceState(null, "", hash || location.pathname + location.search);
}

async function copy(text, where) {
  const note = root.querySelector(".kt-copied");
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = T.copied;
  } catch {
    note.textContent = T.copyFailed;
  }
  if (where) where.hidden = false;
}

function init() {
  if (!root) return;
  root.innerHTML = `
<p><label for="kt-code"><strong>${T.codeLabel}</strong></label></p>
<textarea id="kt-code" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="14"></textarea>
<p class="kt-actions"><button type="button" class="md-button kt-copy-program">${T.copyProgram}</button>
<button type="button" class="md-button kt-copy-link">${T.copyLink}</button> <span class="kt-copied" role="status"></span></p>
<div class="kt-program" hidden><p>${T.programTitle}</p><pre><code class="kt-program-text"></code></pre></div>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<ul class="kt-hints" hidden></ul>
<div class="md-typeset__scrollwrap"><table hidden><caption></caption><thead></thead><tbody></tbody></table></div>
<pre class="kt-totals" hidden></pre>`;
  const area = root.querySelector("textarea");
  let text = EXAMPLE;
  if (location.hash.startsWith("#code=")) {
    try { text = decodeURIComponent(location.hash.slice(6)); } catch { /* a damaged link: keep the example */ }
  }
  area.value = text;
  let timer = 0;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    // Short code is read at once; a long paste waits for typing to pause.
    if (area.value.length < 20000) update();
    else timer = setTimeout(update, 250);
  });
  root.querySelector(".kt-copy-program").addEventListener("click", () => {
    if (!last || last.status !== "ok") return;
    const text = program(last);
    const box = root.querySelector(".kt-program");
    box.querySelector("code").textContent = text;
    copy(text, box);
  });
  root.querySelector(".kt-copy-link").addEventListener("click", () => copy(location.href));
  update();
}

init();
