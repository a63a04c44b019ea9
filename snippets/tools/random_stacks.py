"""Random models, built by Keras: the reference the parameter calculator is tested
against.

A seeded generator writes each model as code, in the ways people write it: a
Sequential list or model.add(...) lines, or the functional API (keras.Input, layers
called on tensors, a residual connection added back with layers.add or +, branches
joined by layers.concatenate, a layer called twice, self-attention, a Sequential
called as a layer, a second input and a second output); the layers written as
layers.X, keras.layers.X, tf.keras.layers.X or a bare X; sizes given by names; the
model built by a function with a default argument, called with or without it; layers
added in a loop over a list; a block written as a function and called in a loop over
range(n), with names made by f-strings. Keras builds each model in a fresh session,
and this program prints its code, then each row of model.summary() (name and class,
output shape, parameter count and, for a functional model with branches, "Connected
to") and the totals, or the error with which Keras refused the model.
"""

import os
import random
import re
from unittest import mock

import tensorflow as tf
from tensorflow import keras

MODELS = 160
rng = random.Random(0)
layers = keras.layers
namespace = {"keras": keras, "layers": layers, "tf": tf}
# bare names, as after `from tensorflow.keras.layers import *`
namespace.update({name: getattr(layers, name) for name in dir(layers)})


def fresh_session():
    """Layer names start again at dense, dense_1, ..., as in a new Python session."""
    # Keras 3: without its full garbage collection, which would take most of the time
    try:
        keras.utils.clear_session(free_memory=False)
    except (AttributeError, TypeError):  # Keras 2 has no keras.utils.clear_session
        keras.backend.clear_session()


def summary_rows(model):
    """model.summary(): name, rows and totals, printed wide enough for every cell."""
    lines = []
    # Keras 3 draws the table with rich, as wide as the terminal it believes it has.
    with mock.patch.dict(os.environ, COLUMNS="400", JUPYTER_COLUMNS="400"):
        model.summary(line_length=400, print_fn=lines.append)
    text = "\n".join(lines)
    totals = [int(n.replace(",", "")) for n in re.findall(r"params: ([\d,]+)", text)]
    rows, columns = [], None
    for line in text.splitlines():
        if line.startswith("│"):  # Keras 3: a row is one line at this width
            rows.append([cell.strip() for cell in line.strip("│").split("│")])
        elif line.strip().startswith("Layer (type)"):  # Keras 2: fixed columns
            heads = ["Output Shape", "Param #", "Connected to"]
            columns = [0, *(line.index(h) for h in heads if h in line), None]
        elif columns and re.match(r" ?\S+ \(", line):
            rows.append([line[a:b].strip() for a, b in zip(columns, columns[1:])])
    name = re.search(r'Model: "(.*)"', text).group(1)
    return name, rows, totals[:3]


def pick(*choices):
    return rng.choice(choices)


def kind_of(weights):
    """A layer kind, {kind: weight}: the heavier, the likelier."""
    return rng.choices(list(weights), list(weights.values()))[0]


