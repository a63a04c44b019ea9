import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)

net = keras.layers.Dense(8)
X = np.random.rand(2, 5, 3).astype("float32")  # 2 sequences of 5 steps, 3 features
out = np.asarray(net(X))

print("X:     ", X.shape)
print("out:   ", out.shape)
print("kernel:", tuple(net.kernel.shape))

# The same kernel applied to the 10 rows one by one gives the same numbers.
rows = np.asarray(net(X.reshape(10, 3))).reshape(2, 5, 8)
print("max |out - row by row|:", f"{np.abs(out - rows).max():.4f}")
