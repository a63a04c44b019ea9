from tensorflow import keras

model = keras.Sequential(
    [
        keras.layers.Dense(2),
        keras.layers.Dense(2),
        keras.layers.Dense(2),
    ]
)
model.build(input_shape=(None, 3))
model.summary()
