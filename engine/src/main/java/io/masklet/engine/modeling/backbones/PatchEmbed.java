package io.masklet.engine.modeling.backbones;

import ai.djl.ndarray.NDArray;
import io.masklet.engine.nn.Conv2d;
import io.masklet.engine.nn.Module;

/**
 * Port of sam2/modeling/backbones/utils.py::PatchEmbed: a strided convolution that turns the
 * image into channel-last patch tokens.
 */
public final class PatchEmbed extends Module {
  /** Hiera's fixed patch embedding: kernel 7, stride 4, padding 3, RGB input. */
  public static final int KERNEL = 7;
  public static final int STRIDE = 4;
  public static final int PADDING = 3;
  public static final int IN_CHANS = 3;

  private final Conv2d proj;

  public PatchEmbed(int embedDim) {
    this.proj = child("proj", new Conv2d(IN_CHANS, embedDim, KERNEL, STRIDE, PADDING));
  }

  /** {@code x} (B, 3, H, W) → (B, H/4, W/4, embedDim). */
  public NDArray forward(NDArray x) {
    // (B, C, H, W) -> (B, H, W, C)
    return proj.forward(x).transpose(0, 2, 3, 1);
  }
}
