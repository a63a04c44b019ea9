import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(8, 3)).astype("float32")

bn = keras.layers.BatchNormalization()
bn.build(X.shape)
# Pretend training has already run: these are the statistics and weights it left.
bn.moving_mean.assign([4.0, 5.0, 6.0])
bn.moving_variance.assign([1.0, 4.0, 9.0])
bn.gamma.assign([1.5, 0.5, 2.0])
bn.beta.assign([0.5, -1.0, 2.0])
out = np.asarray(bn(X, training=False))

# Inference mode: the moving statistics, not the batch's, normalise.
mm, mv = bn.moving_mean.numpy(), bn.moving_variance.numpy()
by_hand = bn.gamma.numpy() * (X - mm) / np.sqrt(mv + bn.epsilon) + bn.beta.numpy()

error = np.abs(out - by_hand).max()
assert error < 1e-5, error
print(f"max |layer - by hand|: {error:.4f}")
print("first example in: ", X[0].round(4))
print("first example out:", out[0].round(4))
alone = np.asarray(bn(X[:1], training=False))
print(
    "first example alone, max difference from its output in the batch: "
    f"{np.abs(alone - out[:1]).max():.4f}"
)
