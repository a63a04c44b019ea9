import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(8, 3)).astype("float32")

# Keras 3 computes the moments with ops.moments. tf-keras (Keras 2) sends 4-D and 5-D
# input to the fused kernel, tf.compat.v1.nn.fused_batch_norm, unless the layer is built
# with fused=False. The same 24 numbers twice: as 8 examples of 3 features (2-D, a Dense
# layer's output), and as 2 images of 2 x 2 pixels with 3 channels (4-D). Each feature
# has the same 8 values in both.
for name, inputs in (
    ("2-D input (8, 3)", X),
    ("4-D input (2, 2, 2, 3)", X.reshape(2, 2, 2, 3)),
):
    bn = keras.layers.BatchNormalization()  # momentum=0.99
    bn.build(inputs.shape)
    bn(inputs, training=True)  # one training step updates the moving statistics

    m = bn.momentum
    mean = m * 0.0 + (1 - m) * X.mean(axis=0)  # moving_mean starts at 0
    # moving_variance starts at 1; divide by n
    biased = m * 1.0 + (1 - m) * X.var(axis=0)
    unbiased = m * 1.0 + (1 - m) * X.var(axis=0, ddof=1)  # divide by n - 1
    stored = bn.moving_variance.numpy()
    print(name)
    print("  moving_mean          ", bn.moving_mean.numpy().round(5))
    print("  by the formula       ", mean.round(5))
    print("  moving_variance      ", stored.round(5))
    print("  with biased var      ", biased.round(5))
    print("  with unbiased var    ", unbiased.round(5))
    print(
        f"  max error: mean {np.abs(bn.moving_mean.numpy() - mean).max():.4f}, "
        f"biased {np.abs(stored - biased).max():.4f}, unbiased "
        f"{np.abs(stored - unbiased).max():.4f}"
    )
