import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

# ships with scikit-learn: nothing is downloaded
X, y = load_digits(return_X_y=True)  # 1797 images of 8x8 pixels, values 0..16
X = (X / 16.0).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X, y = X[order], y[order]
X_train, y_train, X_val, y_val = X[:1200], y[:1200], X[1200:], y[1200:]
validation = tf.data.Dataset.from_tensor_slices((X_val, y_val)).batch(len(X_val))

VARIANTS = {
    "no BN": lambda: [layers.Dense(32, activation="relu")],
    "BN -> ReLU": lambda: [
        layers.Dense(32),
        layers.BatchNormalization(),
        layers.Activation("relu"),
    ],
    "ReLU -> BN": lambda: [
        layers.Dense(32, activation="relu"),
        layers.BatchNormalization(),
    ],
}
SEEDS, EPOCHS = range(5), 10  # raise both for a firmer answer
# plain SGD; the conclusion below is for this learning rate
LEARNING_RATE, BATCH = 0.05, 32
STEPS = -(-len(X_train) // BATCH)  # training steps per epoch

curves = {}
for name, block in VARIANTS.items():

    def build():
        return keras.Sequential(
            [
                keras.Input(shape=(64,)),
                *block(),
                *block(),
                layers.Dense(10, activation="softmax"),
            ]
        )

    # One compiled model per variant; each seed restarts it from that seed's initial
    # weights (a new model per seed would give the same result, only slower: Keras
    # retraces it). steps_per_execution runs a whole epoch in one call: the same steps,
    # less Python per step.
    model = build()
    model.compile(
        optimizer=keras.optimizers.SGD(LEARNING_RATE),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
        steps_per_execution=STEPS,
    )
    runs = []
    for seed in SEEDS:
        keras.utils.set_random_seed(seed)
        model.set_weights(build().get_weights())
        train = (
            tf.data.Dataset.from_tensor_slices((X_train, y_train))
            .shuffle(len(X_train), seed=seed)
            .batch(BATCH)
        )
        # shuffle=False: the dataset already shuffles itself, with the seed
        history = model.fit(
            train, validation_data=validation, epochs=EPOCHS, shuffle=False, verbose=0
        )
        runs.append(history.history["val_accuracy"])
    curves[name] = np.array(runs)

print(
    f"SGD, learning rate {LEARNING_RATE}, batches of {BATCH} ({STEPS} steps per epoch)"
)
print(
    f"after epoch 1, by the update formula at momentum 0.99: 1 - 0.99**{STEPS} = "
    f"{1 - 0.99**STEPS:.0%}, the batches' share in BN's moving statistics"
)
print(f"validation accuracy, mean ± std (ddof=1) over {len(SEEDS)} seeds")
print(f"{'':<12}" + "".join(f"{f'epoch {e}':>14}" for e in (1, 3, EPOCHS)))
for name, runs in curves.items():
    cells = "".join(
        f"{runs[:, e - 1].mean():>8.2f} ± {runs[:, e - 1].std(ddof=1):.2f}"
        for e in (1, 3, EPOCHS)
    )
    print(f"{name:<12}{cells}")

for name, runs in curves.items():
    epochs = np.arange(1, EPOCHS + 1)
    plt.plot(epochs, runs.mean(axis=0), marker="o", label=name)
    plt.fill_between(epochs, runs.min(axis=0), runs.max(axis=0), alpha=0.2)
plt.xlabel("epoch")
plt.ylabel("validation accuracy")
plt.title(f"Digits, Dense(32) x 2: mean, min and max over {len(SEEDS)} seeds")
plt.legend()
plt.savefig("bn_placement.png", dpi=100)
