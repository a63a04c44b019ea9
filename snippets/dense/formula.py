import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)

net = keras.layers.Dense(3, activation="relu", bias_initializer="random_normal")
X = np.random.rand(8, 4).astype("float32")
out = np.asarray(net(X))

W, b = net.get_weights()
pre = X @ W + b  # the pre-activations
by_hand = np.maximum(pre, 0.0)  # f = ReLU

print("X @ W + b, before the ReLU:")
print(pre.round(4))
print("Dense(3) output:")
print(out.round(4))
# The same weights in a Dense layer without activation give the layer's pre-activations,
# so the check also covers the outputs the ReLU sets to 0.
linear = keras.layers.Dense(3)
linear.build(X.shape)
linear.set_weights([W, b])
print(f"pre-activations the ReLU keeps (> 0): {(pre > 0).sum()} of {pre.size}")
print(
    "max |Dense without activation - (X @ W + b)|: "
    f"{np.abs(np.asarray(linear(X)) - pre).max():.4f}"
)
print(
    f"max |Dense(3) output - relu(X @ W + b)|:      {np.abs(out - by_hand).max():.4f}"
)
