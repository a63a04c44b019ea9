import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(8, 3)).astype("float32")

bn = keras.layers.BatchNormalization()
bn.build(X.shape)
bn.gamma.assign([1.0, 2.0, 0.5])
bn.beta.assign([0.0, 1.0, -1.0])
out = np.asarray(bn(X, training=True))

# Training mode: normalise with the statistics of this batch.
mean = X.mean(axis=0)
var = X.var(axis=0)  # biased: divides by the batch size
by_hand = bn.gamma.numpy() * (X - mean) / np.sqrt(var + bn.epsilon) + bn.beta.numpy()

print("batch mean:    ", mean.round(4))
print("batch variance:", var.round(4))
error = np.abs(out - by_hand).max()
assert error < 1e-5, error
print(f"max |layer - by hand|: {error:.4f}")
print("output mean per feature:", out.mean(axis=0).round(4) + 0.0, "(= beta)")
# The standard deviation is gamma * sqrt(var / (var + epsilon)): a little under gamma
print("output std / gamma:     ", (out.std(axis=0) / bn.gamma.numpy()).round(4))
print("sqrt(var / (var + eps)):", np.sqrt(var / (var + bn.epsilon)).round(4))
