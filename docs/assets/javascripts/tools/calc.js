// The parameter calculator's reading of Keras code: evaluate the pasted statements far enough
// to find a Sequential model, then count each layer's weights the way Keras 3 builds them
// (keras/src/layers/*: Dense.build, BatchNormalization.build, BaseConv.build, ...).
// Anything it cannot read exactly is an error that names its line: it never guesses a count.

import { tokenize, statements, Parser, ReadError } from "./pyread.js";

const COMMON = ["name", "dtype", "trainable", "input_shape", "input_dim", "batch_size", "autocast", "seed"];
const INIT = (...w) => w.flatMap((x) => [`${x}_initializer`, `${x}_regularizer`, `${x}_constraint`]);
const CONV = ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation", "use_bias"];
const POOL = ["pool_size", "strides", "padding", "data_format"];

// pos: positional parameters in Keras 3's order; kw: other keywords that change no count.
export const LAYERS = {
  InputLayer: { pos: ["shape", "batch_size", "dtype"], kw: ["batch_shape", "input_shape", "sparse", "ragged"] },
  Dense: { pos: ["units", "activation", "use_bias"], kw: [...INIT("kernel", "bias"), "activity_regularizer"] },
  BatchNormalization: { pos: ["axis", "momentum", "epsilon", "center", "scale"], kw: [...INIT("beta", "gamma"), "moving_mean_initializer", "moving_variance_initializer", "synchronized", "renorm"] },
  LayerNormalization: { pos: ["axis", "epsilon", "center", "scale"], kw: [...INIT("beta", "gamma"), "rms_scaling"] },
  Activation: { pos: ["activation"], kw: [] },
  ReLU: { pos: ["max_value", "negative_slope", "threshold"], kw: [] },
  Softmax: { pos: ["axis"], kw: [] },
  Dropout: { pos: ["rate", "noise_shape", "seed"], kw: [] },
  Flatten: { pos: ["data_format"], kw: [] },
  Conv1D: { pos: CONV, kw: [...INIT("kernel", "bias"), "activity_regularizer"] },
  Conv2D: { pos: CONV, kw: [...INIT("kernel", "bias"), "activity_regularizer"] },
  MaxPooling2D: { pos: POOL, kw: [] },
  AveragePooling2D: { pos: POOL, kw: [] },
  GlobalAveragePooling2D: { pos: ["data_format", "keepdims"], kw: [] },
  Embedding: { pos: ["input_dim", "output_dim"], kw: [...INIT("embeddings"), "mask_zero", "input_length", "sparse"] },
};
// Arguments that would change a count or a shape in a way this calculator does not follow.
const NOT_DEFAULT = { dilation_rate: 1, groups: 1, renorm: false, rms_scaling: false, data_format: "channels_last", sparse: false };
const MODULES = new Set(["tf", "tensorflow", "keras", "layers", "models", "np", "numpy", "regularizers", "initializers", "activations", "constraints", "optimizers", "losses"]);
const MODEL_METHODS_IGNORED = new Set(["summary", "compile", "fit", "evaluate", "predict", "save", "count_params", "save_weights", "load_weights"]);

