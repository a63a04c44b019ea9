import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)

net = keras.layers.Dense(3, activation="relu", bias_initializer="random_normal")
X = np.random.rand(2, 4).astype("float32")
out = np.asarray(net(X))

W, b = net.get_weights()
by_hand = np.maximum(X @ W + b, 0.0)  # f = ReLU

print("Dense(3) output:")
print(out.round(4))
print("relu(X @ W + b):")
print(by_hand.round(4))
print("same up to 1e-6:", np.allclose(out, by_hand, atol=1e-6))
