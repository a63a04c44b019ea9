from tensorflow import keras

net = keras.layers.Dense(10)

# No input has been seen yet, so Keras cannot know the kernel's first dimension.
try:
    net.bias
except AttributeError as err:
    print("AttributeError:", err)
print("get_weights():", net.get_weights())

net.build(input_shape=(None, 4))  # None: any batch size; 4 features
print("kernel:", tuple(net.kernel.shape))
print("bias:  ", tuple(net.bias.shape))
print("get_weights():", [w.shape for w in net.get_weights()])
