import math

import numpy as np
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


def bn_forward(
    x, gamma, beta, moving_mean, moving_var, training, momentum=0.99, eps=1e-3
):
    """Batch normalisation over axis 0. Returns the output and the new moving
    statistics."""
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)  # the batch's, biased variance
        moving_mean = momentum * moving_mean + (1 - momentum) * mean
        moving_var = momentum * moving_var + (1 - momentum) * var
    else:
        mean, var = moving_mean, moving_var
    y = gamma * (x - mean) / np.sqrt(var + eps) + beta
    return y, moving_mean, moving_var


keras.utils.set_random_seed(0)
x = np.random.normal(loc=3.0, scale=2.0, size=(32, 4)).astype("float32")
gamma, beta = np.random.uniform(0.5, 2.0, 4), np.random.normal(size=4)
moving_mean, moving_var = np.random.normal(3.0, 1.0, 4), np.random.uniform(2.0, 6.0, 4)

bn = keras.layers.BatchNormalization()
bn.build(x.shape)
bn.set_weights([gamma, beta, moving_mean, moving_var])

# NumPy computes in float64, the layer in float32: the differences are float32
# round-off.
for training in (False, True):
    ours, new_mean, new_var = bn_forward(
        x.astype("float64"), gamma, beta, moving_mean, moving_var, training
    )
    theirs = np.asarray(bn(x, training=training))
    print(f"training={training}: largest output {np.abs(ours).max():.1f}")
    print("  max |Keras - NumPy|, output:         ", order(np.abs(theirs - ours).max()))
print(
    "  max |Keras - NumPy|, moving_mean:    ",
    order(np.abs(bn.moving_mean.numpy() - new_mean).max()),
)
print(
    "  max |Keras - NumPy|, moving_variance:",
    order(np.abs(bn.moving_variance.numpy() - new_var).max()),
)
print("tolerance: 1e-05")
