from tensorflow import keras

keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(32, 32, 3)),
        # BN follows: a bias would be cancelled
        keras.layers.Conv2D(32, 3, use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(),
        keras.layers.Conv2D(64, 3, use_bias=False),
        keras.layers.BatchNormalization(),
        keras.layers.ReLU(),
        keras.layers.MaxPooling2D(),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(10),
    ]
)
model.summary()

# The first convolution with its bias: 3 x 3 x 3 x 32 + 32.
with_bias = keras.layers.Conv2D(32, 3)
with_bias.build((None, 32, 32, 3))
print("Conv2D(32, 3) with a bias:", with_bias.count_params(), "parameters")

# Flatten instead of global pooling: the Dense layer gets every value of the last
# pooling output.
inputs = 6 * 6 * 64
after_flatten = keras.layers.Dense(10)
after_flatten.build((None, inputs))
print(
    f"Dense(10) after Flatten(): {inputs} inputs, {after_flatten.count_params()} "
    "parameters"
)