export function snake(name) {
  // keras/src/utils/naming.py: to_snake_case
  name = name.replace(/\W+/g, "");
  name = name.replace(/(.)([A-Z][a-z]+)/g, "$1_$2");
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

class Refused extends Error {
  constructor(line, code, params = {}) { super(code); this.line = line; this.code = code; this.params = params; }
}

const num = (v) => ({ t: "num", v, isInt: Number.isInteger(v) });
const NONE = { t: "none" };

function canonical(path) {
  return path.replace(/^(tensorflow|tf)\.keras(\.|$)/, "keras$2").replace(/^tensorflow(\.|$)/, "tf$1")
    .replace(/^keras\.src\./, "keras.").replace(/^(layers|models)(\.|$)/, "keras.$1$2").replace(/^keras\.(layers|models)\.(core|convolutional|normalization|pooling|reshaping|regularization)\./, "keras.$1.");
}

function kerasCallable(path) {
  // 'keras.layers.Dense' -> 'Dense'; 'keras.Sequential' -> 'Sequential'; null when not Keras'.
  const m = /^keras(?:\.(layers|models))?\.([A-Za-z_]\w*)$/.exec(path);
  if (!m) return null;
  const [, mod, name] = m;
  if (name === "Input" && mod !== "models") return "Input";
  if ((name === "Sequential" || name === "Model") && mod !== "layers") return name;
  if (mod === "layers" || !mod) {
    if (LAYERS[name]) return name;
    if (/^[A-Z]/.test(name)) return "?" + name;
  }
  return null;
}

export function calculate(text) {
  const res = { status: "ok", hints: [], notes: [] };
  const state = { env: new Map(), uids: new Map(), models: [], summaryOf: null, notes: res.notes };
  if (!text.trim()) return { ...res, status: "empty" };
  const lines = text.split("\n").length;
  if (lines > 3000 || text.length > 200000) return { ...res, status: "error", error: { line: 0, code: "tooLong", params: { lines } } };
  try {
    readStatements(text, statements(tokenize(text)), state, res);
    const model = state.summaryOf || state.models[state.models.length - 1];
    if (!model) return { ...res, status: "error", error: { line: 0, code: "noModel" } };
    Object.assign(res, build(model, res));
    if (res.status === "ok") hints(res);
  } catch (e) {
    if (e instanceof Refused) return { ...res, status: "refused", error: { line: e.line, code: e.code, params: e.params } };
    if (e instanceof ReadError) return { ...res, status: "error", error: { line: e.line, code: e.code, params: e.params } };
    throw e;
  }
  return res;
}

const COMPOUND = new Set(["if", "elif", "else", "for", "while", "with", "try", "except", "finally", "def", "class", "async"]);

// Statements in order, with Python's blocks: a `def` body is read where it stands (its
// `return` value is what a call without arguments gives), a `with` or `if __name__ ==
// "__main__"` body as plain code; an
// `if`, `for`, `while` or `try` block is skipped when it names no model, layer or Keras class,
// and is an error otherwise (the calculator cannot tell how often, or whether, it runs).
function readStatements(text, stmts, state, res) {
  const indents = text.split("\n").map((l) => /^[ \t]*/.exec(l)[0].replace(/\t/g, "    ").length);
  const indent = (st) => indents[st[0].line - 1];
  const blocks = [];
  for (let i = 0; i < stmts.length; i++) {
    const st = stmts[i], first = st[0], last = st[st.length - 1];
    while (blocks.length && indent(st) <= blocks[blocks.length - 1].indent) blocks.pop();
    const header = first.k === "name" && COMPOUND.has(first.v) && last.k === "op" && last.v === ":";
    if (header && first.v === "def" && st[1] && st[1].k === "name") {
      const fn = { t: "fn", name: st[1].v, line: first.line };
      state.env.set(fn.name, fn);
      blocks.push({ indent: indent(st), fn });
    } else if (header && (first.v === "with" || (first.v === "if" && st.some((t) => t.v === "__name__")))) {
      blocks.push({ indent: indent(st) });
    } else if (header) {
      let j = i + 1;
      while (j < stmts.length && indent(stmts[j]) > indent(st)) j++;
      if (stmts.slice(i, j).some((t) => touches(t, state))) throw new ReadError(first.line, "statement", { what: first.v });
      i = j - 1;
    } else if (first.k === "name" && first.v === "return") {
      const def = [...blocks].reverse().find((b) => b.fn);
      if (def && st.length > 1) runStatement(st.slice(1), state, res, def.fn);
    } else runStatement(st, state, res);
  }
}

function touches(toks, state) {
  return toks.some((t) => t.k === "name" && (LAYERS[t.v] || ["add", "build", "Sequential", "Input", "Model"].includes(t.v) || ["model", "layer", "fn"].includes((state.env.get(t.v) || {}).t)));
}

function runStatement(toks, state, res, returnFrom = null) {
  const first = toks[0];
  const line = first.line;
  if (first.k === "name" && (first.v === "import" || first.v === "from")) return readImport(toks, state);
  if (first.k === "name" && (first.v === "pass" || first.v === "return")) return;
  if ((first.k === "name" && ["if", "elif", "else", "for", "while", "with", "class", "try", "except", "finally", "async", "del", "global", "assert", "raise", "def"].includes(first.v)) || (first.k === "op" && first.v === "@")) {
    throw new ReadError(line, "statement", { what: first.v });
  }
  let depth = 0, eq = -1;
  toks.forEach((t, i) => {
    if (t.k !== "op") return;
    if ("([{".includes(t.v)) depth++;
    else if (")]}".includes(t.v)) depth--;
    else if (t.v === "=" && depth === 0 && eq < 0) eq = i;
  });
  const aug = toks.find((t) => t.k === "op" && /^[-+*/]+=$|^\*\*=$|^\/\/=$/.test(t.v));
  if (aug) throw new ReadError(line, "statement", { what: aug.v });
  const touchesModel = touches(toks, state);
  const p = new Parser(eq >= 0 ? toks.slice(eq + 1) : toks);
  let node;
  try {
    if (p.done()) throw new ReadError(line, "missing", { what: "", expected: "value" });
    node = p.expr();
    if (!p.done()) throw new ReadError(p.line(), "unexpected", { what: p.peek().v, expected: "" });
  } catch (e) {
    // A line that names no model, layer or Keras class (plotting, data loading) cannot change
    // the summary: what the calculator cannot read there is skipped.
    if (touchesModel || !(e instanceof ReadError)) throw e;
    if (eq >= 0 && toks[0].k === "name" && eq === 1) state.env.set(toks[0].v, { t: "poison", err: e });
    return;
  }
  let tnode = null;
  if (eq >= 0) {
    const target = new Parser(toks.slice(0, eq));
    try { tnode = target.expr(); } catch { tnode = null; }
    if (!tnode || !target.done() || !(tnode.n === "name" || (tnode.n === "attr" && tnode.name === "trainable"))) {
      if (touchesModel) throw new ReadError(line, "assignTarget");
      return; // `x_train, y_train = ...`: no model in it
    }
  }
  let value;
  try {
    value = evaluate(node, state, res);
  } catch (e) {
    if (touchesModel || !(e instanceof ReadError)) throw e;
    if (tnode && tnode.n === "name") state.env.set(tnode.v, { t: "poison", err: e });
    return;
  }
  if (returnFrom) returnFrom.ret = value;
  if (!tnode) return;
  if (tnode.n === "name") {
    state.env.set(tnode.v, value);
    if (value.t === "model") value.varName = tnode.v;
    return;
  }
  const obj = evaluate(tnode.obj, state, res);
  if (value.t !== "bool") throw new ReadError(line, "cannotEvaluate", { what: "trainable" });
  if (obj.t === "layer" || obj.t === "model") obj.trainable = value.v;
  else throw new ReadError(line, "assignTarget");
}

function readImport(toks, state) {
  const words = toks.map((t) => t.v);
  const line = toks[0].line;
  if (words[0] === "import") {
    // import a.b.c as d, e
    let i = 1;
    while (i < words.length) {
      let path = words[i++];
      while (words[i] === ".") { path += "." + words[i + 1]; i += 2; }
      let alias = path.split(".")[0], full = alias;
      if (words[i] === "as") { alias = words[i + 1]; full = path; i += 2; }
      state.env.set(alias, { t: "ns", path: canonical(full) });
      if (words[i] === ",") i++;
      else if (i < words.length) throw new ReadError(line, "unexpected", { what: words[i], expected: "" });
    }
    return;
  }
  const imp = words.indexOf("import");
  if (imp < 0) throw new ReadError(line, "missing", { what: "", expected: "import" });
  const mod = words.slice(1, imp).join("");
  const names = words.slice(imp + 1).filter((w) => w !== "(" && w !== ")");
  if (names[0] === "*") return; // `from keras.layers import *`: bare names are read anyway
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    let alias = name;
    if (names[i + 1] === "as") { alias = names[i + 2]; i += 2; }
    if (names[i + 1] === ",") i++;
    state.env.set(alias, { t: "ns", path: canonical(`${mod}.${name}`) });
  }
}

