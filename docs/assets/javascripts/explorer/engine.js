// The explorer's arithmetic and its state, with no page in sight: what a Keras 3
// BatchNormalization layer computes (keras/src/layers/normalization/batch_normalization.py),
// step by step, and the state as it is written in the page's address.
// A classic script, not a module: the offline edition opens pages from file://, where
// Chromium refuses module scripts.
"use strict";
(() => {
  const E = (globalThis.ktExplorer ||= {});
  const MAX = { n: 8, k: 4, steps: 500 };
  E.MAX = MAX;
  // t: layer(x, training=True); i: layer(x, training=False); f: model.fit(); p: model.predict()
  E.CALLS = "tifp";

  // Keras 3's BatchNormalization.call normalises with the batch's statistics, and updates the
  // moving ones, only when `training and self.trainable`; fit() passes training=True and
  // predict() training=False.
  E.training = (call) => call === "t" || call === "f";
  E.usesBatch = (call, trainable) => E.training(call) && trainable;

  // ops.moments: the mean and the biased variance (divided by the number of examples)
  E.moments = (x) => {
    const n = x.length, k = x[0].length;
    const mean = [], variance = [];
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += x[i][j];
      const m = s / n;
      let q = 0;
      for (let i = 0; i < n; i++) q += (x[i][j] - m) ** 2;
      mean.push(m);
      variance.push(q / n);
    }
    return { mean, variance };
  };

  // The batch of step t: the batch of step 0 moved by t times the drift.
  E.batchAt = (s, t) => s.batch.map((row) => row.map((v, j) => v + t * s.drift[j]));

  // Every step from 0 to the current one (the steps trained, then the call being shown).
  E.simulate = (s) => {
    const k = s.k, m = s.momentum;
    let mean = Array(k).fill(0), variance = Array(k).fill(1);
    const calls = [...s.history].map((c) => [c.toLowerCase(), c === c.toLowerCase()]);
    calls.push([s.call, s.trainable]);
    return calls.map(([call, trainable], t) => {
      const x = E.batchAt(s, t);
      const batch = E.moments(x);
      const usesBatch = E.usesBatch(call, trainable);
      const used = usesBatch ? batch : { mean, variance };
      const before = { mean, variance };
      if (usesBatch) {
        mean = mean.map((v, j) => v * m + batch.mean[j] * (1 - m));
        variance = variance.map((v, j) => v * m + batch.variance[j] * (1 - m));
      }
      // A feature with variance + epsilon = 0 has no x_hat (Keras gives nan): none is shown.
      const undefinedAt = used.variance.map((v, j) => (v + s.epsilon > 0 ? -1 : j)).filter((j) => j >= 0);
      let xhat = null, output = null;
      if (!undefinedAt.length) {
        xhat = x.map((row) => row.map((v, j) => (v - used.mean[j]) / Math.sqrt(used.variance[j] + s.epsilon)));
        output = xhat.map((row) => row.map((v, j) => (s.scale ? s.gamma[j] : 1) * v + (s.center ? s.beta[j] : 0)));
      }
      return { t, call, trainable, x, batch, usesBatch, used, before, after: { mean, variance }, xhat, output, undefinedAt };
    });
  };

  // The weights fit()'s optimizer updates: those in layer.trainable_weights.
  E.trained = (s, trainable) => (trainable ? [s.scale && "gamma", s.center && "beta"].filter(Boolean) : []);

  // A small generator that gives the same numbers in every browser (mulberry32), and
  // approximately normal numbers as the sum of 12 uniform ones, minus 6.
  E.draw = (s, seed) => {
    let a = seed >>> 0;
    const uniform = () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const normal = () => { let z = -6; for (let i = 0; i < 12; i++) z += uniform(); return z; };
    return Array.from({ length: s.n }, () => s.mu.map((m, j) => Math.round((m + s.sigma[j] * normal()) * 100) / 100));
  };

  // Python's f"{v:.4f}" for the numbers a reader sees (no "-0.0000").
  E.fmt = (v, d = 4) => {
    const text = v.toFixed(d);
    return /^-0\.0*$/.test(text) ? text.slice(1) : text;
  };

  // ---- the state and the address --------------------------------------------------------
  const DEFAULT = {
    n: "4", k: "2", m: "0.9", e: "0.001", c: "1", s: "1", tr: "1", call: "t",
    g: "1.5,1", b: "0,0.5", mu: "2,-1", sd: "1,0.5", d: "0.2,0", seed: "1", h: "", f: "0",
  };
  E.DEFAULT = DEFAULT;

  const VECTORS = ["g", "b", "mu", "sd", "d"];
  const list = (text) => (text === "" ? [] : String(text).split(","));
  E.VECTORS = VECTORS;

  // The fields from the address, as the reader typed them (a vector as a list of texts, the
  // batch as a list of rows); a missing field takes its default. Unknown fields are reported.
  E.fromHash = (hash) => {
    const raw = { ...DEFAULT, x: null };
    const unknown = [];
    for (const [key, value] of new URLSearchParams(hash.replace(/^#/, ""))) {
      if (key in raw) raw[key] = value;
      else unknown.push(key);
    }
    for (const key of VECTORS) raw[key] = list(raw[key]);
    if (raw.x !== null) raw.x = raw.x === "" ? [] : raw.x.split(";").map(list);
    return { raw, unknown };
  };

  E.toHash = (raw) => {
    const params = new URLSearchParams();
    for (const key of Object.keys(DEFAULT)) params.set(key, VECTORS.includes(key) ? raw[key].join(",") : raw[key]);
    params.set("x", raw.x.map((row) => row.join(",")).join(";"));
    return "#" + params.toString().replace(/%2C/g, ",").replace(/%3B/g, ";");
  };

  const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
  const num = (text) => (NUMBER.test(text) ? Number(text) : NaN);
  E.num = num;
  // Numbers beyond a million are refused: their squares would leave the precision shown.
  const LIMIT = 1e6;

  // Raw fields -> a state to compute with, or the problems, keyed by field, that stop it.
  // A problem is [code, detail]; the page words it next to the control.
  E.read = (raw) => {
    const err = {};
    const s = {};
    const int = (key, lo, hi) => {
      const v = num(raw[key]);
      if (!Number.isInteger(v)) err[key] = ["notInteger"];
      else if (v < lo || v > hi) err[key] = v < 1 && key === "n" ? ["empty"] : ["range", lo, hi];
      return v;
    };
    s.n = int("n", 1, MAX.n);
    s.k = int("k", 1, MAX.k);
    const real = (key) => {
      const v = num(raw[key]);
      if (!Number.isFinite(v)) err[key] = ["notNumber"];
      else if (Math.abs(v) > LIMIT) err[key] = ["tooLarge"];
      return v;
    };
    s.momentum = real("m");
    if (!err.m && (s.momentum < 0 || s.momentum > 1)) err.m = ["momentum"];
    s.epsilon = real("e");
    if (!err.e && s.epsilon < 0) err.e = ["epsilon"];
    s.center = raw.c === "1";
    s.scale = raw.s === "1";
    s.trainable = raw.tr === "1";
    s.call = E.CALLS.includes(raw.call) && raw.call.length === 1 ? raw.call : (err.call = ["call"], "t");
    s.feature = Number.isInteger(num(raw.f)) ? num(raw.f) : 0;
    s.seed = Number.isInteger(num(raw.seed)) ? num(raw.seed) : 1;
    s.history = String(raw.h);
    if (!/^[tifpTIFP]*$/.test(s.history)) err.h = ["history"];
    else if (s.history.length > MAX.steps) err.h = ["steps", MAX.steps];
    if (err.n || err.k) return { s, err };
    const vector = (key) => {
      const values = Array.from({ length: s.k }, (_, j) => num(raw[key][j] ?? ""));
      const bad = values.map((v, j) => (Math.abs(v) <= LIMIT ? -1 : j)).filter((j) => j >= 0);
      if (bad.length) err[key] = ["notNumberAt", bad];
      return values;
    };
    s.gamma = vector("g");
    s.beta = vector("b");
    if (!s.scale && err.g) delete err.g;
    if (!s.center && err.b) delete err.b;
    s.mu = vector("mu");
    s.sigma = vector("sd");
    s.drift = vector("d");
    if (!err.sd && s.sigma.some((v) => v < 0)) err.sd = ["spread"];
    if (raw.x === null) raw.x = E.draw({ ...s, mu: s.mu.map((v) => v || 0), sigma: s.sigma.map((v) => v || 0) }, s.seed).map((r) => r.map(String));
    s.batch = Array.from({ length: s.n }, (_, i) => Array.from({ length: s.k }, (_, j) => num((raw.x[i] || [])[j] ?? "")));
    const bad = [];
    s.batch.forEach((row, i) => row.forEach((v, j) => { if (!(Math.abs(v) <= LIMIT)) bad.push([i, j]); }));
    if (bad.length) err.x = ["batchCells", bad];
    return { s, err };
  };
})();
