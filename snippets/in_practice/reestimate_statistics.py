import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers


def reestimate_bn_statistics(model, x):
    """Replace each BN layer's moving statistics by the mean and variance of its
    inputs over x.

    One pass, layer by layer in inference mode: each BN layer sees its inputs as
    predict() will produce them, with the statistics of the layers before it already
    re-estimated.
    """
    h = x
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.moving_mean.assign(h.mean(axis=0))
            layer.moving_variance.assign(h.var(axis=0))
        h = np.asarray(layer(h, training=False))


X, y = load_digits(return_X_y=True)
X = (X * 16).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X_train, y_train = X[order[:1000]], y[order[:1000]]
X_val, y_val = X[order[1000:]], y[order[1000:]]

# The short run of the warm-up example: 20 steps at the default momentum, 0.99
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        layers.Dense(32),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dense(32),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.SGD(0.3), loss="sparse_categorical_crossentropy"
)
model.fit(X_train, y_train, batch_size=50, epochs=1, verbose=0)


def val_accuracy():
    return (
        model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=1) == y_val
    ).mean()


print(f"predict() accuracy, moving statistics after training: {val_accuracy():.2f}")
reestimate_bn_statistics(model, X_train)
print(
    "predict() accuracy, statistics re-estimated on the training set: "
    f"{val_accuracy():.2f}"
)
