from tensorflow import keras


def count(use_bias):
    model = keras.Sequential(
        [
            keras.Input(shape=(10,)),
            keras.layers.Dense(20, use_bias=use_bias),
            keras.layers.BatchNormalization(),
            keras.layers.Activation("relu"),
        ]
    )
    dense = model.layers[0]
    return dense.count_params(), model.count_params()


for use_bias in (True, False):
    dense_params, total = count(use_bias)
    print(f"Dense(20, use_bias={use_bias!s:<5}): Dense {dense_params}, model {total}")