function lookup(name, line, state) {
  if (state.env.has(name)) {
    const v = state.env.get(name);
    if (v.t === "poison") throw v.err;
    return v;
  }
  if (LAYERS[name] || name === "Input" || name === "Sequential") return { t: "ns", path: `keras.layers.${name}`.replace("layers.Sequential", "Sequential") };
  if (MODULES.has(name)) return { t: "ns", path: canonical(name) };
  if (name === "print") return { t: "print" };
  throw new ReadError(line, "undefined", { name });
}

function evaluate(node, state, res) {
  const ev = (n) => evaluate(n, state, res);
  switch (node.n) {
    case "num": return { t: "num", v: node.v, isInt: node.isInt };
    case "str": return { t: "str", v: node.v };
    case "none": return NONE;
    case "bool": return { t: "bool", v: node.v };
    case "tuple": return { t: "tuple", items: node.items.map(ev) };
    case "list": return { t: "list", items: node.items.map(ev) };
    case "name": return lookup(node.v, node.line, state);
    case "neg": {
      const a = ev(node.a);
      if (a.t !== "num") throw new ReadError(node.line, "cannotEvaluate", { what: node.op });
      return { ...a, v: node.op === "-" ? -a.v : a.v };
    }
    case "bin": return binary(node, ev(node.a), ev(node.b));
    case "attr": {
      const obj = ev(node.obj);
      if (obj.t === "ns") return { t: "ns", path: canonical(`${obj.path}.${node.name}`) };
      if (obj.t === "opaque") return obj;
      if (obj.t === "model") return { t: "method", obj, name: node.name, line: node.line };
      throw new ReadError(node.line, "cannotEvaluate", { what: node.name });
    }
    case "call": return call(node, ev(node.fn), state, res);
  }
  throw new ReadError(node.line, "syntax", { what: node.n });
}

