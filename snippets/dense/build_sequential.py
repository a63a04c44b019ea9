from tensorflow import keras

# Code common in course notes: a Sequential without an Input, built with model.build().
# The loop runs it four times, as a notebook cell run again in the same session.
# (TF 2.0's tf.keras printed `multiple` for a Sequential without an input shape:
# tensorflow/tensorflow issue 30770.)
for run in range(4):
    model = keras.Sequential(
        [
            keras.layers.Dense(2),
            keras.layers.Dense(2),
            keras.layers.Dense(2),
        ]
    )
    model.build(input_shape=[None, 3])
    print(f"run {run}: {model.name:<12} {[layer.name for layer in model.layers]}")
model.summary()
print("two more layers:", keras.layers.Dense(2).name, keras.layers.Dense(2).name)

keras.backend.clear_session()  # forgets every name handed out so far
model = keras.Sequential([keras.layers.Dense(2)])
print("after clear_session():", model.name, [layer.name for layer in model.layers])
