import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(16, 3)).astype("float32")


def one_step(trainable, training):
    """One gradient step on a fresh BN layer; report what happened."""
    bn = keras.layers.BatchNormalization()
    bn.build(X.shape)
    bn.moving_mean.assign([1.0, 1.0, 1.0])  # far from the batch mean, so they are easy to tell apart
    bn.trainable = trainable
    gamma, beta, moving = bn.gamma.numpy(), bn.beta.numpy(), bn.moving_mean.numpy()

    optimizer = keras.optimizers.SGD(learning_rate=0.1)
    with tf.GradientTape() as tape:
        out = bn(X, training=training)
        loss = tf.reduce_sum(out**2)  # any loss whose gradient reaches gamma and beta
    if bn.trainable_weights:
        optimizer.apply_gradients(zip(tape.gradient(loss, bn.trainable_weights), bn.trainable_weights))

    batch = (X - X.mean(0)) / np.sqrt(X.var(0) + bn.epsilon)
    stats = "batch" if np.allclose(out, batch, atol=1e-4) else "moving"
    return (
        stats,
        "yes" if not np.allclose(bn.moving_mean.numpy(), moving) else "no",
        "yes" if not (np.allclose(bn.gamma.numpy(), gamma) and np.allclose(bn.beta.numpy(), beta)) else "no",
    )


print(f"{'trainable':<10} {'training':<9} {'normalised with':<16} {'moving stats change':<20} gamma/beta updated")
for trainable in (True, False):
    for training in (True, False, None):
        stats, moving, gamma = one_step(trainable, training)
        print(f"{trainable!s:<10} {training!s:<9} {stats:<16} {moving:<20} {gamma}")
