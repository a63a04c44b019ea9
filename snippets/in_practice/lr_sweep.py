# experiment: tolerance 0.08 (each mean and std may differ by this on another machine)
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

# ships with scikit-learn: nothing is downloaded
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

# networks per learning rate, each with its own initial weights: raise for the full run
NETS = 32
STEPS = 150  # training steps (batches of 32): raise too
LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
keras.utils.set_random_seed(0)
X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")
rng = np.random.default_rng(0)
order = rng.permutation(len(X))
X_train, y_train = X[order[:500]], y[order[:500]]
X_val, y_val = X[order[500:]], y[order[500:]]
# The batches, drawn once: every network sees the same examples in the same order.
epochs = -(-STEPS * 32 // len(X_train))
batches = np.concatenate([rng.permutation(len(X_train)) for _ in range(epochs)])
batches = batches[: STEPS * 32]
# networks per variant, computed side by side as one wider model
B = len(LEARNING_RATES) * NETS


def per_net_dense(units, fan_in):
    """One Dense(units) per network: kernel (B, fan_in, units), Glorot-uniform like
    Dense."""
    limit = np.sqrt(6 / (fan_in + units))
    return layers.EinsumDense(
        "bni,nio->bno",
        output_shape=(B, units),
        bias_axes="no",
        kernel_initializer=keras.initializers.RandomUniform(-limit, limit),
    )


inputs = keras.Input(shape=(64,))
outputs = []
# the same network, three Dense(32) layers, without and with BN
for with_bn in (False, True):
    h = layers.RepeatVector(B)(inputs)
    for fan_in in (64, 32, 32):
        h = per_net_dense(32, fan_in)(h)
        if with_bn:  # BN normalises each feature of each network on its own
            h = layers.Reshape((B * 32,))(h)
            h = layers.Reshape((B, 32))(layers.BatchNormalization()(h))
        h = layers.Activation("relu")(h)
    outputs.append(layers.Activation("softmax")(per_net_dense(10, 32)(h)))
model = keras.Model(inputs, layers.Concatenate(axis=1)(outputs))  # (batch, 2 * B, 10)

# Plain SGD steps by learning rate x gradient. With a learning rate of 1 and each
# network's loss multiplied by its own learning rate, each network takes exactly its own
# SGD step.
rates = np.tile(np.repeat(LEARNING_RATES, NETS), 2).astype("float32")


def weighted_loss(y_true, y_pred):
    return tf.reduce_sum(
        rates * keras.losses.sparse_categorical_crossentropy(y_true, y_pred), axis=-1
    )


model.compile(
    optimizer=keras.optimizers.SGD(1.0), loss=weighted_loss, steps_per_execution=STEPS
)
labels = np.repeat(y_train[:, None], 2 * B, axis=1)
model.fit(X_train[batches], labels[batches], batch_size=32, shuffle=False, verbose=0)
predicted = model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=-1)
accuracy = (predicted == y_val[:, None]).mean(axis=0)
accuracy = accuracy.reshape(2, len(LEARNING_RATES), NETS)

print(
    f"validation accuracy after {STEPS} steps of SGD, mean ± std over {NETS} networks"
)
print(f"{'learning rate':<14}" + "".join(f"{lr:>13}" for lr in LEARNING_RATES))
for name, acc in zip(("without BN", "with BN"), accuracy):
    print(
        f"{name:<14}" + "".join(f"{a.mean():>7.2f} ± {a.std(ddof=1):.2f}" for a in acc)
    )
    plt.errorbar(
        LEARNING_RATES,
        acc.mean(axis=1),
        yerr=acc.std(axis=1, ddof=1),
        marker="o",
        capsize=3,
        label=name,
    )
plt.xscale("log")
plt.xlabel("learning rate (plain SGD)")
plt.ylabel("validation accuracy")
plt.title(f"Digits, Dense(32) x 3: mean ± std over {NETS} networks")
plt.legend()
plt.savefig("lr_sweep.png", dpi=70)
