import numpy as np
import tensorflow as tf
from tensorflow import keras

N, BATCH, EPOCHS = 4096, 32, 5  # 128 batches per epoch
SEEDS = 3  # raise for a tighter spread

bn = keras.layers.BatchNormalization()  # momentum=0.99
bn.build((None, 1))


# compiled: the 640 steps of a run take a fraction of a second
@tf.function(autograph=False)
def train(batches):
    def step(i):
        bn(batches[i], training=True)  # updates moving_mean and moving_variance
        return i + 1

    tf.while_loop(lambda i: i < tf.shape(batches)[0], step, [tf.constant(0)])


def moving_statistics(x, batch_indices):
    """moving_mean and moving_variance of a new layer after training-mode calls on the
    batches of x, in the order given, as fit() feeds them."""
    bn.moving_mean.assign(np.zeros(1, "float32"))  # as a newly built layer
    bn.moving_variance.assign(np.ones(1, "float32"))
    train(tf.constant(x[batch_indices]))
    return float(bn.moving_mean.numpy()[0]), float(bn.moving_variance.numpy()[0])


results = {
    "whole training set": [],
    "batches shuffled": [],
    "batches sorted by label": [],
}
for seed in range(SEEDS):
    keras.utils.set_random_seed(seed)
    labels = np.repeat([0, 1], N // 2)  # the data sorted by label, as files often are
    x = (4.0 * labels + np.random.normal(size=N)).astype("float32")[:, None]
    results["whole training set"].append((x.mean(), x.var()))
    shuffled = np.concatenate(
        [np.random.permutation(N).reshape(-1, BATCH) for _ in range(EPOCHS)]
    )
    results["batches shuffled"].append(moving_statistics(x, shuffled))
    in_order = np.tile(np.arange(N).reshape(-1, BATCH), (EPOCHS, 1))
    results["batches sorted by label"].append(moving_statistics(x, in_order))

print(
    f"{EPOCHS} epochs of {N // BATCH} batches of {BATCH}; mean ± std (ddof=1) over "
    f"{SEEDS} seeds"
)
for name, values in results.items():
    mean, var = np.array(values).T
    print(
        f"{name:<24} mean {mean.mean():.2f} ± {mean.std(ddof=1):.2f}   variance "
        f"{var.mean():.2f} ± {var.std(ddof=1):.2f}"
    )
