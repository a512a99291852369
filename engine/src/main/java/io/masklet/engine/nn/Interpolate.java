package io.masklet.engine.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Resizing of (B, C, H, W) tensors like {@code torch.nn.functional.interpolate}. */
public final class Interpolate {
  /**
   * DJL's codes for {@code NDArrayEx.interpolation} (its Java side maps 0 nearest, 1 bilinear,
   * 2 area, 3 an antialiased bicubic; align_corners is always False).
   */
  private static final int DJL_NEAREST = 0;
  private static final int DJL_BILINEAR = 1;
  /** torch's bicubic kernel parameter (Keys' cubic convolution). */
  private static final float CUBIC_A = -0.75f;

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

  /**
   * {@code F.interpolate(x, (height, width), mode="nearest")}: source index
   * floor(dst * in / out); for an integer upscale this equals {@code scale_factor=s}.
   */
  public static NDArray nearest(NDArray x, long height, long width) {
    if (x.getShape().dimension() != 4) {
      throw new IllegalArgumentException("nearest resize needs (B, C, H, W), got " + x.getShape());
    }
    return x.getNDArrayInternal().interpolation(new long[] {height, width}, DJL_NEAREST, false);
  }

  /**
   * {@code F.interpolate(x, (height, width), mode="bicubic", align_corners=False)}: Keys cubic
   * convolution with a = -0.75 and edge-clamped taps, as libtorch's upsample_bicubic2d (DJL's
   * own bicubic is the antialiased variant, which differs). Separable: the rows are
   * interpolated along x first, then along y, like torch's kernel, each as a matmul with a
   * sparse (out, in) weight matrix. Result in x's manager.
   */
  public static NDArray bicubic(NDArray x, long height, long width) {
    long[] s = x.getShape().getShape();
    if (s.length != 4) {
      throw new IllegalArgumentException("bicubic resize needs (B, C, H, W), got " + x.getShape());
    }
    // scoped: the weight matrices and the half-resized map must not stay in x's manager (x is
    // often a parameter, whose manager lives as long as the model)
    return Scoped.apply(x, in -> {
      NDArray wy = in.getManager().create(cubicWeights((int) s[2], (int) height),
          new Shape(height, s[2]));
      NDArray wxT = in.getManager().create(cubicWeights((int) s[3], (int) width),
          new Shape(width, s[3])).transpose();
      // (B, C, H, W) @ (W, w) -> (B, C, H, w); (h, H) @ (B, C, H, w) -> (B, C, h, w)
      return wy.matMul(in.matMul(wxT));
    });
  }

  /** Row-major (out, in) matrix of torch's bicubic taps for resizing {@code in} → {@code out}. */
  static float[] cubicWeights(int in, int out) {
    float[] m = new float[out * in];
    // torch: scale = in / out (as float), src = scale * (dst + 0.5) - 0.5, no clamp for cubic
    float scale = (float) in / out;
    for (int o = 0; o < out; o++) {
      float src = scale * (o + 0.5f) - 0.5f;
      int f = (int) Math.floor(src);
      float t = src - f;
      float[] c = {
          cubic2(t + 1f), cubic1(t), cubic1(1f - t), cubic2(2f - t)
      };
      for (int k = 0; k < 4; k++) {
        int idx = Math.min(Math.max(f - 1 + k, 0), in - 1);
        m[o * in + idx] += c[k];
      }
    }
    return m;
  }

  private static float cubic1(float x) {
    return ((CUBIC_A + 2) * x - (CUBIC_A + 3)) * x * x + 1;
  }

  private static float cubic2(float x) {
    return ((CUBIC_A * x - 5 * CUBIC_A) * x + 8 * CUBIC_A) * x - 4 * CUBIC_A;
  }
}
