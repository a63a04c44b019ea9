// The tools' pages in both languages: the parameter calculator (its table updated as one
// types; the code lives in the address, #code=...) and the summary() explainer. A classic
// script (see calc.js), loaded after calc.js.
"use strict";
(() => {
const { calculate, program, memory, section, explain } = globalThis.kerasCalc;

const lang = (document.documentElement.lang || "en").toLowerCase().startsWith("zh") ? "zh" : "en";

const c = (s) => `<code>${esc(s)}</code>`;
function esc(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]);
}

const EN = {
  // calculator
  codeLabel: "Your model code",
  copyProgram: "Copy as a program",
  copyLink: "Copy link",
  copied: "Copied.",
  copyFailed: "Select the text below and copy it.",
  programTitle: "A complete program that prints the same summary",
  layerType: "Layer (type)", outputShape: "Output Shape", paramNo: "Param #", conn: "Connected to", how: "Where the count comes from",
  noWeights: "no weights",
  inner: "the weights of the model inside",
  ofWhich: (e, nt) => `${e}, of which ${nt} non-trainable (moving mean and variance)`,
  frozen: (e) => `${e}, all non-trainable (trainable=False)`,
  total: "Total params", trainable: "Trainable params", nontrainable: "Non-trainable params",
  ok: (n) => `${n} layers counted as Keras 3 builds them.`,
  empty: "Paste the code of a Keras model: the table appears as you type.",
  line: (n) => (n ? `Line ${n}: ` : ""),
  refused: "Keras would refuse this model. ",
  noInput: (rows) => `No input shape is given, so Keras cannot build the model and shows no counts (${rows} layers). Add ${c("keras.Input(shape=(...))")} first, ${c("input_shape=")} to the first layer, or call ${c("model.build(input_shape=(None, ...))")}.`,
  hintSoftmaxOne: (n) => `${c(n)} applies a softmax over one unit: its output is always 1.0. See <a href="../../summary/#softmax-one-unit">Reading model.summary()</a>.`,
  hintBnSoftmax: (n) => `${c(n)} normalises the logits right before the softmax. See <a href="../../batchnorm/anatomy/#bn-before-softmax">BatchNormalization right before the softmax</a>.`,
  hintBias: (n, b) => `${c(n)} adds a bias that the BatchNormalization after it cancels; ${c("use_bias=False")} saves ${b} parameter${`${b}` === "1" ? "" : "s"}. See <a href="../../batchnorm/placement/#use-bias">Dense(use_bias=False) before BN</a>.`,
  noteInputLength: `${c("input_length")} is ignored by Keras 3 (it is deprecated); give the input with ${c("keras.Input(shape=(...))")}.`,
  err: {
    tooLong: (p) => `The text has ${p.lines} lines; this tool reads up to 3000 lines.`,
    noModel: () => `No model was found. Write ${c("model = keras.Sequential([...])")} or ${c("model = keras.Model(inputs, outputs)")}.`,
    unclosedString: () => "a string is not closed.",
    unclosedBracket: () => "a bracket is not closed.",
    syntax: (p) => `${c(p.what)} is syntax the calculator does not read.`,
    unexpected: (p) => `unexpected ${c(p.what)}${p.expected ? `, expected ${c(p.expected)}` : ""}.`,
    missing: (p) => `${c(p.expected)} is missing.`,
    positionalAfterKeyword: () => "a positional argument follows a keyword argument.",
    statement: (p) => `the calculator reads assignments and calls only, not ${c(p.what)}.`,
    assignTarget: () => `the calculator reads assignments to a single name (and ${c(".trainable = ...")}) only.`,
    cannotEvaluate: (p) => `the calculator cannot work out the value of ${c(p.what)}.`,
    undefined: (p) => `${c(p.name)} is not defined in the pasted code.`,
    unknownLayer: (p) => `the calculator cannot count ${c(p.name)} layers.`,
    tooManyArgs: (p) => `${c(p.layer)} is given more positional arguments than it takes.`,
    duplicateArgument: (p) => `${c(p.layer)} is given ${c(p.arg)} twice.`,
    unknownArgument: (p) => `${c(p.layer)} takes no argument ${c(p.arg)}.`,
    notRead: (p) => `the calculator does not read ${c(p.layer)}'s ${c(p.arg)} argument with this value.`,
    inputNeedsShape: () => `the input needs a ${c("shape")}.`,
    inputNotFirst: () => "an input can only come first in a Sequential model.",
    notALayer: () => "only layers can be added to a Sequential model.",
    duplicateName: (p) => `a second layer named ${c(p.name)}: layer names in a model must be unique.`,
    shapeNotTuple: (p) => `a shape must be a tuple such as ${c("(10,)")}, not ${c(p.value)}.`,
    missingArgument: (p) => `${c(p.layer)} needs ${c(p.arg)}.`,
    rank: (p) => `${c(p.layer)} expects an input with ${p.min ? "at least " : ""}${p.rank} axes (batch included), but gets ${c(p.shape)}.`,
    badAxis: (p) => `axis ${c(p.axis)} does not exist in the input ${c(p.shape)} of ${c(p.layer)}.`,
    undefinedDim: (p) => `${c(p.layer)} needs a defined size on the axis it works on; its input is ${c(p.shape)}.`,
    badPadding: (p) => `${c(p.layer)}'s padding must be "valid" or "same", not ${c(p.value)}.`,
    negativeOutput: (p) => `${c(p.layer)} on input ${c(p.shape)} with window ${p.kernel}, strides ${p.strides} and padding "${p.padding}" would have an output of size zero or less.`,
    buildConflict: (p) => `${c("build()")} gives another input shape than the model already has, ${c(p.shape)}.`,
    buildEmpty: () => `${c("build()")} is called on a model with no layers yet.`,
    applications: (p) => `${c(p.name)} is a pretrained model; the calculator does not count its layers.`,
    keras2: (p) => `Keras 3 has no ${c(p.name)}, a Keras 2 name: import layers from ${c("keras.layers")}.`,
    badCall: (p) => `${c(p.fn + "()")} is called with arguments that do not match its parameters.`,
    badValue: (p) => `${p.layer ? `${c(p.layer)}'s ` : ""}${c(p.arg)} cannot be ${c(p.value)}.`,
    block: (p) => `the calculator cannot tell whether or how often this ${c(p.what)} block runs${p.why ? ` (${c(p.why)} is not defined in the pasted code)` : ""}, and the block changes the model.`,
    custom: (p) => `${c(p.name)} is a class defined in the pasted code (a custom layer or model): the calculator cannot know its weights.`,
    disconnected: (p) => `the outputs need ${c(p.name)}, which does not come from the model's inputs.`,
    groups: (p) => `${c(p.layer)} cannot split ${p.channels} channels into ${p.groups} groups.`,
    lambda: () => `a ${c("Lambda")} layer or a ${c("lambda")} runs code the calculator does not read.`,
    notOnTensor: () => `a layer is called on something other than a Keras tensor (data?); call it on ${c("keras.Input(...)")} or on another layer's output.`,
    notRnn: (p) => `${c("Bidirectional")} wraps a recurrent layer (${c("LSTM")}, ${c("GRU")}, ${c("SimpleRNN")}), not ${c(p.layer)}.`,
    setInBlock: (p) => `${c(p.name)} is set in a ${c(p.what)} block that the calculator skips.`,
    shapes: (p) => `${c(p.layer)} cannot take inputs of shape ${c(p.shapes)}.`,
    sharedMismatch: (p) => `${c(p.name)} is called again on an input that its weights do not fit.`,
    tensorFunction: (p) => `${c(p.name)} on a Keras tensor is not read; use a Keras layer instead.`,
    tooMuch: () => "the code runs too long for the calculator (a long loop or a deep recursion).",
    unpack: () => "the number of names does not match the number of values.",
  },
  // explainer
  summaryLabel: "Text printed by model.summary()",
  explainEmpty: "Paste the text that model.summary() printed: each row is explained as you type.",
  explainOk: (n) => `${n} rows; every row and total adds up.`,
  explainBad: (n) => `${n} rows; some do not add up (marked below).`,
  explanation: "Explanation",
  exDense: (i, u, p, nb) => `${i} inputs (from the previous row's shape) × ${u} units${nb ? ` = ${p}, without bias (use_bias=False)` : ` + ${u} biases = ${p}`}`,
  exDenseFirst: (i, u, p) => `(${i} + 1) × ${u} = ${p}: ${i} inputs, read from the count (the input shape is not a row), plus one bias per unit`,
  exBn: (k, ch, p, nt) => `${k} × ${ch} = ${p}: one ${+k === 4 ? "gamma, beta, " : +k === 3 ? "gamma or beta, " : ""}moving mean and moving variance per channel; ${nt} of them (moving mean and variance) are non-trainable`,
  exConvFirst: (w, fl, p, nb) => `${nb ? w : `(${w} + 1)`} × ${fl} = ${p}: each filter has ${w} weights (window height × width × input channels; for example ${{ 9: "3 × 3 × 1", 27: "3 × 3 × 3" }[w] || "…"})${nb ? ", without bias (use_bias=False)" : " plus a bias"}`,
  exEmbedding: (v, d, p) => `${v} × ${d} = ${p}: a vocabulary of ${v} rows, ${d} numbers each`,
  exZero: "no weights",
  exTaken: "a layer the explainer does not know; its count is taken as printed",
  exModel: "a model used as a layer: its count is that model's total, taken as printed",
  exMha: (h, e) => `${e}: query, key and value projections to num_heads × key_dim = ${h} values each, and the output projection`,
  exMhaValue: (h, g, e) => `${e}: query and key projections to num_heads × key_dim = ${h} values each, the value projection to num_heads × value_dim = ${g}, and the output projection`,
  exFormula: (cls, e, n) => `${e}${n ? ` (${n} inputs, read from the count)` : ""}`,
  rowsMinusBn: "sum of the rows minus the moving statistics",
  exUnknownShape: "the output shape is not shown, so the count is taken as printed",
  mismatch: (p, what) => `${p} does not match: ${what}`,
  // the punctuation between the parts that checkText() puts together
  paren: (s) => ` (${s})`, semi: "; ",
  totalOk: (label, n, expr) => `${label}: ${n} = ${expr}`,
  totalBad: (label, n, expr, v) => `${label}: ${n} is printed, but ${expr} = ${v}`,
  rowsSum: "sum of the rows",
  bnMoving: "the BatchNormalization layers' moving statistics",
  frozenNote: "layers frozen with trainable=False would explain the difference",
  optimizer: "optimizer variables (after training)",
  noTable: "No summary table was found: paste the whole output, from the \"Model:\" line to the totals.",
  unreadLine: (n, t) => `Line ${n}: the explainer cannot read ${c(t)}.`,
  missingTotals: "The totals lines (Total params, Trainable params, Non-trainable params) are missing.",
};

