// The summary() explainer: reads Keras 3's box table or Keras 2's plain one (also as copied
// into a README, without "#" or a totals line), explains each row's count from the shapes (a
// functional row's from the rows it is connected to) and checks the totals.

import { tryLayer } from "./calc.js";

const ZERO = "InputLayer Lambda Activation ReLU Softmax LeakyReLU ELU Dropout SpatialDropout1D SpatialDropout2D SpatialDropout3D GaussianNoise GaussianDropout AlphaDropout ActivityRegularization Masking Identity UnitNormalization Flatten Reshape Permute RepeatVector MaxPooling1D MaxPooling2D MaxPooling3D AveragePooling1D AveragePooling2D AveragePooling3D GlobalAveragePooling1D GlobalAveragePooling2D GlobalAveragePooling3D GlobalMaxPooling1D GlobalMaxPooling2D GlobalMaxPooling3D ZeroPadding1D ZeroPadding2D ZeroPadding3D UpSampling1D UpSampling2D UpSampling3D Cropping1D Cropping2D Cropping3D Rescaling Resizing CenterCrop RandomCrop RandomFlip RandomRotation RandomZoom RandomContrast RandomTranslation RandomBrightness Concatenate Add Subtract Multiply Average Maximum Minimum TrueDivide Negative TFOpLambda SlicingOpLambda".split(" ");
const KNOWN = [...ZERO, ..."Dense BatchNormalization LayerNormalization GroupNormalization Normalization Conv1D Conv2D Conv3D Conv1DTranspose Conv2DTranspose Conv3DTranspose SeparableConv1D SeparableConv2D DepthwiseConv1D DepthwiseConv2D Embedding SimpleRNN LSTM GRU Bidirectional TimeDistributed ConvLSTM1D ConvLSTM2D ConvLSTM3D MultiHeadAttention PReLU Sequential Functional Model".split(" ")];
const TOTAL = /^\s*(Total|Trainable|Non-trainable|Optimizer) params:\s*([\d,]+)\s*(\([^)]*\))?\s*$/i;
const RNN = /^(SimpleRNN|LSTM|GRU)$/;
const fmt = (x) => x.toLocaleString("en-US");

export function className(text) {
  // "BatchNormalization", or one cut short ("BatchNo", Keras 3: "BatchNo…"): the class it starts
  const t = text.replace(/\s+/g, "").replace(/\)$/, "").replace(/…$/, "");
  if (KNOWN.includes(t)) return { cls: t, known: true };
  const candidates = /\)\s*$/.test(text) ? [] : KNOWN.filter((k) => k.startsWith(t));
  if (t.length >= 3 && candidates.length === 1) return { cls: candidates[0], known: true, cut: t };
  // between classes without weights (GlobalAveragePool…: 1D or 2D), zero either way
  if (t.length >= 3 && candidates.length > 1 && candidates.every((k) => ZERO.includes(k))) return { cls: `${t}…`, known: true, zero: true };
  return { cls: t, known: false };
}

export function parseShape(text) {
  const m = /^\((.*)\)$/.exec(text.replace(/\s+/g, ""));
  const dims = m ? m[1].split(",").filter((d, i, a) => d !== "" || i < a.length - 1) : ["?"];
  return dims.some((d) => d !== "None" && !/^\d+$/.test(d)) ? null : dims.map((d) => (d === "None" ? null : +d));
}

