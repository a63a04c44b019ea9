import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
# 8 values per channel
images = np.random.normal(scale=2.0, size=(2, 2, 2, 3)).astype("float32")
m = images.size // images.shape[-1]

# momentum=0: after one training step the moving variance is this batch's variance.
for name, x, axes in [
    ("4-D images", images, (0, 1, 2)),
    ("2-D features", images.reshape(m, 3), (0,)),
]:
    bn = keras.layers.BatchNormalization(momentum=0.0)
    out = np.asarray(bn(x, training=True))
    stored = bn.moving_variance.numpy()
    print(f"{name}:")
    print("  training-mode output std per channel:    ", out.std(axis=axes).round(4))
    print(
        "  moving_variance / biased batch variance: ",
        (stored / x.var(axis=axes)).round(4),
    )
print(f"m / (m - 1) for m = {m}:", round(m / (m - 1), 4))
