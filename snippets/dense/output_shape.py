import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)

net = keras.layers.Dense(512)
X = np.random.rand(4, 784).astype("float32")  # 4 examples, 784 features each
out = net(X)  # the first call creates the weights from X's last axis

print("X:     ", X.shape)
print("out:   ", tuple(out.shape))
print("kernel:", tuple(net.kernel.shape))
print("bias:  ", tuple(net.bias.shape))
