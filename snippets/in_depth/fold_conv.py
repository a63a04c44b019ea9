import math

import numpy as np
from tensorflow import keras


def order(d):
    """The power of ten just above a (tiny) difference: float32 round-off, not a bug."""
    return "0.0" if d == 0 else f"< {10.0 ** (math.floor(math.log10(d)) + 1):.0e}"


def fold(kernel, bias, bn):
    """Kernel and bias of one layer that computes BN(conv(x) + bias) in inference
    mode."""
    gamma, beta, mean, var = bn.get_weights()
    # one factor per output channel (the last axis)
    scale = gamma / np.sqrt(var + bn.epsilon)
    return kernel * scale, (bias - mean) * scale + beta


def cnn(folded):
    """Conv2D-BN-ReLU twice, then pooling and Dense; without the BN layers when
    folded."""
    layers = [keras.Input(shape=(16, 16, 3))]
    for filters in (16, 32):
        # Before BN the convolution needs no bias; the folded one does.
        layers.append(keras.layers.Conv2D(filters, 3, use_bias=folded))
        if not folded:
            layers.append(keras.layers.BatchNormalization())
        layers.append(keras.layers.ReLU())
    layers += [keras.layers.GlobalAveragePooling2D(), keras.layers.Dense(10)]
    return keras.Sequential(layers)


keras.utils.set_random_seed(0)
model, folded = cnn(folded=False), cnn(folded=True)
convs = [l for l in model.layers if isinstance(l, keras.layers.Conv2D)]
bns = [l for l in model.layers if isinstance(l, keras.layers.BatchNormalization)]
for bn in bns:  # stand-ins for trained values
    c = bn.gamma.shape[0]
    bn.set_weights(
        [
            np.random.uniform(0.5, 2.0, c),
            np.random.normal(size=c),
            np.random.normal(size=c),
            np.random.uniform(0.5, 4.0, c),
        ]
    )

folded_convs = [l for l in folded.layers if isinstance(l, keras.layers.Conv2D)]
for conv, bn, target in zip(convs, bns, folded_convs):
    kernel = conv.kernel.numpy()  # (3, 3, C_in, C_out)
    target.set_weights(fold(kernel, np.zeros(kernel.shape[-1]), bn))
folded.layers[-1].set_weights(model.layers[-1].get_weights())

x = np.random.normal(size=(32, 16, 16, 3)).astype("float32")
reference = np.asarray(model(x, training=False))
print("largest output:", np.abs(reference).max().round(2))
diff = np.abs(reference - np.asarray(folded(x))).max()
print("inference mode, max |original - folded|:", order(diff), "(tolerance 1e-05)")
print(
    "training mode,  max |original - folded|:",
    np.abs(np.asarray(model(x, training=True)) - folded(x)).max().round(2),
)
print(
    "parameters:",
    model.count_params(),
    "->",
    folded.count_params(),
    f"({model.count_params() - folded.count_params()} fewer)",
)
print("BN parameters removed:", sum(bn.count_params() for bn in bns), "= 4 x (16 + 32)")
print("conv biases added:    ", sum(c.bias.shape[0] for c in folded_convs), "= 16 + 32")