function readRow(parts, line) {
  // [name (Class), "(None, 4)" or "[(None, 4), (None, 8)]", params, Connected to]
  const m = /^(.*?)\s*\((.*)$/.exec(parts[0].trim());
  const params = parts[2].replace(/\(unbuilt\)/, "").replace(/[\s,]/g, "");
  if (!m || !/^\d+$/.test(params)) return { error: line };
  const shapeText = parts[1].trim().replace(/\s*,\s*/g, ", ").replace(/([[(])\s+/g, "$1").replace(/\s+\)/g, ")");
  // several outputs: [(None, 4), (None, 8)] (Keras 2: ((None, 4), (None, 8)))
  const shapes = shapeText.replace(/\s/g, "").replace(/^[[(](\(.*\))[\])]$/, "$1").split(/(?<=\)),(?=\()/).map(parseShape);
  // conv2d[0][0], max_pooling2d[0]… (Keras 3, cut short) or ['dense[0][0]'] (Keras 2)
  const conn = parts[3].replace(/'/g, "");
  const from = [...conn.matchAll(/([A-Za-z_][\w.\/-]*)(…)?((?:\[\d+\])*)(…)?/g)].map((c) => ({ name: c[1], cut: !!(c[2] || c[4]), tensor: /^\[\d+\]\[\d+\]$/.test(c[3]) ? +c[3].slice(c[3].lastIndexOf("[") + 1, -1) : null }));
  return { name: m[1].replace(/\s+/g, ""), ...className(m[2]), shapeText, shapes: shapes.every(Boolean) ? shapes : null, params: +params, line, from };
}

export function parse(text) {
  const lines = text.split("\n");
  if (lines.length > 3000) return { error: { code: "tooLong", line: 0, lines: lines.length } };
  const hi = lines.findIndex((l) => /Layer \(type\)/.test(l) && /Param\b/.test(l));
  if (hi < 0) return { error: { code: "noTable" } };
  const h = lines[hi], rows = [], totals = {};
  const bad = (n) => ({ error: { code: "unread", line: n + 1, text: lines[n].trim().slice(0, 80) } });
  // Keras 3: cells between bars; Keras 2: columns at the header's positions
  const cols = h.trim().split("┃").map((s) => s.trim());
  const ci = h.includes("┃") ? ["Layer (type)", "Output Shape", /^Param( #)?$/, "Connected to"].map((x) => cols.findIndex((c) => (x.test ? x.test(c) : c === x))) : null;
  const cc = h.indexOf("Connected to"), tc = h.indexOf("Trainable");
  const at = [0, h.indexOf("Output Shape"), h.search(/Param\b/), [cc, tc].find((x) => x > 0)];
  if (ci ? ci.slice(0, 3).includes(-1) : at[1] < 0) return bad(hi);
  let cur = null, end, started = !!ci;
  const flush = () => {
    const r = cur && readRow(cur, cur.line);
    cur = null;
    return r && r.error ? r.error : (r && rows.push(r), 0);
  };
  const add = (cells, i, fresh) => {
    const e = fresh ? flush() : 0;
    if (fresh) cur = Object.assign(["", "", "", ""], { line: i + 1 });
    cells.forEach((t, k) => { cur[k] += t; });
    return e;
  };
  for (let i = hi + 1; i < lines.length && end === undefined; i++) {
    const l = lines[i], t = l.trim();
    let e = 0;
    if (ci) {
      if (t[0] === "│") {
        const cells = t.split("│").map((s) => s.trim());
        if (cells.length !== cols.length) return bad(i);
        e = add(ci.map((c) => (c < 0 ? "" : cells[c])), i, !cur);
      } else if (/^[├└┡┏┃]/.test(t)) {
        e = flush();
        if (t[0] === "└") end = i + 1;
      } else if (t) return bad(i);
    } else if (/^\s*=+\s*$/.test(l)) {
      if (started) { e = flush(); end = i + 1; }
      started = true;
    } else if (t && !/^_+$/.test(t)) {
      const cells = [0, 1, 2].map((k) => l.slice(at[k], at[k + 1]).trim()).concat(cc > 0 ? l.slice(cc, tc > cc ? tc : undefined).trim() : "");
      if (!started || !(cells[2] || (cur && cells.join("")))) return bad(i);
      e = add(cells, i, !!cells[2]);
    }
    if (e) return bad(e - 1);
  }
  if (end === undefined) return { error: { code: "noTable" } };
  for (let i = end; i < lines.length; i++) {
    const m = TOTAL.exec(lines[i]);
    if (m) totals[m[1].toLowerCase()] = +m[2].replace(/,/g, "");
    else if (!/^[\s_=━─┈`-]*$/.test(lines[i])) return bad(i);
  }
  return { rows, totals };
}

const last = (s) => (s && s.length ? s[s.length - 1] : null);
const ok = (code, args, nt) => ({ status: "ok", code, args, nt });
const mismatch = (P, what) => ({ status: "mismatch", code: "mismatch", args: [P, what] });
const taken = (code = "exTaken") => ({ status: "taken", code, args: [] });

// What the summary does not show (use_bias, a window's size, ...) is tried with the
// calculator's own rules; without the input's size (a Sequential's first row) the size is
// read from the count, in which it is linear.
const K = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
function hypotheses(cls, c, cin) {
  const each = (xs, fn) => xs.flatMap(fn);
  const bias = (a) => [a, { ...a, use_bias: false }];
  const r = /(\d)D/.exec(cls), k = (n) => Array(+r[1]).fill(n);
  if (RNN.test(cls)) return each(cls === "GRU" ? [true, false] : [true], (ra) => bias({ units: c, reset_after: ra }));
  if (cls === "Bidirectional") return each(["LSTM", "GRU", "GRU", "SimpleRNN"], (inner, i) => each([["concat", c / 2], ["sum", c]], ([merge_mode, units]) => bias({ units, merge_mode, reset_after: i !== 2, inner })));
  if (cls === "TimeDistributed") return bias({ units: c, inner: "Dense" });
  if (/^(Conv|Separable|ConvLSTM)/.test(cls)) return each(K, (n) => each([1, 2, 3, 4], (dm) => bias({ filters: c, kernel_size: k(n), depth_multiplier: dm, padding: "same" })));
  if (/^Depthwise/.test(cls) && cin) return each(K, (n) => bias({ kernel_size: k(n), depth_multiplier: c / cin, padding: "same" }));
  if (/Normalization$/.test(cls)) return each([true, false], (center) => [{ groups: 1, center }, { groups: 1, center, scale: false }]);
  return [];
}

function fromCount(row, ins, c) {
  const have = ins.length && ins.every(Boolean);
  const rank = /^(SimpleRNN|LSTM|GRU|Bidirectional)$/.test(row.cls) ? 3 : /^ConvLSTM/.test(row.cls) ? +row.cls[8] + 3 : row.shapes[0].length;
  const shape = (n) => [...Array(rank - 1).fill(null), n];
  for (const hyp of hypotheses(row.cls, c, have && last(ins[0]))) {
    // an RNN given initial_state= has the states as further inputs
    const t = (x) => tryLayer(row.cls, hyp, x.length > 1 && RNN.test(row.cls) ? [x[0], x.slice(1)] : x, hyp.inner);
    let r = have && t(ins);
    if (!have && !/^Depthwise/.test(row.cls)) {
      const [a, b] = [t([shape(1)]), t([shape(2)])];
      const n = a && b && b.p !== a.p ? 1 + (row.params - a.p) / (b.p - a.p) : 0;
      r = Number.isInteger(n) && n > 0 && t([shape(n)]);
      if (r) r.guess = n;
    }
    if (r && r.p === row.params) return r;
  }
}

// One row: {status: 'ok'|'taken'|'model'|'mismatch', code, args, nt (non-trainable it implies)}.
function explainRow(row, ins) {
  const P = row.params, S = row.shapes && row.shapes[0], n = last(ins[0]), c = last(S);
  if (/^(Sequential|Functional|Model)$/.test(row.cls) && P) return { status: "model", code: "exModel", args: [] };
  if (!row.known && P) return taken();
  if (ZERO.includes(row.cls) || row.zero || !row.known || /^(Seq|Fun|Mod)/.test(row.cls)) return P ? mismatch(P, "0") : ok("exZero", []);
  if (!S || c === null) return taken("exUnknownShape");
  const have = ins.length && ins.every(Boolean), known = n !== null && n !== undefined;
  switch (row.cls) {
    case "Dense":
      if (known) return P === n * c + c ? ok("exDense", [n, c, P]) : P === n * c ? ok("exDenseNoBias", [n, c, P]) : mismatch(P, `${n} × ${c} + ${c} = ${n * c + c}`);
      return P % c === 0 && P / c >= 2 ? ok("exDenseFirst", [P / c - 1, c, P]) : mismatch(P, `(n + 1) × ${c}`);
    case "BatchNormalization":
      for (const ch of [c, ...S.slice(1, -1).filter((d) => d !== null)]) for (const k of [4, 3, 2]) if (P === k * ch) return ok("exBn", [k, ch, P, 2 * ch], 2 * ch);
      return mismatch(P, `4 × ${c} = ${4 * c}`);
    case "LayerNormalization":
      return P === 2 * c || P === c ? ok("exLn", [P / c, c, P]) : mismatch(P, `2 × ${c} = ${2 * c}`);
    case "Conv1D": case "Conv2D": {
      // A filter holds window × input channels (+ 1 with a bias). A Conv2D window is square in
      // most models: the reading whose window is a square, else the one with a bias.
      const conv2d = row.cls === "Conv2D";
      const fits = (w) => w > 0 && (!known || w % n === 0);
      const square = (w) => K.some((k) => (known ? w / n === k * k : w % (k * k) === 0));
      const biased = P % c === 0 ? P / c - 1 : -1, unbiased = P % c === 0 ? P / c : -1;
      const useBias = !(conv2d && !(fits(biased) && square(biased)) && fits(unbiased) && square(unbiased));
      const w = useBias ? biased : unbiased, r = Math.round(Math.sqrt(w / n));
      if (!fits(w)) return mismatch(P, `(k × ${n ?? "…"} + 1) × ${c}`);
      if (known) return ok(useBias ? "exConv" : "exConvNoBias", [conv2d ? (r * r === w / n ? `${r} × ${r}` : `h × w = ${w / n}`) : `${w / n}`, n, c, P]);
      return ok(useBias ? "exConvFirst" : "exConvFirstNoBias", [w, c, P]);
    }
    case "Embedding":
      return P % c === 0 && P > 0 ? ok("exEmbedding", [P / c, c, P]) : mismatch(P, `V × ${c}`);
    case "MultiHeadAttention": {
      // only num_heads × key_dim (= value_dim) matters: h
      if (!have) break;
      const [q, v, k = v] = ins.map(last);
      for (const b of [1, 0]) {
        const h = (P - b * c) / (q + v + k + 3 * b + c), one = (d) => (b ? `(${d} + 1) × ${h}` : `${d} × ${h}`);
        if (Number.isInteger(h) && h > 0) return ok("exMha", [h, `${one(q)} + ${one(k)} + ${one(v)} + ${b ? `(${h} + 1)` : h} × ${c} = ${fmt(P)}`]);
      }
      return mismatch(P, `(q + 1) × h + (k + 1) × h + (v + 1) × h + (h + 1) × ${c}`);
    }
    case "PReLU":
      // one alpha per input value, shared along some axes (shared_axes=)
      for (let m = 0; m < 2 ** (S.length - 1); m++) {
        const dims = S.slice(1).map((d, i) => (m & (1 << i) ? 1 : d));
        if (dims.reduce((a, d) => a * d, 1) === P) return ok("exFormula", [row.cls, `${dims.join(" × ")} = ${fmt(P)}`]);
      }
  }
  const r = fromCount(row, ins, c);
  if (r) return ok("exFormula", [row.cls, r.f, r.guess], r.nt || undefined);
  // SimpleRNN, LSTM and GRU have no other argument that changes the count
  const expected = have && RNN.test(row.cls) && tryLayer(row.cls, { units: c }, ins.slice(0, 1));
  return expected ? mismatch(P, expected.f) : taken(ins.length && !have ? "exUnknownShape" : "exTaken");
}

export function explain(text) {
  if (!text.trim()) return { status: "empty" };
  const parsed = parse(text);
  if (parsed.error) return { status: "error", error: parsed.error };
  const { rows, totals } = parsed;
  let prev = null, sum = 0, nt = 0, ntKnown = true;
  const byName = new Map(), functional = rows.some((r) => r.from.length);
  const source = ({ name, cut, tensor }) => {
    // the shape of the row named in "Connected to" (or the only one that starts so, when cut)
    const hits = !cut && byName.has(name) ? [byName.get(name)] : [...byName.values()].filter((r) => cut && r.name.startsWith(name));
    const r = hits.length === 1 && hits[0].shapes;
    return r && (tensor === null && r.length > 1 ? null : r[tensor || 0]);
  };
  for (const row of rows) {
    Object.assign(row, explainRow(row, row.cls === "InputLayer" ? [] : functional ? row.from.map(source) : [prev]));
    byName.set(row.name, row);
    sum += row.params;
    if (row.nt) nt += row.nt;
    else if (row.status !== "ok" && row.params) ntKnown = false;
    prev = row.shapes && row.shapes[0];
  }
  // A README may leave out a totals line (or the "#" of "Param #"): what is there is checked.
  const { total, trainable: tr, optimizer: opt } = totals, ntp = totals["non-trainable"];
  if (total === undefined) return { status: "error", error: { code: "missingTotals" }, rows };
  const checks = [{ key: "total", printed: total, value: sum + (opt || 0), expr: opt !== undefined ? ["rowsSum", `${fmt(sum)} + ${fmt(opt)}`, "optimizer"] : ["rowsSum", fmt(sum)] }];
  if (tr !== undefined && ntp !== undefined) checks.push({ key: "split", printed: tr + ntp, value: sum, expr: ["split", `${fmt(tr)} + ${fmt(ntp)}`] });
  const ntCheck = ntp !== undefined ? { key: "nontrainable", printed: ntp, value: nt, expr: ["bnMoving", fmt(nt)] } : tr !== undefined && { key: "trainable", printed: tr, value: sum - nt, expr: ["rowsMinusBn", `${fmt(sum)} − ${fmt(nt)}`] };
  if (ntKnown && ntCheck) checks.push(ntCheck);
  for (const ch of checks) ch.status = ch.printed === ch.value ? "ok" : "mismatch";
  // Frozen layers (trainable=False) move counts to Non-trainable: a note when the rest adds up.
  const split = checks[1] && checks[1].key === "split" ? checks[1] : null;
  if (ntKnown && ntCheck && ntCheck.status === "mismatch" && (!split || split.status === "ok") && (ntCheck.printed > ntCheck.value) === (ntCheck.key !== "trainable")) ntCheck.status = "note";
  const bad = rows.some((r) => r.status === "mismatch") || checks.some((ch) => ch.status === "mismatch");
  return { status: bad ? "bad" : "ok", rows, checks, totals };
}
