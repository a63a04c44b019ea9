"""Random BatchNormalization cases, run by Keras: the reference the explorer is tested
against.

A seeded generator makes each case: a small batch (examples x features), a drift added
at every step, the layer's arguments, gamma and beta, and a few steps, each with its
call (layer(x, training=True), layer(x, training=False), model.fit(), model.predict())
and the layer's trainable flag. The batch of step t is the batch of step 0 plus t times
the drift. For every step this program prints what the explorer shows: the batch, its
mean and variance, x_hat and the output, the moving statistics before and after the
call, and the weights that fit() trains (its optimizer updates layer.trainable_weights).
fit() runs with a learning rate of 0, so that gamma and beta stay as set, as in the
explorer, which does not know the reader's loss.
"""

import numpy as np
import tensorflow as tf
from tensorflow import keras

CASES = 16
rng = np.random.default_rng(23)
CALLS = {
    "t": "layer(x, training=True)",
    "i": "layer(x, training=False)",
    "f": "model.fit(x)",
    "p": "model.predict(x)",
}


def numbers(values):
    return " ".join(f"{v:.4f}" for v in np.ravel(values))


def rows(matrix):
    return " / ".join(numbers(row) for row in matrix)


def keep_output(seen):
    """A loss that keeps the output of fit()'s forward pass (run eagerly)."""

    def loss(y_true, y_pred):
        seen.append(np.asarray(y_pred))
        return tf.reduce_mean(y_pred)

    return loss


def batch_moments(x):
    """The mean and variance the layer computes in training mode, read from a layer with
    momentum=0, whose moving statistics become those of the batch in one call."""
    probe = keras.layers.BatchNormalization(momentum=0.0, center=False, scale=False)
    probe(x, training=True)
    return probe.moving_mean.numpy(), probe.moving_variance.numpy()


def run(case):
    n, k = case["batch"].shape
    options = dict(momentum=case["momentum"], epsilon=case["epsilon"])
    layer = keras.layers.BatchNormalization(
        center=case["center"], scale=case["scale"], **options
    )
    # The same layer without gamma and beta: its output is x_hat
    plain = keras.layers.BatchNormalization(center=False, scale=False, **options)
    inputs = keras.Input(shape=(k,))
    model = keras.Model(inputs, [layer(inputs), plain(inputs)])
    if case["scale"]:
        layer.gamma.assign(case["gamma"])
    if case["center"]:
        layer.beta.assign(case["beta"])
    seen = []
    for step, (call, trainable) in enumerate(case["steps"]):
        x = (case["batch"] + step * case["drift"]).astype("float32")
        layer.trainable = plain.trainable = trainable
        # compiled after trainable is set, as Keras asks; learning rate 0: fit() keeps
        # gamma and beta as they were set, as the explorer does
        model.compile(
            optimizer=keras.optimizers.SGD(learning_rate=0.0),
            loss=[keep_output(seen), keep_output(seen)],
            run_eagerly=True,
        )
        before = layer.moving_mean.numpy(), layer.moving_variance.numpy()
        if call in "ti":
            outputs = layer(x, training=call == "t"), plain(x, training=call == "t")
        elif call == "p":
            outputs = model.predict(x, batch_size=n, verbose=0)
        else:
            seen.clear()
            model.fit(x, [x, x], batch_size=n, epochs=1, shuffle=False, verbose=0)
            outputs = seen
        output, x_hat = (np.asarray(o) for o in outputs)
        listed = {id(w) for w in layer.trainable_weights}
        weights = [("gamma", layer.gamma), ("beta", layer.beta)]
        trained = [name for name, w in weights if w is not None and id(w) in listed]
        mean, variance = batch_moments(x)
        print(f"step {step}: trainable={trainable}, {CALLS[call]}")
        print(f"  batch: {rows(x)}")
        print(f"  batch mean: {numbers(mean)}")
        print(f"  batch variance: {numbers(variance)}")
        print(f"  x_hat: {rows(x_hat)}")
        print(f"  output: {rows(output)}")
        print("  moving mean:", numbers(before[0]), "->", numbers(layer.moving_mean))
        variance_after = numbers(layer.moving_variance)
        print("  moving variance:", numbers(before[1]), "->", variance_after)
        print(f"  fit() trains: {', '.join(trained) or 'nothing'}")


def random_case():
    n, k = int(rng.integers(2, 7)), int(rng.integers(1, 4))
    mean = rng.uniform(-3, 3, size=k).round(1)
    spread = rng.uniform(0.3, 2.0, size=k).round(1)
    calls = rng.choice(list("ttttffiipp"), size=int(rng.integers(3, 6)))
    return {
        "batch": (mean + spread * rng.standard_normal((n, k))).round(2),
        "drift": rng.choice([0.0, 0.0, 0.1, -0.25, 0.5], size=k),
        "momentum": float(rng.choice([0.0, 0.5, 0.8, 0.9, 0.99, 1.0])),
        "epsilon": float(rng.choice([0.001, 0.01, 0.1, 1e-5])),
        "center": bool(rng.random() < 0.8),
        "scale": bool(rng.random() < 0.8),
        "gamma": rng.uniform(-2, 2, size=k).round(2),
        "beta": rng.uniform(-2, 2, size=k).round(2),
        "steps": [(str(c), bool(rng.random() < 0.75)) for c in calls],
    }


def special_cases():
    """One example; a feature whose values are all equal; then epsilon 0 on it."""
    one = random_case()
    one["batch"] = one["batch"][:1]
    flat = random_case()
    flat["batch"][:, 0] = 1.5
    zero = dict(flat, epsilon=0.0, steps=[("t", True), ("i", True)])
    return [one, flat, zero]


cases = [random_case() for _ in range(CASES - 3)] + special_cases()
for number, case in enumerate(cases, start=1):
    n, k = case["batch"].shape
    print(f"## case {number}: {n} examples x {k} features")
    print(
        f"momentum={case['momentum']}, epsilon={case['epsilon']}, "
        f"center={case['center']}, scale={case['scale']}"
    )
    print(f"gamma: {' '.join(map(repr, case['gamma'].tolist()))}")
    print(f"beta: {' '.join(map(repr, case['beta'].tolist()))}")
    print(f"batch at step 0: {' / '.join(map(repr, case['batch'].tolist()))}")
    print(f"drift per step: {' '.join(map(repr, case['drift'].tolist()))}")
    run(case)
