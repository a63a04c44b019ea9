import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X_train, y_train = X[order[:1000]], y[order[:1000]]
X_val, y_val = X[order[1000:]], y[order[1000:]]
by_label = np.argsort(y_train, kind="stable")  # all the 0s, then all the 1s, ...
EPOCHS, BATCH = 2, 50

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(32),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.SGD(0.1),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
initial = model.get_weights()
bn = model.layers[1]

for name, x, labels, shuffle in [
    ("shuffled", X_train, y_train, True),
    ("sorted by label", X_train[by_label], y_train[by_label], False),
]:
    model.set_weights(initial)  # the same starting point for both runs
    keras.utils.set_random_seed(0)
    history = model.fit(
        x, labels, batch_size=BATCH, epochs=EPOCHS, shuffle=shuffle, verbose=0
    )
    # predict() first: the training=True call below moves the moving statistics
    moving = (
        model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=1) == y_val
    ).mean()
    batch_stats = (
        np.asarray(model(X_val, training=True)).argmax(axis=1) == y_val
    ).mean()
    print(f"{name}:")
    print(
        "  training accuracy reported by fit(), last epoch:                       "
        f"{history.history['accuracy'][-1]:.2f}"
    )
    print(
        "  validation accuracy, statistics of the validation set (training=True): "
        f"{batch_stats:.2f}"
    )
    print(
        "  validation accuracy, predict() (moving statistics):                    "
        f"{moving:.2f}"
    )
