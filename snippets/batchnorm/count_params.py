from tensorflow import keras

bn = keras.layers.BatchNormalization()
bn.build(input_shape=(None, 20))  # 20 features, for example the 20 units of a Dense(20)

for weight in bn.weights:
    print(f"{weight.name:<18} {tuple(weight.shape)}  trainable={weight.trainable}")
print("count_params():            ", bn.count_params())
print("trainable (gamma, beta):   ", sum(int(w.shape[0]) for w in bn.trainable_weights))
print(
    "non-trainable (moving_*):  ",
    sum(int(w.shape[0]) for w in bn.non_trainable_weights),
)
