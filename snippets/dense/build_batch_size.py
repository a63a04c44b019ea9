import numpy as np
from tensorflow import keras

for batch_size in (2, 64, None):
    model = keras.Sequential(
        [keras.layers.Dense(2), keras.layers.Dense(2), keras.layers.Dense(2)]
    )
    model.build((batch_size, 4))
    shapes = [tuple(w.shape) for w in model.weights]
    y = model(np.ones((5, 4), dtype="float32"))  # then called on a batch of 5
    print(
        f"build(({batch_size}, 4)): {model.count_params()} params {shapes}; "
        f"batch of 5 -> {tuple(y.shape)}"
    )
