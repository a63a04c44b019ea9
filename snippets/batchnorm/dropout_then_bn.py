import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

keras.utils.set_random_seed(0)
RATE = 0.5

# 1. BN right after Dropout. One feature with mean 1 and variance 1.
X = np.random.normal(loc=1.0, scale=1.0, size=(4096, 1)).astype("float32")
dropout = layers.Dropout(RATE)
# momentum 0: keep the last batch's statistics
bn = layers.BatchNormalization(momentum=0.0)
# training: kept units are scaled by 1 / (1 - RATE)
bn(dropout(X, training=True), training=True)
# at inference Dropout passes X unchanged
stored, seen = bn.moving_variance.numpy()[0], X.var()
mu, var = X.mean(), X.var()
# Li et al., CVPR 2019: the variance shift
formula = ((var + mu**2) / (1 - RATE) - mu**2) / var
print("BN right after Dropout")
print(f"  variance stored in training / variance at inference: {stored / seen:.2f}")
print(f"  (sigma^2 + mu^2) / (1 - rate) - mu^2, over sigma^2:   {formula:.2f}")
out = np.asarray(bn(X, training=False))
print(f"  std of BN output at inference: {out.std():.2f} (1.0 expected)")

# 2. The anatomy network: Dense -> BN -> ReLU -> Dropout -> Dense -> BN. The second BN
# sees Dropout's output through a Dense layer. All BN layers keep their last batch
# (momentum 0).
net = [
    layers.Dense(512),
    layers.BatchNormalization(momentum=0.0),
    layers.Activation("relu"),
    layers.Dropout(RATE),
    layers.Dense(256),
    layers.BatchNormalization(momentum=0.0),
]
A = np.random.normal(size=(4096, 1120)).astype("float32")


def run(training):
    h = A
    for layer in net:
        h = layer(h, training=training)
    return np.asarray(h)


run(training=True)  # one training step stores each BN layer's batch statistics
h = A
for layer in net[:3]:  # Dropout's input at inference: the ReLU units
    h = layer(h, training=False)
relu = np.asarray(h)
mu, var = relu.mean(axis=0), relu.var(axis=0)
formula = ((var + mu**2) / (1 - RATE) - mu**2) / var
h = A
for layer in net[:5]:  # the input of the second BN, at inference
    h = layer(h, training=False)
ratio = net[5].moving_variance.numpy() / np.asarray(h).var(axis=0)
print("BN after Dropout -> Dense (second BN of the anatomy network), 256 features")
print(
    "  variance stored in training / variance at inference: "
    f"{ratio.mean():.2f} on average, "
    f"{ratio.min():.2f} to {ratio.max():.2f}"
)
print(
    "  the formula at Dropout's 512 inputs (ReLU units): "
    f"{formula.mean():.2f} on average"
)
print(
    "  std of BN output at inference: "
    f"{run(training=False).std(axis=0).mean():.2f} on average (1.0 expected)"
)
