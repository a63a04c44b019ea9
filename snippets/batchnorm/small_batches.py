import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
bn = keras.layers.BatchNormalization()
bn.build((None, 1))

# In training mode BN subtracts the batch mean. With one example, that is the example
# itself:
one = np.array([[3.7]], dtype="float32")
print("batch of 1, training=True: ", np.asarray(bn(one, training=True)).ravel() + 0.0)

# With two examples at a distance d, the outputs are -+ d / sqrt(d^2 + 4 epsilon): about
# -1 and +1 when d is much larger than 2 sqrt(epsilon) (0.063 with the default epsilon),
# nearer 0 otherwise.
for two in ([[3.7], [120.0]], [[3.7], [3.72]]):
    two = np.array(two, dtype="float32")
    d = float(two[1, 0] - two[0, 0])
    out = np.asarray(bn(two, training=True)).ravel()
    print(
        f"batch of 2, d = {d:<7.2f} training=True:  {out.round(3)}  "
        f"d / sqrt(d^2 + 4 eps) = {d / np.sqrt(d**2 + 4 * bn.epsilon):.3f}"
    )

# And the batch statistics that normalise (and feed the moving averages) get noisier
# as batches get smaller. Spread of the batch mean of N(5, 2^2) data, by batch size:
data = np.random.normal(loc=5.0, scale=2.0, size=(4096, 1)).astype("float32")
for size in (2, 8, 32, 128):
    means = data[: (len(data) // size) * size].reshape(-1, size).mean(axis=1)
    print(f"batch size {size:>3}: std of the batch mean {means.std():.2f}")
