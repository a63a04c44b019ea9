import numpy as np
from tensorflow import keras

RATE = 0.5

# NumPy's numbers: the same under both versions
keras.utils.set_random_seed(0)
X = np.random.normal(loc=1.0, scale=1.0, size=(4096, 1)).astype("float32")
print("NumPy, first three values:", X[:3, 0].round(4))

# Keras' own random numbers: Dropout's mask, as in batchnorm/dropout_then_bn.py
out = np.asarray(keras.layers.Dropout(RATE)(X, training=True))
kept = out[:, 0] != 0
print("Dropout, first ten units kept (1) or dropped (0):", kept[:10].astype(int))
print(f"Dropout kept {kept.sum()} of {kept.size} units")
print(f"variance of Dropout's output / of its input: {out.var() / X.var():.2f}")

# An initializer's numbers
keras.utils.set_random_seed(0)
dense = keras.layers.Dense(3)
dense.build((None, 2))
print("Dense(3) on 2 inputs, first kernel row:", dense.kernel.numpy()[0].round(4))
