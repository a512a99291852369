package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Port of {@code torch.nn.Conv2d} (square kernels, symmetric padding, groups). */
public final class Conv2d extends Module {
  private final Parameter weight;
  private final Parameter bias;
  private final int stride;
  private final int padding;
  private final int groups;

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
    this(inChannels, outChannels, kernelSize, stride, padding, 1, true);
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding,
      int groups, boolean withBias) {
    this.weight = param("weight", outChannels, inChannels / groups, kernelSize, kernelSize);
    this.bias = withBias ? param("bias", outChannels) : null;
    this.stride = stride;
    this.padding = padding;
    this.groups = groups;
  }

  public NDArray forward(NDArray x) {
    return conv2d(x, weight.get(), bias == null ? null : bias.get(), stride, padding, groups);
  }

  /** (Cout, Cin/groups, k, k). */
  public NDArray weight() {
    return weight.get();
  }

  /** (Cout), or null without bias. */
  public NDArray bias() {
    return bias == null ? null : bias.get();
  }

  /** Whether this is a pointwise (1×1, stride 1, no padding, one group) convolution. */
  public boolean isPointwise() {
    long[] ws = weight.get().getShape().getShape();
    return ws[2] == 1 && ws[3] == 1 && stride == 1 && padding == 0 && groups == 1;
  }

  /**
   * {@link #forward} for a pointwise convolution of a map stored channel-last (a (B, C, H, W)
   * view of (B, H, W, C) memory, as the Hiera trunk and the neck produce): a matmul over
   * channels, the result again such a view. libtorch's convolution on these views was the
   * slowest part of the neck (about 140 ms of a 1.7 s tiny encoder pass for ~7 GFLOP). Works
   * on any layout; on a contiguous NCHW input the matmul first copies it channel-last.
   */
  public NDArray forwardChannelsLast(NDArray x) {
    if (!isPointwise()) {
      throw new IllegalStateException("forwardChannelsLast needs a 1x1 convolution, stride 1,"
          + " no padding, one group; this one has weight " + weight.get().getShape());
    }
    long[] ws = weight.get().getShape().getShape();
    NDArray w2 = weight.get().reshape(ws[0], ws[1]); // (Cout, Cin, 1, 1) -> (Cout, Cin)
    w2.attach(x.getManager()); // a view handle: free it with the caller's scope
    return Linear.linear(x.transpose(0, 2, 3, 1), w2, bias == null ? null : bias.get()) // (B, H, W, Cout)
        .transpose(0, 3, 1, 2); // -> (B, Cout, H, W), a view
  }

  /** {@code x} (B, Cin, H, W), {@code w} (Cout, Cin/groups, k, k) → (B, Cout, H', W'). */
  public static NDArray conv2d(NDArray x, NDArray w, NDArray b, int stride, int padding, int groups) {
    return x.getNDArrayInternal()
        .convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
            new Shape(1, 1), groups)
        .singletonOrThrow();
  }
}
