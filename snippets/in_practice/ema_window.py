import numpy as np
from tensorflow import keras

# After k updates, moving = momentum^k * start + sum over j < k of (1 - momentum) *
# momentum^j * batch[k - 1 - j]: the batch j steps back weighs (1 - momentum) *
# momentum^j.
for momentum in (0.9, 0.99, 0.999):
    window = round(1 / (1 - momentum))
    recent = 1 - momentum**window  # total weight of the last `window` batches
    print(
        f"momentum {momentum}: window 1/(1 - momentum) = {window} batches, "
        f"which carry {recent:.2f} of the weight; the last {3 * window} carry "
        f"{1 - momentum ** (3 * window):.2f}"
    )

# A cumulative average (every batch weighs the same) is a moving average whose momentum
# at update k is (k - 1) / k. Keras' layer has no such option; this loop sets the
# layer's momentum before each training-mode call.
keras.utils.set_random_seed(0)
batches = np.random.normal(loc=3.0, scale=2.0, size=(200, 8, 3)).astype("float32")
bn = keras.layers.BatchNormalization()
bn.build((None, 3))
for k, batch in enumerate(batches, start=1):
    bn.momentum = (k - 1) / k
    bn(batch, training=True)
mean_error = np.abs(bn.moving_mean.numpy() - batches.mean(axis=1).mean(axis=0)).max()
var_error = np.abs(bn.moving_variance.numpy() - batches.var(axis=1).mean(axis=0)).max()
print(
    f"momentum (k - 1)/k at step k, {len(batches)} batches: max |moving_mean - mean of "
    f"the batch means| {mean_error:.4f}, max |moving_variance - mean of the batch "
    f"variances| {var_error:.4f}"
)
