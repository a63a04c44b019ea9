import math

import numpy as np
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


keras.utils.set_random_seed(0)
images = np.random.normal(size=(8, 6, 6, 3)).astype("float32")  # N, H, W, C_in

conv = keras.layers.Conv2D(16, 3, use_bias=False)
bn = keras.layers.BatchNormalization()
features = np.asarray(conv(images))  # (8, 4, 4, 16): 16 channels
out = np.asarray(bn(features, training=True))

print("conv output shape:", features.shape)
print("BN parameters:", bn.count_params(), "=", "4 x", bn.gamma.shape[0])
print(
    "gamma, beta, moving_mean, moving_variance:", [tuple(w.shape) for w in bn.weights]
)

# One mean and one variance per channel, over the batch and both spatial axes: 8 x 4 x 4
# values.
mean = features.mean(axis=(0, 1, 2))
var = features.var(axis=(0, 1, 2))
print("values per statistic:", features.size // features.shape[-1])
by_hand = (features - mean) / np.sqrt(var + bn.epsilon)  # gamma = 1, beta = 0 at first
print("max |layer - NumPy|:", order(np.abs(out - by_hand).max()), "(tolerance 1e-05)")
# The moving mean, from 0, took 1 - momentum = 1 - 0.99 of each channel's batch mean.
ratio = bn.moving_mean.numpy() / mean
print(
    "moving_mean / batch mean, lowest and highest of the 16:",
    ratio.min().round(4),
    ratio.max().round(4),
)

# A bias adds one constant per channel; the per-channel mean absorbs it and BN subtracts
# it.
with_bias = keras.layers.Conv2D(16, 3, bias_initializer="random_normal")
with_bias.build(images.shape)
with_bias.kernel.assign(conv.kernel)
print("max |conv bias|:", np.abs(with_bias.bias.numpy()).max().round(4))
diff = np.abs(np.asarray(bn(with_bias(images), training=True)) - out).max()
print("max |BN output with bias - without|:", order(diff), "(tolerance 1e-05)")
