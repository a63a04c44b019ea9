# requires: two-cpus
import numpy as np
import tensorflow as tf
from tensorflow import keras

# Two replicas on any machine: split the CPU into two logical devices. This must happen
# before TensorFlow starts its runtime, so it comes first.
cpu = tf.config.list_physical_devices("CPU")[0]
if tf.config.get_logical_device_configuration(cpu) is None:
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration()] * 2
    )

strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
print("replicas:", strategy.num_replicas_in_sync)

# A global batch of 8: replica 0 gets 4 examples around 0, replica 1 gets 4 around 10.
X = np.array(
    [[-1.0], [0.0], [0.0], [1.0], [9.0], [10.0], [10.0], [11.0]], dtype="float32"
)
per_replica = strategy.experimental_distribute_values_from_function(
    lambda ctx: X[
        4 * ctx.replica_id_in_sync_group : 4 * ctx.replica_id_in_sync_group + 4
    ]
)
print(
    "batch mean per replica:    ",
    [float(X[:4].mean()), float(X[4:].mean())],
    "global:",
    float(X.mean()),
)
print(
    "batch variance per replica:",
    [float(X[:4].var()), float(X[4:].var())],
    "global:",
    float(X.var()),
)
print("average of the replicas' variances:", float((X[:4].var() + X[4:].var()) / 2))

for synchronized in (False, True):
    with strategy.scope():
        # momentum 0: moving_variance keeps the variance this step normalised with
        bn = keras.layers.BatchNormalization(synchronized=synchronized, momentum=0.0)
        bn.build((None, 1))
    outputs = strategy.run(lambda x: bn(x, training=True), args=(per_replica,))
    local = [
        np.asarray(t).ravel().round(3) + 0.0
        for t in strategy.experimental_local_results(outputs)
    ]
    print(f"synchronized={synchronized}:")
    print("  replica 0 output:", local[0])
    print("  replica 1 output:", local[1])
    if synchronized:
        print(
            "  variance the layer used:",
            float(np.asarray(bn.moving_variance)[0].round(4)),
        )
