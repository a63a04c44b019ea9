// The summary() explainer's page: paste what model.summary() printed; each row is explained
// from the shapes and the totals are checked, on every keystroke.

import { explain } from "./explain.js";
import { section } from "./calc.js";
import { T, esc } from "./i18n.js";

const EXAMPLE = `Model: "sequential"
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

const root = document.getElementById("kt-explainer");
const f = (x) => (typeof x === "number" ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : x);

function rowText(r) {
  if (r.code === "mismatch") return T.mismatch(f(r.args[0]), r.args[1]);
  const v = T[r.code];
  return typeof v === "function" ? v(...r.args.map(f)) : v;
}

function checkText(ch) {
  const label = { total: T.total, split: `${T.trainable} + ${T.nontrainable}`, nontrainable: T.nontrainable, trainable: T.trainable }[ch.key];
  const [what, numbers, extra] = ch.expr;
  const expr = what === "split" ? numbers : `${numbers} (${T[what]}${extra ? ` + ${T[extra]}` : ""})`;
  if (ch.key === "split") return ch.status === "ok" ? `${label}: ${expr} = ${f(ch.value)} (${T.rowsSum})` : T.totalBad(label, f(ch.printed), T.rowsSum, f(ch.value));
  if (ch.status === "ok") return T.totalOk(label, f(ch.printed), expr);
  const text = T.totalBad(label, f(ch.printed), T[what], f(ch.value));
  return ch.status === "note" ? `${text}; ${T.frozenNote}` : text;
}

function render(res) {
  const status = root.querySelector(".kt-status");
  const table = root.querySelector("table");
  const checks = root.querySelector(".kt-checks");
  root.dataset.state = res.status;
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

function update() {
  let res;
  try {
    res = explain(root.querySelector("textarea").value);
  } catch (e) {
    res = { status: "internal", error: { code: "noTable" } }; // a bug: a message, no numbers
  }
  render(res);
}

function init() {
  if (!root) return;
  root.innerHTML = `
<p><label for="kt-summary"><strong>${T.summaryLabel}</strong></label></p>
<textarea id="kt-summary" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="16" wrap="off"></textarea>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<div class="md-typeset__scrollwrap"><table hidden><thead><tr><th>${T.layerType}</th><th>${T.outputShape}</th><th>${T.paramNo}</th><th>${T.explanation}</th></tr></thead><tbody></tbody></table></div>
<ul class="kt-checks" hidden></ul>`;
  const area = root.querySelector("textarea");
  area.value = EXAMPLE;
  let timer = 0;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    if (area.value.length < 20000) update();
    else timer = setTimeout(update, 250);
  });
  update();
}

init();
