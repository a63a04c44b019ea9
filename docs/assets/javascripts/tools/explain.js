// The summary() explainer's reading of a pasted summary: Keras 3's box table or Keras 2's
// plain table (class names wrapped onto the next line or cut short), each row's count
// explained from the shapes, the totals checked. Pure functions: the page formats the result.

const ZERO = ["InputLayer", "Activation", "ReLU", "Softmax", "LeakyReLU", "ELU", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "Flatten", "Reshape", "Permute", "RepeatVector", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D", "ZeroPadding1D", "ZeroPadding2D", "UpSampling1D", "UpSampling2D", "Cropping1D", "Cropping2D", "Rescaling", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"];
const COUNTED = ["Dense", "BatchNormalization", "LayerNormalization", "Conv1D", "Conv2D", "Embedding"];
const KNOWN = [...COUNTED, ...ZERO];

const TOTAL = /^\s*(Total|Trainable|Non-trainable|Optimizer) params:\s*([\d,]+)\s*(\([^)]*\))?\s*$/i;
const NOISE = /^[\s_=━─┈-]*$/;

export function className(text) {
  // "BatchNormalization", or a cut-short "BatchNo" / "BatchN": the known class it starts.
  // Keras 3 ends a cut name with "…".
  const t = text.replace(/\s+/g, "").replace(/\)$/, "").replace(/…$/, "");
  if (KNOWN.includes(t)) return { cls: t, known: true };
  const candidates = /\)\s*$/.test(text) ? [] : KNOWN.filter((k) => k.startsWith(t));
  if (t.length >= 3 && candidates.length === 1) return { cls: candidates[0], known: true, cut: t };
  // Cut short between classes that all have no weights (GlobalAveragePool… is 1D or 2D): zero either way.
  if (t.length >= 3 && candidates.length > 1 && candidates.every((k) => ZERO.includes(k))) return { cls: `${t}…`, known: true, zero: true };
  return { cls: t, known: false };
}

export function parseShape(text) {
  const m = /^\[?\((.*)\)\]?$/.exec(text.replace(/\s+/g, ""));
  if (!m) return null;
  const dims = m[1].split(",").filter((d, i, a) => d !== "" || i < a.length - 1);
  if (dims.some((d) => d !== "None" && !/^\d+$/.test(d))) return null;
  return dims.map((d) => (d === "None" ? null : Number(d)));
}

