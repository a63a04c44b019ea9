from tensorflow import keras

bn = keras.layers.BatchNormalization()
print("momentum:", bn.momentum)
print("epsilon: ", bn.epsilon)
print("axis:    ", bn.axis)
