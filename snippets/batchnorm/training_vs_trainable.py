import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(16, 3)).astype("float32")
MOVING_MEAN, MOVING_VAR = (
    1.0,
    4.0,
)  # far from the batch's statistics, so the two are easy to tell apart


def one_step(trainable, training):
    """One training step through a fresh BN layer and a Dense head, the same step in
    every case: the optimizer applies the gradient of the loss to all trainable weights,
    as fit() does."""
    bn = keras.layers.BatchNormalization()
    bn.build(X.shape)
    bn.moving_mean.assign([MOVING_MEAN] * 3)
    bn.moving_variance.assign([MOVING_VAR] * 3)
    bn.trainable = trainable
    watched = {
        "gamma": bn.gamma,
        "beta": bn.beta,
        "moving_mean": bn.moving_mean,
        "moving_variance": bn.moving_variance,
    }
    before = {name: np.array(w.numpy()) for name, w in watched.items()}

    head = keras.layers.Dense(
        1, kernel_initializer="ones"
    )  # the same head in every case
    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    with tf.GradientTape() as tape:
        y = bn(X, training=training)
        loss = tf.reduce_mean(
            head(y) ** 2
        )  # any loss whose gradient reaches gamma and beta
    weights = bn.trainable_weights + head.trainable_weights
    optimizer.apply_gradients(zip(tape.gradient(loss, weights), weights))
    out = np.asarray(y)

    # Which statistics normalised the batch? Compare the output with both formulas.
    eps = bn.epsilon
    with_batch = (X - X.mean(0)) / np.sqrt(X.var(0) + eps)
    with_moving = (X - MOVING_MEAN) / np.sqrt(MOVING_VAR + eps)
    change = {
        name: np.abs(watched[name].numpy() - old).max() for name, old in before.items()
    }
    return (
        len(bn.trainable_weights),  # the BN layer's weights the optimizer was given
        np.abs(out - with_batch).max(),
        np.abs(out - with_moving).max(),
        max(change["moving_mean"], change["moving_variance"]),
        max(change["gamma"], change["beta"]),
    )


print(
    "max |output - formula| with the batch's and with the moving statistics; "
    "max change of"
)
print(
    "moving_mean/moving_variance and of gamma/beta after one SGD step "
    "(learning rate 0.1)"
)
print(
    f"{'trainable':<10}{'training':<9}{'BN weights':>12}{'batch':>8}{'moving':>8}"
    f"{'moving stats':>14}{'gamma/beta':>12}"
)
for trainable in (True, False):
    for training in (True, False, None):
        n, batch, moving, stats, weights = one_step(trainable, training)
        print(
            f"{trainable!s:<10}{training!s:<9}{n:>12}{batch:>8.4f}{moving:>8.4f}"
            f"{stats:>14.4f}{weights:>12.4f}"
        )