def layer(cls, *args, **kwargs):
    """A layer call as code; `~` stands for the prefix of the model's layer names."""
    text = [a[1:] if str(a).startswith("=") else repr(a) for a in args]
    text += [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"~{cls}({', '.join(text)})".replace("'", '"')


# A writer takes what is known of its input, {"rank": axes with the batch axis,
# "size": the first spatial axis, "last": the channels}, and returns (layer call,
# the same for its output). That only steers the choice towards layers that fit;
# Keras decides.


def vector_layer(x):
    kind = kind_of(
        {"Dense": 6, "BatchNormalization": 1, "LayerNormalization": 1, "ReLU": 1}
        | {"Activation": 1, "LeakyReLU": 1, "PReLU": 1, "ELU": 1, "Softmax": 1}
        | {"Dropout": 1, "GaussianNoise": 1, "UnitNormalization": 1}
        | {"GroupNormalization": 1, "Normalization": 1}
        | {"RepeatVector": 1, "Reshape": 1}
    )
    if kind == "Dense":
        kwargs = {}
        if rng.random() < 0.3:
            kwargs["activation"] = pick("relu", "softmax", "sigmoid")
        if rng.random() < 0.2:
            kwargs["use_bias"] = False
        if rng.random() < 0.1:
            kwargs["trainable"] = False
        units = pick(1, 2, 3, 8, 16, 38, 64)
        return layer(kind, units, **kwargs), dict(x, last=units)
    if kind == "BatchNormalization":
        kwargs = {}
        if rng.random() < 0.2:
            kwargs["center"] = False
        if rng.random() < 0.2:
            kwargs["scale"] = False
        return layer(kind, **kwargs), x
    if kind == "Activation":
        return layer(kind, pick("relu", "softmax", "tanh")), x
    if kind == "LeakyReLU":
        return layer(kind, **pick({}, {"negative_slope": 0.2})), x
    if kind in ("Dropout", "GaussianNoise"):
        return layer(kind, pick(0.1, 0.5)), x
    if kind == "GroupNormalization":
        return layer(kind, groups=pick(1, 2, 4)), x
    if kind == "RepeatVector":
        steps = pick(2, 5)
        return layer(kind, steps), {"rank": 3, "size": steps, "last": x["last"]}
    if kind == "Reshape":
        last = x["last"] or 4
        if last % 2:
            return layer(kind, (last, 1)), {"rank": 3, "size": last, "last": 1}
        return layer(kind, (2, -1)), {"rank": 3, "size": 2, "last": last // 2}
    return layer(kind), x


def image_layer(x):
    size, small = x["size"], x["size"] < 6
    kind = kind_of(
        {"Conv2D": 5, "SeparableConv2D": 1, "DepthwiseConv2D": 1}
        | {"Conv2DTranspose": 1, "MaxPooling2D": 0 if small else 2}
        | {"AveragePooling2D": 0 if small else 1, "Cropping2D": 0 if small else 1}
        | {"BatchNormalization": 1, "Activation": 1, "LeakyReLU": 1, "Dropout": 1}
        | {"UpSampling2D": 1, "ZeroPadding2D": 1, "RandomFlip": 1}
        | {"RandomRotation": 1, "RandomZoom": 1, "Rescaling": 1}
        | {"SpatialDropout2D": 1}
    )
    if "Conv" in kind:
        kernel = pick(1, 3, 3, 5, (3, 3), (1, 3))
        args = [] if kind == "DepthwiseConv2D" else [pick(4, 8, 16, 32)]
        kwargs = {}
        if rng.random() < 0.3:
            kwargs["strides"] = pick(1, 2, (2, 1))
        if rng.random() < 0.6:
            kwargs["padding"] = pick("same", *["valid"] * (1 if small else 3))
        if rng.random() < 0.2:
            kwargs["use_bias"] = False
        if kind == "Conv2D" and "strides" not in kwargs and rng.random() < 0.1:
            kwargs["dilation_rate"] = 2
        if kind in ("SeparableConv2D", "DepthwiseConv2D") and rng.random() < 0.2:
            kwargs["depth_multiplier"] = 2
        if rng.random() < 0.3:
            kwargs["activation"] = "relu"
        k = kernel if isinstance(kernel, int) else max(kernel)
        if kind == "Conv2DTranspose":
            size = size * 2 + k
        elif kwargs.get("padding", "valid") == "valid":
            size -= k - 1
        if kwargs.get("strides", 1) != 1 and kind != "Conv2DTranspose":
            size //= 2
        return layer(kind, *args, kernel, **kwargs), dict(x, size=size)
    if kind in ("MaxPooling2D", "AveragePooling2D"):
        # Keras 3 gives MaxPooling2D a default pool_size, not AveragePooling2D
        kwargs = {"pool_size": pick(2, 3, (2, 2), (3, 2))}
        if kind == "MaxPooling2D" and rng.random() < 0.4:
            del kwargs["pool_size"]
        if rng.random() < 0.3:
            kwargs["strides"] = pick(1, 2)
        if rng.random() < 0.4:
            kwargs["padding"] = pick("same", "valid")
        return layer(kind, **kwargs), dict(x, size=size // 2)
    if kind == "UpSampling2D":
        kwargs = pick({}, {"size": 2}, {"size": (2, 1)})
        return layer(kind, **kwargs), dict(x, size=size * 2)
    if kind == "ZeroPadding2D":
        return layer(kind, pick(1, (1, 2), ((1, 0), (0, 1)))), dict(x, size=size + 2)
    if kind == "Cropping2D":
        return layer(kind, pick(1, ((1, 0), (0, 1)))), dict(x, size=size - 2)
    if kind == "RandomFlip":
        return layer(kind, pick("horizontal", "horizontal_and_vertical")), x
    if kind in ("RandomRotation", "RandomZoom"):
        return layer(kind, pick(0.1, 0.2)), x
    if kind == "Rescaling":
        return layer(kind, 1 / 255), x
    if kind == "Activation":
        return layer(kind, "relu"), x
    if kind in ("Dropout", "SpatialDropout2D"):
        return layer(kind, 0.25), x
    return layer(kind), x


def sequence_layer(x):
    size = x["size"]
    kind = kind_of(
        {"Conv1D": 3, "LSTM": 2, "GRU": 2, "SimpleRNN": 1, "Bidirectional": 2}
        | {"TimeDistributed": 1, "MaxPooling1D": 1, "AveragePooling1D": 1}
        | {"UpSampling1D": 1, "ZeroPadding1D": 1, "Cropping1D": 1, "Permute": 1}
        | {"LayerNormalization": 1, "Dropout": 1, "SpatialDropout1D": 1}
        | {"SeparableConv1D": 1, "DepthwiseConv1D": 1, "Conv1DTranspose": 1}
    )
    if "Conv1D" in kind:
        kwargs = {}
        if rng.random() < 0.5:
            kwargs["padding"] = pick("same", "valid", "causal")
        if rng.random() < 0.3:
            kwargs["strides"] = 2
        kernel, filters = pick(1, 3, 5), pick(4, 8, 16)
        if kind != "Conv1D" and kwargs.get("padding") == "causal":
            del kwargs["padding"]
        if size and kwargs.get("padding", "valid") == "valid":
            size -= kernel - 1
        if kind == "DepthwiseConv1D":
            return layer(kind, kernel, **kwargs), x
        code = layer(kind, filters, kernel, **kwargs)
        return code, dict(x, size=size, last=filters)
    if kind in ("LSTM", "GRU", "SimpleRNN", "Bidirectional"):
        rnn = pick("LSTM", "GRU", "SimpleRNN") if kind == "Bidirectional" else kind
        units = pick(2, 4, 8, 16)
        kwargs = {"return_sequences": True} if rng.random() < 0.7 else {}
        if rnn == "GRU" and rng.random() < 0.3:
            kwargs["reset_after"] = False
        if rng.random() < 0.1:
            kwargs["use_bias"] = False
        code = layer(rnn, units, **kwargs)
        if kind == "Bidirectional":
            mode = pick("concat", "concat", "concat", "sum", "ave")
            merge = {} if mode == "concat" else {"merge_mode": mode}
            code = layer(kind, "=" + code, **merge)
            units *= 2 if mode == "concat" else 1
        if kwargs.get("return_sequences"):
            return code, dict(x, last=units)
        return code, {"rank": 2, "size": None, "last": units}
    if kind == "TimeDistributed":
        units = pick(3, 8)
        return layer(kind, "=" + layer("Dense", units)), dict(x, last=units)
    if kind in ("MaxPooling1D", "AveragePooling1D"):
        return layer(kind, pick(2, 3)), dict(x, size=size and size // 2)
    if kind == "UpSampling1D":
        return layer(kind, 2), dict(x, size=size and size * 2)
    if kind == "ZeroPadding1D":
        return layer(kind, pick(1, (2, 1))), dict(x, size=size and size + 2)
    if kind == "Cropping1D":
        return layer(kind, pick((1, 1), (0, 2))), dict(x, size=size and size - 2)
    if kind in ("Dropout", "SpatialDropout1D"):
        return layer(kind, 0.1), x
    if kind == "Permute":
        return layer(kind, (2, 1)), dict(x, size=x["last"], last=size)
    return layer(kind), x


def video_layer(x):
    """Frames: (time, height, width, channels)."""
    if x["rank"] == 4:  # one frame, after a ConvLSTM2D without return_sequences
        return image_layer(x)
    kind = kind_of(
        {"ConvLSTM2D": 2, "Conv3D": 1, "MaxPooling3D": 1, "AveragePooling3D": 1}
    )
    if kind == "ConvLSTM2D":
        kwargs = {"padding": pick("same", "valid")}
        if rng.random() < 0.7:
            kwargs["return_sequences"] = True
        rank = 5 if kwargs.get("return_sequences") else 4
        code = layer(kind, pick(2, 4), pick(1, 3), **kwargs)
        return code, dict(x, rank=rank, size=6)
    if kind == "Conv3D":
        return layer(kind, pick(2, 4), pick(1, 3), padding="same"), x
    return layer(kind, (1, 2, 2)), x


# family: (input shape, its layers, a head that ends in a vector)
FAMILIES = {
    "vector": (lambda: (pick(3, 10, 20, 784),), vector_layer, None),
    "image": (
        lambda: (*[pick(8, 12, 16, 28)] * 2, pick(1, 3)),
        image_layer,
        lambda: layer(pick("Flatten", "GlobalAveragePooling2D", "GlobalMaxPooling2D")),
    ),
    "sequence": (
        lambda: (pick(5, 10, None), pick(1, 4, 8)),
        sequence_layer,
        lambda: pick(
            *map(layer, ["GlobalMaxPooling1D", "GlobalAveragePooling1D"]),
            layer("LSTM", 8),
        ),
    ),
    "video": (
        lambda: (pick(3, None), 8, 8, pick(1, 2)),
        video_layer,
        lambda: layer(pick("Flatten", "GlobalAveragePooling3D")),
    ),
}


def chain(family, x, count):
    calls = []
    for _ in range(count):
        write = vector_layer if x["rank"] == 2 else FAMILIES[family][1]
        code, x = write(x)
        calls.append(code)
    return calls, x


def layer_stack():
    """(family, input shape without the batch axis, layer calls, where the head is)"""
    family = kind_of({"vector": 3, "image": 3, "sequence": 3, "video": 1, "text": 1})
    if family == "text":
        shape = (pick(None, 6, 12),)
        embedding = layer("Embedding", pick(50, 1000), pick(4, 8))
        family, x = "sequence", {"rank": 3, "size": shape[0], "last": 8}
        calls, x = chain(family, x, rng.randint(0, 2))
        calls.insert(0, embedding)
    else:
        shape = FAMILIES[family][0]()
        x = {"rank": len(shape) + 1, "size": shape[0], "last": shape[-1]}
        calls, x = chain(family, x, rng.randint(1, 4))
    head = len(calls)
    if x["rank"] > 2 and FAMILIES[family][2] and rng.random() < 0.8:
        calls.append(FAMILIES[family][2]())
        calls += chain(family, {"rank": 2, "last": None}, rng.randint(0, 2))[0]
    return family, shape, calls, head


def sequential_code(family, shape, calls):
    lines = []
    dense = [i for i, c in enumerate(calls) if c.startswith("~Dense(")]
    if dense and rng.random() < 0.3:  # a size given by a name, as in num_classes = 38
        i = dense[-1]
        units = re.search(r"Dense\((\d+)", calls[i]).group(1)
        lines.append(f"num_classes = {units}")
        calls[i] = calls[i].replace(f"Dense({units}", "Dense(num_classes", 1)
    style = pick("Input", "input_shape", "build", "add")
    if style == "input_shape" and family == "vector" and "Embedding" not in calls[0]:
        style = pick("input_shape", "input_dim")
    if style in ("Input", "build"):
        lines.append("model = keras.Sequential([")
        if style == "Input":
            lines.append(f"    keras.Input(shape={shape!r}),")
        lines += [f"    {c}," for c in calls]
        lines.append("])")
        if style == "build":
            lines.append(f"model.build(input_shape={(None, *shape)!r})")
        return lines
    lines.append("model = keras.Sequential()")
    if style == "add":
        lines.append(f"model.add(keras.Input(shape={shape!r}))")
    else:
        extra = f"{style}={shape if style == 'input_shape' else shape[0]!r}"
        calls[0] = (
            calls[0][:-1] + ("" if calls[0].endswith("()") else ", ") + extra + ")"
        )
    lines += [f"model.add({c})" for c in calls]
    if family == "vector" and rng.random() < 0.5:  # layers added in a loop over a list
        lines.append(f"for units in {pick([64, 32], [16, 16, 8])!r}:")
        lines.append(f"    model.add({layer('Dense', '=units', activation='relu')})")
        lines.append(f"model.add({layer('Dense', 1)})")
    return lines


def block(family):
    """(definitions, lines that take x and leave their result in x)"""
    image, sequence = family == "image", family == "sequence"
    kind = kind_of(
        {"residual": 1, "branches": 1, "shared": 1, "loop": 1}
        | {"attention": 2 if sequence else 0, "nested": 3 if image else 0}
    )
    if kind == "residual":
        project = layer("Conv2D", 8, 1) if image else layer("Dense", 8)
        main = layer("Conv2D", 8, 3, padding="same") if image else layer("Dense", 8)
        add = pick("layers.add([x, shortcut])", "x + shortcut", "~Add()([shortcut, x])")
        return [], [f"shortcut = {project}(x)", f"x = {main}(x)", f"x = {add}"]
    if kind in ("branches", "shared"):
        if image:
            a = layer("Conv2D", 4, 1)
            b = layer("MaxPooling2D", 3, strides=1, padding="same")
        elif sequence:
            a, b = layer("Conv1D", 4, 1), layer("LSTM", 4, return_sequences=True)
        else:
            a, b = layer("Dense", 4), layer("Dense", 6, activation="relu")
        join = pick("layers.concatenate([a, b])", "~Concatenate()([a, b])")
        if kind == "shared":  # one layer called twice: its weights are counted once
            return [], [
                f"shared = {a}",
                "a = shared(x)",
                "b = shared(x)",
                f"x = {join}",
            ]
        return [], [f"a = {a}(x)", f"b = {b}(x)", f"x = {join}"]
    if kind == "attention":
        attention = layer("MultiHeadAttention", num_heads=pick(1, 2, 4), key_dim=8)
        add = "~LayerNormalization()(x + attention)"
        return [], [f"attention = {attention}(x, x)", f"x = {add}"]
    if kind == "nested":  # a Sequential called as a layer
        augment = "keras.Sequential([~RandomFlip(), ~RandomRotation(0.1)])"
        return [f"augment = {augment}", ""], ["x = augment(x)"]
    # a block written as a function, called in a loop
    main = layer("Conv2D", "=units", 3, padding="same") if image else "~Dense(units"
    definition = [
        "def dense_block(x, units, name):",
        f"    x = {main.rstrip(')')}, name=name + '_main')(x)",
        '    x = ~BatchNormalization(name=f"{name}_bn")(x)',
        '    return ~Activation("relu", name=name + "_relu")(x)',
        "",
    ]
    loop = ["for i in range(2):", '    x = dense_block(x, 8 * (i + 1), f"block{i}")']
    return definition, loop


def functional_code(family, shape, calls, head):
    definitions, lines = [], [f"inputs = keras.Input(shape={shape!r})", "x = inputs"]
    at = rng.randint(0, head)
    for i, call in enumerate([*calls, None]):
        if i == at:
            more, block_lines = block(family)
            definitions += more
            lines += block_lines
        if call:
            lines.append(f"x = {call}(x)")
    if rng.random() < 0.3:  # a second input joined near the end, and two outputs
        if not re.match(r"~(Dense|Flatten|Global|LSTM\(8\))", calls[-1]):
            lines.append(f"x = {layer('Flatten')}(x)")
        lines[1:1] = ['extra = keras.Input(shape=(3,), name="extra")']
        lines.append("x = layers.concatenate([x, extra])")
        lines.append(f"score = {layer('Dense', 1, name='score')}(x)")
        lines.append(f"label = {layer('Dense', 5, activation='softmax')}(x)")
        lines.append("outputs = [score, label]")
        lines.append("model = keras.Model(inputs=[inputs, extra], outputs=outputs)")
    else:
        lines.append(f"outputs = {layer('Dense', pick(1, 10))}(x)")
        lines.append(
            pick(
                "model = keras.Model(inputs, outputs)",
                "model = keras.Model(inputs=inputs, outputs=outputs, name='net')",
            )
        )
    return definitions + lines


def code(family, shape, calls, head):
    if rng.random() < 0.55:
        lines = functional_code(family, shape, calls, head)
    else:
        lines = sequential_code(family, shape, calls)
    prefix = pick("tf.keras.layers.", "keras.layers.", "layers.", "layers.", "")
    lines = [line.replace("~", prefix).replace("'", '"') for line in lines]
    if prefix == "":  # after `from tensorflow.keras.layers import *`
        lines = [line.replace("layers.", "") for line in lines]
    wrap = pick("", "", "", "def", "def", "with")
    if wrap == "def":  # the model built by a function, as scripts often do
        start = next(
            i
            for i, line in enumerate(lines)
            if "Input(" in line or "Sequential(" in line
        )
        body = [
            line.replace(f"shape={shape!r}", "shape=input_shape")
            for line in lines[start:]
        ]
        argument = pick("", f"{shape!r}", f"input_shape={shape!r}")
        lines = lines[:start] + [f"def build_model(input_shape={shape!r}):"]
        lines += [f"    {line}" if line else "" for line in body]
        lines += ["    return model", "", f"model = build_model({argument})"]
    elif wrap == "with":
        indented = [f"    {line}" if line else "" for line in lines]
        lines = ["with tf.distribute.get_strategy().scope():", *indented]
    return "\n".join(lines)


for number in range(1, MODELS + 1):
    source = code(*layer_stack())
    print(f"## model {number}")
    print(source)
    fresh_session()
    scope = dict(namespace)
    try:
        exec(source, scope)
        name, rows, totals = summary_rows(scope["model"])
    except Exception as error:  # Keras refused the model: the calculator must too
        print(f"-> refused: {type(error).__name__}")
        continue
    print(f'-> Model: "{name}"')
    for row in rows:
        print("-> " + " | ".join(row))
    print("-> total {} | trainable {} | non-trainable {}".format(*totals))
