import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
# Channels-first images: N, C, H, W = 16, 3, 8, 10. Each channel has its own level.
levels = np.array([-4.0, 0.0, 6.0], dtype="float32").reshape(1, 3, 1, 1)
x = np.random.normal(size=(16, 3, 8, 10)).astype("float32") + levels

for axis in (1, -1):
    bn = keras.layers.BatchNormalization(axis=axis)
    out = np.asarray(bn(x, training=True))
    print(
        f"axis={axis}: {bn.count_params()} parameters, gamma shape "
        f"{tuple(bn.gamma.shape)}"
    )
    print("  output mean per channel:", out.mean(axis=(0, 2, 3)).round(3) + 0.0)
    print("  output std per channel: ", out.std(axis=(0, 2, 3)).round(3))
