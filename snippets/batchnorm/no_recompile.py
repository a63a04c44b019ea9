import warnings

import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=3.0, size=(64, 8)).astype("float32")
y = np.random.randint(0, 2, size=(64, 1))

base = keras.Sequential(
    [keras.Input(shape=(8,)), keras.layers.Dense(8), keras.layers.BatchNormalization()]
)
kernel, bn = base.layers[0].kernel, base.layers[1]
inputs = keras.Input(shape=(8,))
model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(base(inputs)))


def fit_and_measure(stage):
    before = kernel.numpy(), bn.moving_mean.numpy()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y, epochs=2, verbose=0)
    print(
        f"{stage:<38} {len(model.trainable_weights):>9} "
        f"{np.abs(kernel.numpy() - before[0]).max():>13.4f}"
        f" {np.abs(bn.moving_mean.numpy() - before[1]).max():>15.4f} {len(caught):>9}"
    )


print(
    f"{'stage':<38} {'trainable':>9} {'kernel moved':>13} {'BN mean moved':>15} "
    f"{'warnings':>9}"
)
base.trainable = False
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
fit_and_measure("1. base frozen, compiled")

base.trainable = True  # unfrozen, but compile() is not called again
fit_and_measure("2. base unfrozen, not recompiled")

model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy")
fit_and_measure("3. base unfrozen, compiled again")
