import numpy as np
from sklearn.datasets import (
    load_digits,
)  # ships with scikit-learn: nothing is downloaded
from tensorflow import keras
from tensorflow.keras import layers

X, y = load_digits(return_X_y=True)
X = (X * 16).astype(
    "float32"
)  # 0..256, like 8-bit pixels: unscaled, as such data often is
order = np.random.default_rng(0).permutation(len(X))
X_train, y_train = X[order[:1000]], y[order[:1000]]
X_val, y_val = X[order[1000:]], y[order[1000:]]
EPOCHS, BATCH = 1, 50  # a short run: 20 steps
steps = EPOCHS * len(X_train) // BATCH

for momentum in (0.99, 0.9):
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            layers.Dense(32),
            layers.BatchNormalization(momentum=momentum),
            layers.Activation("relu"),
            layers.Dense(32),
            layers.BatchNormalization(momentum=momentum),
            layers.Activation("relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.SGD(0.3), loss="sparse_categorical_crossentropy"
    )
    model.fit(X_train, y_train, batch_size=BATCH, epochs=EPOCHS, verbose=0)
    with_moving = (
        model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=1) == y_val
    ).mean()
    # The same weights, normalising with the statistics of the validation set itself
    with_batch = (
        np.asarray(model(X_val, training=True)).argmax(axis=1) == y_val
    ).mean()
    print(
        f"momentum {momentum}: after {steps} steps the moving statistics have moved "
        f"{1 - momentum**steps:.2f} of the way"
    )
    print(f"  validation accuracy, batch statistics (training=True): {with_batch:.2f}")
    print(f"  validation accuracy, predict() (moving statistics):    {with_moving:.2f}")
