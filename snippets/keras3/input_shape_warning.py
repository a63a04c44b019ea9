import warnings

from tensorflow import keras

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential([keras.layers.Dense(2, input_shape=(3,))])

print("params:", model.count_params())
print("warnings:", len(caught))
for w in caught:
    print(f"{w.category.__name__}: {w.message}")
