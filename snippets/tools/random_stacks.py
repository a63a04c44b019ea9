"""Random layer stacks, built by Keras: the reference the parameter calculator is
tested against.

A seeded generator writes each stack as model code, in the ways people write it
(Sequential([...]), model.add(...), input_shape=, input_dim=, keras.Input, model.build,
tf.keras.layers.X, keras.layers.X, layers.X or a bare X, a size given by a name, the
model built in a function or in a `with` block). Keras builds it and this program
prints, per stack, the code, then each layer's name, class, output shape and parameter
count and the totals, or the error with which Keras refused the stack.
"""

import math
import random
import re

import tensorflow as tf
from tensorflow import keras

STACKS = 40
rng = random.Random(0)
layers = keras.layers
namespace = {"keras": keras, "layers": layers, "tf": tf}
namespace.update(
    {name: getattr(layers, name) for name in dir(layers) if name[0].isupper()}
)


def fresh_session():
    """Layer names start again at dense, dense_1, ..., as in a new Python session."""
    # Keras 3: without its full garbage collection, which would take most of the time
    try:
        keras.utils.clear_session(free_memory=False)
    except (AttributeError, TypeError):  # Keras 2 has no keras.utils.clear_session
        keras.backend.clear_session()


def call(cls, *args, **kwargs):
    text = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{cls}({', '.join(text).replace(chr(39), chr(34))})"


def dense_layers(n):
    out = []
    for _ in range(n):
        kind = rng.choice(
            [
                "Dense",
                "Dense",
                "Dense",
                "BatchNormalization",
                "LayerNormalization",
                "Activation",
                "ReLU",
                "Softmax",
                "Dropout",
            ]
        )
        if kind == "Dense":
            kwargs = {}
            if rng.random() < 0.3:
                kwargs["activation"] = rng.choice(["relu", "softmax", "sigmoid"])
            if rng.random() < 0.2:
                kwargs["use_bias"] = False
            if rng.random() < 0.1:
                kwargs["trainable"] = False
            out.append(call("Dense", rng.choice([1, 2, 3, 8, 16, 38, 64]), **kwargs))
        elif kind == "BatchNormalization":
            kwargs = {}
            if rng.random() < 0.2:
                kwargs["center"] = False
            if rng.random() < 0.2:
                kwargs["scale"] = False
            out.append(call(kind, **kwargs))
        elif kind == "Activation":
            out.append(call(kind, rng.choice(["relu", "softmax", "tanh"])))
        elif kind == "Dropout":
            out.append(call(kind, rng.choice([0.2, 0.5])))
        else:
            out.append(call(kind))
    return out


def image_layers(n):
    out = []
    for _ in range(n):
        kind = rng.choice(
            [
                "Conv2D",
                "Conv2D",
                "MaxPooling2D",
                "AveragePooling2D",
                "BatchNormalization",
                "Activation",
                "Dropout",
            ]
        )
        if kind == "Conv2D":
            kernel = rng.choice([1, 3, 5, (3, 3), (1, 3), (7, 7)])
            kwargs = {}
            if rng.random() < 0.4:
                kwargs["strides"] = rng.choice([1, 2, (2, 1)])
            if rng.random() < 0.5:
                kwargs["padding"] = rng.choice(["same", "valid"])
            if rng.random() < 0.2:
                kwargs["use_bias"] = False
            out.append(call(kind, rng.choice([4, 8, 16, 32]), kernel, **kwargs))
        elif kind in ("MaxPooling2D", "AveragePooling2D"):
            kwargs = {}
            if rng.random() < 0.5:
                kwargs["pool_size"] = rng.choice([2, 3, (2, 2), (3, 2)])
            if rng.random() < 0.3:
                kwargs["strides"] = rng.choice([1, 2])
            if rng.random() < 0.4:
                kwargs["padding"] = rng.choice(["same", "valid"])
            out.append(call(kind, **kwargs))
        elif kind == "Activation":
            out.append(call(kind, "relu"))
        elif kind == "Dropout":
            out.append(call(kind, 0.25))
        else:
            out.append(call(kind))
    out.append(call(rng.choice(["Flatten", "GlobalAveragePooling2D"])))
    # a convolution after the spatial axes are gone: Keras refuses it
    if rng.random() < 0.2:
        out.append(call("Conv2D", 4, 3))
    return out + dense_layers(rng.randint(0, 2))


