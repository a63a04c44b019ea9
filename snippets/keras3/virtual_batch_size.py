import numpy as np
from tensorflow import keras


def normalise(groups):
    """Each group normalised with its own statistics; axis 0 runs within a group."""
    mean, var = groups.mean(axis=0), groups.var(axis=0)
    return (groups - mean) / np.sqrt(var + 1e-3)


keras.utils.set_random_seed(0)
x = np.random.normal(loc=2.0, size=(8, 3)).astype("float32")
# tf-keras reshapes the batch to (virtual_batch_size, -1, features) and normalises over
# the first axis: ghost batch j holds examples j, j + 2, j + 4, j + 6
strided = x.reshape(4, 2, 3)
consecutive = x.reshape(2, 4, 3).swapaxes(0, 1)  # examples 0 to 3, then 4 to 7
candidates = {
    "ghost batches of every second example": normalise(strided).reshape(8, 3),
    "examples 0-3 and 4-7 apart": normalise(consecutive).swapaxes(0, 1).reshape(8, 3),
    "the batch of 8 whole": normalise(x),
}

try:
    bn = keras.layers.BatchNormalization(virtual_batch_size=4)
    out = np.asarray(bn(x, training=True))
    print("BatchNormalization(virtual_batch_size=4), a batch of 8, training mode")
    for name, by_hand in candidates.items():
        print(f"  max |layer - {name}|: {np.abs(out - by_hand).max():.4f}")
except ValueError as err:
    print("ValueError:", err)
