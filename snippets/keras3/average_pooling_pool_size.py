import numpy as np
from tensorflow import keras

images = np.zeros((1, 4, 4, 1), dtype="float32")
for cls, args in [
    (keras.layers.MaxPooling2D, ()),
    (keras.layers.AveragePooling2D, ()),
    (keras.layers.AveragePooling2D, (2,)),
]:
    code = f"{cls.__name__}({', '.join(map(str, args))})"
    try:
        pool = cls(*args)
        print(f"{code}: pool_size {pool.pool_size}, output {tuple(pool(images).shape)}")
    except TypeError as err:
        print(f"{code}: TypeError: {err}")
