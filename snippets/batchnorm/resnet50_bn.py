from tensorflow import keras

# weights=None: the architecture only, nothing is downloaded.
model = keras.applications.ResNet50(weights=None)

bn_layers = [l for l in model.layers if isinstance(l, keras.layers.BatchNormalization)]
moving = sum(int(l.moving_mean.shape[0]) + int(l.moving_variance.shape[0]) for l in bn_layers)
non_trainable = sum(int(w.shape.num_elements()) for w in model.non_trainable_weights)

print("BatchNormalization layers:    ", len(bn_layers))
print("their moving_mean + variance: ", f"{moving:,}")
print("model's non-trainable params: ", f"{non_trainable:,}")
print("total params:                 ", f"{model.count_params():,}")
