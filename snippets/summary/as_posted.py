import warnings

from tensorflow import keras
from tensorflow.keras.layers import Activation, Dense

# The first model of the question, as it was posted.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential()
    model.add(Dense(20, input_shape=(10,)))
    model.add(Activation("relu"))
    model.add(Dense(10))
    model.add(Activation("relu"))
    model.add(Dense(1))
    model.add(Activation("softmax"))

print("warnings:", len(caught))
for w in caught:
    print(f"{w.category.__name__}: {w.message}")
model.summary()
