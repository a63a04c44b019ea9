import math

import numpy as np
import tensorflow as tf
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


def bn_backward(dy, x, gamma, eps=1e-3):
    """Gradients of the loss for x, gamma and beta, given dy = dloss/dy (training mode).

    Ioffe and Szegedy (2015), section 3, written for a whole batch of m examples.
    """
    m = x.shape[0]
    mean, var = x.mean(axis=0), x.var(axis=0)
    x_hat = (x - mean) / np.sqrt(var + eps)
    dgamma = (dy * x_hat).sum(axis=0)
    dbeta = dy.sum(axis=0)
    dx = gamma / (m * np.sqrt(var + eps)) * (m * dy - dbeta - x_hat * dgamma)
    return dx, dgamma, dbeta


keras.utils.set_random_seed(0)
x = np.random.normal(loc=3.0, scale=2.0, size=(16, 4)).astype("float32")
# dloss/dy of some later layer
upstream = np.random.normal(size=(16, 4)).astype("float32")

bn = keras.layers.BatchNormalization()
bn.build(x.shape)
bn.gamma.assign(np.random.uniform(0.5, 2.0, 4))
bn.beta.assign(np.random.normal(size=4))

x_tf = tf.constant(x)
with tf.GradientTape() as tape:
    tape.watch(x_tf)
    loss = tf.reduce_sum(bn(x_tf, training=True) * upstream)
dx_tf, dgamma_tf, dbeta_tf = tape.gradient(loss, [x_tf, bn.gamma, bn.beta])

dx, dgamma, dbeta = bn_backward(
    upstream.astype("float64"), x.astype("float64"), bn.gamma.numpy()
)
for name, ours, theirs in [
    ("x", dx, dx_tf),
    ("gamma", dgamma, dgamma_tf),
    ("beta", dbeta, dbeta_tf),
]:
    print(
        f"max |GradientTape - NumPy| for {name}:",
        order(np.abs(np.asarray(theirs) - ours).max()),
    )
print("largest gradient for x:", np.abs(dx).max().round(2), "(tolerance 1e-05)")
