import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(2)])
model.compile(optimizer="adam", loss="mse")
model.fit(np.zeros((4, 3)), np.zeros((4, 2)), epochs=1, verbose=0)
model.summary()
