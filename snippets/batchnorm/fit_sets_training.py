import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(64, 3)).astype("float32")
y = np.random.normal(size=(64, 1)).astype("float32")

model = keras.Sequential(
    [keras.Input(shape=(3,)), keras.layers.BatchNormalization(), keras.layers.Dense(1)]
)
model.compile(optimizer="sgd", loss="mse")
bn = model.layers[0]

model.predict(X, verbose=0)  # predict() runs with training=False
print("after predict():  moving_mean", bn.moving_mean.numpy().round(4))
model.evaluate(X, y, verbose=0)  # so does evaluate()
print("after evaluate(): moving_mean", bn.moving_mean.numpy().round(4))
# fit() runs with training=True: 4 steps of 16 examples, in order (shuffle=False)
model.fit(X, y, batch_size=16, epochs=1, shuffle=False, verbose=0)
print("after fit():      moving_mean", bn.moving_mean.numpy().round(4))

# The update formula applied to the four batches fit() saw, starting from 0 and 1.
mean, var = np.zeros(3), np.ones(3)
for batch in X.reshape(4, 16, 3):
    mean = bn.momentum * mean + (1 - bn.momentum) * batch.mean(axis=0)
    var = bn.momentum * var + (1 - bn.momentum) * batch.var(axis=0)
print("by the formula:   moving_mean", mean.round(4))
print(
    f"max error: moving_mean {np.abs(bn.moving_mean.numpy() - mean).max():.4f}, "
    f"moving_variance {np.abs(bn.moving_variance.numpy() - var).max():.4f}"
)
