import numpy as np
from tensorflow import keras

keras.utils.set_random_seed(0)
# Four successive training batches of 8 examples with 3 features
batches = np.random.normal(loc=5.0, scale=2.0, size=(4, 8, 3)).astype("float32")

keras_bn = {m: keras.layers.BatchNormalization(momentum=m) for m in (0.9, 0.99)}
for bn in keras_bn.values():
    for batch in batches:
        bn(batch, training=True)


def torch_update(running, value, momentum=0.1):
    """PyTorch's update as its documentation writes it (torch.nn.BatchNorm1d):
    x_new = (1 - momentum) * x + momentum * x_t. Its momentum, 0.1 by default, is the
    weight of the NEW value."""
    return (1 - momentum) * running + momentum * value


# PyTorch starts at mean 0 and variance 1, as Keras does, and its running_var takes
# the unbiased batch variance (divided by m - 1)
running_mean, running_var, with_biased_var = np.zeros(3), np.ones(3), np.ones(3)
for batch in batches:
    running_mean = torch_update(running_mean, batch.mean(axis=0))
    running_var = torch_update(running_var, batch.var(axis=0, ddof=1))
    with_biased_var = torch_update(with_biased_var, batch.var(axis=0))

bn = keras_bn[0.9]
print("Keras momentum=0.9:    moving_mean     ", bn.moving_mean.numpy().round(4))
print("PyTorch momentum=0.1:  running_mean    ", running_mean.round(4))
print(f"  max difference: {np.abs(bn.moving_mean.numpy() - running_mean).max():.4f}")
print("Keras momentum=0.9:    moving_variance ", bn.moving_variance.numpy().round(4))
print("PyTorch momentum=0.1:  running_var     ", running_var.round(4))
print(
    "  max difference: "
    f"{np.abs(bn.moving_variance.numpy() - running_var).max():.4f}; with the biased "
    "variance in the same update: "
    f"{np.abs(bn.moving_variance.numpy() - with_biased_var).max():.4f}"
)
print(
    "Keras momentum=0.99 (its default): moving_mean",
    keras_bn[0.99].moving_mean.numpy().round(4),
)
print(f"epsilon: Keras {bn.epsilon}, PyTorch {1e-5}")
