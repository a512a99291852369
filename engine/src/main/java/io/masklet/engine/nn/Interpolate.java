package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/**
 * {@code F.interpolate} on (B, C, H, W) tensors to an explicit output size, through libtorch's
 * own kernels (DJL exposes them as {@code interpolation(size, mode, alignCorners)} with libtorch's
 * mode numbering: 0 nearest, 1 linear, 2 bilinear, 3 bicubic).
 */
public final class Interpolate {
  private static final int NEAREST = 0;
  private static final int BILINEAR = 2;
  private static final int BICUBIC = 3;

  private Interpolate() {}

  /** {@code mode="nearest"}; for an integer upscale this equals {@code scale_factor=s}. */
  public static NDArray nearest(NDArray x, long outH, long outW) {
    return x.getNDArrayInternal().interpolation(new long[] {outH, outW}, NEAREST, false);
  }

  /** {@code mode="bilinear", align_corners=alignCorners, antialias=False}. */
  public static NDArray bilinear(NDArray x, long outH, long outW, boolean alignCorners) {
    return x.getNDArrayInternal().interpolation(new long[] {outH, outW}, BILINEAR, alignCorners);
  }

  /** {@code mode="bicubic", align_corners=False}: Keys cubic convolution with a = -0.75, as torch. */
  public static NDArray bicubic(NDArray x, long outH, long outW) {
    return x.getNDArrayInternal().interpolation(new long[] {outH, outW}, BICUBIC, false);
  }
}
