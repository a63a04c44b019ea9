import numpy as np
from sklearn.datasets import load_digits
from tensorflow import keras
from tensorflow.keras import layers

X, y = load_digits(return_X_y=True)
X = (X / 16).astype("float32")
order = np.random.default_rng(0).permutation(len(X))
X_pre, y_pre = X[order[:1000]], y[order[:1000]]  # the data the base was trained on
X_new, y_new = (
    X[order[1000:1100]],
    y[order[1000:1100]],
)  # 100 new examples to fine-tune on
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


def val_accuracy():
    return (
        model.predict(X_val, batch_size=len(X_val), verbose=0).argmax(axis=1) == y_val
    ).mean()


print(f"pretrained:                            predict() accuracy {val_accuracy():.2f}")
for frozen_bn in (False, True):
    model.set_weights(pretrained)
    for layer in model.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = (
                not frozen_bn
            )  # trainable=False also keeps BN in inference mode
    model.compile(
        optimizer=keras.optimizers.SGD(0.001), loss="sparse_categorical_crossentropy"
    )
    keras.utils.set_random_seed(0)
    model.fit(X_new, y_new, batch_size=FINE_TUNE_BATCH, epochs=1, verbose=0)
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
