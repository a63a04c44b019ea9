import numpy as np
from tensorflow import keras

net = keras.layers.Dense(10)
net.build(input_shape=(None, 4))
print("built for 4 features, kernel:", tuple(net.kernel.shape))

try:
    net.build(input_shape=(None, 5))
    print("built again for 5 features, kernel:", tuple(net.kernel.shape))
except ValueError as err:
    print("ValueError:", err)

try:
    out = net(np.zeros((2, 5), dtype="float32"))
    print("called on 5 features, output:", tuple(out.shape))
except ValueError as err:
    print("ValueError:", err)