function binary(node, a, b) {
  const { op, line } = node;
  if (a.t === "tuple" && b.t === "tuple" && op === "+") return { t: "tuple", items: [...a.items, ...b.items] };
  if (a.t !== "num" || b.t !== "num") throw new ReadError(line, "cannotEvaluate", { what: op });
  const x = a.v, y = b.v, ints = a.isInt && b.isInt;
  if ((op === "/" || op === "//" || op === "%") && y === 0) throw new ReadError(line, "cannotEvaluate", { what: op });
  const v = { "+": x + y, "-": x - y, "*": x * y, "/": x / y, "//": Math.floor(x / y), "%": ((x % y) + y) % y, "**": x ** y }[op];
  return { t: "num", v, isInt: ints && op !== "/" && !(op === "**" && y < 0) };
}

function call(node, fn, state, res) {
  const line = node.line;
  if (fn.t === "print") return NONE;
  if (fn.t === "method") {
    const model = fn.obj;
    if (fn.name === "add") {
      if (node.args.length !== 1 || node.kwargs.length) throw new ReadError(line, "cannotEvaluate", { what: "add" });
      addTo(model, evaluate(node.args[0], state, res), line);
      return NONE;
    }
    if (fn.name === "build") {
      const arg = node.args[0] || (node.kwargs.find(([k]) => k === "input_shape") || [])[1];
      if (!arg) throw new ReadError(line, "missing", { what: "", expected: "input_shape" });
      const shape = readShape(evaluate(arg, state, res), line, false);
      // keras/src/models/sequential.py, Sequential.build: no layers is an error; a model that
      // has an input must be built with that shape; otherwise the shape becomes its input.
      if (!model.layers.length && !model.input) throw new Refused(line, "buildEmpty");
      if (model.input && shapeText(model.input.shape) !== shapeText(shape)) throw new Refused(line, "buildConflict", { shape: shapeText(model.input.shape) });
      model.input = model.input || { t: "input", shape, line };
      return NONE;
    }
    if (fn.name === "summary") { state.summaryOf = model; return NONE; }
    if (MODEL_METHODS_IGNORED.has(fn.name)) return NONE;
    throw new ReadError(line, "cannotEvaluate", { what: `${model.varName || "model"}.${fn.name}` });
  }
  if (fn.t === "fn") {
    // A function defined in the pasted code: its body was read where it stands, with no
    // arguments; a call that passes some could build another model, so it is not read.
    if (node.args.length || node.kwargs.length || !fn.ret) throw new ReadError(line, "cannotEvaluate", { what: `${fn.name}(...)` });
    return fn.ret;
  }
  if (fn.t === "layer") throw new ReadError(line, "functional");
  if (fn.t !== "ns") throw new ReadError(line, "cannotEvaluate", { what: "(...)" });
  const name = kerasCallable(fn.path);
  if (name === null) return { t: "opaque", path: fn.path, line };
  if (name.startsWith("?")) throw new ReadError(line, "unknownLayer", { name: name.slice(1) });
  if (name === "Model") throw new ReadError(line, "functional");
  const args = node.args.map((a) => evaluate(a, state, res));
  const kwargs = new Map();
  for (const [k, v] of node.kwargs) kwargs.set(k, evaluate(v, state, res));
  if (name === "Sequential") {
    const model = { t: "model", layers: [], line, trainable: true, name: kwargs.get("name"), adds: [] };
    model.autoName = uniq(state, "sequential");
    const list = args[0] || kwargs.get("layers");
    if (list && list.t !== "none") {
      if (list.t !== "list" && list.t !== "tuple") throw new Refused(line, "notALayer");
      for (const item of list.items) addTo(model, item, line);
    }
    state.models.push(model);
    return model;
  }
  if (name === "Input") {
    const shape = args[0] || kwargs.get("shape");
    const batch = args[1] || kwargs.get("batch_size");
    for (const k of kwargs.keys()) if (!["shape", "batch_size", "name", "dtype", "sparse", "batch_shape"].includes(k)) throw new Refused(line, "unknownArgument", { layer: "Input", arg: k });
    if (kwargs.has("batch_shape")) return { t: "input", shape: readShape(kwargs.get("batch_shape"), line, false), line };
    if (!shape) throw new Refused(line, "inputNeedsShape");
    return { t: "input", shape: [batch ? intValue(batch, line, "batch_size") : null, ...readShape(shape, line, true)], line };
  }
  return makeLayer(name, args, kwargs, line, state);
}