def sequence_layers(n):
    out = []
    for _ in range(n):
        kwargs = {}
        if rng.random() < 0.5:
            kwargs["padding"] = rng.choice(["same", "valid", "causal"])
        if rng.random() < 0.3:
            kwargs["strides"] = 2
        out.append(
            call("Conv1D", rng.choice([4, 8, 16]), rng.choice([1, 3, 5, 9]), **kwargs)
        )
    return out + [call("Flatten")] + dense_layers(rng.randint(0, 2))


def stack():
    """(input shape without the batch axis, [layer calls])"""
    family = rng.choice(["dense", "dense", "image", "image", "sequence", "embedding"])
    if family == "dense":
        return (rng.choice([1, 3, 10, 20, 784]),), dense_layers(rng.randint(1, 5))
    if family == "image":
        side = rng.choice([4, 6, 8, 12, 28])
        return (side, side, rng.choice([1, 3])), image_layers(rng.randint(1, 4))
    if family == "sequence":
        return (rng.choice([5, 10, 20]), rng.choice([1, 4])), sequence_layers(
            rng.randint(1, 3)
        )
    length = rng.choice([None, 6, 12])
    embedding = call("Embedding", rng.choice([50, 1000]), rng.choice([4, 8]))
    tail = rng.choice(
        [[call("Flatten")], [call("LayerNormalization"), call("Flatten")]]
    )
    return (length,), [embedding] + tail + dense_layers(rng.randint(1, 2))


def code(shape, calls):
    prefix = rng.choice(["tf.keras.layers.", "keras.layers.", "layers.", ""])
    calls = [prefix + c for c in calls]
    head = []
    dense = [i for i, c in enumerate(calls) if "Dense(" in c]
    if dense and rng.random() < 0.3:  # a size given by a name, as in num_classes = 38
        i = dense[-1]
        units = re.search(r"Dense\((\d+)", calls[i]).group(1)
        head.append(f"num_classes = {units}")
        calls[i] = calls[i].replace(f"Dense({units}", "Dense(num_classes", 1)
    # Embedding has its own input_dim
    takes_input_dim = len(shape) == 1 and shape[0] and "Embedding" not in calls[0]
    style = rng.choice(
        ["Input", "input_shape", "build"] + (["input_dim"] if takes_input_dim else [])
    )
    lines = head
    if style == "Input":
        lines.append("model = keras.Sequential([")
        lines.append(f"    keras.Input(shape={shape!r}),")
        lines += [f"    {c}," for c in calls]
        lines.append("])")
    elif style == "build":
        lines.append("model = keras.Sequential([")
        lines += [f"    {c}," for c in calls]
        lines.append("])")
        lines.append(f"model.build(input_shape={(None,) + shape!r})")
    else:
        lines.append("model = keras.Sequential()")
        extra = (
            f"input_shape={shape!r}"
            if style == "input_shape"
            else f"input_dim={shape[0]}"
        )
        first = calls[0][:-1] + ("" if calls[0].endswith("()") else ", ") + extra + ")"
        lines += [f"model.add({c})" for c in [first] + calls[1:]]
    wrap = rng.choice(["", "", "", "def", "with"])
    if wrap == "def":  # the model built in a function, as scripts often do
        lines = (
            ["def build_model():"]
            + [f"    {l}" for l in lines]
            + ["    return model", "", "model = build_model()"]
        )
    elif wrap == "with":
        lines = ["with tf.distribute.get_strategy().scope():"] + [
            f"    {l}" for l in lines
        ]
    return "\n".join(lines)


for number in range(1, STACKS + 1):
    source = code(*stack())
    print(f"## stack {number}")
    print(source)
    fresh_session()
    scope = dict(namespace)
    try:
        exec(source, scope)
        model = scope["model"]
        rows = [
            (
                layer.name,
                type(layer).__name__,
                tuple(layer.output.shape),
                layer.count_params(),
            )
            for layer in model.layers
        ]
    # Keras refused the stack: the calculator must refuse it too
    except Exception as error:
        print(f"-> refused: {type(error).__name__}")
        continue
    for name, cls, shape, count in rows:
        print(f"-> {name} | {cls} | {shape} | {count}")
    trainable = sum(math.prod(tuple(w.shape)) for w in model.trainable_weights)
    total = model.count_params()
    print(
        f"-> total {total} | trainable {trainable} | non-trainable {total - trainable}"
    )
