import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=1.0, scale=1.0, size=(4096, 1)).astype("float32")

dropout = keras.layers.Dropout(0.5)
bn = keras.layers.BatchNormalization(momentum=0.0)  # momentum 0: keep the last batch's statistics

# Training: BN sees dropout's output, whose variance is inflated (kept units are scaled by 2).
bn(dropout(X, training=True), training=True)
print("variance BN stored in training: ", bn.moving_variance.numpy().round(2))

# Inference: dropout passes everything through, so the variance is the data's own.
seen = np.asarray(dropout(X, training=False))
print("variance of its input at inference:", np.round(seen.var(axis=0), 2))

out = np.asarray(bn(seen, training=False))
print("std of BN output at inference: ", np.round(out.std(axis=0), 2), "(1.0 expected)")