function uniq(state, prefix) {
  const n = (state.uids.get(prefix) || 0) + 1;
  state.uids.set(prefix, n);
  return n === 1 ? prefix : `${prefix}_${n - 1}`;
}

function makeLayer(cls, args, kwargs, line, state) {
  const spec = LAYERS[cls];
  if (args.length > spec.pos.length) throw new ReadError(line, "tooManyArgs", { layer: cls });
  const opts = new Map();
  args.forEach((v, i) => opts.set(spec.pos[i], v));
  for (const [k, v] of kwargs) {
    if (opts.has(k)) throw new Refused(line, "duplicateArgument", { layer: cls, arg: k });
    if (!spec.pos.includes(k) && !spec.kw.includes(k) && !COMMON.includes(k)) throw new Refused(line, "unknownArgument", { layer: cls, arg: k });
    opts.set(k, v);
  }
  for (const [k, dflt] of Object.entries(NOT_DEFAULT)) {
    const v = opts.get(k);
    if (!v || v.t === "none") continue;
    const plain = v.t === "tuple" ? (v.items.every((x) => x.t === "num" && x.v === dflt) ? dflt : "x") : v.v;
    if (plain !== dflt) throw new ReadError(line, "notRead", { layer: cls, arg: k });
  }
  if (cls === "InputLayer") {
    const batch = opts.get("batch_size");
    let shape;
    if (opts.has("batch_shape")) shape = readShape(opts.get("batch_shape"), line, false);
    else {
      const s = opts.get("shape") || opts.get("input_shape");
      if (!s) throw new Refused(line, "inputNeedsShape");
      shape = [batch ? intValue(batch, line, "batch_size") : null, ...readShape(s, line, true)];
    }
    return { t: "input", shape, line, layer: true };
  }
  const custom = opts.get("name");
  if (custom && custom.t !== "str") throw new ReadError(line, "cannotEvaluate", { what: "name" });
  const layer = { t: "layer", cls, opts, line, name: custom ? custom.v : uniq(state, snake(cls)), custom: !!custom };
  const tr = opts.get("trainable");
  if (tr) {
    if (tr.t !== "bool") throw new ReadError(line, "cannotEvaluate", { what: "trainable" });
    layer.trainable = tr.v;
  }
  if (opts.has("input_dim") && cls !== "Embedding") layer.inputShape = [null, intValue(opts.get("input_dim"), line, "input_dim")];
  else if (opts.has("input_shape")) layer.inputShape = [null, ...readShape(opts.get("input_shape"), line, true)];
  if (cls === "Embedding" && opts.has("input_length")) state.notes.push({ code: "inputLength", line });
  return layer;
}

function addTo(model, item, line) {
  if (item.t === "input") {
    if (model.layers.length || model.input) throw new Refused(item.line, "inputNotFirst");
    model.input = item;
    return;
  }
  if (item.t !== "layer") {
    if (item.t === "opaque") throw new ReadError(line, "cannotEvaluate", { what: item.path });
    if (item.t === "model") throw new ReadError(line, "nestedModel");
    throw new Refused(line, "notALayer");
  }
  model.names = model.names || new Set();
  if (model.names.has(item.name)) throw new Refused(item.line, "duplicateName", { name: item.name });
  model.names.add(item.name);
  if (!model.layers.length && !model.input && item.inputShape) model.input = { t: "input", shape: item.inputShape, line: item.line };
  model.layers.push(item);
}

function intValue(v, line, what) {
  if (v.t === "num" && v.isInt) return v.v;
  if (v.t === "num" || v.t === "str" || v.t === "bool" || v.t === "none" || v.t === "tuple" || v.t === "list") throw new Refused(line, "notAnInteger", { what, value: show(v) });
  throw new ReadError(line, "cannotEvaluate", { what });
}

function readShape(v, line, withoutBatch) {
  if (v.t !== "tuple" && v.t !== "list") {
    if (v.t === "num" || v.t === "str" || v.t === "none") throw new Refused(line, "shapeNotTuple", { value: show(v) });
    throw new ReadError(line, "cannotEvaluate", { what: "shape" });
  }
  return v.items.map((d) => {
    if (d.t === "none") return null;
    const x = intValue(d, line, "shape");
    if (x < 0) throw new Refused(line, "negativeShape");
    return x;
  });
}

