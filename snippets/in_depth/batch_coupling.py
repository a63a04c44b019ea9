import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
# 4 examples, 3 features
x = tf.constant(np.random.normal(size=(4, 3)).astype("float32"))

for training in (True, False):
    bn = keras.layers.BatchNormalization()  # new: moving_mean 0, moving_variance 1
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        y = bn(x, training=training)
        outputs = [[y[i, f] for f in range(3)] for i in range(4)]
    # jacobian[i, f, j, g] = d y[i, f] / d x[j, g], one backward pass per output value
    jacobian = np.array(
        [[tape.gradient(out, x).numpy() for out in row] for row in outputs]
    )
    same = max(np.abs(jacobian[i, :, i, :]).max() for i in range(4))
    other = max(
        np.abs(jacobian[i, :, j, :]).max() for i in range(4) for j in range(4) if i != j
    )
    print(f"training={training}:")
    print("  max |dy_i/dx_i|, same example:  ", same.round(4))
    print("  max |dy_i/dx_j|, other examples:", other.round(4))
