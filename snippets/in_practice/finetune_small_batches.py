import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X_pre, y_pre = X[order[:1000]], y[order[:1000]]  # the data the base was trained on
# 100 new examples to fine-tune on
X_new, y_new = X[order[1000:1100]], y[order[1000:1100]]
X_val, y_val = X[order[1100:]], y[order[1100:]]
FINE_TUNE_BATCH = 2

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        # momentum 0.9: the short pretraining (100 steps) is enough for the moving
        # statistics to settle
        layers.Dense(32),
        layers.BatchNormalization(momentum=0.9),
        layers.Activation("relu"),
        layers.Dense(32),
        layers.BatchNormalization(momentum=0.9),
        layers.Activation("relu"),
        layers.Dense(10, activation="softmax"),
    ]
)
model.compile(
    optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy"
)
model.fit(X_pre, y_pre, batch_size=50, epochs=5, verbose=0)
pretrained = model.get_weights()
pretrained_variance = model.layers[1].moving_variance.numpy()  # the first BN layer's
bn_layers = [
    layer for layer in model.layers if isinstance(layer, layers.BatchNormalization)
]


def moving_statistics():
    return [(bn.moving_mean.numpy(), bn.moving_variance.numpy()) for bn in bn_layers]


pretrained_statistics = moving_statistics()


def val_accuracy():
    return (
        model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=1) == y_val
    ).mean()


print(f"pretrained:                            predict() accuracy {val_accuracy():.2f}")
for frozen_bn in (False, True):
    model.set_weights(pretrained)
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            # trainable=False also keeps BN in inference mode
            layer.trainable = not frozen_bn
    model.compile(
        optimizer=keras.optimizers.SGD(0.001), loss="sparse_categorical_crossentropy"
    )
    keras.utils.set_random_seed(0)
    model.fit(X_new, y_new, batch_size=FINE_TUNE_BATCH, epochs=1, verbose=0)
    if not frozen_bn:
        unfrozen_weights, unfrozen_statistics = model.get_weights(), moving_statistics()
    ratio = (model.layers[1].moving_variance.numpy() / pretrained_variance).mean()
    name = "BN frozen (trainable=False)" if frozen_bn else "BN unfrozen (training mode)"
    print(
        f"fine-tuned, batch {FINE_TUNE_BATCH}, {name}: predict() accuracy "
        f"{val_accuracy():.2f}"
    )
    print(
        "  first BN layer's moving_variance / pretrained, mean over features: "
        f"{ratio:.2f}"
    )

# The unfrozen run taken apart: its fine-tuned weights, with each BN layer's moving mean
# and moving variance taken from the fine-tuned or from the pretrained model
print(
    "unfrozen run, predict() accuracy with the BN layers' moving statistics taken from:"
)
model.set_weights(unfrozen_weights)
for mean_from, variance_from in [
    ("fine-tuned", "fine-tuned"),
    ("fine-tuned", "pretrained"),
    ("pretrained", "fine-tuned"),
    ("pretrained", "pretrained"),
]:
    sources = {"fine-tuned": unfrozen_statistics, "pretrained": pretrained_statistics}
    for bn, (mean, _), (_, variance) in zip(
        bn_layers, sources[mean_from], sources[variance_from]
    ):
        bn.moving_mean.assign(mean)
        bn.moving_variance.assign(variance)
    print(f"  mean {mean_from}, variance {variance_from}: {val_accuracy():.2f}")