const ZH = {
  codeLabel: "模型代码",
  copyProgram: "复制为完整程序",
  copyLink: "复制链接",
  copied: "已复制。",
  copyFailed: "请选中下面的文本后复制。",
  programTitle: "打印同样摘要的完整程序",
  layerType: "Layer (type)", outputShape: "Output Shape", paramNo: "Param #", conn: "Connected to", how: "参数个数的由来",
  noWeights: "没有权重",
  inner: "内层模型的权重",
  ofWhich: (e, nt) => `${e}，其中 ${nt} 个（移动均值和移动方差）是不可训练参数`,
  frozen: (e) => `${e}，全部是不可训练参数（trainable=False）`,
  total: "Total params", trainable: "Trainable params", nontrainable: "Non-trainable params",
  ok: (n) => `按 Keras 3 的构建方式统计了 ${n} 层。`,
  empty: "粘贴一个 Keras 模型的代码，表格会随输入即时出现。",
  line: (n) => (n ? `第 ${n} 行：` : ""),
  refused: "Keras 会拒绝这个模型。",
  noInput: (rows) => `代码里没有给出输入形状，Keras 无法构建模型，也就显示不出参数个数（共 ${rows} 层）。请在最前面加上 ${c("keras.Input(shape=(...))")}，或给第一层传入 ${c("input_shape=")}，或调用 ${c("model.build(input_shape=(None, ...))")}。`,
  hintSoftmaxOne: (n) => `${c(n)} 在只有一个单元的输出上做 softmax，结果永远是 1.0。参见<a href="../../summary/#softmax-one-unit">读懂 model.summary()</a>。`,
  hintBnSoftmax: (n) => `${c(n)} 紧挨在 softmax 之前归一化 logits。参见<a href="../../batchnorm/anatomy/#bn-before-softmax">紧挨 softmax 之前的批量归一化</a>。`,
  hintBias: (n, b) => `${c(n)} 的偏置会被其后的批量归一化抵消；改用 ${c("use_bias=False")} 可省下 ${b} 个参数。参见<a href="../../batchnorm/placement/#use-bias">批量归一化之前的 Dense(use_bias=False)</a>。`,
  noteInputLength: `Keras 3 会忽略 ${c("input_length")}（该参数已弃用）；请用 ${c("keras.Input(shape=(...))")} 给出输入。`,
  err: {
    tooLong: (p) => `文本共有 ${f(p.lines)} 行；本工具最多读取 3,000 行。`,
    noModel: () => `没有找到模型。请写成 ${c("model = keras.Sequential([...])")} 或 ${c("model = keras.Model(inputs, outputs)")}。`,
    unclosedString: () => "有字符串没有闭合。",
    unclosedBracket: () => "有括号没有闭合。",
    syntax: (p) => `计算器读不懂 ${c(p.what)} 这种写法。`,
    unexpected: (p) => `此处不应出现 ${c(p.what)}${p.expected ? `，应为 ${c(p.expected)}` : ""}。`,
    missing: (p) => `缺少 ${c(p.expected)}。`,
    positionalAfterKeyword: () => "位置参数不能放在关键字参数之后。",
    statement: (p) => `计算器只读取赋值和函数调用，不读取 ${c(p.what)}。`,
    assignTarget: () => `计算器只读取给单个变量名的赋值（以及 ${c(".trainable = ...")}）。`,
    cannotEvaluate: (p) => `计算器算不出 ${c(p.what)} 的值。`,
    undefined: (p) => `粘贴的代码里没有定义 ${c(p.name)}。`,
    unknownLayer: (p) => `计算器无法统计 ${c(p.name)} 层的参数。`,
    tooManyArgs: (p) => `传给 ${c(p.layer)} 的位置参数比它接受的多。`,
    duplicateArgument: (p) => `${c(p.layer)} 的 ${c(p.arg)} 被传了两次。`,
    unknownArgument: (p) => `${c(p.layer)} 没有 ${c(p.arg)} 这个参数。`,
    notRead: (p) => `${c(p.layer)} 的 ${c(p.arg)} 参数取这个值时，计算器无法处理。`,
    inputNeedsShape: () => `输入需要给出 ${c("shape")}。`,
    inputNotFirst: () => "在 Sequential 模型里，输入只能放在最前面。",
    notALayer: () => "Sequential 模型里只能添加层。",
    duplicateName: (p) => `出现了第二个名为 ${c(p.name)} 的层：同一模型里的层名不能重复。`,
    shapeNotTuple: (p) => `形状必须是元组，例如 ${c("(10,)")}，而不是 ${c(p.value)}。`,
    missingArgument: (p) => `${c(p.layer)} 需要参数 ${c(p.arg)}。`,
    rank: (p) => `${c(p.layer)} 要求输入${p.min ? "至少" : ""}有 ${p.rank} 个轴（含批次轴），实际输入为 ${c(p.shape)}。`,
    badAxis: (p) => `${c(p.layer)} 的输入 ${c(p.shape)} 没有轴 ${c(p.axis)}。`,
    undefinedDim: (p) => `${c(p.layer)} 作用的轴必须有确定的大小；它的输入是 ${c(p.shape)}。`,
    badPadding: (p) => `${c(p.layer)} 的 padding 只能是 "valid" 或 "same"，而不是 ${c(p.value)}。`,
    negativeOutput: (p) => `${c(p.layer)} 作用在输入 ${c(p.shape)} 上，窗口 ${p.kernel}、步长 ${p.strides}、padding "${p.padding}"，输出大小会是零或负数。`,
    buildConflict: (p) => `${c("build()")} 给出的输入形状与模型已有的 ${c(p.shape)} 不同。`,
    buildEmpty: () => `模型还没有任何层就调用了 ${c("build()")}。`,
    applications: (p) => `${c(p.name)} 是预训练模型，计算器不统计它的各层。`,
    keras2: (p) => `Keras 3 没有 ${c(p.name)}（这是 Keras 2 的名字）：请从 ${c("keras.layers")} 导入各层。`,
    badCall: (p) => `调用 ${c(p.fn + "()")} 时传入的参数与它的形参对不上。`,
    badValue: (p) => `${p.layer ? `${c(p.layer)} 的 ` : ""}${c(p.arg)} 不能是 ${c(p.value)}。`,
    block: (p) => `计算器无法判断这个 ${c(p.what)} 块是否执行、执行几次${p.why ? `（粘贴的代码里没有定义 ${c(p.why)}）` : ""}，而这个块会改变模型。`,
    custom: (p) => `${c(p.name)} 是粘贴的代码里自定义的类（自定义层或模型），计算器无法知道它有哪些权重。`,
    disconnected: (p) => `模型的输出用到了 ${c(p.name)}，但它不是由模型的输入算出来的。`,
    groups: (p) => `${c(p.layer)} 无法把 ${p.channels} 个通道分成 ${p.groups} 组。`,
    lambda: () => `计算器不读取 ${c("Lambda")} 层和 ${c("lambda")} 函数里的代码。`,
    notOnTensor: () => `有一个层不是在 Keras 张量上调用的（也许是在数据上）；请在 ${c("keras.Input(...)")} 或另一层的输出上调用它。`,
    notRnn: (p) => `${c("Bidirectional")} 只能包装循环层（${c("LSTM")}、${c("GRU")}、${c("SimpleRNN")}），不能包装 ${c(p.layer)}。`,
    setInBlock: (p) => `${c(p.name)} 是在计算器跳过的 ${c(p.what)} 块里赋值的。`,
    shapes: (p) => `${c(p.layer)} 不能接受形状为 ${c(p.shapes)} 的输入。`,
    sharedMismatch: (p) => `再次调用 ${c(p.name)} 时，输入与它已有的权重对不上。`,
    tensorFunction: (p) => `计算器不读取作用在 Keras 张量上的 ${c(p.name)}；请改用 Keras 层。`,
    tooMuch: () => "这段代码要执行的步骤太多（循环太长或递归太深），计算器读不完。",
    unpack: () => "等号左边的变量个数与右边的值的个数不一致。",
  },
  summaryLabel: "model.summary() 打印的文本",
  explainEmpty: "粘贴 model.summary() 打印的文本，每一行的解释会随输入即时出现。",
  explainOk: (n) => `共 ${n} 行；每一行和每项合计都对得上。`,
  explainBad: (n) => `共 ${n} 行；有些对不上（见下方标记）。`,
  explanation: "解释",
  exDense: (i, u, p, nb) => `${i} 个输入（来自上一行的形状）× ${u} 个单元${nb ? ` = ${p}，没有偏置（use_bias=False）` : ` + ${u} 个偏置 = ${p}`}`,
  exDenseFirst: (i, u, p) => `(${i} + 1) × ${u} = ${p}：输入形状不在表中，${i} 个输入是从参数个数反推的，每个单元另有一个偏置`,
  exBn: (k, ch, p, nt) => `${k} × ${ch} = ${p}：每个通道一个${+k === 4 ? " gamma、beta、" : +k === 3 ? " gamma 或 beta、" : ""}移动均值和移动方差；其中 ${nt} 个（移动均值和移动方差）是不可训练参数`,
  exConvFirst: (w, fl, p, nb) => `${nb ? w : `(${w} + 1)`} × ${fl} = ${p}：每个滤波器有 ${w} 个权重（窗口高 × 宽 × 输入通道数，例如 ${{ 9: "3 × 3 × 1", 27: "3 × 3 × 3" }[w] || "…"}），${nb ? "没有偏置（use_bias=False）" : "外加一个偏置"}`,
  exEmbedding: (v, d, p) => `${v} × ${d} = ${p}：词表有 ${v} 行，每行 ${d} 个数`,
  exZero: "没有权重",
  exTaken: "解读器不认识这种层，参数个数沿用打印出的值",
  exModel: "当作层使用的模型：参数个数是该模型自己的参数合计，沿用打印出的值",
  exMha: (h, e) => `${e}：query、key、value 各投影到 num_heads × key_dim = ${h} 个值，再加上输出投影`,
  exMhaValue: (h, g, e) => `${e}：query、key 各投影到 num_heads × key_dim = ${h} 个值，value 投影到 num_heads × value_dim = ${g} 个值，再加上输出投影`,
  exFormula: (cls, e, n) => `${e}${n ? `（${n} 个输入是从参数个数反推的）` : ""}`,
  rowsMinusBn: "各行之和减去移动统计量",
  exUnknownShape: "输出形状没有显示，参数个数沿用打印出的值",
  mismatch: (p, what) => `${p} 对不上：${what}`,
  paren: (s) => `（${s}）`, semi: "；",
  totalOk: (label, n, expr) => `${label}：${n} = ${expr}`,
  totalBad: (label, n, expr, v) => `${label}：打印的是 ${n}，但${expr} = ${v}`,
  rowsSum: "各行之和",
  bnMoving: "批量归一化层的移动统计量",
  frozenNote: "如果有层用 trainable=False 冻结了，就能解释这个差别",
  optimizer: "优化器变量（训练之后）",
  noTable: `没有找到摘要表格：请粘贴完整的输出，从 ${c("Model:")} 那一行一直到最后几行合计。`,
  unreadLine: (n, t) => `第 ${n} 行：解读器读不懂 ${c(t)}。`,
  missingTotals: "缺少最后几行合计（Total params、Trainable params、Non-trainable params）。",
};

