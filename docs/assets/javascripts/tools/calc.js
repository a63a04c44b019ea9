// The parameter calculator: builds the pasted model as Keras 3 does and counts each layer's
// weights as its build() makes them (its page gives each rule's source); what it cannot read
// is an error naming its line. A classic script (file:// refuses modules) for tools.js.
"use strict";
(() => {

// ---- Reading Python ----

class ReadError extends Error {
  constructor(line, code, params = {}) { super(code); Object.assign(this, { line, code, params }); }
}
class Refused extends ReadError {}

const OPS = ["**=", "//=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", ":=", "<<", ">>"];
const SINGLE = "()[]{},:.=+-*/%<>@;~&|^!";

// Tokens: {k: 'num'|'str'|'name'|'op'|'nl', v, line}. Newlines inside brackets are dropped.
function tokenize(text) {
  const out = [];
  let i = 0, line = 1, depth = 0;
  const open = []; // the lines of the brackets still open
  const n = text.length;
  const push = (k, v) => out.push({ k, v, line });
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      if (depth === 0) push("nl", "");
      line++; i++; continue;
    }
    if (c === " " || c === "\t" || c === "\r" || c === "\f") { i++; continue; }
    if (c === "#") { while (i < n && text[i] !== "\n") i++; continue; }
    if (c === "\\" && text[i + 1] === "\n") { i += 2; line++; continue; }
    const start = line;
    const m = /(?:[rRbBuUfF]{0,2})("""|'''|"|')/y;
    m.lastIndex = i;
    const sm = m.exec(text);
    if (sm && (sm[0].length === sm[1].length || /^[A-Za-z]/.test(c))) {
      const q = sm[1];
      let j = i + sm[0].length, s = "";
      for (;;) {
        if (j >= n) E(start, "unclosedString");
        if (text.startsWith(q, j)) { j += q.length; break; }
        const ch = text[j];
        if (ch === "\n") {
          if (q.length === 1) E(start, "unclosedString");
          line++;
        }
        if (ch === "\\" && j + 1 < n) { s += text[j + 1]; if (text[j + 1] === "\n") line++; j += 2; continue; }
        s += ch; j++;
      }
      out.push({ k: "str", v: s, line: start, prefix: sm[0].slice(0, -q.length).toLowerCase() });
      i = j; continue;
    }
    const num = /(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)[jJ]?/y;
    num.lastIndex = i;
    let mm = num.exec(text);
    if (mm && /[\d.]/.test(c) && !(c === "." && !/\d/.test(text[i + 1] || ""))) {
      const raw = mm[0].replace(/_/g, "");
      if (/[jJ]$/.test(raw)) E(line, "syntax", { what: mm[0] });
      const v = Number(raw);
      out.push({ k: "num", v, isInt: /^(\d+|0[xob].*)$/i.test(raw), line });
      i += mm[0].length; continue;
    }
    const nm = /[A-Za-z_\u00c0-\u2fff\u3040-\ufeff][\w\u00c0-\u2fff\u3040-\ufeff]*/y;
    nm.lastIndex = i;
    mm = nm.exec(text);
    if (mm) { push("name", mm[0]); i += mm[0].length; continue; }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) { push("op", op); i += op.length; continue; }
    if (SINGLE.includes(c)) {
      if ("([{".includes(c)) { depth++; open.push(line); }
      if (")]}".includes(c)) { depth = Math.max(0, depth - 1); open.pop(); }
      push("op", c); i++; continue;
    }
    E(line, "syntax", { what: c });
  }
  if (depth > 0) E(open[open.length - 1], "unclosedBracket");
  push("nl", "");
  return out;
}

// Statements: token lists ending at a newline or ';'
function statements(tokens) {
  const out = [];
  let cur = [];
  for (const t of tokens) {
    if (t.k === "nl" || (t.k === "op" && t.v === ";")) {
      if (cur.length) out.push(cur);
      cur = [];
    } else cur.push(t);
  }
  return out;
}

const KEYWORDS = /^(lambda|if|else|for|not|and|or|in|is|yield|await|def|class|return|import|from|as|with|while|pass|del|global|try|except|raise|assert|async|elif|finally|break|continue|nonlocal)$/;
// Binary operators, loosest first ("not" is the unary one of its level).
const LEVELS = [["or"], ["and"], [], ["==", "!=", "<", ">", "<=", ">=", "in", "not in", "is", "is not"], ["+", "-"], ["*", "/", "//", "%", "@"]];

// Expression parser; nodes: {n: kind, line, ...}
class Parser {
  constructor(toks) { this.t = toks; this.i = 0; }
  peek(o = 0) { return this.t[this.i + o]; }
  at(v) { const t = this.peek(); return !!t && t.v === v && t.k !== "str"; }
  take(v) { return this.at(v) && ++this.i; }
  line() { const t = this.peek() || this.t[this.t.length - 1]; return t ? t.line : 0; }
  expect(v) {
    const t = this.peek();
    if (!this.take(v)) E(this.line(), t ? "unexpected" : "missing", { what: t ? t.v : v, expected: v });
  }
  done() { return this.i >= this.t.length; }
  // a, b = 1, 2 and return x, y: a tuple without brackets
  exprList() {
    const line = this.line(), items = [this.item()];
    let comma = false;
    while (this.take(",")) { comma = true; if (!this.done()) items.push(this.item()); }
    return comma || items[0].n === "star" ? { n: "tuple", items, line } : items[0];
  }
  expr() {
    const line = this.line();
    if (this.take("lambda")) {
      for (let d = 0; !this.done() && (d || !this.at(":"));) {
        const v = this.t[this.i++].v;
        d += "([{".includes(v) - ")]}".includes(v);
      }
      this.expect(":");
      this.expr();
      return { n: "lambda", line };
    }
    const a = this.binary(0);
    if (!this.take("if")) return a;
    const c = this.binary(0);
    this.expect("else");
    return { n: "ifexp", c, a, b: this.expr(), line };
  }
  binary(level) {
    if (level === LEVELS.length) return this.unary();
    const line = this.line();
    if (level === 2) return this.take("not") ? { n: "not", a: this.binary(2), line } : this.binary(3);
    let a = this.binary(level + 1);
    for (;;) {
      const t = this.peek(), u = this.peek(1), two = t && u && `${t.v} ${u.v}`;
      const op = LEVELS[level].includes(two) ? two : t && t.k !== "str" && LEVELS[level].includes(t.v) && t.v;
      if (!op) return a;
      this.i += op.includes(" ") ? 2 : 1;
      a = { n: level < 2 ? "boolop" : level === 3 ? "cmp" : "bin", op, a, b: this.binary(level + 1), line: a.line };
    }
  }
  unary() {
    const t = this.peek();
    if (t && t.k === "op" && /^[-+~]$/.test(t.v)) { this.i++; return { n: "neg", op: t.v, a: this.unary(), line: t.line }; }
    const a = this.postfix();
    return this.take("**") ? { n: "bin", op: "**", a, b: this.unary(), line: a.line } : a;
  }
  postfix() {
    let a = this.atom();
    for (let line = this.line(); ; line = this.line()) {
      if (this.take(".")) {
        const t = this.peek();
        if (!t || t.k !== "name") E(line, "missing", { what: "name", expected: "name" });
        this.i++;
        a = { n: "attr", obj: a, name: t.v, line: a.line };
      } else if (this.take("(")) {
        const args = [], kwargs = [];
        while (!this.take(")")) {
          const t = this.peek(), next = this.peek(1);
          if (this.take("*")) args.push({ n: "star", a: this.expr(), line });
          else if (this.take("**")) kwargs.push(["**", this.expr()]);
          else if (t && t.k === "name" && next && next.v === "=" && next.k === "op") {
            this.i += 2;
            if (kwargs.some(([k]) => k === t.v)) E(this.line(), "repeatedKeyword", { arg: t.v });
            kwargs.push([t.v, this.expr()]);
          } else {
            if (kwargs.length) E(this.line(), "positionalAfterKeyword");
            const e = this.expr();
            args.push(this.at("for") ? this.comp(e, ")") : e);
          }
          if (!this.at(")")) this.expect(",");
        }
        a = { n: "call", fn: a, args, kwargs, line };
      } else if (this.take("[")) {
        const items = [];
        let comma = false;
        while (!this.at("]")) {
          items.push(this.slice());
          if (!this.take(",")) break;
          comma = true;
        }
        this.expect("]");
        a = { n: "sub", obj: a, idx: items.length === 1 && !comma ? items[0] : { n: "tuple", items, line }, line };
      } else return a;
    }
  }
  slice() {
    const line = this.line(), part = () => (this.at(":") || this.at("]") || this.at(",") ? null : this.expr());
    const a = part();
    if (!this.take(":")) return a;
    const b = part();
    return { n: "slice", a, b, c: this.take(":") && part(), line };
  }
  item() {
    const line = this.line();
    return this.take("*") ? { n: "star", a: this.binary(4), line } : this.expr();
  }
  seq(close) {
    const items = [];
    let comma = false;
    while (!this.at(close)) {
      items.push(this.item());
      if (items.length === 1 && this.at("for")) return { comp: this.comp(items[0], close) };
      if (!this.take(",")) break;
      comma = true;
    }
    this.expect(close);
    return { items, comma };
  }
  // [elt for target in iterable if condition ...]
  comp(elt, close) {
    const gens = [];
    while (this.take("for")) {
      const target = this.targets();
      this.expect("in");
      const gen = { target, iter: this.binary(0), conds: [] };
      while (this.take("if")) gen.conds.push(this.binary(0));
      gens.push(gen);
    }
    if (close !== ")") this.expect(close);
    return { n: "comp", elt, gens, line: elt.line };
  }
  targets() {
    const line = this.line(), items = [];
    let comma = false;
    do {
      const close = this.take("(") ? ")" : this.take("[") ? "]" : null;
      items.push(close ? this.targets() : this.postfix());
      if (close) this.expect(close);
      if (!this.take(",")) break;
      comma = true;
    } while (!this.done() && !this.at("in") && !this.at("="));
    return items.length === 1 && !comma ? items[0] : { n: "tuple", items, line };
  }
  fstring(t) {
    // f"block{i}_conv"
    const parts = [], s = t.v;
    let lit = "";
    for (let j = 0; j < s.length; j++) {
      const ch = s[j];
      if ("{}".includes(ch) && s[j + 1] === ch) { lit += ch; j++; continue; }
      if (ch !== "{") { lit += ch; continue; }
      let depth = 0, k = j + 1, colon = -1;
      for (; k < s.length && (depth || s[k] !== "}"); k++) {
        depth += "([{".includes(s[k]) - ")]}".includes(s[k]);
        if (":!".includes(s[k]) && !depth && colon < 0) colon = k;
      }
      if (k >= s.length) E(t.line, "unclosedBracket");
      const p = new Parser(tokenize(s.slice(j + 1, colon < 0 ? k : colon)).filter((x) => x.k !== "nl").map((x) => ({ ...x, line: t.line })));
      const e = p.expr();
      if (!p.done()) E(t.line, "syntax", { what: "f\"{…}\"" });
      parts.push(lit, { e, spec: colon < 0 ? "" : s.slice(colon, k) });
      lit = "";
      j = k;
    }
    return [...parts, lit];
  }
  atom() {
    const t = this.peek(), line = this.line();
    if (!t) E(line, "missing", { what: "value", expected: "value" });
    if (t.k === "num") { this.i++; return { n: "num", v: t.v, isInt: t.isInt, line }; }
    if (t.k === "str") {
      const parts = [];
      for (let s; (s = this.peek()) && s.k === "str"; this.i++) parts.push(...(s.prefix.includes("f") ? this.fstring(s) : [s.v]));
      return parts.every((p) => typeof p === "string") ? { n: "str", v: parts.join(""), line } : { n: "fstr", parts, line };
    }
    if (t.k === "name") {
      if (KEYWORDS.test(t.v)) E(line, "syntax", { what: t.v });
      this.i++;
      if (t.v === "None") return { n: "none", line };
      return /^(True|False)$/.test(t.v) ? { n: "bool", v: t.v === "True", line } : { n: "name", v: t.v, line };
    }
    if (this.take("(")) {
      const r = this.seq(")");
      return r.comp || (r.items.length === 1 && !r.comma && r.items[0].n !== "star" ? r.items[0] : { n: "tuple", items: r.items, line });
    }
    if (this.take("[")) {
      const r = this.seq("]");
      return r.comp || { n: "list", items: r.items, line };
    }
    if (this.take("{")) {
      const keys = [], vals = [];
      while (!this.take("}")) {
        keys.push(this.expr());
        this.expect(":");
        vals.push(this.expr());
        if (!this.at("}")) this.expect(",");
      }
      return { n: "dict", keys, vals, line };
    }
    return E(line, "unexpected", { what: t.v, expected: "value" });
  }
}

// ---- Running it ----

class Ret { constructor(v) { this.v = v; } }
// E: not read here; R: Keras refuses it
const E = (line, code, params) => { throw new ReadError(line, code, params); };
const R = (line, code, params) => { throw new Refused(line, code, params); };
const CE = (line, what) => E(line, "cannotEvaluate", { what });
const RL = (L, code, p) => R(L.line, code, { layer: L.cls, ...p });
const NR = (L, arg) => E(L.line, "notRead", { layer: L.cls, arg });
const BRK = { brk: 1 }, CONT = { cont: 1 };

// Layer: positional parameters (* required) | other keywords; all take INERT ones too.
const RNNK = " return_sequences return_state go_backwards stateful unroll dropout recurrent_dropout";
const CONV = "filters* kernel_size* strides padding";
const RAND = " fill_mode interpolation fill_value data_format";
const SPEC = `Dense:units* activation use_bias|lora_rank quantization_config
BatchNormalization:axis momentum epsilon center scale|renorm renorm_clipping renorm_momentum synchronized
LayerNormalization:axis epsilon center scale|rms_scaling
GroupNormalization:groups axis epsilon center scale
Normalization:axis mean variance invert
UnitNormalization,Softmax:axis
Activation:activation*
ReLU:max_value negative_slope threshold
LeakyReLU:negative_slope|alpha
PReLU:alpha_initializer alpha_regularizer alpha_constraint shared_axes
ELU:alpha
Dropout:rate* noise_shape
GaussianNoise:stddev*
!SpatialDropout1D:rate*
!SpatialDropout2D:rate* data_format
Masking:mask_value
Add,Subtract,Multiply,Average,Maximum,Minimum:
Flatten:data_format
Reshape:target_shape*
Permute:dims*
RepeatVector:n*
Conv1D,Conv2D,Conv3D:${CONV} data_format dilation_rate groups activation use_bias|lora_rank
Conv1DTranspose,Conv2DTranspose:${CONV} output_padding data_format dilation_rate activation use_bias
SeparableConv1D,SeparableConv2D:${CONV} data_format dilation_rate depth_multiplier activation use_bias
DepthwiseConv1D,DepthwiseConv2D:kernel_size* strides padding depth_multiplier data_format dilation_rate activation use_bias
MaxPooling1D,MaxPooling2D,MaxPooling3D:pool_size strides padding data_format
AveragePooling1D,AveragePooling2D,AveragePooling3D:pool_size* strides padding data_format
GlobalMaxPooling1D,GlobalMaxPooling2D,GlobalMaxPooling3D,GlobalAveragePooling1D,GlobalAveragePooling2D,GlobalAveragePooling3D:data_format keepdims
UpSampling1D:size
UpSampling2D:size data_format interpolation
ZeroPadding1D,ZeroPadding2D:padding data_format
Cropping1D:cropping
Cropping2D:cropping data_format
Rescaling:scale* offset
Resizing:height* width* interpolation crop_to_aspect_ratio pad_to_aspect_ratio fill_mode fill_value antialias data_format
CenterCrop:height* width* data_format
RandomFlip:mode seed data_format
RandomRotation:factor*${RAND}
RandomZoom:height_factor* width_factor${RAND}
RandomTranslation:height_factor* width_factor*${RAND}
RandomContrast:factor* value_range
Embedding:input_dim* output_dim*|mask_zero weights lora_rank quantization_config input_length sparse
SimpleRNN:units* activation use_bias|${RNNK}
LSTM:units* activation recurrent_activation use_bias|unit_forget_bias use_cudnn${RNNK}
GRU:units* activation recurrent_activation use_bias|reset_after use_cudnn${RNNK}
ConvLSTM2D:${CONV} data_format dilation_rate activation recurrent_activation use_bias|unit_forget_bias${RNNK}
Bidirectional:layer* merge_mode weights backward_layer
TimeDistributed:layer*
MultiHeadAttention:num_heads* key_dim* value_dim dropout use_bias output_shape attention_axes|sliding_window flash_attention use_gate
Concatenate:axis`;
const LAYERS = {};
for (const line of SPEC.split("\n")) {
  const [names, rest] = line.split(":");
  const [pos, kw = ""] = rest.split("|");
  const p = pos ? pos.split(" ") : [];
  const spec = { pos: p.map((x) => x.replace("*", "")), req: p.filter((x) => x.endsWith("*")).map((x) => x.slice(0, -1)), kw: new Set(kw.split(" ")), strict: names[0] === "!" };
  for (const n of names.replace("!", "").split(",")) LAYERS[n] = spec;
}
const INERT = /^(name|dtype|trainable|autocast|input_shape|input_dim|activity_regularizer|seed|lora_alpha|\w+_(initializer|regularizer|constraint))$/;
const RNN = ["SimpleRNN", "LSTM", "GRU", "ConvLSTM2D"];
const MERGE = ["Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate"];
const mergeFn = (name) => MERGE.find((c) => c.toLowerCase() === name);
const NOT_DEFAULT = { backward_layer: null, data_format: "channels_last", renorm: false, rms_scaling: false, lora_rank: null, use_gate: false, stateful: false, attention_axes: null, weights: null, quantization_config: null, sparse: false, sliding_window: null };
const IGNORED = new Set("compile fit evaluate predict save count_params save_weights load_weights train_on_batch test_on_batch predict_on_batch export to_json get_config get_weights set_weights reset_states".split(" "));
const MODULES = new Set("tf tensorflow keras layers models np numpy regularizers initializers activations constraints optimizers losses metrics callbacks ops".split(" "));

function snake(name) {
  // utils/naming.py
  name = name.replace(/\W+/g, "").replace(/(.)([A-Z][a-z]+)/g, "$1_$2");
  return name.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
}

const num = (v, isInt = Number.isInteger(v)) => ({ t: "num", v, isInt });
const str = (v) => ({ t: "str", v });
const NONE = { t: "none" }, TRUE = { t: "bool", v: true }, FALSE = { t: "bool", v: false };
const isSeq = (v) => v.t === "tuple" || v.t === "list";
const list = (items) => ({ t: "list", items });
const f = (x) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const shapeText = (s) => `(${s.map((d) => d ?? "None").join(", ")})`;
const prod = (a) => a.reduce((x, y) => x * y, 1);
const times = (...xs) => xs.map(f).join(" × ");
const pyShape = (s) => show({ t: "tuple", items: s.map((d) => (d === null ? NONE : num(d))) });

function canonical(path) {
  const p = path.replace(/^(tensorflow|tf)\.keras(\.|$)/, "keras$2").replace(/^tensorflow(\.|$)/, "tf$1").replace(/^(layers|models)(\.|$)/, "keras.$1$2");
  // Keras 2's keras.layers.core, ..., keras.models.Input: gone in Keras 3
  return /^keras\.(layers\.[a-z_]\w*\.|models\.Input$|layers\.(Sequential|Model)$)/.test(p) ? "!" + p : p.replace(/^keras\.(models|layers)\.(Sequential|Model|Input)$/, "keras.$2");
}
const nsPath = (path, line) => (path = canonical(path))[0] === "!" ? R(line, "keras2", { name: path.slice(1) }) : path;

const alias = (n) => n.replace(/^(Separable)?Convolution/, "$1Conv").replace(/^(Global)?(Avg|Max)Pool(?=\d)/, (_, g, k) => `${g || ""}${k === "Avg" ? "Average" : "Max"}Pooling`);

function kerasCallable(path) {
  if (/^keras\.(backend|utils)\.clear_session$/.test(path)) return "!clear";
  if (/^keras\.(backend|config)\.image_data_format$/.test(path)) return "!format";
  if (path.startsWith("keras.applications.")) return "!app";
  const m = /^keras(\.layers)?\.([A-Za-z_]\w*)$/.exec(path);
  if (!m) return null;
  const name = alias(m[2]);
  if (!m[1] && ["Input", "Sequential", "Model", "Functional"].includes(name)) return name;
  if (LAYERS[name] || name === "InputLayer") return name;
  if (m[1] && mergeFn(name)) return "!" + name;
  if (name === "Lambda") return "!lambda";
  return m[1] && /^[A-Z]/.test(name) ? "?" + name : null;
}

// ---- Reading the code ----

function calculate(text) {
  const res = { status: "ok", hints: [], notes: [] };
  if (!text.trim()) return { ...res, status: "empty" };
  const lines = text.split("\n").length;
  if (lines > 3000 || text.length > 200000) return { ...res, status: "error", error: { line: 0, code: "tooLong", params: { lines } } };
  const S = { uids: new Map(), models: [], notes: res.notes, steps: 0, depth: 0 };
  try {
    run(tree(text, statements(tokenize(text))), { vars: new Map([["__name__", str("__main__")]]) }, S);
    const model = S.summaryOf || S.models.filter((m) => m.built).pop() || S.models.pop();
    if (!model) return { ...res, status: "error", error: { line: 0, code: "noModel" } };
    Object.assign(res, summarize(model));
    if (res.status === "ok") hints(res);
  } catch (e) {
    const status = e instanceof Refused ? "refused" : e instanceof ReadError ? "error" : null;
    if (status) return { ...res, status, error: { line: e.line, code: e.code, params: e.params } };
    if (e instanceof Ret || e instanceof RangeError) return { ...res, status: "error", error: { line: 0, code: "tooMuch" } };
    throw e;
  }
  return res;
}

const COMPOUND = new Set(["if", "elif", "else", "for", "while", "with", "try", "except", "finally", "def", "class"]);

// The indexes of the tokens outside brackets that pass the test
function tops(toks, test) {
  let d = 0;
  return toks.flatMap((t, i) => {
    const hit = !d && test(t) ? [i] : [];
    if (t.k === "op") d += "([{".includes(t.v) - ")]}".includes(t.v);
    return hit;
  });
}
const top = (toks, test) => (tops(toks, test)[0] ?? -1);
const ASSIGN = (t) => t.k === "op" && /^([-+*/%]|\/\/|\*\*)?=$/.test(t.v);

// Statements into blocks: {toks, line, ind, kw, head, body}
function tree(text, stmts) {
  const indents = text.split("\n").map((l) => /^[ \t]*/.exec(l)[0].replace(/\t/g, "    ").length);
  const stack = [{ body: [], ind: -1 }];
  for (const toks of stmts) {
    if (toks[0].v === "async") toks.shift();
    if (!toks.length) continue;
    const ind = indents[toks[0].line - 1], kw = toks[0].v;
    while (ind <= stack[stack.length - 1].ind) stack.pop();
    const node = { toks, line: toks[0].line, ind, kw: kw === "@" && kw };
    stack[stack.length - 1].body.push(node);
    if (!COMPOUND.has(kw) || toks[0].k !== "name") continue;
    const colon = top(toks, (t) => t.v === ":");
    if (colon < 0) E(node.line, "missing", { what: "", expected: ":" });
    const rest = toks.slice(colon + 1);
    Object.assign(node, { kw, head: toks.slice(1, colon), body: rest.length ? [{ toks: rest, line: rest[0].line, ind: ind + 1 }] : [] });
    if (!rest.length) stack.push(node);
  }
  return stack[0].body;
}

// Can this code change a model? (What cannot is skipped when unreadable.)
function touches(toks, sc) {
  return toks.some((t) => t.k === "name" && (LAYERS[alias(t.v)] || /^(add|build|pop|trainable|Sequential|Input|InputLayer|Model|Lambda|concatenate)$/.test(t.v) || /^(tensor|fn|cls|partial)$/.test((find(sc, t.v) || {}).t)));
}

function find(sc, name) {
  for (; sc; sc = sc.up) if (sc.vars.has(name)) return sc.vars.get(name);
}

function step(S, line) {
  if (++S.steps > 300000) E(line, "tooMuch");
}

function run(nodes, sc, S) {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i], { kw, line } = n;
    step(S, line);
    const next = (...kws) => nodes[i + 1] && kws.includes(nodes[i + 1].kw) && nodes[i + 1].ind === n.ind ? nodes[++i] : null;
    let r = null;
    if (kw === "@") {
      const d = next("def", "class");
      if (d) sc.vars.set(d.head[0].v, { t: "poison", err: new ReadError(line, "syntax", { what: "@" }) });
    } else if (!kw) r = simple(n, sc, S);
    else if (kw === "def") sc.vars.set(n.head[0].v, defineFn(n, sc, S));
    else if (kw === "class") sc.vars.set(n.head[0].v, { t: "cls", name: n.head[0].v });
    else if (kw === "with") r = run(n.body, sc, S);
    else if (kw === "if") {
      const chain = [n];
      for (let b; (b = next("elif", "else"));) chain.push(b);
      let hit = null;
      try {
        hit = chain.find((b) => b.kw === "else" || truthy(evalToks(b.head, sc, S), b.line));
      } catch (e) {
        if (!(e instanceof ReadError) || e.code === "tooMuch") throw e;
        skip(chain, sc, e);
      }
      if (hit) r = run(hit.body, sc, S);
    } else if (kw === "for") r = loop(n, next("else"), sc, S);
    else if (kw === "while") skip([n], sc, null);
    else if (kw === "try") {
      r = run(n.body, sc, S);
      for (let b; !r && (b = next("except", "else", "finally"));) if (b.kw !== "except") r = run(b.body, sc, S);
    } else E(line, "statement", { what: kw });
    if (r) return r;
  }
  return null;
}

// A block over data: an error if it changes the model, else skipped (the names it sets marked)
function skip(chain, sc, err) {
  const flat = (nodes) => nodes.flatMap((n) => [...(n.head || []), ...n.toks, ...(n.body ? flat(n.body) : [])]);
  const { kw, line } = chain[0];
  if (touches(flat(chain), sc)) E(line, "block", { what: kw, why: err && err.code === "undefined" ? err.params.name : "" });
  const set = (nodes) => nodes.forEach((n) => {
    if (n.body && n.kw !== "def") set(n.body);
    const t = n.kw === "for" ? n.head : n.kw ? [] : n.toks;
    for (const x of t.slice(0, top(t, (x) => (n.kw ? x.v === "in" : ASSIGN(x))))) if (x.k === "name") sc.vars.set(x.v, { t: "poison", err: new ReadError(line, "setInBlock", { name: x.v, what: kw }) });
  });
  set(chain);
}

function loop(n, orelse, sc, S) {
  const head = n.head, at = top(head, (t) => t.v === "in" && t.k === "name");
  if (at < 1) E(n.line, "syntax", { what: "for" });
  const target = new Parser(head.slice(0, at)).targets();
  let items;
  try {
    items = iterate(evalToks(head.slice(at + 1), sc, S), n.line);
  } catch (e) {
    if (!(e instanceof ReadError) || e.code === "tooMuch") throw e;
    return skip([n], sc, e);
  }
  for (const it of items) {
    step(S, n.line);
    bind(target, it, sc, n.line, true, S);
    const r = run(n.body, sc, S);
    if (r === BRK) return null;
    if (r && r !== CONT) return r;
  }
  return orelse ? run(orelse.body, sc, S) : null;
}

function iterate(v, line) {
  if (isSeq(v)) return v.items;
  if (v.t === "str") return [...v.v].map(str);
  if (v.t === "dict") return v.keys;
  return CE(line, show(v));
}

function evalToks(toks, sc, S) {
  const p = new Parser(toks);
  if (p.done()) E(toks[0] ? toks[0].line : 0, "missing", { what: "", expected: "value" });
  const node = p.exprList();
  if (!p.done()) E(p.line(), "unexpected", { what: p.peek().v, expected: "" });
  return ev(node, sc, S);
}

function defineFn(n, sc, S) {
  const toks = n.head.slice(2, 2 + top(n.head.slice(2), (t) => t.v === ")")), params = [];
  const cuts = [-1, ...tops(toks, (t) => t.v === ","), toks.length];
  for (const part of cuts.slice(1).map((c, k) => toks.slice(cuts[k] + 1, c)).filter((x) => x.length)) {
    if (part[0].v === "*" || part[0].v === "**") params.push({ name: part[1] && part[1].v, star: part[0].v });
    else if (part[0].v !== "/") {
      const eq = part.findIndex((t) => t.v === "=");
      let dflt;
      try { dflt = eq > 0 ? evalToks(part.slice(eq + 1), sc, S) : undefined; } catch (e) { if (!(e instanceof ReadError)) throw e; dflt = { t: "poison", err: e }; }
      params.push({ name: part[0].v, dflt });
    }
  }
  return { t: "fn", name: n.head[0].v, params, body: n.body, scope: sc };
}

function callFn(fn, args, kwargs, line, S) {
  const sc = { vars: new Map(), up: fn.scope };
  let ai = 0;
  for (const p of fn.params) {
    let v;
    if (p.star === "*") { v = { t: "tuple", items: args.slice(ai) }; ai = args.length; }
    else if (p.star === "**") { v = { t: "dict", keys: [...kwargs.keys()].map(str), vals: [...kwargs.values()] }; kwargs = new Map(); }
    else if (ai < args.length) v = args[ai++];
    else if (kwargs.has(p.name)) { v = kwargs.get(p.name); kwargs.delete(p.name); }
    else if (p.dflt) v = p.dflt;
    else E(line, "badCall", { fn: fn.name });
    if (v.t === "poison") throw v.err;
    sc.vars.set(p.name, v);
  }
  if (ai < args.length || kwargs.size) E(line, "badCall", { fn: fn.name });
  if (++S.depth > 50) E(line, "tooMuch");
  try {
    run(fn.body, sc, S);
    return NONE;
  } catch (e) {
    if (e instanceof Ret) return e.v;
    throw e;
  } finally { S.depth--; }
}

function simple(n, sc, S) {
  const { toks, line } = n, w = toks[0].k === "name" && toks[0].v;
  if (w === "import" || w === "from") return readImport(toks, sc);
  if (/^(pass|global|nonlocal|assert|del)$/.test(w)) return null;
  if (w === "break") return BRK;
  if (w === "continue") return CONT;
  if (w === "return") throw new Ret(toks.length > 1 ? evalToks(toks.slice(1), sc, S) : NONE);
  if (/^(raise|yield|elif|else|except|finally|lambda)$/.test(w)) E(line, "statement", { what: w });
  // a = b = value; x += 1
  const eqs = tops(toks, ASSIGN);
  const aug = eqs.length === 1 && toks[eqs[0]].v !== "=" ? eqs.pop() : null;
  const touching = touches(toks, sc);
  const cut = aug ?? eqs[eqs.length - 1];
  const targets = aug !== null ? [toks.slice(0, aug)] : eqs.map((e, k) => toks.slice(k ? eqs[k - 1] + 1 : 0, e));
  let value;
  try {
    value = evalToks(cut === undefined ? toks : toks.slice(cut + 1), sc, S);
    if (aug !== null) value = binary({ op: toks[aug].v.slice(0, -1), line }, evalToks(targets[0], sc, S), value);
  } catch (e) {
    if (touching || !(e instanceof ReadError) || e.code === "tooMuch") throw e;
    for (const t of targets) if (t.length === 1) sc.vars.set(t[0].v, { t: "poison", err: e });
    return null;
  }
  for (const t of targets) {
    const p = new Parser(t);
    let target;
    try { target = p.targets(); if (!p.done()) throw 0; } catch { if (touching) E(line, "assignTarget"); continue; }
    bind(target, value, sc, line, touching, S);
  }
  return null;
}

function bind(target, value, sc, line, touching = true, S = {}) {
  if (target.n === "name") {
    sc.vars.set(target.v, value.t === "opaque" ? { t: "opaque", path: target.v } : value);
    if (value.t === "model" && !value.varName) value.varName = target.v;
  } else if (target.n === "tuple" || target.n === "list") {
    let items = null;
    try { items = iterate(value, line); } catch (e) { if (touching) throw e; }
    if (!items || items.length !== target.items.length) {
      if (touching && items) E(line, "unpack");
      return target.items.forEach((t) => t.n === "name" && sc.vars.set(t.v, { t: "poison", err: new ReadError(line, "cannotEvaluate", { what: t.v }) }));
    }
    target.items.forEach((t, k) => bind(t, items[k], sc, line, touching, S));
  } else if (target.n === "attr" && target.name === "trainable") {
    let obj;
    try { obj = ev(target.obj, sc, S); } catch (e) { if (touching) throw e; return; }
    if (obj.t === "layer" || obj.t === "model") {
      if (value.t !== "bool") CE(line, "trainable");
      obj.trainable = value.v;
    }
  } else if (touching && /^(layer|model|tensor)$/.test(value.t)) E(line, "assignTarget");
}

function readImport(toks, sc) {
  const w = toks.map((t) => t.v).filter((x) => x !== "(" && x !== ")").join(" ").replace(/ \. /g, ".");
  const m = /^from (\S+) import (.*)$/.exec(w);
  for (const item of (m ? m[2] : w.slice(7)).replace(/ ,$/, "").split(" , ")) {
    const [, name, as] = /^(\S+?)(?: as (\S+))?$/.exec(item) || E(toks[0].line, "syntax", { what: item });
    nsPath(m ? `${m[1]}.${name}` : name, toks[0].line);
    if (name !== "*") sc.vars.set(as || name.split(".")[0], { t: "ns", path: canonical(m ? `${m[1]}.${name}` : as ? name : name.split(".")[0]) });
  }
  return null;
}

const BUILTINS = new Set("print range len int min max list tuple enumerate zip str reversed".split(" "));

function lookup(name, line, sc) {
  const v = find(sc, name);
  if (v && v.t === "poison") throw v.err;
  if (v) return v;
  if (LAYERS[alias(name)] || /^(Input|InputLayer|Sequential|Model|Lambda)$/.test(name) || mergeFn(name)) return { t: "ns", path: `keras.layers.${name}` };
  if (MODULES.has(name)) return { t: "ns", path: canonical(name) };
  return BUILTINS.has(name) ? { t: "builtin", name } : E(line, "undefined", { name });
}

function truthy(v, line) {
  if (/^(num|bool|str)$/.test(v.t)) return !!v.v;
  if (isSeq(v)) return v.items.length > 0;
  return v.t === "none" ? false : /^(layer|model|fn|cls)$/.test(v.t) || CE(line, "if");
}

function eq(a, b) {
  if (/^(num|bool)$/.test(a.t) && /^(num|bool)$/.test(b.t)) return +a.v === +b.v;
  if (isSeq(a) && a.t === b.t) return a.items.length === b.items.length && a.items.every((x, i) => eq(x, b.items[i]));
  return a.t === b.t && (a.t === "none" || (a.t === "str" ? a.v === b.v : a === b));
}

function compare({ op, line }, a, b) {
  if (/opaque|tensor/.test(a.t + b.t)) CE(line, op);
  if (/^(==|!=|is|is not)$/.test(op)) return eq(a, b) !== /!|not/.test(op);
  if (op.endsWith("in")) return (b.t === "str" && a.t === "str" ? b.v.includes(a.v) : iterate(b, line).some((x) => eq(a, x))) !== (op !== "in");
  const ok = (x) => /^(num|bool)$/.test(x.t);
  if (!(ok(a) && ok(b)) && !(a.t === "str" && b.t === "str")) CE(line, op);
  const x = a.t === "str" ? a.v : +a.v, y = b.t === "str" ? b.v : +b.v;
  return { "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y }[op];
}

function ev(node, sc, S) {
  const e = (n) => ev(n, sc, S), line = node.line;
  switch (node.n) {
    case "num": return num(node.v, node.isInt);
    case "str": return str(node.v);
    case "fstr": return str(node.parts.map((p) => (typeof p === "string" ? p : format(e(p.e), p.spec, line))).join(""));
    case "none": return NONE;
    case "bool": return node.v ? TRUE : FALSE;
    case "tuple": case "list": return { t: node.n, items: spread(node.items, e) };
    case "dict": return { t: "dict", keys: node.keys.map(e), vals: node.vals.map(e) };
    case "name": return lookup(node.v, line, sc);
    case "lambda": return { t: "lambda" };
    case "not": return truthy(e(node.a), line) ? FALSE : TRUE;
    case "ifexp": return truthy(e(node.c), line) ? e(node.a) : e(node.b);
    case "cmp": return compare(node, e(node.a), e(node.b)) ? TRUE : FALSE;
    case "neg": {
      const a = e(node.a);
      if (a.t === "tensor" && node.op === "-") return tensorOp("Negative", [a], line, S);
      if (a.t !== "num" && a.t !== "bool") CE(line, node.op);
      return num(node.op === "-" ? -a.v : node.op === "~" ? ~a.v : +a.v, a.t === "bool" || a.isInt);
    }
    case "bin": return binary(node, e(node.a), e(node.b), S);
    case "attr": return attr(node, e(node.obj));
    case "sub": return subscript(node, e(node.obj), node.idx.n === "slice" ? null : e(node.idx), e);
    case "call": return call(node, e(node.fn), sc, S);
    case "comp": {
      const out = [], inner = { vars: new Map(), up: sc };
      const gen = (k) => {
        if (k === node.gens.length) return out.push(ev(node.elt, inner, S));
        const g = node.gens[k];
        for (const it of iterate(ev(g.iter, inner, S), line)) {
          step(S, line);
          bind(g.target, it, inner, line, true, S);
          if (g.conds.every((c) => truthy(ev(c, inner, S), line))) gen(k + 1);
        }
      };
      gen(0);
      return list(out);
    }
    case "boolop": {
      const a = e(node.a), t = truthy(a, line);
      return node.op === "and" ? (t ? e(node.b) : a) : t ? a : e(node.b);
    }
  }
  return E(line, "syntax", { what: node.n === "star" ? "*" : node.n });
}

function spread(items, e) {
  return items.flatMap((it) => (it.n === "star" ? iterate(e(it.a), it.line) : [e(it)]));
}

function format(v, spec, line) {
  if (spec || !/^(str|num|bool|none)$/.test(v.t)) CE(line, `{...${spec}}`);
  return v.t === "str" ? v.v : show(v);
}

function binary(node, a, b, S) {
  const { op, line } = node;
  if (a.t === "tensor" || b.t === "tensor") {
    const cls = { "+": "Add", "-": "Subtract", "*": "Multiply", "/": "TrueDivide" }[op];
    if (!cls || ![a, b].every((x) => x.t === "tensor" || x.t === "num")) CE(line, op);
    return tensorOp(cls, [a, b], line, S);
  }
  if (a.t === "bool") a = num(+a.v);
  if (b.t === "bool") b = num(+b.v);
  if (op === "+" && a.t === b.t && isSeq(a)) return { t: a.t, items: [...a.items, ...b.items] };
  if (op === "+" && a.t === "str" && b.t === "str") return str(a.v + b.v);
  if (op === "*" && b.t === "num" && b.isInt && (isSeq(a) || a.t === "str")) {
    const k = Math.max(0, b.v);
    return a.t === "str" ? str(a.v.repeat(k)) : { t: a.t, items: Array.from({ length: k }, () => a.items).flat() };
  }
  if (op === "*" && a.t === "num" && (isSeq(b) || b.t === "str")) return binary(node, b, a, S);
  if (a.t !== "num" || b.t !== "num") CE(line, op);
  const x = a.v, y = b.v;
  if (/^(\/|\/\/|%)$/.test(op) && y === 0) CE(line, op);
  const v = { "+": x + y, "-": x - y, "*": x * y, "/": x / y, "//": Math.floor(x / y), "%": ((x % y) + y) % y, "**": x ** y }[op];
  if (v === undefined || !(Math.abs(v) <= 2 ** 52)) CE(line, op);
  return num(v, a.isInt && b.isInt && op !== "/" && !(op === "**" && y < 0));
}

function attr({ name, line }, obj) {
  if (obj.t === "ns") return { t: "ns", path: nsPath(`${obj.path}.${name}`, line) };
  if (obj.t === "opaque") return { t: "opaque", path: `${obj.path}.${name}` };
  if (obj.t === "list" || (obj.t === "layer" && name === "adapt")) return { t: "method", obj, name };
  if (obj.t === "tensor" && name === "shape") return { t: "tuple", items: obj.shape.map((d) => (d === null ? NONE : num(d))) };
  if (obj.t === "layer" || obj.t === "model") {
    if (name === "name") return str(obj.name);
    if (name === "trainable") return obj.trainable === false ? FALSE : TRUE;
    if (name === "layers" && obj.t === "model") return list(layersOf(obj));
    const io = /^(in|out)puts?$/.exec(name);
    if (io) {
      const graph = obj.t === "model" && !obj.seq;
      const ts = graph ? obj[io[1] + "puts"] : obj.nodes[0] ? obj.nodes[0][io[1] === "in" ? "ins" : "outs"] : CE(line, `${obj.name}.${name}`);
      return name.endsWith("s") || ts.length > 1 ? list(ts) : ts[0];
    }
    if (obj.t === "model") return { t: "method", obj, name };
  }
  return CE(line, name);
}

function subscript(node, obj, idx, e) {
  const line = node.line;
  if (obj.t === "opaque") return obj;
  if (obj.t === "dict") {
    const k = obj.keys.findIndex((x) => eq(x, idx));
    return k < 0 ? CE(line, "[...]") : obj.vals[k];
  }
  if (!isSeq(obj) && obj.t !== "str") CE(line, "[...]");
  const items = obj.t === "str" ? [...obj.v].map(str) : obj.items, L = items.length;
  const int = (n, d) => {
    const v = n ? e(n) : NONE;
    if (v.t === "none") return d;
    return v.t === "num" && v.isInt ? v.v : CE(line, "[...]");
  };
  if (!idx) {
    const s = node.idx;
    if (int(s.c, 1) !== 1) CE(line, "[::]");
    const clamp = (x) => Math.min(L, Math.max(0, x < 0 ? x + L : x));
    const out = items.slice(clamp(int(s.a, 0)), clamp(int(s.b, L)));
    return obj.t === "str" ? str(out.map((c) => c.v).join("")) : { t: obj.t, items: out };
  }
  const k = idx.t === "num" && idx.isInt ? (idx.v < 0 ? idx.v + L : idx.v) : -1;
  return k >= 0 && k < L ? items[k] : CE(line, "[...]");
}

function builtin(name, args, kwargs, line) {
  const n = (v) => (v && /^(num|bool)$/.test(v.t) ? +v.v : CE(line, name));
  const it = (v) => iterate(v, line);
  const a = args[0] || CE(line, name);
  switch (name) {
    case "print": return NONE;
    case "range": {
      if (!args.every((x) => x.t === "num" && x.isInt)) CE(line, "range");
      const [lo, hi, st = 1] = args.length === 1 ? [0, a.v] : args.map((x) => x.v);
      if (!st || (hi - lo) / st > 100000) CE(line, "range");
      const out = [];
      for (let x = lo; st > 0 ? x < hi : x > hi; x += st) out.push(num(x));
      return list(out);
    }
    case "len": return num(a.t === "str" ? a.v.length : it(a).length);
    case "int": return num(a.t === "str" && /^\s*-?\d+\s*$/.test(a.v) ? +a.v : Math.trunc(n(a)));
    case "str": return str(a.t === "str" ? a.v : show(a));
    case "min": case "max": {
      const xs = args.length === 1 ? it(a) : args;
      return xs.length ? xs.reduce((p, q) => ((name === "min" ? n(q) < n(p) : n(q) > n(p)) ? q : p)) : CE(line, name);
    }
    case "list": case "tuple": return { t: name, items: [...it(a)] };
    case "reversed": return list([...it(a)].reverse());
    case "enumerate": {
      const start = args[1] || kwargs.get("start");
      return list(it(a).map((x, i) => ({ t: "tuple", items: [num(i + (start ? n(start) : 0)), x] })));
    }
    case "zip": {
      const ls = args.map(it);
      return list(Array.from({ length: Math.min(...ls.map((l) => l.length)) }, (_, i) => ({ t: "tuple", items: ls.map((l) => l[i]) })));
    }
  }
}

function call(node, fn, sc, S) {
  const line = node.line;
  const args = spread(node.args, (n) => ev(n, sc, S));
  let kwargs = new Map();
  for (const [k, v] of node.kwargs) {
    const val = ev(v, sc, S);
    if (k !== "**") kwargs.set(k, val);
    else if (val.t === "dict" && val.keys.every((x) => x.t === "str")) val.keys.forEach((x, i) => kwargs.set(x.v, val.vals[i]));
    else E(line, "syntax", { what: "**" });
  }
  // functools.partial(layers.Conv2D, kernel_size=3)
  if (fn.t === "ns" && fn.path === "functools.partial") return args[0] ? { t: "partial", fn: args[0], args: args.slice(1), kwargs } : CE(line, "partial");
  for (; fn.t === "partial"; fn = fn.fn) args.unshift(...fn.args), kwargs = new Map([...fn.kwargs, ...kwargs]);
  switch (fn.t) {
    case "builtin": return builtin(fn.name, args, kwargs, line);
    case "fn": return callFn(fn, args, kwargs, line, S);
    case "cls": return E(line, "custom", { name: fn.name });
    case "lambda": return E(line, "lambda");
    case "method": return method(fn, args, kwargs, line, S);
    case "layer": case "model": return callLayer(fn, args, kwargs, line, S);
    case "opaque": return fn;
    case "ns": break;
    default: CE(line, "(...)");
  }
  const name = kerasCallable(fn.path);
  if (name === null) {
    if ([...args, ...kwargs.values()].some((a) => a.t === "tensor")) E(line, "tensorFunction", { name: fn.path });
    return { t: "opaque", path: fn.path };
  }
  if (name === "!app") E(line, "applications", { name: fn.path });
  if (name === "!lambda") E(line, "lambda");
  if (name === "!clear") { S.uids.clear(); return NONE; }
  if (name === "!format") return str("channels_last"); // the calculator's (and Keras') default
  if (name[0] === "?") E(line, "unknownLayer", { name: name.slice(1) });
  if (name[0] === "!") {
    const inputs = args[0] || kwargs.get("inputs");
    kwargs.delete("inputs");
    return callLayer(makeLayer(mergeFn(name.slice(1)), [], kwargs, line, S), [inputs], new Map(), line, S);
  }
  if (name === "Sequential") return makeSequential(args, kwargs, line, S);
  if (name === "Model" || name === "Functional") return makeModel(args, kwargs, line, S);
  if (name === "Input") return makeInput(args, kwargs, line, S, true);
  return makeLayer(name, args, kwargs, line, S);
}

function method({ obj: model, name }, args, kwargs, line, S) {
  if (model.t === "list") {
    const a = model.items;
    if (name === "append") a.push(args[0]);
    else if (name === "extend") a.push(...iterate(args[0], line));
    else if (name === "insert") a.splice(args[0].v, 0, args[1]);
    else if (name === "pop") return a.pop() || CE(line, "pop");
    else CE(line, name);
    return NONE;
  }
  if (model.t === "layer") return NONE; // Normalization.adapt(data): the counts do not change
  const arg = (k) => args[0] || kwargs.get(k);
  if (name === "add" && model.seq && args.length === 1) return seqAdd(model, args[0], line, S, true);
  if (name === "pop" && model.seq && model.layers.length) { model.names.delete(model.layers.pop().name); return rebuild(model, line, S); }
  if (name === "summary") { S.summaryOf = model; return NONE; }
  if (name === "build") {
    if (!model.seq) return NONE;
    const shape = readShape(arg("input_shape") || E(line, "missing", { what: "", expected: "input_shape" }), line);
    // models/sequential.py
    if (!model.layers.length) R(line, "buildEmpty");
    if (model.input && shapeText(model.input.shape) !== shapeText(shape)) R(line, "buildConflict", { shape: shapeText(model.input.shape) });
    model.input = model.input || inputLayer(shape, null, line, S);
    return buildSeq(model, line, S);
  }
  if (name === "get_layer") {
    const v = arg("name");
    return (v && layersOf(model).find((l) => l.name === v.v)) || CE(line, "get_layer");
  }
  return IGNORED.has(name) ? NONE : CE(line, `${model.varName || "model"}.${name}`);
}

function uniq(S, prefix) {
  const n = (S.uids.get(prefix) || 0) + 1;
  S.uids.set(prefix, n);
  return n === 1 ? prefix : `${prefix}_${n - 1}`;
}

function named(v, line, S, prefix) {
  if (!v || v.t === "none") return uniq(S, prefix);
  return v.t === "str" ? v.v : CE(line, "name");
}

// ---- Keras objects ----

function inputLayer(shape, name, line, S) {
  const L = { t: "layer", cls: "InputLayer", name: named(name, line, S, "input_layer"), line, nodes: [], n: 0, o: new Map() };
  L.out = node(L, [], [shape]).outs[0];
  return L;
}

function options(cls, pos, args, kwargs, line, allowed) {
  if (args.length > pos.length) E(line, "tooManyArgs", { layer: cls });
  const o = new Map(args.map((a, i) => [pos[i], a]));
  for (const [k, v] of kwargs) {
    if (o.has(k)) R(line, "duplicateArgument", { layer: cls, arg: k });
    if (!pos.includes(k) && !allowed(k)) R(line, "unknownArgument", { layer: cls, arg: k });
    o.set(k, v);
  }
  return o;
}

function makeInput(args, kwargs, line, S, tensor) {
  const o = options(tensor ? "Input" : "InputLayer", ["shape", "batch_size", "dtype", "sparse", "ragged", "batch_shape", "name"], args, kwargs, line, (k) => !tensor && /^(input_shape|batch_input_shape)$/.test(k));
  for (const k of ["sparse", "ragged"]) if (o.has(k) && truthy(o.get(k), line)) E(line, "notRead", { layer: "Input", arg: k });
  const v = (k) => (o.get(k) && o.get(k).t !== "none" ? o.get(k) : null);
  let shape;
  const full = v("batch_shape") || v("batch_input_shape");
  if (full) shape = readShape(full, line);
  else {
    const s = v("shape") || v("input_shape") || R(line, "inputNeedsShape");
    shape = [v("batch_size") ? intValue(v("batch_size"), line, "batch_size") : null, ...readShape(s, line)];
  }
  const L = inputLayer(shape, o.get("name"), line, S);
  return tensor ? L.out : L;
}

function makeLayer(cls, args, kwargs, line, S) {
  if (cls === "InputLayer") return makeInput(args, kwargs, line, S, false);
  const spec = LAYERS[cls];
  const o = options(cls, spec.pos, args, kwargs, line, (k) => spec.kw.has(k) || (spec.strict ? /^(seed|name|dtype)$/ : INERT).test(k));
  for (const k of spec.req) if (!o.has(k)) R(line, "missingArgument", { layer: cls, arg: k });
  for (const [k, dflt] of Object.entries(NOT_DEFAULT)) {
    const v = o.get(k);
    if (v && v.t !== "none" && v.v !== dflt) E(line, "notRead", { layer: cls, arg: k });
  }
  const tr = o.get("trainable");
  if (tr && tr.t !== "bool") R(line, "badValue", { layer: cls, arg: "trainable", value: show(tr) });
  const L = { t: "layer", cls, o, line, nodes: [], n: 0, trainable: !tr || tr.v };
  if (o.has("layer")) wrap(L);
  L.name = named(o.get("name"), line, S, snake(cls));
  if (o.has("input_dim") && cls !== "Embedding") L.inputShape = [null, intValue(o.get("input_dim"), line, "input_dim")];
  else if (o.has("input_shape")) L.inputShape = [null, ...readShape(o.get("input_shape"), line)];
  if (cls === "Embedding" && o.has("input_length")) S.notes.push({ code: "inputLength", line });
  return L;
}

function wrap(L) {
  const { cls, o, line } = L, inner = o.get("layer");
  if (inner.t !== "layer") R(line, "notALayer");
  L.inner = inner;
  if (cls !== "Bidirectional") return;
  const rnnOnly = (l) => RNN.includes(l.cls) || R(line, "notRnn", { layer: l.cls || show(l) });
  rnnOnly(inner);
  const mode = o.get("merge_mode");
  L.mode = !mode ? "concat" : mode.t === "none" ? null : mode.v;
  if (!["sum", "mul", "ave", "concat", null].includes(L.mode)) R(line, "badValue", { layer: cls, arg: "merge_mode", value: show(mode) });
}

function makeSequential(args, kwargs, line, S) {
  const o = options("Sequential", ["layers", "trainable", "name"], args, kwargs, line, () => false);
  const tr = o.get("trainable");
  const model = { t: "model", seq: true, cls: "Sequential", layers: [], names: new Set(), line, trainable: !tr || tr.v !== false, nodes: [], n: 0, name: named(o.get("name"), line, S, "sequential") };
  const items = o.get("layers");
  if (items && items.t !== "none") {
    if (!isSeq(items)) R(line, "notALayer");
    for (const item of items.items) seqAdd(model, item, line, S, false);
    rebuild(model, line, S);
  }
  S.models.push(model);
  return model;
}

function seqAdd(model, item, line, S, again) {
  if (item.t === "tensor" && item.node.op.cls === "InputLayer") item = item.node.op;
  if (item.t === "opaque") CE(line, item.path);
  if (item.t !== "layer" && item.t !== "model") R(line, "notALayer");
  const first = !model.layers.length && !model.input;
  if (first && item.inputShape) model.input = inputLayer(item.inputShape, null, item.line, S);
  if (item.cls === "InputLayer") {
    if (!first) R(item.line, "inputNotFirst");
    model.input = item;
  } else {
    if (model.input?.name === item.name || model.names.has(item.name)) R(item.line || line, "duplicateName", { name: item.name });
    model.names.add(item.name);
    model.layers.push(item);
  }
  return again ? rebuild(model, line, S) : NONE;
}

function rebuild(model, line, S) {
  // Sequential._maybe_rebuild: each build is a new Functional (functional_N)
  const first = model.layers[0];
  model.built = false;
  if (!model.input && first && first.built && model.layers.length > 1) model.input = inputLayer((first.seq ? first.input.out : first.inputs[0]).shape, null, line, S);
  return model.input && first ? buildSeq(model, line, S) : NONE;
}

function buildSeq(model, line, S) {
  let x = model.input.out;
  model.layers.forEach((l, i) => {
    if (l.seqIn === x && l.seqOf === model && i < model.layers.length - 1) {
      l.n++;
      x = l.seqOut;
      if (l.maskNames) l.maskNames.forEach((n) => uniq(S, n));
      return;
    }
    const out = callLayer(l, [x], new Map(), l.line || line, S, 1);
    if (out.t !== "tensor") E(l.line || line, "notRead", { layer: l.cls, arg: "return_state" });
    Object.assign(l, { seqOf: model, seqIn: x, seqOut: out });
    x = out;
  });
  model.output = x;
  model.built = true;
  uniq(S, "functional");
  return NONE;
}

function makeModel(args, kwargs, line, S) {
  const o = options("Model", ["inputs", "outputs", "name"], args, kwargs, line, (k) => k === "trainable");
  if (!o.has("inputs") || !o.has("outputs")) E(line, "notRead", { layer: "Model", arg: "inputs" });
  const tensors = (v, what) => {
    const items = v.t === "dict" ? v.keys.map((k, i) => [k.v, v.vals[i]]).sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((p) => p[1]) : isSeq(v) ? v.items.flatMap((x) => (isSeq(x) ? x.items : [x])) : [v];
    return items.length && items.every((x) => x.t === "tensor") ? items : E(line, "notOnTensor");
  };
  const inputs = tensors(o.get("inputs"), "inputs"), outputs = tensors(o.get("outputs"), "outputs");
  if (!inputs.every((x) => x.node.op.cls === "InputLayer")) E(line, "notRead", { layer: "Model", arg: "inputs" });
  const tr = o.get("trainable");
  const model = { t: "model", seq: false, cls: "Functional", inputs, outputs, line, trainable: !tr || tr.v !== false, nodes: [], n: 0, built: true, name: named(o.get("name"), line, S, "functional") };
  graph(model, line);
  S.models.push(model);
  return model;
}

// ops/function.py map_graph: operations by depth, then by first visit
function graph(model, line) {
  const done = new Set(), order = [], index = new Map();
  const walk = (t) => {
    const nd = t.node;
    if (done.has(nd)) return;
    if (!index.has(nd.op)) index.set(nd.op, index.size);
    nd.ins.forEach(walk);
    done.add(nd);
    order.push(nd);
  };
  model.outputs.forEach(walk);
  const inGraph = new Set(order), depth = new Map(), opDepth = new Map();
  for (const nd of order.reverse()) {
    const d = Math.max(depth.get(nd) || 0, opDepth.get(nd.op) || 0);
    opDepth.set(nd.op, d);
    depth.set(nd, d);
    for (const x of nd.ins) if (inGraph.has(x.node)) depth.set(x.node, Math.max(d + 1, depth.get(x.node) || 0));
  }
  for (const t of model.inputs) if (!opDepth.has(t.node.op)) { opDepth.set(t.node.op, 0); index.set(t.node.op, -1); depth.set(t.node, 0); }
  const ops = [...opDepth.keys()].sort((a, b) => opDepth.get(b) - opDepth.get(a) || index.get(a) - index.get(b));
  const known = new Set(model.inputs), names = new Set();
  for (const nd of [...depth.keys()].sort((a, b) => depth.get(b) - depth.get(a))) {
    for (const x of nd.ins) if (!known.has(x)) R(line, "disconnected", { name: x.node.op.name });
    nd.outs.forEach((x) => known.add(x));
  }
  for (const op of ops) {
    if (names.has(op.name)) R(line, "duplicateName", { name: op.name });
    names.add(op.name);
  }
  // utils/summary_utils.py: sequential_like
  const byDepth = new Map();
  for (const [nd, d] of depth) byDepth.set(d, (byDepth.get(d) || 0) + 1 + (nd.ins.length > 1 ? 9 : 0));
  const chain = [...byDepth.values()].every((c) => c === 1) && ops.every((op) => op.nodes.filter((nd) => depth.has(nd)).length <= 1);
  Object.assign(model, { ops, relevant: depth, chain });
}

const layersOf = (model) => (model.seq ? model.layers : model.ops);

function tensorOp(cls, operands, line, S) {
  // ops/numpy.py, operation_utils.broadcast_shapes
  const shapes = operands.map((x) => (x.t === "tensor" ? x.shape : []));
  const out = shapes.reduce((a, b) => {
    const n = Math.max(a.length, b.length), pad = (s) => [...Array(n - s.length).fill(1), ...s];
    const y = pad(b);
    return pad(a).map((d, i) => {
      const e = y[i];
      if (d === 1) return e;
      if (d === null) return e === 1 ? null : e;
      return e === 1 || e === null || e === d ? d : R(line, "shapes", { layer: cls, shapes: `${shapeText(a)}, ${shapeText(b)}` });
    });
  });
  const k = operands.findIndex((x) => x.t === "num");
  const op = { t: "layer", cls, op: true, name: uniq(S, snake(cls)), line, nodes: [], n: 0, o: new Map(), w: { p: 0, nt: 0 }, scalar: k < 0 ? null : [k, show(operands[k])] };
  return node(op, operands.filter((x) => x.t === "tensor"), [out]).outs[0];
}

function node(op, ins, shapes) {
  const nd = { op, idx: op.n++, ins };
  nd.outs = shapes.map((shape, i) => ({ t: "tensor", shape, node: nd, i }));
  op.nodes.push(nd);
  return nd;
}

function tensorsIn(v, line) {
  if (v && v.t === "tensor") return [v];
  return v && isSeq(v) && v.items.length && v.items.every((x) => x.t === "tensor") ? v.items : E(line, "notOnTensor");
}

function callLayer(L, args, kwargs, line, S, inSeq) {
  const { cls } = L;
  if (cls === "InputLayer") CE(line, `${L.name}(...)`);
  let ins, extra;
  const allowed = ["training", ...(cls === "MultiHeadAttention" ? ["query", "value", "key", "return_attention_scores", "use_causal_mask"] : ["inputs", "sequences", "initial_state", "mask"])];
  for (const [k, v] of kwargs) if (!allowed.includes(k) || (k === "mask" && v.t !== "none")) E(line, "notRead", { layer: cls, arg: k });
  if (cls === "MultiHeadAttention") {
    const names = ["query", "value", "key"];
    const got = new Map(args.map((a, i) => [names[i], a]));
    for (const k of names) if (kwargs.has(k)) got.set(k, kwargs.get(k));
    if (!got.get("query") || !got.get("value")) R(line, "missingArgument", { layer: cls, arg: got.get("query") ? "value" : "query" });
    ins = [...args, ...[...kwargs.keys()].filter((k) => names.includes(k)).sort().map((k) => kwargs.get(k))].map((t) => tensorsIn(t, line)[0]);
    const [q, v, k] = [got.get("query"), got.get("value"), got.get("key") || got.get("value")];
    extra = [q.shape, v.shape, k.shape, truthy(kwargs.get("return_attention_scores") || FALSE, line)];
    ins.q = q;
  } else {
    const key = /^(SimpleRNN|LSTM|GRU|ConvLSTM2D|Bidirectional)$/.test(cls) ? "sequences" : "inputs";
    const x = args[0] || kwargs.get(key) || R(line, "missingArgument", { layer: cls, arg: key });
    if (args.length > 1) E(line, "notRead", { layer: cls, arg: "inputs" });
    ins = tensorsIn(x, line);
    const merge = MERGE.includes(cls), many = L.t === "model" && !L.seq && L.inputs.length > 1;
    if (merge ? x.t === "tensor" : ins.length > 1 && !many) R(line, "shapes", { layer: cls, shapes: ins.map((t) => shapeText(t.shape)).join(", ") });
    const st = kwargs.get("initial_state");
    if (st && st.t !== "none") {
      if (!RNN.includes(cls)) E(line, "notRead", { layer: cls, arg: "initial_state" });
      const states = tensorsIn(st, line);
      extra = [ins[0].shape, states.map((t) => t.shape)];
      ins = [...ins, ...states];
    }
  }
  // Masks (layers/layer.py): the first input's goes to a call() that takes one, and into the
  // node if called on one tensor alone
  const x = ins.q || ins[0], m = x.mask, taken = m && args.length === 1 && !kwargs.size && args[0].t === "tensor" && !inSeq && (L.t === "model" || MASKED.test(cls));
  if (taken && (m === 1 || L.t === "model")) E(line, "notRead", { layer: L.name, arg: "mask" });
  if (L.t === "model") return callModel(L, ins, line, S);
  const r = compute(L, extra || ins.map((t) => t.shape), S);
  if (L.w && L.w.p !== r.p) R(line, "sharedMismatch", { name: L.name });
  L.w = L.w || r;
  L.maskNames = null;
  const nd = node(L, taken ? [...ins, m] : ins, r.m ? r.o : [r.o]), outs = nd.outs;
  nd.kw = m && kwargs.size && MASKED.test(cls);
  // compute_mask (1: a mask the calculator does not follow)
  outs[0].mask = cls === "Embedding" ? boolOpt(L, "mask_zero", false) && maskOp(L, "NotEqual", x, x.shape, S)
    : cls === "Masking" ? maskOp(L, "Any", maskOp(L, "NotEqual", x, x.shape, S), x.shape.slice(0, -1), S)
    : MERGE.includes(cls) ? +ins.some((t) => t.mask) : m && (PASS.test(cls) || (/RNN|LSTM|GRU|Bidi/.test(cls) && boolOpt(L.inner || L, "return_sequences", false))) ? m : null;
  if (cls === "Bidirectional" && !L.mode) outs[1].mask = outs[0].mask;
  return r.m ? list(outs) : outs[0];
}

const MASKED = /RNN|LSTM|GRU|^(Bidirectional|TimeDistributed|GlobalAveragePooling1D|BatchNormalization|Softmax)$/;
const PASS = /^(Activation|ELU|LeakyReLU|PReLU|ReLU|Softmax|Dense|(Batch|Group|Layer|Unit)?Normalization|Rescaling|Dropout|SpatialDropout\dD|GaussianNoise|TimeDistributed|MultiHeadAttention)$/;

// An operation making a mask (a row only if a layer takes it)
function maskOp(L, cls, t, shape, S) {
  const op = { t: "layer", cls, op: true, mask: true, name: uniq(S, snake(cls)), line: L.line, nodes: [], n: 0, o: new Map(), w: { p: 0, nt: 0 } };
  (L.maskNames ||= []).push(snake(cls));
  return node(op, [t], [shape]).outs[0];
}

function callModel(M, ins, line, S) {
  if (M.seq && !M.built) {
    if (!M.layers.length) R(line, "buildEmpty");
    M.input = inputLayer(ins[0].shape, null, line, S);
    buildSeq(M, line, S);
  }
  if (!M.built) CE(line, M.name);
  const want = M.seq ? [M.input.out] : M.inputs, outs = M.seq ? [M.output] : M.outputs;
  if (want.length !== ins.length || want.some((t, i) => shapeText(t.shape.slice(1)) !== shapeText(ins[i].shape.slice(1)))) E(line, "notRead", { layer: M.name, arg: "inputs" });
  for (const l of layersOf(M)) if (l.cls !== "InputLayer") l.n++;
  const nd = node(M, ins, outs.map((t) => [ins[0].shape[0], ...t.shape.slice(1)]));
  nd.outs.forEach((t) => { t.mask = +outs.some((o) => o.mask); });
  return outs.length > 1 ? list(nd.outs) : nd.outs[0];
}

function intValue(v, line, what) {
  if (v.t === "num" && v.isInt) return v.v;
  return /^(num|str|bool|none|tuple|list)$/.test(v.t) ? R(line, "badValue", { arg: what, value: show(v) }) : CE(line, v.path || what);
}

function readShape(v, line) {
  if (!isSeq(v)) return /^(num|str|none)$/.test(v.t) ? R(line, "shapeNotTuple", { value: show(v) }) : CE(line, v.path || "shape");
  return v.items.map((d) => (d.t === "none" ? null : intValue(d, line, "shape") < 0 ? R(line, "badValue", { arg: "shape", value: show(v) }) : d.v));
}

function show(v) {
  switch (v.t) {
    case "num": return v.isInt ? String(v.v) : Number.isInteger(v.v) ? v.v.toFixed(1) : String(v.v);
    case "str": return JSON.stringify(v.v);
    case "none": return "None";
    case "bool": return v.v ? "True" : "False";
    case "tuple": return v.items.length === 1 ? `(${show(v.items[0])},)` : `(${v.items.map(show).join(", ")})`;
    case "list": return `[${v.items.map(show).join(", ")}]`;
    case "ns": case "opaque": return v.path;
    case "layer": case "model": return v.name;
  }
  return "?";
}

// ---- Shapes and counts ----

const opt = (L, key, dflt) => (L.o.has(key) && L.o.get(key).t !== "none" ? L.o.get(key) : dflt);
function boolOpt(L, key, dflt) {
  const v = opt(L, key);
  return v === undefined ? dflt : /^(bool|num)$/.test(v.t) ? !!v.v : CE(L.line, key);
}
function strOpt(L, key, dflt) {
  const v = opt(L, key);
  return v === undefined ? dflt : v.t === "str" ? v.v.toLowerCase() : CE(L.line, key);
}
function tupleOpt(L, key, rank, dflt, zero, v = opt(L, key)) {
  if (v === undefined) return dflt;
  const items = v.t === "num" ? Array(rank).fill(v) : isSeq(v) ? v.items : [];
  if (items.length !== rank) RL(L, "badValue", { arg: key, value: show(v) });
  const out = items.map((x) => intValue(x, L.line, key));
  return out.some((x) => x < !zero) ? RL(L, "badValue", { arg: key, value: show(v) }) : out;
}
function positive(L, key, dflt) {
  const v = opt(L, key);
  if (v === undefined) return dflt;
  const x = intValue(v, L.line, key);
  return x > 0 ? x : RL(L, "badValue", { arg: key, value: String(x) });
}
function needRank(L, s, rank, min) {
  if (min ? s.length < rank : s.length !== rank) RL(L, "rank", { rank, min, shape: shapeText(s) });
}
function axisOf(L, s, axis) {
  const a = axis < 0 ? s.length + axis : axis;
  if (!(a >= 0 && a < s.length)) RL(L, "badAxis", { axis, shape: shapeText(s) });
  return s[a] ?? RL(L, "undefinedDim", { shape: shapeText(s) });
}
const last = (L, s) => axisOf(L, s, -1);
function intAxis(L, key = "axis") {
  const v = opt(L, key, num(-1));
  return v.t === "num" && v.isInt ? v.v : E(L.line, "notRead", { layer: L.cls, arg: key });
}

function spatial(L, s, kernel, strides, padding, dil, causalOk) {
  if (!["valid", "same"].includes(padding) && !(causalOk && padding === "causal")) RL(L, "badPadding", { value: padding });
  return s.slice(1, -1).map((n, i) => {
    if (n === null) return null;
    const k = dil[i] * (kernel[i] - 1) + 1;
    const out = Math.floor((padding === "valid" ? n - k : n - 1) / strides[i]) + 1;
    return out > 0 ? out : RL(L, "negativeOutput", { shape: shapeText(s), kernel: kernel.join(" × "), strides: strides.join(", "), padding });
  });
}

const BUILT = /^(UnitNormalization|Softmax|Activation|ReLU|LeakyReLU|ELU|Dropout|GaussianNoise|SpatialDropout\dD|Masking|Reshape|(Global)?(Max|Average)Pooling\dD)$/;
const SAME = new Set("Activation ReLU Softmax ELU LeakyReLU Masking UnitNormalization Dropout GaussianNoise SpatialDropout1D SpatialDropout2D Rescaling RandomContrast RandomFlip RandomRotation RandomZoom RandomTranslation".split(" "));

// -> {o: output shape(s, m: true), p: weights, nt: non-trainable, f/ntf: their arithmetic}
function compute(L, shapes, S) {
  const { cls } = L, s = shapes[0], same = { o: s, p: 0, nt: 0 };
  const eqn = (expr, p) => `${expr} = ${f(p)}`;
  const bad = (code = "shapes") => R(L.line, code, { layer: cls, shapes: shapes.map(shapeText).join(", ") });
  let m;
  if ((m = /^(Conv|SeparableConv|DepthwiseConv)(\d)D(Transpose)?$/.exec(cls))) return conv(L, s, +m[2], m[1], m[3]);
  if ((m = /^ConvLSTM(\d)D$/.exec(cls))) return convLstm(L, s, +m[1]);
  if ((m = /^(Global)?(Max|Average)Pooling(\d)D$/.exec(cls))) {
    const r = +m[3];
    needRank(L, s, r + 2);
    if (m[1]) return { ...same, o: boolOpt(L, "keepdims", false) ? [s[0], ...Array(r).fill(1), s[r + 1]] : [s[0], s[r + 1]] };
    const pool = tupleOpt(L, "pool_size", r, Array(r).fill(2));
    return { ...same, o: [s[0], ...spatial(L, s, pool, tupleOpt(L, "strides", r, pool), strOpt(L, "padding", "valid"), pool.map(() => 1)), s[r + 1]] };
  }
  if (SAME.has(cls)) {
    const r = opt(L, "rate"), ns = L.o.get("negative_slope") || L.o.get("alpha");
    if (r && r.t === "num" && (r.v < 0 || r.v > 1)) RL(L, "badValue", { arg: "rate", value: show(r) });
    if (cls === "LeakyReLU" && ns && !(ns.v >= 0)) RL(L, "badValue", { arg: "negative_slope", value: show(ns) });
    if (cls.startsWith("Spatial")) needRank(L, s, +cls[14] + 2);
    if (cls.startsWith("Random")) {
      if (s.length < 3 || s.length > 4) NR(L, "inputs");
      if (!["horizontal", "vertical", "horizontal_and_vertical"].includes(strOpt(L, "mode", "horizontal"))) RL(L, "badValue", { arg: "mode", value: show(opt(L, "mode")) });
    }
    return same;
  }
  switch (cls) {
    case "Dense": {
      const units = positive(L, "units");
      needRank(L, s, 2, true);
      const n = last(L, s), bias = boolOpt(L, "use_bias", true);
      const p = n * units + (bias ? units : 0);
      return { o: [...s.slice(0, -1), units], p, nt: 0, f: eqn(bias ? `${times(n, units)} + ${f(units)}` : times(n, units), p) };
    }
    case "BatchNormalization": case "LayerNormalization": case "GroupNormalization": {
      const v = opt(L, "axis", num(-1));
      const axes = cls[0] === "L" && isSeq(v) ? v.items : [v];
      if (axes.some((a) => a.t !== "num" || !a.isInt)) NR(L, "axis");
      const dims = axes.map((a) => axisOf(L, s, a.v)), c = prod(dims);
      const g = cls[0] === "G" ? positive(L, "groups", 32) : 1;
      if (c % g) RL(L, "groups", { groups: g, channels: c });
      const k = boolOpt(L, "center", true) + boolOpt(L, "scale", true) + (cls[0] === "B" ? 2 : 0);
      const bn = cls[0] === "B";
      return { o: s, p: k * c, nt: bn ? 2 * c : 0, f: k ? eqn(times(k, ...dims), k * c) : null, ntf: bn && eqn(times(2, c), 2 * c) };
    }
    case "Normalization": {
      const v = L.o.has("axis") ? L.o.get("axis") : num(-1);
      const dims = (v.t === "none" ? [] : isSeq(v) ? v.items : [v]).map((a) => axisOf(L, s, a.v));
      const p = 2 * prod(dims) + 1, x = eqn(`2 × ${dims.length ? times(...dims) : 1} + 1`, p);
      return opt(L, "mean") ? same : { o: s, p, nt: p, f: x, ntf: x };
    }
    case "PReLU": {
      const sh = opt(L, "shared_axes", list([]));
      const axes = (isSeq(sh) ? sh.items : [sh]).map((a) => intValue(a, L.line, "shared_axes"));
      const dims = s.slice(1).map((d, i) => (axes.includes(i + 1) ? 1 : d));
      if (dims.includes(null)) RL(L, "undefinedDim", { shape: shapeText(s) });
      const p = prod(dims);
      return { o: s, p, nt: 0, f: eqn(times(...dims), p) };
    }
    case "Embedding": {
      const v = positive(L, "input_dim"), d = positive(L, "output_dim");
      return { o: [...s, d], p: v * d, nt: 0, f: eqn(times(v, d), v * d) };
    }
    case "Flatten": {
      const rest = s.slice(1);
      return { ...same, o: [s[0], rest.includes(null) ? null : prod(rest)] };
    }
    case "Reshape": {
      const tv = opt(L, "target_shape");
      if (!isSeq(tv)) R(L.line, "shapeNotTuple", { value: show(tv) });
      const t = tv.items.map((d) => intValue(d, L.line, "target_shape")), rest = s.slice(1);
      if (t.filter((d) => d === -1).length > 1 || t.some((d) => d < -1)) NR(L, "target_shape");
      if (rest.includes(null)) return { ...same, o: [s[0], ...t.map((d) => (d === -1 ? null : d))] };
      const size = prod(rest), known = prod(t.filter((d) => d !== -1));
      if (t.includes(-1) ? !known || size % known : size !== known) RL(L, "shapes", { shapes: `${shapeText(s)} → ${show(tv)}` });
      return { ...same, o: [s[0], ...t.map((d) => (d === -1 ? size / known : d))] };
    }
    case "Permute": {
      const dims = readShape(opt(L, "dims"), L.line);
      if ([...dims].sort().some((d, i) => d !== i + 1)) RL(L, "badValue", { arg: "dims", value: show(opt(L, "dims")) });
      needRank(L, s, dims.length + 1);
      return { ...same, o: [s[0], ...dims.map((d) => s[d])] };
    }
    case "Resizing": case "CenterCrop":
      needRank(L, s, 4);
      return { ...same, o: [s[0], positive(L, "height"), positive(L, "width"), s[3]] };
    case "RepeatVector":
      needRank(L, s, 2);
      return { ...same, o: [s[0], positive(L, "n"), s[1]] };
    case "UpSampling1D": case "UpSampling2D": case "ZeroPadding1D": case "ZeroPadding2D": case "Cropping1D": case "Cropping2D": {
      const r = +cls[cls.length - 2], key = { U: "size", Z: "padding", C: "cropping" }[cls[0]];
      needRank(L, s, r + 2);
      const dflt = num(key === "padding" || cls === "Cropping1D" ? 1 : key === "size" ? 2 : 0);
      const v = opt(L, key, dflt);
      const by = (i) => {
        if (key === "size") return tupleOpt(L, key, r, null, false, v)[i];
        const pair = r === 1 ? v : v.t === "num" ? v : isSeq(v) && v.items.length === 2 ? v.items[i] : RL(L, "badValue", { arg: key, value: show(v) });
        const [a, b] = tupleOpt(L, key, 2, null, true, pair);
        return key === "padding" ? a + b : -(a + b);
      };
      const o = s.slice(1, -1).map((d, i) => (d === null ? null : key === "size" ? d * by(i) : d + by(i)));
      return o.some((d) => d !== null && d <= 0) ? bad() : { ...same, o: [s[0], ...o, s[r + 1]] };
    }
    case "SimpleRNN": case "LSTM": case "GRU": return rnn(L, s, shapes[1]);
    case "Bidirectional": {
      const fw = rnn(L.inner, s);
      const [o, ...states] = fw.m ? fw.o : [fw.o];
      const out = L.mode === "concat" ? [...o.slice(0, -1), 2 * o[o.length - 1]] : o;
      const outs = [...(L.mode === null ? [out, out] : [out]), ...states, ...states];
      const p = 2 * fw.p;
      const inner = (r) => `(${r.f.replace(/ = [\d,]+$/, "")})`;
      return { o: outs.length > 1 ? outs : out, m: outs.length > 1, p, nt: 0, f: eqn(`2 × ${inner(fw)}`, p) };
    }
    case "TimeDistributed": {
      needRank(L, s, 3, true);
      const r = compute(L.inner, [[s[0], ...s.slice(2)]], S);
      if (r.m) NR(L, "layer");
      L.inner.w = L.inner.w || r;
      return { ...r, o: [r.o[0], s[1], ...r.o.slice(1)] };
    }
    case "MultiHeadAttention": {
      const [q, v, k, scores] = shapes;
      const H = positive(L, "num_heads"), kd = positive(L, "key_dim"), vd = positive(L, "value_dim", kd);
      if (shapeText(v.slice(1, -1)) !== shapeText(k.slice(1, -1))) bad();
      const od = opt(L, "output_shape");
      const dq = last(L, q), dv = last(L, v), dk = last(L, k);
      const dout = od ? (od.t === "num" ? positive(L, "output_shape") : NR(L, "output_shape")) : dq;
      const b = +boolOpt(L, "use_bias", true);
      const p = (dq + b) * H * kd + (dk + b) * H * kd + (dv + b) * H * vd + (H * vd + b) * dout;
      const pr = (d, x) => (b ? `(${f(d)} + 1) × ${times(H, x)}` : times(d, H, x));
      // its softmax and dropout layers take names at its first call
      if (!L.w) { uniq(S, "softmax"); uniq(S, "dropout"); }
      if (scores && q.length !== 3) NR(L, "return_attention_scores");
      const o = [...q.slice(0, -1), dout];
      return { o: scores ? [o, [q[0], H, q[1], q[1]]] : o, m: scores, p, nt: 0, f: eqn(`${pr(dq, kd)} + ${pr(dk, kd)} + ${pr(dv, vd)} + ${b ? `(${times(H, vd)} + 1) × ${f(dout)}` : times(H, vd, dout)}`, p) };
    }
    case "Concatenate": {
      const r = s.length, ax = ((intAxis(L) % r) + r) % r;
      if (shapes.some((x) => x.length !== r)) bad();
      for (let i = 1; i < r; i++) {
        const dims = new Set(shapes.map((x) => x[i]).filter((d) => d !== null));
        if (i !== ax && dims.size > 1) return dims.has(1) ? NR(L, "inputs") : bad();
      }
      const o = [...s];
      o[ax] = shapes.some((x) => x[ax] === null) ? null : shapes.reduce((a, x) => a + x[ax], 0);
      return { ...same, o };
    }
  }
  if (MERGE.includes(cls)) {
    if (cls === "Subtract" && shapes.length !== 2) bad();
    if (shapes.length < 2 || new Set(shapes.map((x) => x.length)).size > 1) NR(L, "inputs");
    const o = shapes.slice(1).reduce((a, x) => a.map((d, i) => {
      const e = x[i + 1];
      return d === null || e === null ? null : d === 1 ? e : e === 1 || d === e ? d : bad();
    }), s.slice(1));
    const batch = new Set(shapes.map((x) => x[0]).filter((d) => d !== null));
    return { ...same, o: [batch.size === 1 ? [...batch][0] : null, ...o] };
  }
  return E(L.line, "unknownLayer", { name: cls });
}

function conv(L, s, r, kind, transpose) {
  const dw = kind[0] === "D", sep = kind[0] === "S";
  const filters = dw ? 0 : positive(L, "filters");
  const kernel = tupleOpt(L, "kernel_size", r), ones = kernel.map(() => 1);
  const strides = tupleOpt(L, "strides", r, ones), dil = tupleOpt(L, "dilation_rate", r, ones);
  const groups = positive(L, "groups", 1), dm = positive(L, "depth_multiplier", 1);
  if (filters % groups) RL(L, "groups", { groups, channels: filters });
  if (Math.max(...strides) > 1 && Math.max(...dil) > 1) RL(L, "badValue", { arg: "dilation_rate", value: `${show(opt(L, "dilation_rate"))}, strides=${show(opt(L, "strides"))}` });
  const padding = strOpt(L, "padding", "valid");
  needRank(L, s, r + 2);
  const cin = last(L, s);
  if (cin % groups) RL(L, "groups", { groups, channels: cin });
  let sp;
  if (transpose) {
    if (!["valid", "same"].includes(padding)) RL(L, "badPadding", { value: padding });
    const op = tupleOpt(L, "output_padding", r, null, true);
    sp = s.slice(1, -1).map((n, i) => {
      const k = (kernel[i] - 1) * dil[i] + 1, st = strides[i];
      if (n === null) return null;
      if (padding === "valid") return (n - 1) * st + k + (op ? op[i] : Math.max(k, st) - k);
      return op ? (n - 1) * st + (k % 2) + op[i] : n * st;
    });
  } else sp = spatial(L, s, kernel, strides, padding, dil, !sep && !dw && r === 1);
  const bias = boolOpt(L, "use_bias", true), K = prod(kernel), kx = times(...kernel);
  const cdm = dm > 1 ? times(cin, dm) : f(cin);
  let p, expr;
  if (sep) {
    p = K * cin * dm + cin * dm * filters + (bias ? filters : 0);
    expr = `${kx} × ${cdm} + ${cdm} × ${f(filters)}${bias ? ` + ${f(filters)}` : ""}`;
  } else if (dw) {
    p = (K + +bias) * cin * dm;
    expr = `${bias ? `(${kx} + 1)` : kx} × ${cdm}`;
  } else {
    const c = cin / groups;
    p = (K * c + +bias) * filters;
    expr = bias ? `(${kx} × ${f(c)} + 1) × ${f(filters)}` : `${kx} × ${times(c, filters)}`;
  }
  return { o: [s[0], ...sp, dw ? cin * dm : filters], p, nt: 0, f: `${expr} = ${f(p)}` };
}

function rnnOut(L, seq, step) {
  const outs = [boolOpt(L, "return_sequences", false) ? seq : step];
  if (boolOpt(L, "return_state", false)) outs.push(step, ...(L.cls.includes("LSTM") ? [step] : []));
  return outs.length > 1 ? { o: outs, m: true } : { o: outs[0] };
}

function rnn(L, s, states) {
  if (!RNN.includes(L.cls)) RL(L, "notRnn", {});
  if (L.cls[0] === "C") return convLstm(L, s, +L.cls[8]);
  const u = positive(L, "units");
  needRank(L, s, 3);
  const n = last(L, s), bias = boolOpt(L, "use_bias", true);
  const g = { SimpleRNN: 1, LSTM: 4, GRU: 3 }[L.cls];
  const ra = L.cls === "GRU" && boolOpt(L, "reset_after", true);
  const p = g * ((n + u) * u + (bias ? u + ra * u : 0));
  const inner = `(${f(n)} + ${f(u)}) × ${f(u)}${bias ? ` + ${ra ? `2 × ${f(u)}` : f(u)}` : ""}`;
  if (states && (states.length !== (g === 4 ? 2 : 1) || states.some((x) => shapeText(x) !== shapeText([s[0], u])))) NR(L, "initial_state");
  return { ...rnnOut(L, [s[0], s[1], u], [s[0], u]), p, nt: 0, f: `${g > 1 ? `${g} × (${inner})` : inner} = ${f(p)}` };
}

function convLstm(L, s, r) {
  const filters = positive(L, "filters"), kernel = tupleOpt(L, "kernel_size", r), ones = kernel.map(() => 1);
  needRank(L, s, r + 3);
  const step = [s[0], ...s.slice(2)], c = last(L, s);
  const sp = spatial(L, step, kernel, tupleOpt(L, "strides", r, ones), strOpt(L, "padding", "valid"), tupleOpt(L, "dilation_rate", r, ones));
  const bias = boolOpt(L, "use_bias", true);
  const p = 4 * (prod(kernel) * (c + filters) * filters + (bias ? filters : 0));
  const out = [s[0], ...sp, filters];
  return { ...rnnOut(L, [s[0], s[1], ...sp, filters], out), p, nt: 0, f: `4 × (${times(...kernel)} × (${f(c)} + ${f(filters)}) × ${f(filters)}${bias ? ` + ${f(filters)}` : ""}) = ${f(p)}` };
}

// For the explainer: a layer's count with these arguments and inputs, or null
function tryLayer(cls, args, shapes, inner) {
  const val = (v) => (Array.isArray(v) ? { t: "tuple", items: v.map(val) } : typeof v === "number" ? num(v) : typeof v === "string" ? str(v) : v ? TRUE : FALSE);
  const layer = (c, a) => ({ cls: c, line: 0, mode: "concat", o: new Map(Object.entries(a).map(([k, v]) => [k, val(v)])) });
  const L = layer(cls, args);
  if (inner) L.inner = layer(inner, args);
  if ("merge_mode" in args) L.mode = args.merge_mode;
  try { return compute(L, shapes, { uids: new Map() }); } catch { return null; }
}

function section(cls) {
  const m = /^(InputLayer|Dense|Embedding|Bidirectional|TimeDistributed|MultiHeadAttention|PReLU)$|^(Sequential|Functional)$|Normalization$|^ConvLSTM|^(Separable|Depthwise)?Conv|RNN$|^(LSTM|GRU)$|^(Add|Subtract|Multiply|Average|Maximum|Minimum|Concatenate|TrueDivide|Negative)$/.exec(cls);
  if (!m) return "no-weights";
  return m[1] ? cls.toLowerCase() : m[2] ? "nested" : ["normalization", "convlstm", "conv", "rnn", "rnn", "merging"][[/Normalization$/, /^ConvLSTM/, /Conv/, /RNN$/, /^(LSTM|GRU)$/, /./].findIndex((r) => r.test(cls))];
}

// ---- The summary ----

function weights(obj, frozen, seen, acc) {
  frozen = frozen || obj.trainable === false;
  if (obj.t === "model") layersOf(obj).forEach((l) => weights(l, frozen, seen, acc));
  else if (obj.inner && obj.cls[0] === "T") weights(obj.inner, frozen, seen, acc);
  else if (obj.w && !seen.has(obj)) {
    seen.add(obj);
    acc.p += obj.w.p;
    acc.nt += frozen ? obj.w.p : obj.w.nt;
  }
  return acc;
}

function summarize(model) {
  // a layer without build() is built when made (layers/layer.py)
  // (one built before shows its shape and count)
  const count = (l) => weights(l, false, new Set(), { p: 0, nt: 0 });
  if (!model.built) {
    const rows = (model.layers || []).map((l) => {
      const t = l.t === "model" ? l.built && (l.output || l.outputs[0]) : l.w && l.nodes[l.nodes.length - 1].outs[0];
      return { name: l.name, cls: l.cls, line: l.line, shape: t ? shapeText(t.shape) : "?", params: count(l).p, unbuilt: !t && !BUILT.test(l.cls) };
    });
    const tot = count(model);
    return { status: "noInput", modelName: model.name, total: tot.p, trainable: tot.p - tot.nt, nontrainable: tot.nt, rows };
  }
  const rows = layersOf(model).map((op) => {
    const shapes = op.nodes[op.nodes.length - 1].outs.map((t) => t.shape);
    const w = weights(op, model.trainable === false, new Set(), { p: 0, nt: 0 });
    const own = (op.cls[0] === "T" && op.inner) || op, r = own.w || {};
    const conn = model.seq || model.chain ? null : op.nodes.filter((nd) => model.relevant.has(nd)).flatMap((nd) => nd.ins.map((t) => `${t.node.op.name}[${t.node.idx}][${t.i}]`)).join(", ") || "-";
    return {
      name: op.name, cls: op.cls, line: op.line, layer: op, params: w.p, nt: w.nt, frozen: w.p > 0 && w.nt === w.p && r.nt !== w.p, conn, shapes,
      shape: shapes.length === 1 ? shapeText(shapes[0]) : `[${shapes.map(shapeText).join(", ")}]`,
      formula: op.t === "model" ? null : r.f && { expr: r.f, nt: r.ntf },
    };
  });
  const tot = weights(model, false, new Set(), { p: 0, nt: 0 });
  return { modelName: model.name, rows, total: tot.p, trainable: tot.p - tot.nt, nontrainable: tot.nt, model, connected: !model.seq && !model.chain };
}

function activationOf(row) {
  const a = row.cls === "Softmax" ? str("softmax") : row.layer.o && row.layer.o.get("activation");
  return !a ? null : a.t === "str" ? a.v.toLowerCase() : a.path ? a.path.split(".").pop().toLowerCase() : null;
}

function hints(res) {
  const rows = res.rows;
  rows.forEach((row, i) => {
    const L = row.layer, lastDim = row.shapes[0][row.shapes[0].length - 1];
    if (activationOf(row) === "softmax" && lastDim === 1 && (row.cls !== "Softmax" || !L.o.has("axis"))) res.hints.push({ code: "softmaxOne", line: row.line, name: row.name });
    const users = res.connected ? rows.filter((r) => r.conn === `${row.name}[0][0]`) : [rows[i + 1]];
    const nx = users.length === 1 && users[0];
    if (!nx || !nx.layer.o) return;
    if (row.cls === "BatchNormalization" && activationOf(nx) === "softmax" && nx.params === 0) res.hints.push({ code: "bnSoftmax", line: row.line, name: row.name });
    if (/^(Dense|Conv\dD)$/.test(row.cls) && nx.cls === "BatchNormalization" && boolOpt(L, "use_bias", true) && !activationOf(row)) {
      const axis = opt(nx.layer, "axis", num(-1));
      if ((axis.v === -1 || axis.v === row.shapes[0].length - 1) && boolOpt(nx.layer, "center", true)) res.hints.push({ code: "biasBeforeBn", line: row.line, name: row.name, bias: lastDim });
    }
  });
}

// ---- "Copy as a program" ----

function layerCode(L, names) {
  const { pos } = LAYERS[L.cls];
  const args = [...L.o].filter(([k, v]) => !/^(name|input_shape|input_length|layer)$/.test(k) && !(k === "input_dim" && L.cls !== "Embedding") && !/opaque|lambda/.test(v.t));
  const rank = (k) => (pos.includes(k) ? pos.indexOf(k) : 99);
  args.sort((a, b) => rank(a[0]) - rank(b[0]));
  let positional = true;
  const parts = args.map(([k, v], i) => {
    positional = positional && pos[i] === k && (!i || /^(kernel_size|output_dim|key_dim)$/.test(k));
    const val = v.t === "ns" ? v.path : v.t === "layer" ? layerCode(v) : show(v);
    return positional ? val : `${k}=${val}`;
  });
  if (L.inner) parts.unshift(layerCode(L.inner));
  if (names && names.has(L.name)) parts.push(`name=${JSON.stringify(L.name)}`);
  return `keras.layers.${L.cls}(${parts.join(", ")})`;
}

function programLines(model, names, out, done) {
  const ids = out.ids = out.ids || new Map();
  const id = (m) => {
    if (!ids.has(m)) ids.set(m, m === out.top ? "model" : /^[A-Za-z_]\w*$/.test(m.varName) && !/^(model|x\d+|layer\d+)$/.test(m.varName) && ![...ids.values()].includes(m.varName) ? m.varName : m.name.replace(/\W/g, "_"));
    return ids.get(m);
  };
  for (const l of layersOf(model)) if (l.t === "model" && !done.has(l)) { done.add(l); programLines(l, names, out, done); out.push(""); }
  const name = names.has(model.name) || (model === out.top && model.name !== (model.seq ? "sequential" : "functional")) ? `, name=${JSON.stringify(model.name)}` : "";
  const input = (t) => `keras.Input(shape=${pyShape(t.shape.slice(1))}${t.shape[0] !== null ? `, batch_size=${t.shape[0]}` : ""}`;
  if (model.seq) {
    const items = [input(model.input.out) + ")", ...model.layers.map((l) => (l.t === "model" ? id(l) : layerCode(l, names)))];
    out.push(`${id(model)} = keras.Sequential([`, ...items.map((x) => `    ${x},`), `]${name})`);
  } else {
    const v = new Map();
    let k = 0;
    for (const op of model.ops) {
      const nodes = op.nodes.filter((nd) => model.relevant.has(nd));
      if (op.mask) continue; // made again by the layer that makes the mask
      if (op.cls === "InputLayer") {
        v.set(op.out, `x${k++}`);
        out.push(`${v.get(op.out)} = ${input(op.out)}, name=${JSON.stringify(op.name)})`);
        continue;
      }
      let callee = op.t === "model" ? id(op) : layerCode(op, names);
      if (nodes.length > 1 && !op.op && op.t !== "model") { out.push(`layer${k} = ${callee}`); callee = `layer${k++}`; }
      for (const nd of nodes) {
        const outs = nd.outs.map((t) => { v.set(t, `x${k}`); return `x${k++}`; });
        const ins = nd.ins.filter((t) => !t.node.op.mask).map((t) => v.get(t));
        let expr = `${callee}(${ins.length > 1 ? `[${ins.join(", ")}]` : ins[0]})`;
        if (op.op) {
          const xs = op.scalar ? (op.scalar[0] ? [ins[0], op.scalar[1]] : [op.scalar[1], ins[0]]) : ins;
          expr = op.cls === "Negative" ? `-${ins[0]}` : xs.join(` ${{ Add: "+", Subtract: "-", Multiply: "*", TrueDivide: "/" }[op.cls]} `);
        } else if (op.cls === "MultiHeadAttention") expr = `${callee}(${ins.join(", ")}${nd.outs.length > 1 ? ", return_attention_scores=True" : ""})`;
        else if (RNN.includes(op.cls) && ins.length > 1) expr = `${callee}(${ins[0]}, initial_state=[${ins.slice(1).join(", ")}])`;
        else if (nd.kw) expr = `${callee}(${ins[0]}, training=None)`;
        out.push(`${outs.join(", ")} = ${expr}`);
      }
    }
    const ts = (x) => (x.length === 1 ? v.get(x[0]) : `[${x.map((t) => v.get(t)).join(", ")}]`);
    out.push(`${id(model)} = keras.Model(inputs=${ts(model.inputs)}, outputs=${ts(model.outputs)}${name})`);
  }
  if (model.trainable === false) out.push(`${id(model)}.trainable = False`);
  for (const l of layersOf(model)) if (l.trainable === false && l.t !== "model" && !l.o.has("trainable")) out.push(`${id(model)}.get_layer(${JSON.stringify(l.name)}).trainable = False`);
}

function program(res) {
  // name= where a fresh session names otherwise (read back: if a name differs, all of them)
  let names = new Set(), text;
  for (const round of [0, 1]) {
    const out = ["from tensorflow import keras", ""];
    out.top = res.model;
    programLines(res.model, names, out, new Set());
    text = [...out, "model.summary()", ""].join("\n");
    const again = calculate(text);
    if (again.modelName === res.modelName && again.rows && again.rows.length === res.rows.length && again.rows.every((r, i) => r.name === res.rows[i].name)) break;
    names = { has: () => round < 2 };
  }
  return /\btf\./.test(text) ? text.replace("keras\n", "keras\nimport tensorflow as tf\n") : text;
}

// summary_utils.readable_memory_size, 4 bytes a weight
function memory(count) {
  let size = count * 4;
  for (const unit of ["B", "KB", "MB", "GB", "TB"]) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

// ---- The summary() explainer: reads Keras 3's or Keras 2's table, explains each row from the
// shapes and checks the totals ----

const KNOWN = [...Object.keys(LAYERS), "InputLayer", "Lambda", "TrueDivide", "Negative", "NotEqual", "Any", "TFOpLambda", "SlicingOpLambda", "Sequential", "Functional", "Model"];
const ZERO = KNOWN.filter((k) => !/Dense|^(Batch|Layer|Group)?Normalization|Conv|Embedding|RNN|LSTM|GRU|Bidi|Time|MultiHead|PReLU|Seq|Func|Model/.test(k));
const TOTAL = /^\s*(Total|Trainable|Non-trainable|Optimizer) params:\s*([\d,]+)\s*(\([^)]*\))?\s*$/i;
const RECURRENT = /^(SimpleRNN|LSTM|GRU)$/;
const fmt = (x) => x.toLocaleString("en-US");

function className(text) {
  // "BatchNormalization", or cut short ("BatchNo", "BatchNo…")
  const t = text.replace(/\s+/g, "").replace(/\)$/, "").replace(/…$/, "");
  if (KNOWN.includes(t)) return { cls: t, known: true };
  const candidates = /\)\s*$/.test(text) ? [] : KNOWN.filter((k) => k.startsWith(t));
  if (t.length >= 3 && candidates.length === 1) return { cls: candidates[0], known: true, cut: t };
  // between classes without weights (GlobalAveragePool…), zero either way
  if (t.length >= 3 && candidates.length > 1 && candidates.every((k) => ZERO.includes(k))) return { cls: `${t}…`, known: true, zero: true };
  return { cls: t, known: false };
}

function parseShape(text) {
  const m = /^\((.*)\)$/.exec(text.replace(/\s+/g, ""));
  const dims = m ? m[1].split(",").filter((d, i, a) => d !== "" || i < a.length - 1) : ["?"];
  return dims.some((d) => d !== "None" && !/^\d+$/.test(d)) ? null : dims.map((d) => (d === "None" ? null : +d));
}

function readRow(parts, line) {
  const m = /^(.*?)\s*\((.*)$/.exec(parts[0].trim());
  const params = parts[2].replace(/\(unbuilt\)/, "").replace(/[\s,]/g, "");
  if (!m || !/^\d+$/.test(params)) return { error: line };
  const shapeText = parts[1].trim().replace(/\s*,\s*/g, ", ").replace(/([[(])\s+/g, "$1").replace(/\s+\)/g, ")");
  const shapes = shapeText.replace(/\s/g, "").replace(/^[[(](\(.*\))[\])]$/, "$1").split(/(?<=\)),(?=\()/).map(parseShape);
  // conv2d[0][0], max_pooling2d[0]… or ['dense[0][0]']
  const conn = parts[3].replace(/'/g, "");
  const from = [...conn.matchAll(/([A-Za-z_][\w.\/-]*)(…)?((?:\[\d+\])*)(…)?/g)].map((c) => ({ name: c[1], cut: !!(c[2] || c[4]), tensor: /^\[\d+\]\[\d+\]$/.test(c[3]) ? +c[3].slice(c[3].lastIndexOf("[") + 1, -1) : null }));
  return { name: m[1].replace(/\s+/g, ""), ...className(m[2]), shapeText, shapes: shapes.every(Boolean) ? shapes : null, params: +params, line, from };
}

function parse(text) {
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
    // (print(model.summary()) prints None after it)
    else if (!/^[\s_=━─┈`-]*$|^\s*None\s*$/.test(lines[i])) return bad(i);
  }
  return { rows, totals };
}

const end = (s) => (s && s.length ? s[s.length - 1] : null);
const ok = (code, args, nt) => ({ status: "ok", code, args, nt });
const mismatch = (P, what) => ({ status: "mismatch", code: "mismatch", args: [P, what] });
const taken = (code = "exTaken") => ({ status: "taken", code, args: [] });

// What the summary does not show (use_bias, a window, ...) is tried; an unknown input size is
// read from the count, linear in it.
const K = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
function hypotheses(cls, c, cin) {
  const each = (xs, fn) => xs.flatMap(fn);
  const bias = (a) => [a, { ...a, use_bias: false }];
  const r = /(\d)D/.exec(cls), k = (n) => Array(+r[1]).fill(n);
  if (RECURRENT.test(cls)) return each(cls === "GRU" ? [true, false] : [true], (ra) => bias({ units: c, reset_after: ra }));
  if (cls === "Bidirectional") return each(["LSTM", "GRU", "GRU", "SimpleRNN"], (inner, i) => each([["concat", c / 2], ["sum", c]], ([merge_mode, units]) => bias({ units, merge_mode, reset_after: i !== 2, inner })));
  if (cls === "TimeDistributed") return bias({ units: c, inner: "Dense" });
  // windows: squares first, then the other rectangles
  const windows = () => [...K.map(k), ...(r[1] === "2" ? K.flatMap((a) => K.filter((b) => b !== a).map((b) => [a, b])) : [])];
  if (/^(Conv|Separable|ConvLSTM)/.test(cls)) return each(windows(), (w) => each(/^Sep/.test(cls) ? [1, 2, 3, 4] : [1], (dm) => bias({ filters: c, kernel_size: w, depth_multiplier: dm, padding: "same" })));
  if (/^Depthwise/.test(cls) && cin) return each(K, (n) => bias({ kernel_size: k(n), depth_multiplier: c / cin, padding: "same" }));
  if (/Normalization$/.test(cls)) return each([true, false], (center) => [{ groups: 1, center }, { groups: 1, center, scale: false }]);
  return [];
}

function fromCount(row, ins, c) {
  const have = ins.length && ins.every(Boolean);
  const rank = /^(SimpleRNN|LSTM|GRU|Bidirectional)$/.test(row.cls) ? 3 : /^ConvLSTM/.test(row.cls) ? +row.cls[8] + 3 : row.shapes[0].length;
  const shape = (n) => [...Array(rank - 1).fill(null), n];
  for (const hyp of hypotheses(row.cls, c, have && end(ins[0]))) {
    // further inputs: an RNN's states (an axis fewer), or the next call's
    const st = RECURRENT.test(row.cls) ? x => x.slice(1).filter((s) => s.length < x[0].length) : () => [];
    const t = (x) => tryLayer(row.cls, hyp, st(x).length ? [x[0], st(x)] : x.slice(0, 1), hyp.inner);
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

// One row: {status: 'ok'|'taken'|'model'|'mismatch', code, args, nt}
function explainRow(row, ins) {
  const P = row.params, S = row.shapes && row.shapes[0], n = end(ins[0]), c = end(S);
  if (/^(Sequential|Functional|Model)$/.test(row.cls) && P) return { status: "model", code: "exModel", args: [] };
  if (!row.known && P) return taken();
  if (ZERO.includes(row.cls) || row.zero || !row.known || /^(Seq|Fun|Mod)/.test(row.cls)) return P ? mismatch(P, "0") : ok("exZero", []);
  if (!S || c === null) return taken("exUnknownShape");
  const have = ins.length && ins.every(Boolean), known = n !== null && n !== undefined;
  switch (row.cls) {
    case "Dense":
      if (known) return P === n * c + c || P === n * c ? ok("exDense", [n, c, P, P === n * c]) : mismatch(P, `${n} × ${c} + ${c} = ${n * c + c}`);
      return P % c === 0 && P / c >= 2 ? ok("exDenseFirst", [P / c - 1, c, P]) : mismatch(P, `(n + 1) × ${c}`);
    case "BatchNormalization":
      for (const ch of [c, ...S.slice(1, -1).filter((d) => d !== null)]) for (const k of [4, 3, 2]) if (P === k * ch) return ok("exBn", [k, ch, P, 2 * ch], 2 * ch);
      return mismatch(P, `4 × ${c} = ${4 * c}`);
    case "Conv1D": case "Conv2D": {
      // The first row: w = window × input channels (+ 1 with a bias); a square window first
      if (known) break;
      const w = (b) => (P % c ? -1 : P / c - b), square = (x) => x > 0 && K.some((k) => x % (k * k) === 0);
      const b = +!(row.cls === "Conv2D" && !square(w(1)) && square(w(0)));
      return w(b) > 0 ? ok("exConvFirst", [w(b), c, P, !b]) : mismatch(P, `(w + 1) × ${c}`);
    }
    case "Embedding":
      return P % c === 0 && P > 0 ? ok("exEmbedding", [P / c, c, P]) : mismatch(P, `V × ${c}`);
    case "MultiHeadAttention": {
      // only the products matter: h = num_heads × key_dim (query, key), g = num_heads ×
      // value_dim (value, output), equal unless value_dim is set. P - b c = h (q + k + 2b) + g (v + b + c)
      if (!have) break;
      const [q, v, k = v] = ins.map(end);
      const say = (b, h, g) => {
        const one = (d, x) => (b ? `(${d} + 1) × ${x}` : `${d} × ${x}`);
        return `${one(q, h)} + ${one(k, h)} + ${one(v, g)} + ${b ? `(${g} + 1)` : g} × ${c} = ${fmt(P)}`;
      };
      for (const b of [1, 0]) {
        const h = (P - b * c) / (q + v + k + 3 * b + c);
        if (Number.isInteger(h) && h > 0) return ok("exMha", [h, say(b, h, h)]);
      }
      for (const b of [1, 0])
        for (let h = 1; h * (q + k + 2 * b) < P - b * c; h++) {
          const g = (P - b * c - h * (q + k + 2 * b)) / (v + b + c);
          if (Number.isInteger(g)) return ok("exMhaValue", [h, g, say(b, h, g)]);
        }
      return mismatch(P, `(q + 1) × h + (k + 1) × h + (v + 1) × g + (g + 1) × ${c}`);
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
  const expected = have && RECURRENT.test(row.cls) && tryLayer(row.cls, { units: c }, ins.slice(0, 1));
  return expected ? mismatch(P, expected.f) : taken(ins.length && !have ? "exUnknownShape" : "exTaken");
}

function explain(text) {
  if (!text.trim()) return { status: "empty" };
  const parsed = parse(text);
  if (parsed.error) return { status: "error", error: parsed.error };
  const { rows, totals } = parsed;
  let prev = null, sum = 0, nt = 0, ntKnown = true;
  const byName = new Map(), functional = rows.some((r) => r.from.length);
  const source = ({ name, cut, tensor }) => {
    // the shape of a row in "Connected to" (or the only one that starts so, when cut)
    const hits = !cut && byName.has(name) ? [byName.get(name)] : [...byName.values()].filter((r) => cut && r.name.startsWith(name));
    const r = hits.length === 1 && hits[0].shapes;
    return r && (tensor === null && r.length > 1 ? null : r[tensor || 0]);
  };
  for (const row of rows) {
    // (not a mask, which Keras 3 passes as one more input)
    const from = row.from.filter((x) => !/^(NotEqual|Any|All|Logical(Or|And))$/.test((byName.get(x.name) || {}).cls));
    Object.assign(row, explainRow(row, row.cls === "InputLayer" ? [] : functional ? from.map(source) : [prev]));
    byName.set(row.name, row);
    sum += row.params;
    if (row.nt) nt += row.nt;
    else if (row.status !== "ok" && row.params) ntKnown = false;
    prev = row.shapes && row.shapes[0];
  }
  // A README may leave out a totals line: what is there is checked.
  const { total, trainable: tr, optimizer: opt } = totals, ntp = totals["non-trainable"];
  if (total === undefined) return { status: "error", error: { code: "missingTotals" }, rows };
  const checks = [{ key: "total", printed: total, value: sum + (opt || 0), expr: opt !== undefined ? ["rowsSum", `${fmt(sum)} + ${fmt(opt)}`, "optimizer"] : ["rowsSum", fmt(sum)] }];
  if (tr !== undefined && ntp !== undefined) checks.push({ key: "split", printed: tr + ntp, value: sum, expr: ["split", `${fmt(tr)} + ${fmt(ntp)}`] });
  const ntCheck = ntp !== undefined ? { key: "nontrainable", printed: ntp, value: nt, expr: ["bnMoving", fmt(nt)] } : tr !== undefined && { key: "trainable", printed: tr, value: sum - nt, expr: ["rowsMinusBn", `${fmt(sum)} − ${fmt(nt)}`] };
  if (ntKnown && ntCheck) checks.push(ntCheck);
  for (const ch of checks) ch.status = ch.printed === ch.value ? "ok" : "mismatch";
  // Frozen layers (trainable=False): a note when the rest adds up.
  const split = checks[1] && checks[1].key === "split" ? checks[1] : null;
  if (ntKnown && ntCheck && ntCheck.status === "mismatch" && (!split || split.status === "ok") && (ntCheck.printed > ntCheck.value) === (ntCheck.key !== "trainable")) ntCheck.status = "note";
  const bad = rows.some((r) => r.status === "mismatch") || checks.some((ch) => ch.status === "mismatch");
  return { status: bad ? "bad" : "ok", rows, checks, totals };
}

  globalThis.kerasCalc = { LAYERS, snake, shapeText, calculate, show, tryLayer, section, program, memory, className, parseShape, parse, explain };
})();
