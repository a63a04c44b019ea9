import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

# ships with scikit-learn: nothing is downloaded
X, y = load_digits(return_X_y=True)
# 0..256, like 8-bit pixels: unscaled, as such data often is
X = (X * 16).astype("float32")
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
    # The update formula's share of the batches after `steps` updates, the rest being
    # the starting values 0 and 1 (batchnorm/ema_warmup.py checks it on a layer)
    print(
        f"momentum {momentum}: after {steps} steps, 1 - momentum**steps = "
        f"{1 - momentum**steps:.2f}"
    )
    print(f"  validation accuracy, batch statistics (training=True): {with_batch:.2f}")
    print(f"  validation accuracy, predict() (moving statistics):    {with_moving:.2f}")
