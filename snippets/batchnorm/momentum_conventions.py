import numpy as np

batch_means = np.array([2.0, 4.0, 3.0, 5.0])  # the mean of four successive batches

keras_momentum = 0.99  # Keras: weight of the OLD value
torch_momentum = (
    0.1  # PyTorch's default (torch.nn.BatchNorm1d): weight of the NEW value
)
torch_eps = 1e-5  # PyTorch's default epsilon; Keras' is 1e-3


def keras_update(moving, batch, momentum):
    return momentum * moving + (1 - momentum) * batch


def torch_update(running, batch, momentum):
    return (1 - momentum) * running + momentum * batch


k99 = k90 = t10 = 0.0
for b in batch_means:
    k99 = keras_update(k99, b, keras_momentum)
    k90 = keras_update(k90, b, 1 - torch_momentum)
    t10 = torch_update(t10, b, torch_momentum)

print(f"Keras momentum={keras_momentum}:   {k99:.4f}")
print(f"Keras momentum={1 - torch_momentum:.1f}:    {k90:.4f}")
print(f"PyTorch momentum={torch_momentum}:  {t10:.4f}")
print(f"epsilon: Keras {1e-3}, PyTorch {torch_eps}")
