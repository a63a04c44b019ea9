import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=3.0, size=(64, 8)).astype("float32")  # new data, other statistics
y = np.random.randint(0, 2, size=(64, 1))

# A "pretrained" base: Dense + BN, whose moving statistics describe the old data.
base = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(8), keras.layers.BatchNormalization()])
base_bn = base.layers[1]

# The pattern: freeze the base, and call it with training=False inside the new model.
base.trainable = False
inputs = keras.Input(shape=(8,))
features = base(inputs, training=False)
outputs = keras.layers.Dense(1, activation="sigmoid")(features)
model = keras.Model(inputs, outputs)


def train_and_check(stage, learning_rate):
    saved = base_bn.moving_mean.numpy()
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy")
    model.fit(X, y, epochs=2, verbose=0)
    kept = np.allclose(base_bn.moving_mean, saved)
    print(f"{stage:<34} trainable weights: {len(model.trainable_weights)}, BN statistics kept: {kept}")


train_and_check("1. base frozen", 1e-3)

# Fine-tuning: unfreeze the base and recompile with a small learning rate. Keras 3's fit()
# passes training=True down to the base, over the training=False above (keras-team/keras
# issue 20285), so its BN layers go back to training mode.
base.trainable = True
train_and_check("2. base unfrozen", 1e-5)

# Keep every BN layer frozen while the rest of the base trains: trainable=False also
# puts a BN layer in inference mode, whatever `training` the model is called with.
for layer in base.layers:
    if isinstance(layer, keras.layers.BatchNormalization):
        layer.trainable = False
train_and_check("3. base unfrozen, BN layers frozen", 1e-5)
