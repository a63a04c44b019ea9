import numpy as np
from tensorflow import keras


class TwoDense(keras.Model):
    def __init__(self):
        super().__init__()
        self.hidden = keras.layers.Dense(4, activation="relu")
        self.out = keras.layers.Dense(2)

    def call(self, x):
        return self.out(self.hidden(x))


model = TwoDense()
# a subclassed model is built by its first call
model(np.zeros((1, 3), dtype="float32"))
last = model(np.zeros((5, 3), dtype="float32"))  # a second call, with a batch of 5
print("output shape of the last call:", tuple(last.shape))
model.summary()
