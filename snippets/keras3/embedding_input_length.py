import warnings

from tensorflow import keras

# Code written for Keras 2: the Embedding's input_length gives the model its input
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    model = keras.Sequential(
        [
            keras.layers.Embedding(50, 4, input_length=6),
            keras.layers.Flatten(),
            keras.layers.Dense(1),
        ]
    )
print("warnings:", len(caught))
for w in caught:
    print(f"{w.category.__name__}: {w.message}")
print("built with input_length=6:", model.built)

# The form that works in both: the input length in keras.Input
model = keras.Sequential(
    [
        keras.Input(shape=(6,)),
        keras.layers.Embedding(50, 4),
        keras.layers.Flatten(),
        keras.layers.Dense(1),
    ]
)
print(
    "built with keras.Input(shape=(6,)):", model.built, "params:", model.count_params()
)