const T = lang === "zh" ? ZH : EN;

// Numbers as summary() writes them: 12,345
const f = (x) => (typeof x === "number" ? String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ",") : x);

// Each tool reads at once what is short, and a long paste once typing pauses.
function listen(area, update) {
  let timer = 0;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    if (area.value.length < 20000) update();
    else timer = setTimeout(update, 250);
  });
}

// ---- The parameter calculator ----

const CODE_EXAMPLE = `from tensorflow import keras

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

const calculator = document.getElementById("kt-calculator");

function renderCalculator(res) {
  const status = calculator.querySelector(".kt-status");
  const table = calculator.querySelector("table");
  const totals = calculator.querySelector(".kt-totals");
  const hints = calculator.querySelector(".kt-hints");
  calculator.dataset.state = res.status;
  calculator.querySelector(".kt-copy-program").disabled = res.status !== "ok";
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
  const unbuilt = res.status === "noInput";
  if (res.status !== "ok" && !unbuilt) {
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
    let how = unbuilt ? "" : r.formula ? r.formula.expr : r.params ? T.inner : T.noWeights;
    if (r.frozen) how = T.frozen(how);
    else if (r.formula && r.formula.nt) how = T.ofWhich(how, r.formula.nt);
    return `<tr data-name="${esc(r.name)}" data-class="${r.cls}" data-shape="${r.shape}" data-params="${r.params}"${r.unbuilt ? " data-unbuilt" : ""} data-connected="${esc(r.conn || "")}" data-line="${r.line}">` +
      `<td><code>${esc(r.name)}</code> (<a href="#${section(r.cls)}">${r.cls}</a>)</td><td><code>${r.shape}</code></td><td>${r.unbuilt ? "0 (unbuilt)" : f(r.params)}</td>${conn ? `<td>${esc(r.conn)}</td>` : ""}<td>${esc(how)}</td></tr>`;
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
function updateCalculator() {
  const text = calculator.querySelector("textarea").value;
  let res;
  try {
    res = calculate(text);
  } catch (e) {
    // A bug of the calculator must not break the page: say so, and show no number.
    res = { status: "internal", error: { line: 0, code: "internal" }, hints: [], notes: [] };
    T.err.internal = () => esc(String(e));
  }
  last = res;
  renderCalculator(res);
  calculator.querySelector(".kt-program").hidden = true;
  const hash = text && text !== CODE_EXAMPLE ? `#code=${encodeURIComponent(text)}` : "";
  if (hash.length < 60000) history.replaceState(null, "", hash || location.pathname + location.search);
}

