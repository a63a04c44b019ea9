import numpy as np
import tensorflow as tf
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(64, 1)).astype("float32")

bn = keras.layers.BatchNormalization()  # momentum=0.99; moving_mean starts at 0
bn.build(X.shape)
target = X.mean()  # every step sees the same batch, so the target does not move
# compiled: 300 steps, well under a second
train_step = tf.function(lambda: bn(X, training=True), autograph=False)

print(
    f"batch mean {target:.4f}; momentum {bn.momentum}, window 1/(1 - momentum) = "
    f"{1 / (1 - bn.momentum):.0f} steps"
)
print("steps k   moved (moving_mean / batch mean)   1 - momentum**k")
step = 0
for k in (1, 10, 100, 300):
    while step < k:
        train_step()
        step += 1
    moved = float(bn.moving_mean.numpy()[0]) / target
    print(f"{k:>7}   {moved:>34.4f}   {1 - bn.momentum**k:>15.4f}")
