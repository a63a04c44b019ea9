import math

import numpy as np
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


keras.utils.set_random_seed(0)
X = np.random.normal(size=(32, 4)).astype("float32")

dense = keras.layers.Dense(3, bias_initializer="random_normal")
bn = keras.layers.BatchNormalization()
with_bias = np.asarray(bn(dense(X), training=True))
print("bias:", dense.bias.numpy().round(4))

# Any bias b shifts every example of the batch by the same amount, and the batch mean by
# exactly b: BN subtracts it again. Zero it and the output does not change.
dense.bias.assign(np.zeros(3))
without_bias = np.asarray(bn(dense(X), training=True))

print("bias set to zero:", dense.bias.numpy() + 0.0)
print(
    "max |BN output with bias - without|:",
    order(np.abs(with_bias - without_bias).max()),
    "(tolerance 1e-05)",
)
