import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(size=(5, 10)).astype("float32")

# Two classes, one unit: sigmoid gives P(class 1), trained with binary_crossentropy.
binary = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(10, activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ]
)
print("sigmoid, 1 unit:")
print(binary.predict(X, verbose=0).round(4).ravel())
print("output layer parameters:", binary.layers[-1].count_params())

# Or one unit per class with softmax, trained with (sparse_)categorical_crossentropy.
two_classes = keras.Sequential(
    [
        keras.Input(shape=(10,)),
        keras.layers.Dense(20, activation="relu"),
        keras.layers.Dense(10, activation="relu"),
        keras.layers.Dense(2, activation="softmax"),
    ]
)
print("softmax, 2 units (each row sums to 1):")
print(two_classes.predict(X, verbose=0).round(4))
print("output layer parameters:", two_classes.layers[-1].count_params())
