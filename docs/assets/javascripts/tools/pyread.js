// Reads the part of Python that model code is written in: statements and their blocks,
// expressions with calls, attributes, subscripts, comparisons, f-strings, lambdas and list
// comprehensions. It never runs anything; unknown constructs become errors that name their line.

export class ReadError extends Error {
  constructor(line, code, params = {}) {
    super(code);
    this.line = line;
    this.code = code;
    this.params = params;
  }
}

const OPS = ["**=", "//=", "...", "->", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", ":=", "<<", ">>"];
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
    const m = /(?:[rRbBuUfF]{0,2})("""|'''|"|')/y;
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
    const num = /(?:0[xXoObB][\da-fA-F_]+|\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?|\.\d[\d_]*(?:[eE][+-]?\d+)?)[jJ]?/y;
    num.lastIndex = i;
    let mm = num.exec(text);
    if (mm && /[\d.]/.test(c) && !(c === "." && !/\d/.test(text[i + 1] || ""))) {
      const raw = mm[0].replace(/_/g, "");
      if (/[jJ]$/.test(raw)) throw new ReadError(line, "syntax", { what: mm[0] });
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

const KEYWORDS = ["lambda", "if", "else", "for", "not", "and", "or", "in", "is", "yield", "await", "def", "class", "return", "import", "from", "as", "with", "while", "pass", "del", "global", "try", "except", "raise", "assert", "async", "elif", "finally", "break", "continue", "nonlocal"];
const COMPARE = ["==", "!=", "<", ">", "<=", ">="];

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
  // a, b = 1, 2 and return x, y: a tuple without brackets
  exprList() {
    const line = this.line(), items = [this.item()];
    let comma = false;
    while (this.at(",")) { this.i++; comma = true; if (!this.done()) items.push(this.item()); }
    return comma || items[0].n === "star" ? { n: "tuple", items, line } : items[0];
  }
  expr() {
    if (this.atName("lambda")) {
      const line = this.line();
      this.i++;
      let depth = 0;
      while (!this.done() && !(depth === 0 && this.at(":"))) {
        if (this.at("(") || this.at("[") || this.at("{")) depth++;
        if (this.at(")") || this.at("]") || this.at("}")) depth--;
        this.i++;
      }
      this.expect(":");
      this.expr();
      return { n: "lambda", line };
    }
    const a = this.or();
    if (this.atName("if")) {
      this.i++;
      const c = this.or();
      if (!this.atName("else")) throw new ReadError(this.line(), "missing", { what: "", expected: "else" });
      this.i++;
      return { n: "ifexp", c, a, b: this.expr(), line: a.line };
    }
    return a;
  }
  or() { return this.bool("or", () => this.and()); }
  and() { return this.bool("and", () => this.not()); }
  bool(op, next) {
    let a = next();
    while (this.atName(op)) { this.i++; a = { n: "boolop", op, a, b: next(), line: a.line }; }
    return a;
  }
  not() {
    if (this.atName("not")) { const line = this.line(); this.i++; return { n: "not", a: this.not(), line }; }
    let a = this.additive();
    for (;;) {
      const t = this.peek();
      let op = null;
      if (t && t.k === "op" && COMPARE.includes(t.v)) { op = t.v; this.i++; }
      else if (this.atName("in")) { op = "in"; this.i++; }
      else if (this.atName("not") && this.peek(1) && this.peek(1).v === "in") { op = "not in"; this.i += 2; }
      else if (this.atName("is")) { this.i++; op = "is"; if (this.atName("not")) { this.i++; op = "is not"; } }
      if (!op) return a;
      a = { n: "cmp", op, a, b: this.additive(), line: a.line };
    }
  }
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
    while (this.at("*") || this.at("//") || this.at("/") || this.at("%") || this.at("@")) {
      const op = this.peek().v; this.i++;
      a = { n: "bin", op, a, b: this.unary(), line: a.line };
    }
    return a;
  }
  unary() {
    if (this.at("-") || this.at("+") || this.at("~")) {
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
          const t = this.peek(), next = this.peek(1);
          if (this.at("*") || this.at("**")) {
            const star = this.peek().v; this.i++;
            (star === "*" ? args : kwargs).push(star === "*" ? { n: "star", a: this.expr(), line } : ["**", this.expr()]);
          } else if (t && t.k === "name" && next && next.k === "op" && next.v === "=") {
            this.i += 2;
            kwargs.push([t.v, this.expr()]);
          } else {
            if (kwargs.length) throw new ReadError(this.line(), "positionalAfterKeyword");
            const e = this.expr();
            args.push(this.atName("for") ? this.comp(e, ")") : e);
          }
          if (!this.at(")")) this.expect(",");
        }
        this.i++;
        a = { n: "call", fn: a, args, kwargs, line };
      } else if (this.at("[")) {
        const line = this.line();
        this.i++;
        const items = [];
        let comma = false;
        while (!this.at("]")) {
          items.push(this.slice());
          if (this.at(",")) { this.i++; comma = true; } else break;
        }
        this.expect("]");
        a = { n: "sub", obj: a, idx: items.length === 1 && !comma ? items[0] : { n: "tuple", items, line }, line };
      } else return a;
    }
  }
  slice() {
    const line = this.line();
    const part = () => (this.at(":") || this.at("]") || this.at(",") ? null : this.expr());
    const a = part();
    if (!this.at(":")) return a;
    const s = { n: "slice", a, line };
    this.i++;
    s.b = part();
    if (this.at(":")) { this.i++; s.c = part(); }
    return s;
  }
  item() {
    if (this.at("*")) { const line = this.line(); this.i++; return { n: "star", a: this.additive(), line }; }
    return this.expr();
  }
  seq(close) {
    const items = [];
    let comma = false;
    while (!this.at(close)) {
      items.push(this.item());
      if (items.length === 1 && this.atName("for")) return { comp: this.comp(items[0], close) };
      if (this.at(",")) { this.i++; comma = true; } else break;
    }
    this.expect(close);
    return { items, comma };
  }
  // [elt for target in iterable if condition ...]: the closing bracket is left for the caller
  // (seq() expects it), or eaten here when called from a call's argument list.
  comp(elt, close) {
    const gens = [];
    while (this.atName("for")) {
      this.i++;
      const target = this.targets();
      if (!this.atName("in")) throw new ReadError(this.line(), "missing", { what: "", expected: "in" });
      this.i++;
      const gen = { target, iter: this.or(), conds: [] };
      while (this.atName("if")) { this.i++; gen.conds.push(this.or()); }
      gens.push(gen);
    }
    if (close !== ")") this.expect(close);
    return { n: "comp", elt, gens, line: elt.line };
  }
  // Assignment and loop targets: a name, an attribute, or tuples of them.
  targets() {
    const line = this.line(), items = [];
    let comma = false;
    do {
      if (this.at("(") || this.at("[")) {
        const close = this.at("(") ? ")" : "]";
        this.i++;
        const inner = this.targets();
        this.expect(close);
        items.push(inner);
      } else items.push(this.postfix());
      if (this.at(",")) { this.i++; comma = true; } else break;
    } while (!this.done() && !this.atName("in") && !this.at("="));
    return items.length === 1 && !comma ? items[0] : { n: "tuple", items, line };
  }
  fstring(t) {
    // f"block{i}_conv": literal parts and {expression[:spec]} parts
    const parts = [], s = t.v;
    let lit = "";
    for (let j = 0; j < s.length; j++) {
      const ch = s[j];
      if ((ch === "{" || ch === "}") && s[j + 1] === ch) { lit += ch; j++; continue; }
      if (ch === "}") throw new ReadError(t.line, "syntax", { what: "}" });
      if (ch !== "{") { lit += ch; continue; }
      let depth = 0, k = j + 1, colon = -1;
      for (; k < s.length; k++) {
        const d = s[k];
        if ("([{".includes(d)) depth++;
        else if (")]".includes(d) || (d === "}" && depth > 0)) depth--;
        else if (d === "}") break;
        else if ((d === ":" || d === "!") && depth === 0 && colon < 0) colon = k;
      }
      if (k >= s.length) throw new ReadError(t.line, "unclosedBracket");
      const code = s.slice(j + 1, colon < 0 ? k : colon);
      const toks = tokenize(code).filter((x) => x.k !== "nl").map((x) => ({ ...x, line: t.line }));
      const p = new Parser(toks);
      const e = p.expr();
      if (!p.done()) throw new ReadError(t.line, "syntax", { what: "f\"{…}\"" });
      parts.push(lit, { e, spec: colon < 0 ? "" : s.slice(colon, k) });
      lit = "";
      j = k;
    }
    parts.push(lit);
    return parts;
  }
  atom() {
    const t = this.peek();
    if (!t) throw new ReadError(this.line(), "missing", { what: "value", expected: "value" });
    const line = t.line;
    if (t.k === "num") { this.i++; return { n: "num", v: t.v, isInt: t.isInt, line }; }
    if (t.k === "str") {
      const parts = [];
      while (this.peek() && this.peek().k === "str") {
        const s = this.peek();
        if (s.prefix.includes("f")) parts.push(...this.fstring(s));
        else parts.push(s.v);
        this.i++;
      }
      return parts.every((p) => typeof p === "string") ? { n: "str", v: parts.join(""), line } : { n: "fstr", parts, line };
    }
    if (t.k === "name") {
      if (KEYWORDS.includes(t.v)) throw new ReadError(line, "syntax", { what: t.v });
      this.i++;
      if (t.v === "None") return { n: "none", line };
      if (t.v === "True" || t.v === "False") return { n: "bool", v: t.v === "True", line };
      return { n: "name", v: t.v, line };
    }
    if (t.v === "(") {
      this.i++;
      const r = this.seq(")");
      if (r.comp) return r.comp;
      const { items, comma } = r;
      if (items.length === 1 && !comma && items[0].n !== "star") return items[0];
      return { n: "tuple", items, line };
    }
    if (t.v === "[") {
      this.i++;
      const r = this.seq("]");
      return r.comp || { n: "list", items: r.items, line };
    }
    if (t.v === "{") {
      this.i++;
      const keys = [], vals = [];
      while (!this.at("}")) {
        if (this.at("**")) throw new ReadError(line, "syntax", { what: "**" });
        keys.push(this.expr());
        this.expect(":");
        vals.push(this.expr());
        if (!this.at("}")) this.expect(",");
      }
      this.i++;
      return { n: "dict", keys, vals, line };
    }
    throw new ReadError(line, "unexpected", { what: t.v, expected: "value" });
  }
}
