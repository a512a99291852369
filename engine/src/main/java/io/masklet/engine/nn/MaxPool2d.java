package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Port of {@code torch.nn.MaxPool2d(kernel_size=k, stride=k, ceil_mode=False)} (no padding). */
public final class MaxPool2d {
  private MaxPool2d() {}

  /** {@code x} (B, C, H, W) → (B, C, floor(H/k), floor(W/k)). */
  public static NDArray maxPool2d(NDArray x, int kernel, int stride) {
    return x.getNDArrayInternal()
        .maxPool(new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
  }
}
