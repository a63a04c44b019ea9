# experiment: tolerance 0.08 (each mean and std may differ by this on another machine)
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# ships with scikit-learn: nothing is downloaded
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

# networks per normalisation, each with its own initial weights: raise for the full run
NETS = 64
STEPS = 100  # training steps per batch size: raise too
BATCH_SIZES = (2, 8, 32)
keras.utils.set_random_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X_train, y_train = X[order[:500]], y[order[:500]]
X_val, y_val = X[order[500:]], y[order[500:]]

# The NETS networks of one normalisation are computed side by side, as one wider model:
# their features sit in one row, network after network, and every layer keeps them
# apart. A BN layer normalises each feature on its own, so it needs nothing special.
# LayerNormalization normalises all the features of one example of one network: that is
# GroupNormalization with one group per network (checked below).
# GroupNormalization(groups=4) of each network is GroupNormalization(groups=4 * NETS) of
# the row.
NORMS = {
    "BatchNormalization": lambda: layers.BatchNormalization(),
    "BatchNormalization(renorm=True)": lambda: layers.BatchNormalization(renorm=True),
    "LayerNormalization": lambda: layers.GroupNormalization(groups=NETS),
    "GroupNormalization(groups=4)": lambda: layers.GroupNormalization(groups=4 * NETS),
}
# ghost BN, only Keras 2 (tf-keras) has it: batches of 32, normalised in groups of v
GHOST = {}
if hasattr(layers.BatchNormalization(), "virtual_batch_size"):
    GHOST = {
        f"ghost BN, virtual batch {v}": lambda v=v: layers.BatchNormalization(
            virtual_batch_size=v
        )
        for v in BATCH_SIZES
    }

row = np.random.default_rng(1).normal(size=(5, 32)).astype("float32")
gap = np.abs(
    np.asarray(layers.LayerNormalization()(row))
    - np.asarray(layers.GroupNormalization(groups=1)(row))
).max()
print(f"LayerNormalization vs GroupNormalization(groups=1): max difference {gap:.4f}")


def per_net_dense(units, fan_in):
    """One Dense(units) per network: kernel (NETS, fan_in, units), Glorot-uniform like
    Dense."""
    limit = np.sqrt(6 / (fan_in + units))
    return layers.EinsumDense(
        "bni,nio->bno",
        output_shape=(NETS, units),
        bias_axes="no",
        kernel_initializer=keras.initializers.RandomUniform(-limit, limit),
    )


def build(norms):
    """One model holding NETS networks per normalisation: Dense(32), norm, ReLU, twice,
    Dense(10)."""
    inputs = keras.Input(shape=(64,))
    outputs = []
    for norm in norms.values():
        # (batch, NETS, 64): every network sees the same example
        h = layers.RepeatVector(NETS)(inputs)
        for fan_in in (64, 32):
            h = per_net_dense(32, fan_in)(h)
            h = layers.Reshape((NETS, 32))(norm()(layers.Reshape((NETS * 32,))(h)))
            h = layers.Activation("relu")(h)
        outputs.append(layers.Activation("softmax")(per_net_dense(10, 32)(h)))
    # (batch, networks, 10)
    model = keras.Model(inputs, layers.Concatenate(axis=1)(outputs))
    model.compile(
        optimizer=keras.optimizers.SGD(0.1), loss=summed_loss, steps_per_execution=STEPS
    )
    return model


# each network's own loss, summed: each gets its own gradient
def summed_loss(y_true, y_pred):
    return tf.reduce_sum(
        keras.losses.sparse_categorical_crossentropy(y_true, y_pred), axis=-1
    )


def accuracies(model, initial, batch):
    """Train every network from its initial weights for STEPS steps; validation
    accuracy of each."""
    model.set_weights(initial)
    labels = np.repeat(y_train[:, None], model.output_shape[1], axis=1)
    # The batches, drawn once per batch size: every network sees the same examples.
    rng = np.random.default_rng(0)
    epochs = -(-STEPS * batch // len(X_train))
    batches = np.concatenate([rng.permutation(len(X_train)) for _ in range(epochs)])
    batches = batches[: STEPS * batch]
    model.fit(
        X_train[batches], labels[batches], batch_size=batch, shuffle=False, verbose=0
    )
    predicted = model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=-1)
    # one row per normalisation
    return (predicted == y_val[:, None]).mean(axis=0).reshape(-1, NETS)


# normalisation -> accuracies of its networks, per batch size
results = {name: [] for name in NORMS}
model = build(NORMS)
initial = model.get_weights()
for batch in BATCH_SIZES:
    for name, acc in zip(NORMS, accuracies(model, initial, batch)):
        results[name].append(acc)
if GHOST:
    ghost = build(GHOST)
    results["ghost BN (batches of 32)"] = list(
        accuracies(ghost, ghost.get_weights(), 32)
    )

print(f"validation accuracy after {STEPS} steps, mean ± std over {NETS} networks")
print(f"{'batch size':<32}" + "".join(f"{b:>13}" for b in BATCH_SIZES))
for name, accs in results.items():
    print(
        f"{name:<32}" + "".join(f"{a.mean():>7.2f} ± {a.std(ddof=1):.2f}" for a in accs)
    )
    plt.errorbar(
        BATCH_SIZES,
        [a.mean() for a in accs],
        yerr=[a.std(ddof=1) for a in accs],
        marker="o",
        capsize=3,
        label=name,
    )
plt.xscale("log", base=2)
plt.xticks(BATCH_SIZES, [str(b) for b in BATCH_SIZES])
plt.xlabel("batch size" + (" (ghost BN: virtual batch size)" if GHOST else ""))
plt.ylabel("validation accuracy")
plt.title(f"Digits, {STEPS} steps: mean ± std over {NETS} networks")
plt.legend(fontsize=8)
plt.savefig("small_batch_alternatives.png", dpi=70)
