import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
X = np.random.normal(loc=5.0, scale=2.0, size=(64, 3)).astype("float32")
y = np.random.normal(size=(64, 1)).astype("float32")

model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.BatchNormalization(), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
bn = model.layers[0]

model.predict(X, verbose=0)  # predict() runs with training=False
print("after predict():  moving_mean", bn.moving_mean.numpy().round(4))
model.evaluate(X, y, verbose=0)  # so does evaluate()
print("after evaluate(): moving_mean", bn.moving_mean.numpy().round(4))
model.fit(X, y, batch_size=16, epochs=1, verbose=0)  # fit() runs with training=True: 4 steps
print("after fit():      moving_mean", bn.moving_mean.numpy().round(4))