async function copy(text, where) {
  const note = calculator.querySelector(".kt-copied");
  try {
    await navigator.clipboard.writeText(text);
    note.textContent = T.copied;
  } catch {
    note.textContent = T.copyFailed;
  }
  if (where) where.hidden = false;
}

function initCalculator() {
  calculator.innerHTML = `
<p><label for="kt-code"><strong>${T.codeLabel}</strong></label></p>
<textarea id="kt-code" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="14"></textarea>
<p class="kt-actions"><button type="button" class="md-button kt-copy-program">${T.copyProgram}</button>
<button type="button" class="md-button kt-copy-link">${T.copyLink}</button> <span class="kt-copied" role="status"></span></p>
<div class="kt-program" hidden><p>${T.programTitle}</p><pre><code class="kt-program-text"></code></pre></div>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<ul class="kt-hints" hidden></ul>
<div class="md-typeset__scrollwrap"><table hidden><caption></caption><thead></thead><tbody></tbody></table></div>
<pre class="kt-totals" hidden></pre>`;
  const area = calculator.querySelector("textarea");
  let text = CODE_EXAMPLE;
  if (location.hash.startsWith("#code=")) {
    try { text = decodeURIComponent(location.hash.slice(6)); } catch { /* a damaged link: keep the example */ }
  }
  area.value = text;
  listen(area, updateCalculator);
  calculator.querySelector(".kt-copy-program").addEventListener("click", () => {
    if (!last || last.status !== "ok") return;
    const text = program(last);
    const box = calculator.querySelector(".kt-program");
    box.querySelector("code").textContent = text;
    copy(text, box);
  });
  calculator.querySelector(".kt-copy-link").addEventListener("click", () => copy(location.href));
  updateCalculator();
}

