package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;

/** Resizing of (B, C, H, W) tensors like {@code torch.nn.functional.interpolate}. */
public final class Interpolate {
  /** DJL's code for bilinear in {@code NDArrayEx.interpolation} (libtorch's bilinear kernel). */
  private static final int DJL_BILINEAR = 1;

  private Interpolate() {}

  /**
   * {@code F.interpolate(x, (height, width), mode="bilinear", align_corners=False)} without
   * antialias: the kernel SAM uses to upsample mask logits. DJL always passes
   * {@code align_corners=False}, which is what every caller here needs.
   */
  public static NDArray bilinear(NDArray x, int height, int width) {
    if (x.getShape().dimension() != 4) {
      throw new IllegalArgumentException("bilinear resize needs (B, C, H, W), got " + x.getShape());
    }
    return x.getNDArrayInternal().interpolation(new long[] {height, width}, DJL_BILINEAR, false);
  }
}
