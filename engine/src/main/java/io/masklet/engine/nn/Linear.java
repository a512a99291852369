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

  /**
   * Below this many input or output features (and from {@link #SPLIT_BIAS_MIN_ROWS} rows on)
   * the bias is added after the matmul instead of inside it. libtorch adds a bias by
   * pre-filling the output and accumulating into it (addmm, beta = 1), which for such thin
   * matmuls costs as much as the matmul: measured on 2 cores, 10922×96→384 took 8.1 ms with the
   * bias inside and 5.0 ms with a separate add, 65536×96→288 43.6 ms and 33.0 ms; from 192
   * features on both sides the fused form is as fast or faster.
   */
  static final long SPLIT_BIAS_MAX_FEATURES = 128;
  static final long SPLIT_BIAS_MIN_ROWS = 1024;

  /** {@code x} (..., in), {@code w} (out, in), {@code b} (out) or null → (..., out). */
  public static NDArray linear(NDArray x, NDArray w, NDArray b) {
    // libtorch's own F.linear: same kernel as torch, and the result (like every temporary)
    // belongs to x's manager; w.transpose() would leave a handle in the weights' manager per call
    if (b != null && splitsBias(x, w)) {
      return x.getNDArrayInternal().linear(x, w, null).singletonOrThrow().addi(b);
    }
    return x.getNDArrayInternal().linear(x, w, b).singletonOrThrow();
  }

  private static boolean splitsBias(NDArray x, NDArray w) {
    long[] ws = w.getShape().getShape();
    if (Math.min(ws[0], ws[1]) > SPLIT_BIAS_MAX_FEATURES) {
      return false;
    }
    long rows = x.getShape().size() / Math.max(1, ws[1]);
    return rows >= SPLIT_BIAS_MIN_ROWS;
  }
}