// ---- The summary() explainer ----

const SUMMARY_EXAMPLE = `Model: "sequential"
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

const explainer = document.getElementById("kt-explainer");

function rowText(r) {
  if (r.code === "mismatch") return T.mismatch(f(r.args[0]), r.args[1]);
  const v = T[r.code];
  return typeof v === "function" ? v(...r.args.map(f)) : v;
}

function checkText(ch) {
  const label = { total: T.total, split: `${T.trainable} + ${T.nontrainable}`, nontrainable: T.nontrainable, trainable: T.trainable }[ch.key];
  const [what, numbers, extra] = ch.expr;
  const expr = what === "split" ? numbers : numbers + T.paren(`${T[what]}${extra ? ` + ${T[extra]}` : ""}`);
  if (ch.key === "split") return ch.status === "ok" ? T.totalOk(label, expr, f(ch.value) + T.paren(T.rowsSum)) : T.totalBad(label, f(ch.printed), T.rowsSum, f(ch.value));
  if (ch.status === "ok") return T.totalOk(label, f(ch.printed), expr);
  const text = T.totalBad(label, f(ch.printed), T[what], f(ch.value));
  return ch.status === "note" ? text + T.semi + T.frozenNote : text;
}

function renderExplainer(res) {
  const status = explainer.querySelector(".kt-status");
  const table = explainer.querySelector("table");
  const checks = explainer.querySelector(".kt-checks");
  explainer.dataset.state = res.status;
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

function updateExplainer() {
  let res;
  try {
    res = explain(explainer.querySelector("textarea").value);
  } catch (e) {
    res = { status: "internal", error: { code: "noTable" } }; // a bug: a message, no numbers
  }
  renderExplainer(res);
}

function initExplainer() {
  explainer.innerHTML = `
<p><label for="kt-summary"><strong>${T.summaryLabel}</strong></label></p>
<textarea id="kt-summary" class="kt-input" spellcheck="false" autocapitalize="off" autocomplete="off" rows="16" wrap="off"></textarea>
<div class="kt-status admonition" role="status" aria-live="polite"></div>
<div class="md-typeset__scrollwrap"><table hidden><thead><tr><th>${T.layerType}</th><th>${T.outputShape}</th><th>${T.paramNo}</th><th>${T.explanation}</th></tr></thead><tbody></tbody></table></div>
<ul class="kt-checks" hidden></ul>`;
  const area = explainer.querySelector("textarea");
  area.value = SUMMARY_EXAMPLE;
  listen(area, updateExplainer);
  updateExplainer();
}

if (calculator) initCalculator();
if (explainer) initExplainer();
})();
