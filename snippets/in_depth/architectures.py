from tensorflow import keras

# weights=None: the architecture only, nothing is downloaded. include_top=False leaves
# out the 1000-class classifier. A convolution's parameters do not depend on the image
# size, so each model is built at the smallest input it accepts: the counts hold for any
# input size.
BUILDS = {
    "ResNet50": (keras.applications.ResNet50, (32, 32, 3)),
    "InceptionV3": (keras.applications.InceptionV3, (75, 75, 3)),
    "Xception": (keras.applications.Xception, (71, 71, 3)),
}

for name, (build, input_shape) in BUILDS.items():
    model = build(weights=None, include_top=False, input_shape=input_shape)
    bn_layers = [
        l for l in model.layers if isinstance(l, keras.layers.BatchNormalization)
    ]
    moving = [v for l in bn_layers for v in (l.moving_mean, l.moving_variance)]
    moving_ids = {id(v) for v in moving}
    non_trainable_ids = {id(v) for v in model.non_trainable_weights}
    trainable = sum(int(w.shape.num_elements()) for w in model.trainable_weights)
    non_trainable = sum(
        int(w.shape.num_elements()) for w in model.non_trainable_weights
    )
    print(name)
    print("  BatchNormalization layers:           ", len(bn_layers))
    print(
        "  of which without gamma (scale=False):", sum(not l.scale for l in bn_layers)
    )
    print(
        "  their moving_mean + moving_variance: ",
        f"{sum(int(v.shape[0]) for v in moving):,}",
    )
    print("  non-trainable params:                ", f"{non_trainable:,}")
    print(
        "  non-trainable weights not moving statistics:",
        len(non_trainable_ids - moving_ids),
    )
    print(
        "  moving statistics not non-trainable:        ",
        len(moving_ids - non_trainable_ids),
    )
    print("  trainable params:                    ", f"{trainable:,}")
    print("  count_params():                      ", f"{model.count_params():,}")
