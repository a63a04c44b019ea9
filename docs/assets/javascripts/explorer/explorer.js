// The explorer's page: the controls, what the current call computes, the charts. Every
// number comes from engine.js; the whole state lives in the address (#m=0.9&...), so that a
// link shares a setting. Loaded after strings.js and engine.js (classic deferred scripts).
"use strict";
(() => {
  const E = globalThis.ktExplorer;
  const root = document.getElementById("kt-explorer");
  if (!root || !E) return;
  const T = E.T;
  const fmt = E.fmt;
  const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
  const LINKS = {};
  for (const a of document.querySelectorAll("a[data-kt]")) LINKS[a.dataset.kt] = a.getAttribute("href");
  const a = (key, text = T.links[key]) => (LINKS[key] ? `<a href="${esc(LINKS[key])}">${text}</a>` : text);
  const see = (key) => ` <span class="kt-see"><span aria-hidden="true">→</span> ${a(key)}</span>`;
  const DEFAULTS = { g: "1", b: "0", mu: "0", sd: "1", d: "0" };
  let raw, notice = "";

  // ---- controls ---------------------------------------------------------------------------
  const msg = (key) => `<span class="kt-msg" id="kx-${key}-msg" aria-live="polite"></span>`;
  const field = (key, label) =>
    `<p class="kt-field"><label for="kx-${key}">${label}</label> <input id="kx-${key}" data-key="${key}" inputmode="decimal" autocomplete="off" size="8" aria-describedby="kx-${key}-msg"> ${msg(key)}</p>`;
  const box = (key, label) => `<p class="kt-field"><input type="checkbox" id="kx-${key}" data-key="${key}"> <label for="kx-${key}">${label}</label></p>`;
  const cell = (key, j, label, i) =>
    `<td><input data-key="${key}" data-j="${j}"${i === undefined ? "" : ` data-i="${i}"`} inputmode="decimal" autocomplete="off" size="6" aria-label="${esc(label)}" aria-describedby="kx-${key}-msg"></td>`;
  const head = (k) => `<thead><tr><td></td>${Array.from({ length: k }, (_, j) => `<th scope="col">${T.feature(j)}</th>`).join("")}</tr></thead>`;
  const vectorRows = (keys, k) =>
    keys.map(([key, name]) => `<tr><th scope="row">${name}</th>${Array.from({ length: k }, (_, j) => cell(key, j, name + T.comma + T.feature(j))).join("")}</tr>`).join("");

  function build() {
    root.innerHTML = `
<div class="kt-controls">
<fieldset><legend>${T.layer}</legend>${field("m", T.momentum)}${field("e", T.epsilon)}${box("c", T.center)}${box("s", T.scale)}${box("tr", T.trainable)}
<div class="kt-scroll"><table class="kt-vectors kt-gb"></table></div>${msg("g")} ${msg("b")}</fieldset>
<fieldset><legend>${T.call}</legend>${E.CALLS.split("").map((c) => `<p class="kt-field"><input type="radio" name="kx-call" id="kx-call-${c}" data-key="call" value="${c}"> <label for="kx-call-${c}">${T.calls[c]}</label></p>`).join("")}</fieldset>
<fieldset><legend>${T.data}</legend>${field("n", T.examples)}${field("k", T.features)}
<p>${T.batch0}</p><div class="kt-scroll"><table class="kt-vectors kt-x"></table></div>${msg("x")}
<p>${T.generator}</p><div class="kt-scroll"><table class="kt-vectors kt-gen"></table></div>${msg("mu")} ${msg("sd")} ${msg("d")}
<p><button type="button" class="md-button kt-draw">${T.draw}</button></p></fieldset>
</div>
<p class="kt-actions"><button type="button" class="md-button md-button--primary kt-train" data-steps="1">${T.trainOne}</button>
<button type="button" class="md-button kt-train" data-steps="10">${T.trainTen}</button>
<button type="button" class="md-button kt-reset">${T.reset}</button></p>
<p class="kt-step" role="status"></p>
<div class="kt-status" role="status"></div>
<div class="kt-results"></div>`;
    for (const key of ["h", "call", "f"]) root.insertAdjacentHTML("beforeend", msg(key));
  }

  // The per-feature and per-example inputs, made again when the batch's shape changes.
  function shape(n, k) {
    root.querySelector(".kt-gb").innerHTML = head(k) + `<tbody>${vectorRows([["g", T.gamma], ["b", T.beta]], k)}</tbody>`;
    root.querySelector(".kt-gen").innerHTML = head(k) + `<tbody>${vectorRows([["mu", T.dataMean], ["sd", T.spread], ["d", T.drift]], k)}</tbody>`;
    root.querySelector(".kt-x").innerHTML = head(k) + `<tbody>${Array.from({ length: n }, (_, i) =>
      `<tr><th scope="row">${T.example(i)}</th>${Array.from({ length: k }, (_, j) => cell("x", j, T.example(i) + T.comma + T.feature(j), i)).join("")}</tr>`).join("")}</tbody>`;
    root.dataset.shape = `${n}x${k}`;
  }

  // Every control shows raw (the state as typed).
  function fill() {
    const n = E.num(raw.n), k = E.num(raw.k);
    const ok = (v, hi) => Number.isInteger(v) && v >= 1 && v <= hi;
    if (ok(n, E.MAX.n) && ok(k, E.MAX.k) && root.dataset.shape !== `${n}x${k}`) shape(n, k);
    for (const input of root.querySelectorAll("input[data-key]")) {
      const key = input.dataset.key;
      if (input.type === "checkbox") input.checked = raw[key] === "1";
      else if (input.type === "radio") input.checked = raw.call === input.value;
      else if (key === "x") input.value = (raw.x[input.dataset.i] || [])[input.dataset.j] ?? "";
      else if (input.dataset.j !== undefined) input.value = raw[key][input.dataset.j] ?? "";
      else input.value = raw[key];
    }
  }

  // ---- state ------------------------------------------------------------------------------
  function load() {
    const { raw: r, unknown } = E.fromHash(location.hash);
    raw = r;
    notice = unknown.length ? T.badAddress(unknown.map(esc).join(", ")) : "";
    const { err } = E.read(raw); // fills in a batch drawn from the seed when the address has none
    if (raw.x === null) raw.x = [];
    const bad = ["call", "h"].filter((key) => err[key]);
    if (bad.length) {
      for (const key of bad) raw[key] = E.DEFAULT[key];
      notice = T.badAddress(bad.join(", "));
    }
    root.dataset.shape = "";
    fill();
  }

  // Resize the vectors and the batch to k features and n examples; new values are drawn.
  function resize() {
    const n = E.num(raw.n), k = E.num(raw.k);
    if (!(n >= 1 && n <= E.MAX.n && k >= 1 && k <= E.MAX.k && Number.isInteger(n + k))) return;
    for (const key of E.VECTORS) raw[key] = Array.from({ length: k }, (_, j) => raw[key][j] ?? DEFAULTS[key]);
    const { s } = E.read({ ...raw, x: [] });
    const drawn = E.draw({ ...s, mu: s.mu.map((v) => v || 0), sigma: s.sigma.map((v) => Math.abs(v) || 0) }, s.seed);
    raw.x = drawn.map((row, i) => row.map((v, j) => (raw.x[i] || [])[j] ?? String(v)));
  }

  // ---- results ----------------------------------------------------------------------------
  const table = (caption, rows, k, cls = "") =>
    `<div class="kt-scroll"><table class="kt-out ${cls}"><caption>${caption}</caption>${head(k)}<tbody>${rows}</tbody></table></div>`;
  const matrixRows = (m, q) =>
    m.map((row, i) => `<tr><th scope="row">${T.example(i)}</th>${row.map((v, j) => `<td data-q="${q}-${i}-${j}">${fmt(v)}</td>`).join("")}</tr>`).join("");
  const vectorRow = (name, v, q) => `<tr><th scope="row">${name}</th>${v.map((x, j) => `<td data-q="${q}-${j}">${fmt(x)}</td>`).join("")}</tr>`;
  const join = (words) => words.join(T.and);

  function results(s, sim) {
    const step = sim[sim.length - 1];
    const k = s.k, m = s.momentum;
    const key = step.call + (step.trainable ? "T" : "F");
    const why = T.why[key] || T.why[step.call + "T"];
    const used = step.usesBatch ? "batch" : "moving";
    let html = `<p class="kt-used" data-q="uses" data-uses="${used}"><strong>${T.used[used]}</strong>${T.space}${why}${see({ tT: "training-mode", iT: "inference-mode", tF: "trainable", fF: "trainable" }[key] || "fit")}</p>`;
    html += table(T.thisBatch(step.t), matrixRows(step.x, "x"), k);
    html += table(T.statsHead, [
      vectorRow(T.rows.mean, step.batch.mean, "mean"), vectorRow(T.rows.variance, step.batch.variance, "var"),
      vectorRow(T.rows.mmb, step.before.mean, "mmb"), vectorRow(T.rows.mma, step.after.mean, "mma"),
      vectorRow(T.rows.mvb, step.before.variance, "mvb"), vectorRow(T.rows.mva, step.after.variance, "mva"),
    ].join(""), k);
    if (step.usesBatch) {
      const line = (name, before, batch, after) => `${name} ← ${fmt(m)} × ${fmt(before)} + ${fmt(1 - m)} × ${fmt(batch)} = ${fmt(after)}`;
      html += `<p>${T.update}${see("moving-update")}</p><ul class="kt-updates">${Array.from({ length: k }, (_, j) =>
        `<li data-q="upd-${j}">${T.feature(j)}${T.colon}<code>${line("moving_mean", step.before.mean[j], step.batch.mean[j], step.after.mean[j])}</code>${T.semi}<code>${line("moving_variance", step.before.variance[j], step.batch.variance[j], step.after.variance[j])}</code></li>`).join("")}</ul>`;
    } else html += `<p data-q="upd-none">${T.noUpdate}</p>`;
    if (step.xhat) {
      html += table(T.xhat(step.usesBatch ? T.batchWord : T.movingWord), matrixRows(step.xhat, "xhat"), k);
      html += table(T.output(s.scale, s.center), matrixRows(step.output, "out"), k);
      const x = step.x[0][0], mu = step.used.mean[0], v = step.used.variance[0], xh = step.xhat[0][0];
      const g = s.scale ? `${fmt(s.gamma[0])} × ` : "", b = s.center ? ` + ${fmt(s.beta[0])}` : "";
      html += `<p>${T.worked}${T.space}<code>x̂ = (${fmt(x)} − ${fmt(mu)}) / √(${fmt(v)} + ${s.epsilon}) = ${fmt(xh)}</code>${T.semi}<code>${g}${fmt(xh)}${b} = ${fmt(step.output[0][0])}</code></p>`;
    }
    const names = [s.scale && T.gamma, s.center && T.beta].filter(Boolean);
    const trained = E.trained(s, step.trainable);
    let weights = (s.scale ? "" : T.noGamma) + (s.center ? "" : T.noBeta);
    if (!names.length) weights = T.none;
    else if (!step.trainable) weights += T.frozen(join(names));
    else weights += step.call === "f" ? T.canFit(join(names)) : T.canCall(join(names));
    html += `<p data-q="trained" data-trained="${trained.join(",")}"><strong>${T.weights}</strong>${T.space}${weights}${see("trainable")}</p>`;
    html += `<div class="admonition note"><p class="admonition-title">${T.keras2}</p><p>${T.fused}${see("moving-variance")}</p>${!step.trainable && E.training(step.call) ? `<p>${T.before20}${see("trainable")}</p>` : ""}</div>`;
    html += charts(s, sim);
    return html;
  }

  // ---- charts: one feature over the steps, drawn as SVG --------------------------------------
  const W = 320, H = 120, PAD = 6;
  function chart(series, shade, title) {
    const values = series.flatMap((p) => p.values).filter(Number.isFinite);
    let lo = Math.min(...values), hi = Math.max(...values);
    if (hi - lo < 1e-9) { lo -= 1; hi += 1; }
    const steps = series[0].values.length - 1;
    const X = (t) => PAD + (steps ? (t / steps) * (W - 2 * PAD) : (W - 2 * PAD) / 2);
    const Y = (v) => H - PAD - ((v - lo) / (hi - lo)) * (H - 2 * PAD);
    const line = (p) => p.values.length > 1
      ? `<polyline class="kt-${p.cls}" points="${p.values.map((v, t) => `${X(t).toFixed(1)},${Y(v).toFixed(1)}`).join(" ")}"/>`
      : `<circle class="kt-${p.cls}" cx="${X(0)}" cy="${Y(p.values[0]).toFixed(1)}" r="3"/>`;
    const band = shade > 0 && steps ? `<rect class="kt-window" x="${X(Math.max(0, steps - shade)).toFixed(1)}" y="0" width="${(X(steps) - X(Math.max(0, steps - shade))).toFixed(1)}" height="${H}"/>` : "";
    return `<figure class="kt-chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}">${band}${series.map(line).join("")}</svg>
<figcaption>${title}${T.colon}${fmt(lo, 2)} … ${fmt(hi, 2)}${T.semi}${T.stepAxis} 0 … ${steps}</figcaption></figure>`;
  }

  function charts(s, sim) {
    const j = Math.min(Math.max(s.feature, 0), s.k - 1);
    const m = s.momentum;
    const window = m < 1 && m > 0 ? 1 / (1 - m) : 0;
    const last = sim[sim.length - 1];
    const part = (q, cls, moving, batch, truth) => {
      const series = [{ cls: "truth", values: truth }, { cls: "batch", values: batch }, { cls: "moving", values: moving }];
      const legend = series.map((p) => `<li><span class="kt-swatch kt-${p.cls}"></span>${T.legend[p.cls](q)}</li>`).join("");
      const text = T.chartText(last.t, q, fmt(moving.at(-1)), fmt(batch.at(-1)), fmt(truth.at(-1)));
      return `<div class="kt-part">${chart(series, window, cls + T.paren(T.feature(j)))}<ul class="kt-legend">${legend}</ul><p>${text}</p></div>`;
    };
    const select = s.k > 1 ? `<p class="kt-field"><label for="kx-f">${T.chartFeature}</label> <select id="kx-f" data-key="f">${Array.from({ length: s.k }, (_, i) => `<option value="${i}"${i === j ? " selected" : ""}>${T.feature(i)}</option>`).join("")}</select></p>` : "";
    const note = (m === 1 ? T.windowOne : m === 0 ? T.windowZero : T.window(fmt(window, 1))) + see("ema");
    return `<div class="kt-charts"><p><strong>${T.chart(j)}</strong></p>${select}<div class="kt-parts">` +
      part(T.qMean, T.meanChart, sim.map((p) => p.before.mean[j]), sim.map((p) => p.batch.mean[j]), sim.map((p) => s.mu[j] + p.t * s.drift[j])) +
      part(T.qVariance, T.varianceChart, sim.map((p) => p.before.variance[j]), sim.map((p) => p.batch.variance[j]), sim.map(() => s.sigma[j] ** 2)) +
      `</div><p>${note}</p></div>`;
  }

  // ---- update -------------------------------------------------------------------------------
  const WORDS = {
    notInteger: () => T.notInteger, range: (lo, hi) => T.range(lo, hi), empty: () => T.empty,
    notNumber: () => T.notNumber, tooLarge: () => T.tooLarge, momentum: () => T.momentumRange, epsilon: () => T.epsilonRange,
    spread: () => T.spreadRange, notNumberAt: (js) => T.notNumberAt(js), batchCells: (cells) => T.batchCells(cells),
    call: () => T.badAddress("call"), history: () => T.badAddress("h"), steps: (n) => T.stepsFull(n),
  };

  function say(key, text) {
    const el = root.querySelector(`#kx-${key}-msg`);
    if (el) el.innerHTML = text;
  }

  function update() {
    const { s, err } = E.read(raw);
    for (const el of root.querySelectorAll(".kt-msg")) el.textContent = "";
    for (const input of root.querySelectorAll("input[data-key]")) input.removeAttribute("aria-invalid");
    for (const [key, [code, ...rest]] of Object.entries(err)) {
      say(key, WORDS[code](...rest));
      const cells = code === "notNumberAt" ? rest[0].map((j) => `[data-key="${key}"][data-j="${j}"]`)
        : code === "batchCells" ? rest[0].map(([i, j]) => `[data-key="x"][data-i="${i}"][data-j="${j}"]`) : [`#kx-${key}`];
      for (const sel of cells) root.querySelector(sel)?.setAttribute("aria-invalid", "true");
    }
    const status = root.querySelector(".kt-status");
    const out = root.querySelector(".kt-results");
    const errors = Object.keys(err).length;
    status.innerHTML = [notice, errors ? T.fixFirst : ""].filter(Boolean).map((t) => `<p>${t}</p>`).join("");
    status.className = `kt-status${status.innerHTML ? " admonition warning" : ""}`;
    root.dataset.state = errors ? "error" : "ok";
    for (const b of root.querySelectorAll(".kt-train")) b.disabled = Boolean(errors) || s.history.length >= E.MAX.steps;
    if (errors) {
      out.hidden = true;
      out.innerHTML = "";
      return;
    }
    const sim = E.simulate(s);
    const step = sim[sim.length - 1];
    const warnings = [];
    say("n", s.n === 1 ? T.oneExample : "");
    const flat = step.batch.variance.map((v, j) => (v === 0 ? j : -1)).filter((j) => j >= 0);
    if (flat.length && s.n > 1) warnings.push(T.zeroVariance(flat));
    if (step.undefinedAt.length) {
      warnings.push(T.undefinedX(step.undefinedAt));
      say("e", T.undefinedX(step.undefinedAt));
    }
    say("x", warnings.join(T.space));
    root.querySelector(".kt-step").textContent = T.stepNote(step.t) + (s.history.length >= E.MAX.steps ? T.space + T.stepsFull(E.MAX.steps) : "");
    out.hidden = false;
    out.innerHTML = results(s, sim);
    const hash = E.toHash(raw);
    if (hash !== location.hash) history.replaceState(null, "", hash);
  }

  // ---- events -------------------------------------------------------------------------------
  function changed(event) {
    const input = event.target;
    const key = input.dataset && input.dataset.key;
    if (!key) return;
    if (input.type === "checkbox") raw[key] = input.checked ? "1" : "0";
    else if (input.type === "radio") raw.call = input.value;
    else if (key === "x") raw.x[input.dataset.i][input.dataset.j] = input.value;
    else if (input.dataset.j !== undefined) raw[key][input.dataset.j] = input.value;
    else raw[key] = input.value;
    if (key === "n" || key === "k") {
      resize();
      fill();
    }
    if (key === "f") {
      update();
      root.querySelector("#kx-f")?.focus();
      return;
    }
    update();
  }

  function init() {
    root.classList.add("kt-explorer");
    build();
    load();
    // Text fields and the feature list on "input"; checkboxes and radio buttons on "change"
    const toggle = (event) => event.target.type === "checkbox" || event.target.type === "radio";
    root.addEventListener("input", (event) => toggle(event) || changed(event));
    root.addEventListener("change", (event) => toggle(event) && changed(event));
    root.addEventListener("click", (event) => {
      const button = event.target.closest("button");
      if (!button) return;
      if (button.classList.contains("kt-train")) {
        const { s, err } = E.read(raw);
        if (Object.keys(err).length) return;
        const code = s.trainable ? s.call : s.call.toUpperCase();
        raw.h = (raw.h + code.repeat(Number(button.dataset.steps))).slice(0, E.MAX.steps);
      } else if (button.classList.contains("kt-reset")) raw.h = "";
      else if (button.classList.contains("kt-draw")) {
        raw.seed = String((E.num(raw.seed) || 1) + 1);
        raw.x = [];
        resize();
        fill();
      } else return;
      update();
    });
    window.addEventListener("hashchange", () => {
      const from = location.hash;
      load();
      update();
      root.dataset.from = from;
    });
    update();
    root.dataset.from = location.hash;
  }

  init();
})();
