import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(8, 3)).astype("float32")

bn = keras.layers.BatchNormalization()  # momentum=0.99
bn.build(X.shape)
print("before: moving_mean", bn.moving_mean.numpy(), "moving_variance", bn.moving_variance.numpy())

bn(X, training=True)  # one training step updates the moving statistics

m = bn.momentum
expected_mean = m * 0.0 + (1 - m) * X.mean(axis=0)
biased = m * 1.0 + (1 - m) * X.var(axis=0)            # divide by n
unbiased = m * 1.0 + (1 - m) * X.var(axis=0, ddof=1)  # divide by n - 1
print("after one step:")
print("  moving_mean      ", bn.moving_mean.numpy().round(5))
print("  by the formula   ", expected_mean.round(5))
print("  moving_variance  ", bn.moving_variance.numpy().round(5))
print("  with biased var  ", biased.round(5))
print("  with unbiased var", unbiased.round(5))
print("Keras stores the", "biased" if np.allclose(bn.moving_variance, biased, atol=1e-6) else "unbiased", "batch variance")
