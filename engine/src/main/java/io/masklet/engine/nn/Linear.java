package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/** Port of {@code torch.nn.Linear}: {@code y = x W^T + b} over the last dimension. */
public final class Linear extends Module {
  private final Parameter weight;
  private final Parameter bias;

  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true);
  }

  public Linear(int inFeatures, int outFeatures, boolean withBias) {
    weight = param("weight", outFeatures, inFeatures);
    bias = withBias ? param("bias", outFeatures) : null;
  }

  /** The (out, in) weight. */
  public NDArray weight() {
    return weight.get();
  }

  /** The (out) bias, or null without one. */
  public NDArray bias() {
    return bias == null ? null : bias.get();
  }

  public NDArray forward(NDArray x) {
    return linear(x, weight.get(), bias == null ? null : bias.get());
  }

  /** {@code x} (..., in), {@code w} (out, in), {@code b} (out) or null → (..., out). */
  public static NDArray linear(NDArray x, NDArray w, NDArray b) {
    // libtorch's own F.linear: same kernel as torch, and the result (like every temporary)
    // belongs to x's manager; w.transpose() would leave a handle in the weights' manager per call
    return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
  }
}