export function show(v) {
  switch (v.t) {
    case "num": return v.isInt ? String(v.v) : (Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v));
    case "str": return JSON.stringify(v.v);
    case "none": return "None";
    case "bool": return v.v ? "True" : "False";
    case "tuple": return v.items.length === 1 ? `(${show(v.items[0])},)` : `(${v.items.map(show).join(", ")})`;
    case "list": return `[${v.items.map(show).join(", ")}]`;
    case "ns": case "opaque": return v.path;
  }
  return "?";
}

export const shapeText = (s) => (s.length === 1 ? `(${s[0] ?? "None"},)` : `(${s.map((d) => d ?? "None").join(", ")})`);

// ---- Building: shapes and counts, as Keras 3 computes them ----

function opt(layer, key, dflt) {
  const v = layer.opts.get(key);
  return v === undefined ? dflt : v;
}
function boolOpt(layer, key, dflt) {
  const v = opt(layer, key);
  if (v === undefined) return dflt;
  if (v.t === "bool") return v.v;
  if (v.t === "num") return v.v !== 0;
  throw new ReadError(layer.line, "cannotEvaluate", { what: key });
}
function strOpt(layer, key, dflt) {
  const v = opt(layer, key);
  if (v === undefined || v.t === "none") return dflt;
  if (v.t === "str") return v.v.toLowerCase();
  throw new ReadError(layer.line, "cannotEvaluate", { what: key });
}
function tupleOpt(layer, key, rank, dflt) {
  const v = opt(layer, key);
  if (v === undefined || v.t === "none") return dflt;
  const items = v.t === "num" ? Array(rank).fill(v) : v.t === "tuple" || v.t === "list" ? v.items : null;
  if (!items || items.length !== rank) throw new Refused(layer.line, "badTuple", { layer: layer.cls, arg: key, rank, value: show(v) });
  const out = items.map((x) => intValue(x, layer.line, key));
  if (out.some((x) => x <= 0)) throw new Refused(layer.line, "notPositive", { layer: layer.cls, arg: key, value: show(v) });
  return out;
}
function positive(layer, key) {
  const v = opt(layer, key);
  if (v === undefined) throw new Refused(layer.line, "missingArgument", { layer: layer.cls, arg: key });
  const x = intValue(v, layer.line, key);
  if (x <= 0) throw new Refused(layer.line, "notPositive", { layer: layer.cls, arg: key, value: String(x) });
  return x;
}
function needRank(layer, s, rank, min) {
  if (min ? s.length < rank : s.length !== rank) throw new Refused(layer.line, min ? "rankMin" : "rank", { layer: layer.cls, rank, shape: shapeText(s) });
}
function axisOf(layer, s, axis) {
  const a = axis < 0 ? s.length + axis : axis;
  if (a < 0 || a >= s.length) throw new Refused(layer.line, "badAxis", { layer: layer.cls, axis, shape: shapeText(s) });
  if (s[a] === null) throw new Refused(layer.line, "undefinedDim", { layer: layer.cls, shape: shapeText(s) });
  return s[a];
}
const f = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

function spatial(layer, s, kernel, strides, padding, causalOk) {
  if (!["valid", "same"].includes(padding) && !(causalOk && padding === "causal")) throw new Refused(layer.line, "badPadding", { layer: layer.cls, value: padding });
  return s.slice(1, -1).map((L, i) => {
    if (L === null) return null;
    const out = padding === "valid" ? Math.floor((L - kernel[i]) / strides[i]) + 1 : Math.floor((L - 1) / strides[i]) + 1;
    if (out <= 0) throw new Refused(layer.line, "negativeOutput", { layer: layer.cls, shape: shapeText(s), kernel: kernel.join(" × "), strides: strides.join(", "), padding });
    return out;
  });
}

