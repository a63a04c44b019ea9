import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(1,)), keras.layers.BatchNormalization()])
bn = model.layers[0]
bn.moving_mean.assign([10.0])  # as if training had left these statistics
bn.moving_variance.assign([4.0])
# batch mean 3, batch variance 5
x = np.array([[0.0], [2.0], [4.0], [6.0]], dtype="float32")


def moving():
    return (
        f"moving_mean {bn.moving_mean.numpy()[0]:.4f}, moving_variance "
        f"{bn.moving_variance.numpy()[0]:.4f}"
    )


print("before any call:                          ", moving())
out = np.asarray(model(x)).ravel()
print("model(x):                ", out.round(4), moving())
out = np.asarray(model(x, training=True)).ravel()
print("model(x, training=True): ", out.round(4), moving())
out = model.predict(x, verbose=0).ravel()
print("model.predict(x):        ", out.round(4), moving())
