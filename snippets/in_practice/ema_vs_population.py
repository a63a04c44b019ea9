import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
# A training set of 4096 examples with 3 features of different means and spreads
x = (rng.normal(size=(4096, 3)) * [1.0, 2.0, 5.0] + [0.0, 3.0, -10.0]).astype("float32")
true_mean, true_var = x.mean(axis=0), x.var(axis=0)
M = 8  # examples per batch
batches = x.reshape(-1, M, 3)  # one epoch: 512 batches

print(
    "true training-set statistics: mean",
    true_mean.round(2),
    " variance",
    true_var.round(2),
)
for momentum in (0.99, 0.9):
    bn = keras.layers.BatchNormalization(momentum=momentum)
    # compiled: 512 calls in a blink
    update = tf.function(lambda batch: bn(batch, training=True))
    # one epoch in training mode: the moving statistics follow the batches
    for batch in batches:
        update(batch)
    print(
        f"moving statistics, momentum {momentum}: mean - true mean "
        f"{(bn.moving_mean.numpy() - true_mean).round(2)}"
        f"  variance / true variance {(bn.moving_variance.numpy() / true_var).round(2)}"
    )

# The paper's estimate: average the batch statistics over the epoch, variance times
# m/(m-1). var() divides by m, as BN does.
batch_means, batch_vars = batches.mean(axis=1), batches.var(axis=1)
paper_mean = batch_means.mean(axis=0)
print(
    f"paper's estimate: mean - true mean {(paper_mean - true_mean).round(2) + 0.0}"
    "  variance / true variance, uncorrected "
    f"{(batch_vars.mean(axis=0) / true_var).round(2)}"
    f", times m/(m-1) {(M / (M - 1) * batch_vars.mean(axis=0) / true_var).round(2)}"
)
print(f"(m-1)/m for m = {M}: {(M - 1) / M:.3f}")
