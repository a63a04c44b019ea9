import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(size=(32, 4)).astype("float32")

dense = keras.layers.Dense(3, bias_initializer="random_normal")
bn = keras.layers.BatchNormalization()
with_bias = np.asarray(bn(dense(X), training=True))
print("bias:", dense.bias.numpy().round(4))

# Any bias b shifts every example of the batch by the same amount, and the batch mean by
# exactly b: BN subtracts it again. Zero it and the output does not change.
dense.bias.assign(np.zeros(3))
without_bias = np.asarray(bn(dense(X), training=True))

print("bias set to zero:", dense.bias.numpy() + 0.0)
print(
    "BN output unchanged, within 1e-5:", np.allclose(with_bias, without_bias, atol=1e-5)
)
