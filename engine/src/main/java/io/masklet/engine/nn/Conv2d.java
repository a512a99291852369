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

  /** {@code x} (B, Cin, H, W), {@code w} (Cout, Cin/groups, k, k) → (B, Cout, H', W'). */
  public static NDArray conv2d(NDArray x, NDArray w, NDArray b, int stride, int padding, int groups) {
    return x.getNDArrayInternal()
        .convolution(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
            new Shape(1, 1), groups)
        .singletonOrThrow();
  }
}
