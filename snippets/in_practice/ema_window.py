import numpy as np

# After k updates, moving = momentum^k * start + sum over j < k of (1 - momentum) *
# momentum^j * batch[k - 1 - j]: the batch j steps back weighs (1 - momentum) *
# momentum^j.
for momentum in (0.9, 0.99, 0.999):
    window = round(1 / (1 - momentum))
    recent = 1 - momentum**window  # total weight of the last `window` batches
    print(
        f"momentum {momentum}: window 1/(1 - momentum) = {window} batches, "
        f"which carry {recent:.2f} of the weight; the last {3 * window} carry "
        f"{1 - momentum ** (3 * window):.2f}"
    )

# A cumulative average (every batch weighs the same) is a moving average whose momentum
# at update k is (k - 1) / k, where the fixed momentum of Keras' layer cannot go.
batch_means = np.random.default_rng(0).normal(size=500)
cumulative = 0.0
for k, m in enumerate(batch_means, start=1):
    cumulative = (k - 1) / k * cumulative + m / k
print(
    "cumulative average vs mean of all batch means: difference "
    f"{abs(cumulative - batch_means.mean()):.4f}"
)
