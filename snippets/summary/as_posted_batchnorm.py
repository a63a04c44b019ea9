from tensorflow import keras
from tensorflow.keras.layers import Activation, BatchNormalization, Dense

# The second model of the question: BatchNormalization between the first Dense and its
# ReLU.
model = keras.Sequential()
model.add(keras.Input(shape=(10,)))
model.add(Dense(20))
model.add(BatchNormalization())
model.add(Activation("relu"))
model.add(Dense(10))
model.add(Activation("relu"))
model.add(Dense(1))
model.add(Activation("softmax"))
model.summary()

bn = model.layers[1]
print("BatchNormalization parameters:", bn.count_params())
print(
    "  updated by the optimizer:    ",
    [w.name for w in bn.trainable_weights],
    sum(int(w.shape[0]) for w in bn.trainable_weights),
)
print(
    "  updated by the layer itself: ",
    [w.name for w in bn.non_trainable_weights],
    sum(int(w.shape[0]) for w in bn.non_trainable_weights),
)
