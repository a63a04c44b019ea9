import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

X, y = load_digits(return_X_y=True)
# unscaled, like 8-bit pixels: far from mean 0, variance 1
X = (X * 16).astype("float32")
loss_fn = keras.losses.SparseCategoricalCrossentropy()

for training in (None, True):  # None: the loop calls model(x), without the argument
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input(shape=(64,)),
            layers.Dense(16),
            layers.BatchNormalization(),
            layers.Activation("relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    bn = model.layers[1]
    optimizer = keras.optimizers.SGD(0.01)

    def forward(x):
        return model(x) if training is None else model(x, training=True)

    for step in range(5):
        xb, yb = X[step * 32 : (step + 1) * 32], y[step * 32 : (step + 1) * 32]
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, forward(xb))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))

    print("loop calls", "model(x):" if training is None else "model(x, training=True):")
    print(
        "  after 5 steps: max |moving_mean| "
        f"{np.abs(bn.moving_mean.numpy()).max():.2f}, "
        f"max |moving_variance - 1| {np.abs(bn.moving_variance.numpy() - 1).max():.2f}"
    )
    # The same batch, at the same weights: the loop's call against inference
    inference = model.predict(xb, verbose=0)
    print(
        "  loop's call vs predict(), same batch: max difference "
        f"{np.abs(forward(xb) - inference).max():.4f}"
    )
