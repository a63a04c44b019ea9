import math

import numpy as np
import tensorflow as tf
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


def fold(kernel, bias, bn):
    """Kernel and bias of one layer that computes BN(x @ kernel + bias) in inference
    mode."""
    gamma, beta, mean, var = bn.get_weights()
    scale = gamma / np.sqrt(var + bn.epsilon)  # one factor per unit (the last axis)
    return kernel * scale, (bias - mean) * scale + beta


keras.utils.set_random_seed(0)
dense, bn = keras.layers.Dense(8), keras.layers.BatchNormalization()
original = keras.Sequential([keras.Input(shape=(4,)), dense, bn])
# Stand-ins for trained values, then BN frozen: inference mode, gamma and beta fixed
bn.set_weights(
    [
        np.random.uniform(0.5, 2.0, 8),
        np.random.normal(size=8),
        np.random.normal(size=8),
        np.random.uniform(0.5, 4.0, 8),
    ]
)
bn.trainable = False
folded = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8)])
folded.layers[0].set_weights(fold(*dense.get_weights(), bn))

x = np.random.normal(size=(64, 4)).astype("float32")
target = np.random.normal(size=(64, 8)).astype("float32")


def sgd_step(model, learning_rate=0.1):
    """One step of plain gradient descent on the mean squared error."""
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean((model(x, training=True) - target) ** 2)
    gradients = tape.gradient(loss, model.trainable_weights)
    for weight, gradient in zip(model.trainable_weights, gradients):
        weight.assign_sub(learning_rate * gradient)


def max_difference():
    """The largest difference between the two models' outputs (inference mode)."""
    return float(np.abs(np.asarray(original(x)) - np.asarray(folded(x))).max())


print("before training, max |original - folded|:", order(max_difference()))
sgd_step(original)
sgd_step(folded)
print("after one step on each:                  ", round(max_difference(), 4))
# Fold the trained original again: the two agree once more
folded.layers[0].set_weights(fold(*dense.get_weights(), bn))
print("the original folded again:               ", order(max_difference()))
print("(tolerance 1e-05)")
