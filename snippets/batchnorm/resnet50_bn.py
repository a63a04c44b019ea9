import numpy as np
from tensorflow import keras

# weights=None: the architecture only, nothing is downloaded.
model = keras.applications.ResNet50(weights=None)

bn_layers = [l for l in model.layers if isinstance(l, keras.layers.BatchNormalization)]
# Sizes with NumPy: a shape is a tuple in Keras 3 and a TensorShape in Keras 2; np.prod
# reads both.
moving = sum(
    int(np.prod(l.moving_mean.shape)) + int(np.prod(l.moving_variance.shape))
    for l in bn_layers
)
non_trainable = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)

print("BatchNormalization layers:    ", len(bn_layers))
print("their moving_mean + variance: ", f"{moving:,}")
print("model's non-trainable params: ", f"{non_trainable:,}")
print("total params:                 ", f"{model.count_params():,}")
