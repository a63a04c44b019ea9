import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)

model = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(10, activation="relu"),
        keras.layers.Dense(1, activation="softmax"),
    ]
)
X = np.random.normal(size=(5, 10)).astype("float32")

# softmax divides exp(z) by the sum of exp over the units: with one unit, exp(z) /
# exp(z).
print(model.predict(X, verbose=0).round(4).ravel())