// Returns {out, params, nt, formula: {expr, nt}} for one layer on input shape s.
function layerRow(layer, s) {
  const { cls } = layer;
  const zero = (out) => ({ out, params: 0, nt: 0, formula: null });
  switch (cls) {
    case "Dense": {
      const units = positive(layer, "units");
      needRank(layer, s, 2, true);
      const n = s[s.length - 1];
      if (n === null) throw new Refused(layer.line, "undefinedDim", { layer: cls, shape: shapeText(s) });
      const bias = boolOpt(layer, "use_bias", true);
      const p = n * units + (bias ? units : 0);
      return { out: [...s.slice(0, -1), units], params: p, nt: 0, formula: { expr: bias ? `${f(n)} × ${f(units)} + ${f(units)} = ${f(p)}` : `${f(n)} × ${f(units)} = ${f(p)}` } };
    }
    case "BatchNormalization": {
      const axisV = opt(layer, "axis", num(-1));
      if (axisV.t !== "num" || !axisV.isInt) throw new ReadError(layer.line, "notRead", { layer: cls, arg: "axis" });
      const c = axisOf(layer, s, axisV.v);
      const k = 2 + boolOpt(layer, "center", true) + boolOpt(layer, "scale", true);
      return { out: s, params: k * c, nt: 2 * c, formula: { expr: `${k} × ${f(c)} = ${f(k * c)}`, nt: `2 × ${f(c)} = ${f(2 * c)}` } };
    }
    case "LayerNormalization": {
      const axisV = opt(layer, "axis", num(-1));
      const axes = axisV.t === "num" ? [axisV] : axisV.t === "tuple" || axisV.t === "list" ? axisV.items : null;
      if (!axes || axes.some((a) => a.t !== "num" || !a.isInt)) throw new ReadError(layer.line, "notRead", { layer: cls, arg: "axis" });
      const dims = axes.map((a) => axisOf(layer, s, a.v));
      const c = dims.reduce((x, y) => x * y, 1);
      const k = boolOpt(layer, "center", true) + boolOpt(layer, "scale", true);
      const cexpr = dims.map(f).join(" × ");
      return { out: s, params: k * c, nt: 0, formula: k ? { expr: `${k} × ${cexpr} = ${f(k * c)}` } : null };
    }
    case "Activation":
      if (!layer.opts.has("activation")) throw new Refused(layer.line, "missingArgument", { layer: cls, arg: "activation" });
      return zero(s);
    case "Dropout": {
      const r = opt(layer, "rate");
      if (!r) throw new Refused(layer.line, "missingArgument", { layer: cls, arg: "rate" });
      if (r.t === "num" && (r.v < 0 || r.v > 1)) throw new Refused(layer.line, "badRate", { value: show(r) });
      return zero(s);
    }
    case "ReLU": case "Softmax": return zero(s);
    case "Flatten": {
      const rest = s.slice(1);
      return zero([s[0], rest.some((d) => d === null) ? null : rest.reduce((x, y) => x * y, 1)]);
    }
    case "Conv1D": case "Conv2D": {
      const rank = cls === "Conv1D" ? 1 : 2;
      const filters = positive(layer, "filters");
      if (!layer.opts.has("kernel_size")) throw new Refused(layer.line, "missingArgument", { layer: cls, arg: "kernel_size" });
      const kernel = tupleOpt(layer, "kernel_size", rank);
      const strides = tupleOpt(layer, "strides", rank, Array(rank).fill(1));
      const padding = strOpt(layer, "padding", "valid");
      needRank(layer, s, rank + 2, false);
      const cin = s[s.length - 1];
      if (cin === null) throw new Refused(layer.line, "undefinedDim", { layer: cls, shape: shapeText(s) });
      const out = [s[0], ...spatial(layer, s, kernel, strides, padding, rank === 1), filters];
      const bias = boolOpt(layer, "use_bias", true);
      const per = kernel.reduce((x, y) => x * y, 1) * cin;
      const p = per * filters + (bias ? filters : 0);
      const k = `${kernel.map(f).join(" × ")} × ${f(cin)}`;
      return { out, params: p, nt: 0, formula: { expr: bias ? `(${k} + 1) × ${f(filters)} = ${f(p)}` : `${k} × ${f(filters)} = ${f(p)}` } };
    }
    case "MaxPooling2D": case "AveragePooling2D": {
      // Keras 3.15: MaxPooling2D(pool_size=(2, 2)), but AveragePooling2D(pool_size) has no default.
      if (cls === "AveragePooling2D" && !layer.opts.has("pool_size")) throw new Refused(layer.line, "missingArgument", { layer: cls, arg: "pool_size" });
      const pool = tupleOpt(layer, "pool_size", 2, [2, 2]);
      const strides = tupleOpt(layer, "strides", 2, pool);
      const padding = strOpt(layer, "padding", "valid");
      needRank(layer, s, 4, false);
      return zero([s[0], ...spatial(layer, s, pool, strides, padding, false), s[3]]);
    }
    case "GlobalAveragePooling2D": {
      needRank(layer, s, 4, false);
      return zero(boolOpt(layer, "keepdims", false) ? [s[0], 1, 1, s[3]] : [s[0], s[3]]);
    }
    case "Embedding": {
      const v = positive(layer, "input_dim"), d = positive(layer, "output_dim");
      return { out: [...s, d], params: v * d, nt: 0, formula: { expr: `${f(v)} × ${f(d)} = ${f(v * d)}` } };
    }
  }
  throw new ReadError(layer.line, "unknownLayer", { name: cls });
}

