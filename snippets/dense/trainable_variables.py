from tensorflow import keras

model = keras.Sequential(
    [
        keras.layers.Dense(2),
        keras.layers.Dense(2),
        keras.layers.Dense(2),
    ]
)
model.build(input_shape=(None, 3))

for variable in model.trainable_variables:
    print(f"{variable.name:<18} {tuple(variable.shape)}")
print("trainable variables:", len(model.trainable_variables))
print("parameters in them:", model.count_params())
