from tensorflow import keras

print("inputs  units  inputs*units+units  count_params()")
for inputs, units in [(784, 512), (4, 10), (3, 2), (2, 2)]:
    net = keras.layers.Dense(units)
    net.build(input_shape=(None, inputs))
    # one weight per input and unit, one bias per unit
    by_formula = inputs * units + units
    print(f"{inputs:>6} {units:>6} {by_formula:>19} {net.count_params():>15}")
