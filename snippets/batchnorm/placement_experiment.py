# experiment: tolerance 0.07 (each mean and std may differ by this on another machine)
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

# ships with scikit-learn: nothing is downloaded
from sklearn.datasets import load_digits

X, y = load_digits(return_X_y=True)  # 1797 images of 8x8 pixels, values 0..16
X = (X / 16.0).astype("float32")
rng = np.random.default_rng(0)
order = rng.permutation(len(X))
X, y = X[order], y[order]
X_train, y_train, X_val, y_val = X[:1200], y[:1200], X[1200:], y[1200:]

# networks per variant, each with its own initial weights; raise both to be surer
NETS, EPOCHS = 48, 10
# plain SGD; the conclusion below is for this learning rate
LEARNING_RATE, BATCH = 0.05, 32
STEPS = -(-len(X_train) // BATCH)  # training steps per epoch
VARIANTS = ("no BN", "BN -> ReLU", "ReLU -> BN")


def per_net_dense(units, fan_in):
    """One Dense(units) per network: kernel (NETS, fan_in, units), Glorot-uniform like
    Dense, and a bias."""
    limit = np.sqrt(6 / (fan_in + units))
    return layers.EinsumDense(
        "bni,nio->bno",
        output_shape=(NETS, units),
        bias_axes="no",
        kernel_initializer=keras.initializers.RandomUniform(-limit, limit),
    )


def batch_norm(h):
    """BN of each feature of each network: BN normalises every column on its own."""
    h = layers.BatchNormalization()(layers.Reshape((NETS * 32,))(h))
    return layers.Reshape((NETS, 32))(h)


# The NETS networks of each variant, computed side by side as one wider model.
keras.utils.set_random_seed(0)
inputs = keras.Input(shape=(64,))
outputs = []
for variant in VARIANTS:
    h = layers.RepeatVector(NETS)(inputs)  # every network sees the same example
    for fan_in in (64, 32):
        h = per_net_dense(32, fan_in)(h)
        if variant == "BN -> ReLU":
            h = batch_norm(h)
        h = layers.Activation("relu")(h)
        if variant == "ReLU -> BN":
            h = batch_norm(h)
    outputs.append(layers.Activation("softmax")(per_net_dense(10, 32)(h)))
# (batch, 3 * NETS, 10)
model = keras.Model(inputs, layers.Concatenate(axis=1)(outputs))


# each network's own loss, summed: each gets exactly its own gradient
def summed_loss(y_true, y_pred):
    return tf.reduce_sum(
        keras.losses.sparse_categorical_crossentropy(y_true, y_pred), axis=-1
    )


model.compile(
    optimizer=keras.optimizers.SGD(LEARNING_RATE),
    loss=summed_loss,
    steps_per_execution=STEPS,
)
labels = np.repeat(y_train[:, None], len(VARIANTS) * NETS, axis=1)
accuracy = []  # per epoch: the validation accuracy of each network
for epoch in range(EPOCHS):
    # the same shuffled batches for every network
    batches = rng.permutation(len(X_train))
    model.fit(
        X_train[batches], labels[batches], batch_size=BATCH, shuffle=False, verbose=0
    )
    predicted = model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(-1)
    accuracy.append((predicted == y_val[:, None]).mean(axis=0).reshape(-1, NETS))
curves = np.array(accuracy).transpose(1, 2, 0)  # variant, network, epoch

print(
    f"SGD, learning rate {LEARNING_RATE}, batches of {BATCH} ({STEPS} steps per epoch)"
)
print(
    f"after epoch 1, by the update formula at momentum 0.99: 1 - 0.99**{STEPS} = "
    f"{1 - 0.99**STEPS:.0%}, the batches' share in BN's moving statistics"
)
print(f"validation accuracy, mean ± std (ddof=1) over {NETS} networks")
print(f"{'':<12}" + "".join(f"{f'epoch {e}':>14}" for e in (1, 3, EPOCHS)))
for name, runs in zip(VARIANTS, curves):
    cells = "".join(
        f"{runs[:, e - 1].mean():>8.2f} ± {runs[:, e - 1].std(ddof=1):.2f}"
        for e in (1, 3, EPOCHS)
    )
    print(f"{name:<12}{cells}")

for name, runs in zip(VARIANTS, curves):
    epochs = np.arange(1, EPOCHS + 1)
    plt.plot(epochs, runs.mean(axis=0), marker="o", label=name)
    plt.fill_between(epochs, runs.min(axis=0), runs.max(axis=0), alpha=0.2)
plt.xlabel("epoch")
plt.ylabel("validation accuracy")
plt.title(f"Digits, Dense(32) x 2: mean, min and max over {NETS} networks")
plt.legend()
plt.savefig("bn_placement.png", dpi=100)