function readRow(parts, line) {
  // parts: [name text, shape text, params text]
  const m = /^(.*?)\s*\((.*)$/.exec(parts[0].trim());
  if (!m) return { error: line };
  const params = parts[2].replace(/\(unbuilt\)/, "").replace(/[\s,]/g, "");
  if (!/^\d+$/.test(params)) return { error: line };
  const { cls, known, cut, zero } = className(m[2]);
  const shapeText = parts[1].trim().replace(/\s*,\s*/g, ", ").replace(/\(\s+/g, "(").replace(/\s+\)/g, ")");
  // A functional model's "Connected to" names the layer whose output this row takes.
  const from = /^[\s'[]*([\w.\/-]+…?)/.exec(parts[3] || "");
  return { name: m[1].replace(/\s+/g, ""), cls, known, cut, zero, shapeText, shape: parseShape(shapeText), params: Number(params), line, from: from && from[1], unbuilt: /unbuilt/.test(parts[2]) };
}

export function parse(text) {
  const lines = text.split("\n");
  if (lines.length > 3000) return { error: { code: "tooLong", line: 0, lines: lines.length } };
  const header = lines.findIndex((l) => /Layer \(type\)/.test(l) && /Param #/.test(l));
  if (header < 0) return { error: { code: "noTable" } };
  const rows = [], totals = {};
  let i = header + 1, end;
  const bad = (n) => ({ error: { code: "unread", line: n + 1, text: lines[n].trim().slice(0, 80) } });
  if (lines[header].includes("┃")) {
    const cols = lines[header].split("┃").map((s) => s.trim());
    const ci = ["Layer (type)", "Output Shape", "Param #"].map((h) => cols.indexOf(h));
    if (ci.includes(-1)) return bad(header);
    ci.push(cols.indexOf("Connected to"));
    let group = null;
    const flush = () => {
      if (!group) return null;
      const row = readRow([group[0].join(" "), group[1].join(" "), group[2].join(""), group[3].join(" ")], group.line);
      group = null;
      if (row.error) return row.error;
      rows.push(row);
      return 0;
    };
    for (; i < lines.length; i++) {
      const l = lines[i].trim();
      if (l.startsWith("│")) {
        const cells = l.split("│").map((s) => s.trim());
        if (cells.length !== cols.length) return bad(i);
        if (!group) group = Object.assign([[], [], [], []], { line: i + 1 });
        ci.forEach((c, k) => c >= 0 && cells[c] && group[k].push(cells[c]));
      } else if (l.startsWith("├") || l.startsWith("└") || l.startsWith("┡") || l.startsWith("┏") || l.startsWith("┃")) {
        const e = flush();
        if (e) return bad(e - 1);
        if (l.startsWith("└")) { end = i + 1; break; }
      } else if (l === "") continue;
      else return bad(i);
    }
  } else {
    const h = lines[header];
    const at = [h.indexOf("Layer (type)"), h.indexOf("Output Shape"), h.indexOf("Param #")];
    const next = h.indexOf("Connected to") > 0 ? h.indexOf("Connected to") : h.indexOf("Trainable") > 0 ? h.indexOf("Trainable") : Infinity;
    if (at[1] < 0) return bad(header);
    let started = false, cur = null;
    const field = (l, a, b) => l.slice(a, b === Infinity ? undefined : b).trim();
    const finish = () => {
      if (!cur) return null;
      const row = readRow([cur[0], cur[1], cur[2], cur[3]], cur.line);
      cur = null;
      if (row.error) return row.error;
      rows.push(row);
      return 0;
    };
    for (; i < lines.length; i++) {
      const l = lines[i];
      if (/^\s*=+\s*$/.test(l)) {
        if (!started) { started = true; continue; }
        const e = finish();
        if (e) return bad(e - 1);
        end = i + 1; break;
      }
      if (/^\s*_*\s*$/.test(l)) continue;
      if (!started) return bad(i);
      const name = field(l, 0, at[1]), shape = field(l, at[1], at[2]), params = field(l, at[2], next);
      if (params) {
        const e = finish();
        if (e) return bad(e - 1);
        cur = Object.assign([name, shape, params, next === Infinity ? "" : l.slice(next)], { line: i + 1 });
      } else if (cur && (name || shape)) {
        cur[0] += name;
        cur[1] += shape;
      } else if (!(name || shape) && next !== Infinity) {
        if (cur) cur[3] += " " + l.slice(next);
      }
      else return bad(i);
    }
    const e = finish();
    if (e) return bad(e - 1);
  }
  if (end === undefined) return { error: { code: "noTable" } };
  for (i = end; i < lines.length; i++) {
    const m = TOTAL.exec(lines[i]);
    if (m) totals[m[1].toLowerCase()] = Number(m[2].replace(/,/g, ""));
    else if (!NOISE.test(lines[i])) return bad(i);
  }
  return { rows, totals, format: lines[header].includes("┃") ? "keras3" : "keras2" };
}

const last = (s) => (s && s.length ? s[s.length - 1] : null);

function squareOrArea(k) {
  const r = Math.round(Math.sqrt(k));
  return r * r === k ? `${r} × ${r}` : `h × w = ${k}`;
}

// One row: {status: 'ok'|'taken'|'mismatch', code, args, nt (non-trainable it implies)}.
function explainRow(row, prev) {
  const P = row.params, S = row.shape, n = last(prev), c = last(S);
  if (!row.known) return { status: "taken", code: "exTaken", args: [] };
  if (ZERO.includes(row.cls) || row.zero) return P === 0 ? { status: "ok", code: "exZero", args: [] } : { status: "mismatch", code: "mismatch", args: [P, "0"] };
  if (!S || c === null) return { status: "taken", code: "exUnknownShape", args: [] };
  switch (row.cls) {
    case "Dense":
      if (n !== null && n !== undefined) {
        if (P === n * c + c) return { status: "ok", code: "exDense", args: [n, c, P] };
        if (P === n * c) return { status: "ok", code: "exDenseNoBias", args: [n, c, P] };
        return { status: "mismatch", code: "mismatch", args: [P, `${n} × ${c} + ${c} = ${n * c + c}`] };
      }
      if (P % c === 0 && P / c >= 2) return { status: "ok", code: "exDenseFirst", args: [P / c - 1, c, P] };
      return { status: "mismatch", code: "mismatch", args: [P, `(n + 1) × ${c}`] };
    case "BatchNormalization": {
      for (const ch of [c, ...S.slice(1, -1).filter((d) => d !== null)]) {
        for (const k of [4, 3, 2]) if (P === k * ch) return { status: "ok", code: "exBn", args: [k, ch, P, 2 * ch], nt: 2 * ch };
      }
      return { status: "mismatch", code: "mismatch", args: [P, `4 × ${c} = ${4 * c}`] };
    }
    case "LayerNormalization":
      if (P === 2 * c || P === c) return { status: "ok", code: "exLn", args: [P / c, c, P] };
      return { status: "mismatch", code: "mismatch", args: [P, `2 × ${c} = ${2 * c}`] };
    case "Conv1D": case "Conv2D": {
      // With a bias each filter holds window × input channels + 1 values; with use_bias=False
      // (the usual choice before BN) just window × input channels. A Conv2D window is square
      // in most models: take the reading whose window is a square, else the one with a bias.
      const conv2d = row.cls === "Conv2D";
      const fits = (w) => w > 0 && (n === null || n === undefined ? true : w % n === 0);
      const square = (w) => {
        const per = n === null || n === undefined ? w : w / n;
        for (let k = 2; k <= 11; k++) if (per % (k * k) === 0 && (n !== null && n !== undefined ? per === k * k : true)) return true;
        return false;
      };
      const biased = P % c === 0 ? P / c - 1 : -1, unbiased = P % c === 0 ? P / c : -1;
      const useBias = !(conv2d && !(fits(biased) && square(biased)) && fits(unbiased) && square(unbiased));
      const w = useBias ? biased : unbiased;
      if (!fits(w)) return { status: "mismatch", code: "mismatch", args: [P, `(k × ${n ?? "…"} + 1) × ${c}`] };
      if (n !== null && n !== undefined) {
        const window = conv2d ? squareOrArea(w / n) : `${w / n}`;
        return { status: "ok", code: useBias ? "exConv" : "exConvNoBias", args: [window, n, c, P] };
      }
      return { status: "ok", code: useBias ? "exConvFirst" : "exConvFirstNoBias", args: [w, c, P] };
    }
    case "Embedding":
      if (P % c === 0 && P > 0) return { status: "ok", code: "exEmbedding", args: [P / c, c, P] };
      return { status: "mismatch", code: "mismatch", args: [P, `V × ${c}`] };
  }
  return { status: "taken", code: "exTaken", args: [] };
}

export function explain(text) {
  if (!text.trim()) return { status: "empty" };
  const parsed = parse(text);
  if (parsed.error) return { status: "error", error: parsed.error };
  const { rows, totals } = parsed;
  let prev = null, sum = 0, nt = 0, ntKnown = true;
  const shapes = new Map();
  const functional = rows.some((r) => r.from);
  const source = (name) => {
    // The shape of the row named in "Connected to" (Keras 3 may cut the name with "…").
    if (shapes.has(name)) return shapes.get(name);
    const stem = name.endsWith("…") ? name.slice(0, -1) : null;
    const hits = stem ? [...shapes.keys()].filter((k) => k.startsWith(stem.replace(/…$/, ""))) : [];
    return hits.length === 1 ? shapes.get(hits[0]) : null;
  };
  for (const row of rows) {
    // In a functional model a row's input is the row it is connected to, not the row above.
    if (functional) prev = row.from ? source(row.from) : null;
    Object.assign(row, explainRow(row, row.cls === "InputLayer" ? null : prev));
    shapes.set(row.name, row.shape);
    if (row.cls === "InputLayer") row.status = row.params === 0 ? "ok" : "mismatch";
    sum += row.params;
    if (row.nt) nt += row.nt;
    else if (row.status !== "ok" && row.params) ntKnown = false;
    prev = row.shape;
  }
  const checks = [];
  if (totals.total === undefined || totals.trainable === undefined || totals["non-trainable"] === undefined) {
    return { status: "error", error: { code: "missingTotals" }, rows };
  }
  const opt = totals.optimizer || 0;
  const fmt = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  checks.push({ key: "total", printed: totals.total, value: sum + opt, expr: totals.optimizer !== undefined ? ["rowsSum", `${fmt(sum)} + ${fmt(opt)}`, "optimizer"] : ["rowsSum", fmt(sum)] });
  checks.push({ key: "split", printed: totals.trainable + totals["non-trainable"], value: sum, expr: ["split", `${fmt(totals.trainable)} + ${fmt(totals["non-trainable"])}`] });
  const ntCheck = { key: "nontrainable", printed: totals["non-trainable"], value: nt, expr: ["bnMoving", fmt(nt)] };
  if (ntKnown) checks.push(ntCheck);
  for (const ch of checks) ch.status = ch.printed === ch.value ? "ok" : "mismatch";
  // Frozen layers (trainable=False) move counts into Non-trainable: a note, not an error, when the split adds up.
  if (ntKnown && ntCheck.status === "mismatch" && checks[1].status === "ok" && ntCheck.printed > ntCheck.value) ntCheck.status = "note";
  const badRows = rows.some((r) => r.status === "mismatch");
  const badTotals = checks.some((c) => c.status === "mismatch");
  return { status: badRows || badTotals ? "bad" : "ok", rows, checks, totals, format: parsed.format };
}
