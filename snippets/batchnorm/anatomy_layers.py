from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(1120,)),
        layers.Dense(512),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dropout(0.5),
        layers.Dense(256),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dropout(0.5),
        layers.Dense(38),
        layers.BatchNormalization(),
        layers.Activation("softmax"),
    ]
)

# model.layers does not list the Input: index 0 is the first Dense.
for i, layer in enumerate(model.layers):
    shapes = [w.shape for w in layer.get_weights()]
    print(f"layers[{i:>2}] {type(layer).__name__:<18} {shapes}")

print(
    "Dense layers at indices:",
    [i for i, layer in enumerate(model.layers) if isinstance(layer, layers.Dense)],
)
