from tensorflow import keras

model = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.BatchNormalization(),
        keras.layers.Dense(10, activation="relu"),
        keras.layers.Dense(1, activation="softmax"),
    ]
)
model.summary()
