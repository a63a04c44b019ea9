import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
# new data, other statistics
X = np.random.normal(loc=3.0, size=(64, 8)).astype("float32")
y = np.random.randint(0, 2, size=(64, 1))

# A "pretrained" base: Dense + BN, whose moving statistics describe the old data.
base = keras.Sequential(
    [keras.Input(shape=(8,)), keras.layers.Dense(8), keras.layers.BatchNormalization()]
)
base_bn = base.layers[1]


def new_model(**call_args):
    """The new model on top of the base: base(inputs, **call_args), then a new head."""
    inputs = keras.Input(shape=(8,))
    outputs = keras.layers.Dense(1, activation="sigmoid")(base(inputs, **call_args))
    return keras.Model(inputs, outputs)


# Two models share the base: the recipe's, which calls it with training=False, and one
# that does not pass `training`, to tell apart what trainable=False and training=False
# each do.
with_false, without = new_model(training=False), new_model()


def train_and_check(stage, model, learning_rate):
    mean, var = base_bn.moving_mean.numpy(), base_bn.moving_variance.numpy()
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy"
    )
    model.fit(X, y, epochs=2, verbose=0)
    moved = max(
        np.abs(base_bn.moving_mean.numpy() - mean).max(),
        np.abs(base_bn.moving_variance.numpy() - var).max(),
    )
    print(f"{stage:<40} {len(model.trainable_weights):>9} {moved:>18.4f}")


print(f"{'stage':<40} {'trainable':>9} {'BN stats moved by':>18}")
base.trainable = False
train_and_check("1a. base frozen, training=False", with_false, 1e-3)
train_and_check("1b. base frozen, no training argument", without, 1e-3)

# Fine-tuning: unfreeze the base and recompile with a small learning rate. Now only
# training=False stands between fit()'s training=True and the BN layers, and Keras 3
# passes fit()'s training=True over it (by design: keras-team/keras issue 20285,
# resolved by pull request 20298, which changed the transfer-learning guide, not the
# code).
base.trainable = True
train_and_check("2a. base unfrozen, training=False", with_false, 1e-5)
train_and_check("2b. base unfrozen, no training argument", without, 1e-5)

# The transfer-learning guide's advice: after unfreezing, set trainable=False on each BN
# layer, which puts it in inference mode whatever `training` the model is called with.
for layer in base.layers:
    if isinstance(layer, keras.layers.BatchNormalization):
        layer.trainable = False
train_and_check("3. base unfrozen, BN layers frozen", with_false, 1e-5)