function build(model, res) {
  let shape = model.input ? model.input.shape : null;
  const name = model.name && model.name.t === "str" ? model.name.v : model.autoName;
  if (!shape) return { status: "noInput", modelName: name, rows: model.layers.map((l) => ({ name: l.name, cls: l.cls, line: l.line })) };
  const rows = [];
  const inputShape = shape;
  for (const layer of model.layers) {
    const r = layerRow(layer, shape);
    const frozen = model.trainable === false || layer.trainable === false;
    rows.push({ name: layer.name, cls: layer.cls, line: layer.line, shape: r.out, params: r.params, nt: frozen ? r.params : r.nt, frozen: frozen && r.params > 0, formula: r.formula, layer });
    shape = r.out;
  }
  const total = rows.reduce((a, r) => a + r.params, 0);
  const nt = rows.reduce((a, r) => a + r.nt, 0);
  return { modelName: name, inputShape, rows, total, trainable: total - nt, nontrainable: nt, model };
}

function activationOf(row) {
  const a = row.layer.opts.get("activation");
  if (row.cls === "Softmax") return "softmax";
  if (!a) return null;
  return a.t === "str" ? a.v.toLowerCase() : a.t === "ns" || a.t === "opaque" ? a.path.split(".").pop().toLowerCase() : null;
}

function hints(res) {
  const rows = res.rows;
  rows.forEach((row, i) => {
    const act = activationOf(row);
    const last = row.shape[row.shape.length - 1];
    if (act === "softmax" && last === 1 && (row.cls !== "Softmax" || !row.layer.opts.has("axis"))) res.hints.push({ code: "softmaxOne", line: row.line, name: row.name });
    const next = rows[i + 1];
    if (row.cls === "BatchNormalization" && next && activationOf(next) === "softmax" && next.params === 0) res.hints.push({ code: "bnSoftmax", line: row.line, name: row.name });
    if ((row.cls === "Dense" || row.cls.startsWith("Conv")) && next && next.cls === "BatchNormalization" && boolOpt(row.layer, "use_bias", true) && !activationOf(row)) {
      const axis = opt(next.layer, "axis", num(-1));
      if (axis.t === "num" && (axis.v === -1 || axis.v === row.shape.length - 1) && boolOpt(next.layer, "center", true)) res.hints.push({ code: "biasBeforeBn", line: row.line, name: row.name, bias: last });
    }
  });
}

// "Copy as a program": a complete Keras program that prints the same summary.
export function program(res) {
  const lines = ["from tensorflow import keras", ""];
  const needsTf = res.rows.some((r) => [...r.layer.opts.values()].some((v) => (v.t === "ns" || v.t === "opaque") && v.path.startsWith("tf.")));
  if (needsTf) lines.unshift("import tensorflow as tf");
  const counters = new Map();
  const items = [];
  const batch = res.inputShape[0];
  items.push(`keras.Input(shape=${shapeText(res.inputShape.slice(1))}${batch !== null ? `, batch_size=${batch}` : ""})`);
  for (const r of res.rows) {
    const n = (counters.get(snake(r.cls)) || 0) + 1;
    counters.set(snake(r.cls), n);
    const fresh = n === 1 ? snake(r.cls) : `${snake(r.cls)}_${n - 1}`;
    const args = [];
    const pos = LAYERS[r.cls].pos;
    for (const [k, v] of r.layer.opts) {
      if (["name", "input_shape", "input_length"].includes(k) || (k === "input_dim" && r.cls !== "Embedding")) continue;
      if (v.t === "opaque") continue;
      args.push([k, v.t === "ns" ? v.path : show(v)]);
    }
    args.sort((a, b) => (pos.includes(a[0]) ? pos.indexOf(a[0]) : 99) - (pos.includes(b[0]) ? pos.indexOf(b[0]) : 99));
    const parts = [];
    let positional = true;
    args.forEach(([k, v], i) => {
      positional = positional && pos[i] === k && (i === 0 || k === "kernel_size" || k === "output_dim");
      parts.push(positional ? v : `${k}=${v}`);
    });
    if (r.name !== fresh) parts.push(`name=${JSON.stringify(r.name)}`);
    items.push(`keras.layers.${r.cls}(${parts.join(", ")})`);
  }
  const name = res.modelName !== "sequential" ? `, name=${JSON.stringify(res.modelName)}` : "";
  lines.push("model = keras.Sequential([", ...items.map((x) => `    ${x},`), `]${name})`);
  if (res.model.trainable === false) lines.push("model.trainable = False");
  lines.push("model.summary()", "");
  return lines.join("\n");
}

// keras/src/utils/summary_utils.py: readable_memory_size (float32 weights: 4 bytes each)
export function memory(count) {
  let size = count * 4;
  for (const unit of ["B", "KB", "MB", "GB", "TB"]) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}
