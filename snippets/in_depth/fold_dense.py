import math

import numpy as np
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
model = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(64),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.Dense(3),
    ]
)
# Stand-ins for trained values: gamma, beta and moving statistics far from their
# defaults.
bn = model.layers[1]
bn.set_weights(
    [
        np.random.uniform(0.5, 2.0, 64),
        np.random.normal(size=64),
        np.random.normal(size=64),
        np.random.uniform(0.5, 4.0, 64),
    ]
)

folded = keras.Sequential(
    [
        keras.Input(shape=(20,)),
        keras.layers.Dense(64),
        keras.layers.ReLU(),
        keras.layers.Dense(3),
    ]
)
folded.layers[0].set_weights(fold(*model.layers[0].get_weights(), bn))
folded.layers[2].set_weights(model.layers[3].get_weights())

x = np.random.normal(size=(256, 20)).astype("float32")
reference = np.asarray(model(x, training=False))
print("largest output:", np.abs(reference).max().round(2))
diff = np.abs(reference - np.asarray(folded(x))).max()
print("inference mode, max |original - folded|:", order(diff), "(tolerance 1e-05)")
print(
    "training mode,  max |original - folded|:",
    np.abs(np.asarray(model(x, training=True)) - folded(x)).max().round(2),
)
print("parameters:", model.count_params(), "->", folded.count_params())
print(
    "removed:", model.count_params() - folded.count_params(), "= 4 x", bn.gamma.shape[0]
)
