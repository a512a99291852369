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

  public NDArray forward(NDArray x) {
    return linear(x, weight.get(), bias == null ? null : bias.get());
  }

  /** {@code x} (..., in), {@code w} (out, in), {@code b} (out) or null → (..., out). */
  public static NDArray linear(NDArray x, NDArray w, NDArray b) {
    NDArray y = x.matMul(w.transpose());
    return b == null ? y : y.addi(b);
  }
}
