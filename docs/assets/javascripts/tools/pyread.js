// Reads the small part of Python that model code is written in: assignments, calls with
// positional and keyword arguments, attribute chains, numbers, strings, tuples and lists.
// It never runs anything; unknown constructs become errors that name their line.

export class ReadError extends Error {
  constructor(line, code, params = {}) {
    super(code);
    this.line = line;
    this.code = code;
    this.params = params;
  }
}

const OPS = ["**=", "//=", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", ":="];
const SINGLE = "()[]{},:.=+-*/%<>@;~&|^!";

// Tokens: {k: 'num'|'str'|'name'|'op'|'nl', v, line}. Newlines inside brackets are dropped.
export function tokenize(text) {
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
    let m = /(?:[rRbBuUfF]{0,2})("""|'''|"|')/y;
    m.lastIndex = i;
    const sm = m.exec(text);
    if (sm && (sm[0].length === sm[1].length || /^[A-Za-z]/.test(c))) {
      const q = sm[1];
      let j = i + sm[0].length, s = "";
      for (;;) {
        if (j >= n) throw new ReadError(start, "unclosedString");
        if (text.startsWith(q, j)) { j += q.length; break; }
        const ch = text[j];
        if (ch === "\n") {
          if (q.length === 1) throw new ReadError(start, "unclosedString");
          line++;
        }
        if (ch === "\\" && j + 1 < n) { s += text[j + 1]; if (text[j + 1] === "\n") line++; j += 2; continue; }
        s += ch; j++;
      }
      out.push({ k: "str", v: s, line: start, prefix: sm[0].slice(0, -q.length).toLowerCase() });
      i = j; continue;
    }
    const num = /(?:\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)[jJ]?/y;
    num.lastIndex = i;
    let mm = num.exec(text);
    if (mm && /[\d.]/.test(c)) {
      const raw = mm[0].replace(/_/g, "");
      if (/[jJ]$/.test(raw)) throw new ReadError(line, "syntax", { what: mm[0] });
      const isInt = /^\d+$/.test(raw);
      out.push({ k: "num", v: Number(raw), isInt, line });
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
    throw new ReadError(line, "syntax", { what: c });
  }
  if (depth > 0) throw new ReadError(open[open.length - 1], "unclosedBracket");
  push("nl", "");
  return out;
}

// Statements: lists of tokens ending at a newline (or ';'), with the line they start on.
export function statements(tokens) {
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

// Expression parser over one statement's tokens. Nodes: {n: kind, line, ...}.
export class Parser {
  constructor(toks) { this.t = toks; this.i = 0; }
  peek(o = 0) { return this.t[this.i + o]; }
  at(v, o = 0) { const t = this.peek(o); return t && t.k === "op" && t.v === v; }
  atName(v) { const t = this.peek(); return t && t.k === "name" && t.v === v; }
  line() { const t = this.peek() || this.t[this.t.length - 1]; return t ? t.line : 0; }
  expect(v) {
    if (!this.at(v)) {
      const t = this.peek();
      throw new ReadError(this.line(), t ? "unexpected" : "missing", { what: t ? t.v : v, expected: v });
    }
    this.i++;
  }
  done() { return this.i >= this.t.length; }
  expr() { return this.additive(); }
  additive() {
    let a = this.term();
    while (this.at("+") || this.at("-")) {
      const op = this.peek().v; this.i++;
      a = { n: "bin", op, a, b: this.term(), line: a.line };
    }
    return a;
  }
  term() {
    let a = this.unary();
    while (this.at("*") || this.at("//") || this.at("/") || this.at("%")) {
      const op = this.peek().v; this.i++;
      a = { n: "bin", op, a, b: this.unary(), line: a.line };
    }
    return a;
  }
  unary() {
    if (this.at("-") || this.at("+")) {
      const op = this.peek().v, line = this.line(); this.i++;
      return { n: "neg", op, a: this.unary(), line };
    }
    const a = this.postfix();
    if (this.at("**")) { this.i++; return { n: "bin", op: "**", a, b: this.unary(), line: a.line }; }
    return a;
  }
  postfix() {
    let a = this.atom();
    for (;;) {
      if (this.at(".")) {
        this.i++;
        const t = this.peek();
        if (!t || t.k !== "name") throw new ReadError(this.line(), "missing", { what: "name", expected: "name" });
        this.i++;
        a = { n: "attr", obj: a, name: t.v, line: a.line };
      } else if (this.at("(")) {
        const line = this.line();
        this.i++;
        const args = [], kwargs = [];
        while (!this.at(")")) {
          if (this.at("*") || this.at("**")) throw new ReadError(this.line(), "starArgs");
          const t = this.peek(), next = this.peek(1);
          if (t && t.k === "name" && next && next.k === "op" && next.v === "=") {
            this.i += 2;
            kwargs.push([t.v, this.expr()]);
          } else {
            if (kwargs.length) throw new ReadError(this.line(), "positionalAfterKeyword");
            args.push(this.expr());
          }
          if (!this.at(")")) this.expect(",");
        }
        this.i++;
        a = { n: "call", fn: a, args, kwargs, line };
      } else if (this.at("[")) {
        throw new ReadError(this.line(), "subscript");
      } else return a;
    }
  }
  seq(close) {
    const items = [];
    let comma = false;
    while (!this.at(close)) {
      items.push(this.expr());
      if (this.at(",")) { this.i++; comma = true; } else break;
    }
    this.expect(close);
    return { items, comma };
  }
  atom() {
    const t = this.peek();
    if (!t) throw new ReadError(this.line(), "missing", { what: "value", expected: "value" });
    const line = t.line;
    if (t.k === "num") { this.i++; return { n: "num", v: t.v, isInt: t.isInt, line }; }
    if (t.k === "str") {
      let s = "";
      while (this.peek() && this.peek().k === "str") {
        if (this.peek().prefix.includes("f")) throw new ReadError(line, "fstring");
        s += this.peek().v; this.i++;
      }
      return { n: "str", v: s, line };
    }
    if (t.k === "name") {
      if (["lambda", "if", "for", "not", "and", "or", "in", "is", "yield", "await"].includes(t.v)) {
        throw new ReadError(line, "syntax", { what: t.v });
      }
      this.i++;
      if (t.v === "None") return { n: "none", line };
      if (t.v === "True" || t.v === "False") return { n: "bool", v: t.v === "True", line };
      return { n: "name", v: t.v, line };
    }
    if (t.v === "(") {
      this.i++;
      const { items, comma } = this.seq(")");
      if (items.length === 1 && !comma) return items[0];
      return { n: "tuple", items, line };
    }
    if (t.v === "[") {
      this.i++;
      return { n: "list", items: this.seq("]").items, line };
    }
    throw new ReadError(line, "unexpected", { what: t.v, expected: "value" });
  }
}
